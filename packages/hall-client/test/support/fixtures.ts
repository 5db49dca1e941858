/**
 * Valid hall data for the hall-client tests: cases and ratings that pass the core's schemas, built around the demo
 * hall (its code, windows, clerks, an item of the demo catalog and a licence holder as applicant).
 */
import {
  chinaDay,
  checkForm,
  formatCaseNumber,
  mergeItemForms,
  prefillForm,
  refusalGround,
  toChinaDate,
  ulid,
  type Applicant,
  type AuditEntry,
  type Case,
  type CaseItemFacts,
  type FormField,
  type FormValue,
  type FormValues,
  type Rating,
  type ServiceItem,
} from '@yichuang/core';
import { DEMO_HALL, demoCatalog } from '@yichuang/demo-catalog';
import type { Login, Mutation, MutationBase } from '@yichuang/hall-client';

/** Logins of the demo hall, by who they are. */
export const LOGINS = {
  clerk: { user: 'clerk01', password: 'yichuang-demo' },
  clerk2: { user: 'clerk02', password: 'yichuang-demo' },
  manager: { user: 'manager01', password: 'yichuang-manager' },
  kiosk: { deviceToken: 'demo-kiosk-token-0001' },
  display: { deviceToken: 'demo-display-token-0001' },
  pad: { deviceToken: 'demo-pad-token-01' },
  pad2: { deviceToken: 'demo-pad-token-02' },
  clerk3: { user: 'clerk03', password: 'yichuang-demo' },
} satisfies Record<string, Login>;
/** Key of {@link LOGINS}. */
export type Who = keyof typeof LOGINS;

export const HALL_CODE = DEMO_HALL.code;

/** A demo catalog item with at least two materials. */
const item = demoCatalog.items.find((candidate) => candidate.materials.length >= 2) ?? demoCatalog.items[0]!;

/** An answer a clerk could give to a field of this kind. */
function sampleAnswer(field: FormField): FormValue {
  switch (field.kind) {
    case 'number':
      return field.min ?? 1;
    case 'date':
      return '2026-12-01';
    case 'choice':
      return field.options?.[0] ?? '';
    case 'yes-no':
      return true;
    case 'phone':
      return '13812345678';
    case 'resident-id':
      return '11010519491231002X';
    case 'credit-code':
      return '91120000MA06A1B93T';
    default:
      return '示例';
  }
}

/**
 * Every field of the items' application forms answered, as a clerk would before accepting: what the window knows of
 * `applicant` pre-filled, a plausible answer for the rest.
 */
export function answeredForm(items: readonly CaseItemFacts[], applicant?: Applicant): FormValues {
  const fields = mergeItemForms(items);
  const known = prefillForm(fields, {}, { applicant });
  // What the window knows where it fits the field (a person's number does not fit a credit-code field).
  const { problems } = checkForm(fields, known);
  return Object.fromEntries(
    fields.map(({ field }) => {
      const prefilled = known[field.key];
      return [field.key, prefilled !== undefined && !problems[field.key] ? prefilled : sampleAnswer(field)];
    }),
  );
}

/** The statutory ground "not this authority's competence", as a case records it. */
function statutoryGround(items: readonly CaseItemFacts[]): Case['refusalGround'] {
  const ground = refusalGround(items, 'not-competent')!;
  return { id: ground.id, text: ground.text['zh-CN'] };
}

/** The GB 11643 check character of 17 digits. */
export function residentIdCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return '10X98765432'.charAt(sum % 11);
}

/** A valid resident identity number that no demo licence belongs to (born 1990-03-07 in 和平区). */
export const UNKNOWN_RESIDENT_ID = `12010119900307441${residentIdCheck('12010119900307441')}`;

let sequence = 0;

/** A case number of window 01 of the demo hall, today, never the same twice in a page. */
export function nextCaseNumber(window = '01', now = Date.now()): string {
  sequence += 1;
  return formatCaseNumber({ hall: HALL_CODE, date: chinaDay(now), window, seq: sequence });
}

/** The demo clerk who staffs a window (clerk01 at 01, clerk02 at 02 …). */
export function clerkOf(window: string): string {
  return DEMO_HALL.accounts.find((a) => 'window' in a && a.window === window)?.user ?? 'clerk01';
}

/**
 * An accepted case taken in at window 01 (or `patch.window`) by its clerk: the applicant is 刘洋 (a demo licence
 * holder), the item one of the demo catalog with its first two materials, on paper unless `attachments` gives SHA-256
 * hashes of files for the first material.
 */
export function makeCase(patch: Partial<Case> = {}, attachments: string[] = []): Case {
  const now = new Date();
  const at = now.toISOString();
  const window = patch.window ?? '01';
  const clerk = clerkOf(window);
  const items = patch.items ?? [{ itemId: item.id, version: item.version }];
  const applicant: Applicant = patch.applicant ?? {
    kind: 'person',
    name: '刘洋',
    idType: 'resident-id',
    idNumber: '120101198506201519',
    phone: '13812345678',
  };
  const facts = items.flatMap(({ itemId }) => demoCatalog.items.filter((i) => i.id === itemId));
  return {
    id: ulid(),
    number: nextCaseNumber(window, now.getTime()),
    hall: HALL_CODE,
    window,
    items,
    applicant,
    materials: item.materials.slice(0, 2).map((material, i) => ({
      materialId: material.id,
      itemIds: [item.id],
      receipt: i === 0 && attachments.length > 0 ? 'scan' : 'paper',
      copies: i === 0 && attachments.length > 0 ? 0 : 1,
      ...(i === 0 && attachments.length > 0 ? { attachments } : {}),
    })),
    form: answeredForm(facts, applicant),
    // A refusal rests on a ground of its items: the statutory "not this authority's competence" unless patched.
    ...(patch.status === 'refused' ? { refusalGround: statutoryGround(facts) } : {}),
    status: 'accepted',
    responsibleClerk: clerk,
    audit: [{ at, actor: clerk, window, action: 'accept', from: 'draft', to: 'accepted' }],
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

/** The China day `days` from today (`YYYY-MM-DD`). */
export const chinaDayIn = (days: number): string => toChinaDate(new Date(Date.now() + days * 86_400_000));

/**
 * A case of `item` accepted with tolerance at `window` (01 by default): its first tolerable material tolerated, the
 * other required ones received on paper, to be supplied by `due`.
 */
export function toleratedCase(item: ServiceItem, due: string, window = '01'): Case {
  const base = makeCase({ window, items: [{ itemId: item.id, version: item.version }] });
  const tolerable = item.materials.find((m) => m.tolerable)!;
  return {
    ...base,
    materials: item.materials
      .filter((m) => m.necessity === 'required')
      .map((m) =>
        m.id === tolerable.id
          ? { materialId: m.id, itemIds: [item.id], receipt: 'tolerated' as const, copies: 0 }
          : { materialId: m.id, itemIds: [item.id], receipt: 'paper' as const, copies: 1 },
      ),
    status: 'accepted-with-tolerance',
    supplementDue: due,
    audit: [{ ...base.audit[0]!, action: 'accept-with-tolerance', to: 'accepted-with-tolerance' }],
  };
}

/** A `case.save` mutation with a fresh id; `base`: the version (or mutation) it was based on, for a stored case. */
export function saveCase(value: Case, id = ulid(), base?: MutationBase): Mutation {
  return { id, kind: 'case.save', payload: value, ...(base === undefined ? {} : { base }) };
}

/**
 * The case moved on by its clerk: a later `updatedAt` and one more line of its trail (`forward` by default), with
 * `patch` applied.
 */
export function nextCase(value: Case, patch: Partial<Case> = {}, step: Partial<AuditEntry> = {}): Case {
  const at = new Date(Math.max(Date.now(), Date.parse(value.updatedAt) + 1)).toISOString();
  const to = patch.status ?? 'forwarded';
  return {
    ...value,
    status: to,
    updatedAt: at,
    audit: [
      ...value.audit,
      { at, actor: value.responsibleClerk, window: value.window, action: 'forward', from: value.status, to, ...step },
    ],
    ...patch,
  };
}

/** A rating at window 01's pad (or `patch.window`'s) for the window's clerk. */
export function makeRating(grade: Rating['grade'] = 5, patch: Partial<Rating> = {}): Rating {
  const window = patch.window ?? '01';
  return { id: ulid(), window, clerk: clerkOf(window), grade, at: new Date().toISOString(), channel: 'pad', ...patch };
}

/** A `rating.save` mutation with a fresh id. */
export function saveRating(value: Rating, id = ulid()): Mutation {
  return { id, kind: 'rating.save', payload: value };
}

/** `n` bytes covering every byte value, in a shuffled order. */
export function sampleBytes(n: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 131 + (i >> 8) * 17) & 255;
  return bytes;
}

/** SHA-256 of bytes, hex. */
export async function sha256Of(bytes: Uint8Array<ArrayBuffer> | Blob): Promise<string> {
  const data = bytes instanceof Blob ? await bytes.arrayBuffer() : bytes;
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
}

/** Canonical JSON (keys sorted, no white space), as the hall hashes licence documents. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
