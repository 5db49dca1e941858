/**
 * The helper desk (帮办代办): who is served (special groups, their need, how to reach them, whether someone
 * accompanies them), the proxy who acts for them with the authorisation letter, the help given on each visit, the
 * cases taken in on it and the priority ticket issued. The rules the desk and the hall both apply are here, once.
 * @module
 */
import * as v from 'valibot';
import { HallCodeSchema, WindowCodeSchema } from '../case/case-number.js';
import { codeSchema, isoTimestampSchema, objectMessage, textSchema } from '../case/fields.js';
import { toChinaDate } from '../calendar/date.js';
import { bilingual } from '../i18n/schema-message.js';
import { ulidSchema } from '../ids/ulid.js';
import { PersonApplicantSchema, ProxySchema, authorisationLapsed } from '../people/applicant.js';
import type { ApplicantProxy } from '../people/applicant.js';

/** What a helper does for the person on a visit (帮办代办的服务方式). */
export const HELP_KINDS = {
  guidance: { zh: '导办', en: 'Guidance' },
  'assisted-filling': { zh: '帮办', en: 'Assisted filling' },
  agency: { zh: '代办', en: 'Full agency' },
  'home-visit': { zh: '上门服务', en: 'Home visit' },
} as const;
/** Key of {@link HELP_KINDS}. */
export type HelpKind = keyof typeof HELP_KINDS;

/** The kind of need of a person with a disability: what the helper and the hall adapt to. */
export const SUPPORT_NEEDS = {
  mobility: { zh: '行动不便', en: 'Mobility' },
  visual: { zh: '视力障碍', en: 'Sight' },
  hearing: { zh: '听力障碍', en: 'Hearing' },
  speech: { zh: '言语障碍', en: 'Speech' },
  intellectual: { zh: '智力障碍', en: 'Learning' },
  mental: { zh: '精神障碍', en: 'Mental health' },
  other: { zh: '其他', en: 'Other' },
} as const;
/** Key of {@link SUPPORT_NEEDS}. */
export type SupportNeed = keyof typeof SUPPORT_NEEDS;

/** How the served person prefers to be reached about their cases. */
export const CONTACT_WAYS = {
  phone: { zh: '电话', en: 'Phone call' },
  sms: { zh: '短信', en: 'Text message' },
  'home-visit': { zh: '上门告知', en: 'Home visit' },
  proxy: { zh: '通过代办人', en: 'Through the proxy' },
} as const;
/** Key of {@link CONTACT_WAYS}. */
export type ContactWay = keyof typeof CONTACT_WAYS;

/** How the authorisation letter (授权委托书) was taken: scanned pages, or signed on the signature pad. */
export const LETTER_WAYS = {
  scan: { zh: '扫描件', en: 'Scanned' },
  pad: { zh: '签字板签署', en: 'Signed on the pad' },
} as const;
/** Key of {@link LETTER_WAYS}. */
export type LetterWay = keyof typeof LETTER_WAYS;

/** Where a visit stands: open while the helper still acts for the person, closed once everything is done. */
export const VISIT_STATUSES = {
  open: { zh: '办理中', en: 'Open' },
  closed: { zh: '已办结', en: 'Closed' },
} as const;
/** Key of {@link VISIT_STATUSES}. */
export type VisitStatus = keyof typeof VISIT_STATUSES;

/** Most help entries one visit logs. */
export const MAX_HELP_ENTRIES = 50;
/** Most cases taken in on one visit. */
export const MAX_VISIT_CASES = 20;
/** Longest single help entry, in minutes (a working day and more). */
export const MAX_HELP_MINUTES = 600;
/** Most files of one authorisation letter (its scanned pages, or the pad's image). */
export const MAX_LETTER_FILES = 10;

/** The keys of a table of names, as a picklist takes them. */
/* @__NO_SIDE_EFFECTS__ */
function keysOf<T extends object>(table: T) {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
}
/** The message of a picklist: the field and the keys it takes. */
/* @__NO_SIDE_EFFECTS__ */
function oneOf(label: string, keys: readonly string[]) {
  return bilingual(`${label}: one of ${keys.join(', ')}`, `${label}: 应为以下之一：${keys.join('、')}`);
}

const sha256 = v.pipe(
  v.string(bilingual('letter.files: each a SHA-256 hex string', 'letter.files: 每项应为 SHA-256 十六进制字符串')),
  v.toLowerCase(),
  v.regex(
    /^[0-9a-f]{64}$/,
    bilingual(
      'letter.files: each a SHA-256 hash, 64 hexadecimal characters',
      'letter.files: 每项应为 64 位十六进制哈希值',
    ),
  ),
);

/**
 * The person served at the helper desk: an applicant who is a person (their special groups, `specialGroups`, are the
 * applicant's: they go with them into every case), and what the hall adapts for them.
 */
export const ServedPersonSchema = v.pipe(
  v.object(
    {
      person: PersonApplicantSchema,
      /** The kind of need, for a person with a disability. */
      need: v.optional(v.picklist(keysOf(SUPPORT_NEEDS), oneOf('need', keysOf(SUPPORT_NEEDS)))),
      contact: v.picklist(keysOf(CONTACT_WAYS), oneOf('contact', keysOf(CONTACT_WAYS))),
      /** Whether a helper accompanies the person through the hall (陪同). */
      accompanied: v.boolean(bilingual('accompanied: true or false', 'accompanied: 应为是或否')),
    },
    objectMessage('served'),
  ),
  v.forward(
    v.partialCheck(
      [['person', 'specialGroups'], ['need']],
      (served) => !(served.person.specialGroups ?? []).includes('disabled') || served.need !== undefined,
      bilingual(
        'need: say what kind of need a person with a disability has',
        'need: 残疾人应登记需要何种帮助（残疾类别）',
      ),
    ),
    ['need'],
  ),
);
export type ServedPerson = v.InferOutput<typeof ServedPersonSchema>;

/** The authorisation letter (授权委托书) a proxy brings: how it was taken and its files. */
export const AuthorisationLetterSchema = v.object(
  {
    way: v.picklist(keysOf(LETTER_WAYS), oneOf('letter.way', keysOf(LETTER_WAYS))),
    files: v.pipe(
      v.array(sha256, bilingual('letter.files: a list', 'letter.files: 应为列表')),
      v.minLength(1, bilingual('letter.files: at least one file', 'letter.files: 至少一个文件')),
      v.maxLength(
        MAX_LETTER_FILES,
        bilingual(`letter.files: at most ${MAX_LETTER_FILES}`, `letter.files: 最多 ${MAX_LETTER_FILES} 个文件`),
      ),
    ),
  },
  objectMessage('letter'),
);
export type AuthorisationLetter = v.InferOutput<typeof AuthorisationLetterSchema>;

/** One help given on a visit: what, how long, when, and a note. */
export const HelpEntrySchema = v.object(
  {
    kind: v.picklist(keysOf(HELP_KINDS), oneOf('help.kind', keysOf(HELP_KINDS))),
    minutes: v.pipe(
      v.number(bilingual('help.minutes: a number', 'help.minutes: 应为数字')),
      v.integer(bilingual('help.minutes: whole minutes', 'help.minutes: 应为整数分钟')),
      v.minValue(1, bilingual('help.minutes: at least 1', 'help.minutes: 至少 1 分钟')),
      v.maxValue(
        MAX_HELP_MINUTES,
        bilingual(`help.minutes: at most ${MAX_HELP_MINUTES}`, `help.minutes: 最多 ${MAX_HELP_MINUTES} 分钟`),
      ),
    ),
    at: isoTimestampSchema('help.at'),
    note: v.optional(textSchema('help.note', 200)),
  },
  objectMessage('help'),
);
export type HelpEntry = v.InferOutput<typeof HelpEntrySchema>;

const AssistVisitObjectSchema = v.object(
  {
    id: ulidSchema('id'),
    hall: HallCodeSchema,
    /** The helper desk's window. */
    window: WindowCodeSchema,
    /** The helper (帮办代办员) who served: the hall checks it is the session's clerk. */
    helper: codeSchema('helper'),
    served: ServedPersonSchema,
    /** The proxy (代办人) acting for the person, with their authorisation. */
    proxy: v.optional(ProxySchema),
    letter: v.optional(AuthorisationLetterSchema),
    help: v.pipe(
      v.array(HelpEntrySchema, bilingual('help: a list', 'help: 应为列表')),
      v.maxLength(
        MAX_HELP_ENTRIES,
        bilingual(`help: at most ${MAX_HELP_ENTRIES}`, `help: 最多 ${MAX_HELP_ENTRIES} 条服务记录`),
      ),
    ),
    /** The cases taken in for the person on this visit (their ids). */
    cases: v.pipe(
      v.array(ulidSchema('cases'), bilingual('cases: a list', 'cases: 应为列表')),
      v.maxLength(
        MAX_VISIT_CASES,
        bilingual(`cases: at most ${MAX_VISIT_CASES}`, `cases: 最多 ${MAX_VISIT_CASES} 个办件`),
      ),
      v.check(
        (cases) => new Set(cases).size === cases.length,
        bilingual('cases: each case at most once', 'cases: 每个办件只能出现一次'),
      ),
    ),
    /** The priority ticket issued for the person (its id). */
    ticketId: v.optional(ulidSchema('ticketId')),
    status: v.picklist(keysOf(VISIT_STATUSES), oneOf('status', keysOf(VISIT_STATUSES))),
    createdAt: isoTimestampSchema('createdAt'),
    updatedAt: isoTimestampSchema('updatedAt'),
  },
  objectMessage('visit'),
);

/** A visit at the helper desk (帮办代办记录), as the desk keeps it and the hall stores it. */
export const AssistVisitSchema = v.pipe(
  AssistVisitObjectSchema,
  v.forward(
    v.partialCheck(
      [['proxy'], ['letter']],
      (visit) => visit.proxy?.authorisation.kind !== 'power-of-attorney' || visit.letter !== undefined,
      bilingual(
        'letter: a proxy with a power of attorney needs the letter scanned or signed on the pad',
        'letter: 凭授权委托书代办的，应扫描委托书或在签字板上签署',
      ),
    ),
    ['letter'],
  ),
  v.forward(
    v.partialCheck(
      [['createdAt'], ['updatedAt']],
      (visit) => Date.parse(visit.updatedAt) >= Date.parse(visit.createdAt),
      bilingual('updatedAt: must not be before createdAt', 'updatedAt: 更新时间不能早于创建时间（createdAt）'),
    ),
    ['updatedAt'],
  ),
);
export type AssistVisit = v.InferOutput<typeof AssistVisitSchema>;

/** Why the helper desk cannot act on a visit as it stands. */
export type AssistProblem =
  | { code: 'authorisation-lapsed'; until: string; today: string }
  | { code: 'letter-missing' }
  | { code: 'visit-closed' };

const PROBLEM_TEXT = {
  'zh-CN': {
    'authorisation-lapsed':
      '代办人的授权已于 {until} 到期（今天是 {today}），不能代办。请提供有效的授权委托书，或由本人办理。',
    'letter-missing': '凭授权委托书代办的，请先扫描委托书或在签字板上签署。',
    'visit-closed': '这次帮办代办已经办结，不能再代办新的事项；请新建一次服务。',
  },
  'en-US': {
    'authorisation-lapsed':
      'The proxy’s authorisation ran out on {until} (today is {today}): they cannot act for the person. Ask for a valid letter, or serve the person themselves.',
    'letter-missing': 'A proxy with a power of attorney: scan the letter or have it signed on the pad first.',
    'visit-closed': 'This visit is closed: no new case can be taken in on it. Start a new visit.',
  },
} as const;

/** The sentence for a problem, in `locale` (Chinese unless it starts with `en`). */
export function assistProblemText(problem: AssistProblem, locale?: string): string {
  const table = locale?.startsWith('en') ? PROBLEM_TEXT['en-US'] : PROBLEM_TEXT['zh-CN'];
  const values: Record<string, string> = { ...problem };
  return table[problem.code].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/**
 * Whether a proxy may act for the person on the China day `today`: `undefined` if so, else the problem (a lapsed
 * authorisation, a power of attorney without its letter). A visit without a proxy has none.
 */
export function proxyProblem(
  visit: { proxy?: ApplicantProxy | undefined; letter?: AuthorisationLetter | undefined },
  today: string,
): AssistProblem | undefined {
  const proxy = visit.proxy;
  if (!proxy) return undefined;
  if (authorisationLapsed(proxy, today)) {
    return { code: 'authorisation-lapsed', until: proxy.authorisation.validUntil ?? '', today };
  }
  if (proxy.authorisation.kind === 'power-of-attorney' && !visit.letter) return { code: 'letter-missing' };
  return undefined;
}

/**
 * Whether a case can be taken in on the visit at `at` (an ISO time): an open visit whose proxy, if any, may act
 * that day. The hand-off to the intake asks this; the hall asks {@link proxyProblem} on the day the visit began.
 */
export function handOffProblem(visit: AssistVisit, at: string): AssistProblem | undefined {
  if (visit.status === 'closed') return { code: 'visit-closed' };
  return proxyProblem(visit, toChinaDate(new Date(at)));
}

/** Minutes of help a visit logged in all, and by kind. */
export function helpMinutes(visit: Pick<AssistVisit, 'help'>): { total: number } & Record<HelpKind, number> {
  const sums = { total: 0, guidance: 0, 'assisted-filling': 0, agency: 0, 'home-visit': 0 };
  for (const entry of visit.help) {
    sums[entry.kind] += entry.minutes;
    sums.total += entry.minutes;
  }
  return sums;
}

/** Whether the served person gets a priority ticket (优先号): anyone of a special group, or accompanied by a helper. */
export function servedWithPriority(served: Pick<ServedPerson, 'person' | 'accompanied'>): boolean {
  return (served.person.specialGroups ?? []).length > 0 || served.accompanied;
}
