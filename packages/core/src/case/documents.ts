import type { RemotePackage } from '../remote/remote.js';
import { chinaDateParts } from '../calendar/date.js';
import { mergeItemMaterials } from '../catalog/bundle-merge.js';
import { ID_DOCUMENT_TYPES } from '../people/id-document.js';
import { AUTHORISATION_KINDS, type Applicant, type ApplicantProxy } from '../people/applicant.js';
import { RECEIPT_KINDS, type Case, type CaseSignature, type ReceiptKind } from './case.js';
import { isReceived, missingMaterials, type NoticeLine } from './intake.js';
import { CASE_DOCUMENT_KINDS, type CaseDocumentKind } from './document-kinds.js';
import type { CaseStatus } from './status.js';
import type { CaseItemFacts } from './transition.js';

/** Which documents a case issues at the window in `status`, in the order they are printed; none before a decision. */
export function caseDocumentKinds(status: CaseStatus): CaseDocumentKind[] {
  switch (status) {
    case 'accepted':
      return ['acceptance-notice', 'material-receipt'];
    case 'accepted-with-tolerance':
      return ['acceptance-notice', 'tolerance-commitment', 'material-receipt'];
    case 'notified-incomplete':
      return ['one-time-notice'];
    case 'refused':
      return ['refusal-notice'];
    default:
      return [];
  }
}

/** Where and by whom a document is issued, and where its status can be looked up. */
export interface CaseDocumentContext {
  /** The hall's name as printed (e.g. 示范区政务服务中心). */
  hallName: string;
  /** The window's name as printed (e.g. 综合窗口 03); its code when absent. */
  windowName?: string;
  /** The clerk's name as printed; the clerk id when absent. */
  clerkName?: string;
  /** When the document is issued (ISO 8601). */
  issuedAt: string;
  /** The address the QR code opens: the case's status page (no personal data in it). */
  statusUrl: string;
  /** The catalog entries of the case's items, in the versions the case pinned. */
  items: readonly CaseItemFacts[];
  /** Issued in training (练习模式, a hall on one PC with demo data): the document says it is void. */
  training?: boolean;
}

/** A row of a document's material table. */
export interface CaseDocumentMaterial {
  name: string;
  /** How it was received or what is wrong with it, as printed (纸质 2 份, 容缺, 缺: 复印件不清晰…). */
  state: string;
  /** What the catalog asks of it, for the notice and the commitment letter. */
  requirement?: string;
}

/** A document ready to print: every word on it, and nothing the printer must look up. */
export interface CaseDocument {
  kind: CaseDocumentKind;
  title: string;
  caseNumber: string;
  caseId: string;
  hall: { code: string; name: string };
  window: { code: string; name: string };
  clerk: { id: string; name: string };
  issuedAt: string;
  /** The issue date as printed (2026年12月7日). */
  issuedOn: string;
  /** The applicant as printed: the name, and the identity number with its middle hidden. */
  applicant: { name: string; idLabel: string; idMasked: string };
  /** The proxy who applied for the applicant, as printed: who, how related, on what authority, the number masked. */
  proxy?: { name: string; idLabel: string; idMasked: string; relation: string; authorisation: string };
  /** The items taken in, by name. */
  items: string[];
  /** The statement of the document, paragraph by paragraph. */
  paragraphs: string[];
  /** The materials the document lists (received, missing or promised), with their column title. */
  materials: CaseDocumentMaterial[];
  materialsTitle: string;
  /** Who signs: the applicant (and proxy) on a commitment letter, the clerk on all. */
  signatures: string[];
  /** How the applicant signed it, once they have (`recordSignature`): on the pad (its image's hash) or on paper. */
  signed?: CaseSignature;
  statusUrl: string;
  /** Issued in training: printed marked as a practice document with no effect (练习文书，不具效力). */
  training?: true;
}

/** A date `YYYY-MM-DD` (or an ISO timestamp, in China time) as printed on a document: 2026年12月7日. */
export function printedDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parts = match
    ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
    : chinaDateParts(Date.parse(date));
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/**
 * An identity number with its middle hidden, as a paper handed over may be lost: the first 6 and the last 4
 * characters of a resident ID (110105********1234), the first and last 2 of a shorter number.
 */
export function maskIdNumber(id: string): string {
  const keep = id.length >= 15 ? [6, 4] : id.length >= 6 ? [2, 2] : [0, 0];
  const [head, tail] = keep as [number, number];
  return id.slice(0, head) + '*'.repeat(id.length - head - tail) + id.slice(id.length - tail);
}

function printedApplicant(applicant: Applicant): CaseDocument['applicant'] {
  if (applicant.kind === 'person') {
    return {
      name: applicant.name,
      idLabel: ID_DOCUMENT_TYPES[applicant.idType].zh,
      idMasked: maskIdNumber(applicant.idNumber),
    };
  }
  // A credit code is public (it is printed on the licence and in the credit register): shown whole.
  return { name: applicant.name, idLabel: '统一社会信用代码', idMasked: applicant.uscc };
}

function printedProxy(proxy: ApplicantProxy): NonNullable<CaseDocument['proxy']> {
  return {
    name: proxy.name,
    idLabel: ID_DOCUMENT_TYPES[proxy.idType].zh,
    idMasked: maskIdNumber(proxy.idNumber),
    relation: proxy.relation,
    authorisation: AUTHORISATION_KINDS[proxy.authorisation.kind].zh,
  };
}

function receivedState(receipt: ReceiptKind, copies: number): string {
  const kind = RECEIPT_KINDS[receipt].zh;
  return receipt === 'paper' && copies > 0 ? `${kind} ${copies} 份` : kind;
}

function noticeRow(line: NoticeLine): CaseDocumentMaterial {
  const state = line.note ? `需补正：${line.note}` : line.receipt === 'tolerated' ? '容缺，待补齐' : '未提交';
  const asks = [line.acceptanceStandard, `${line.copies} 份`].filter(Boolean).join('；');
  return { name: line.name, state, requirement: asks };
}

/** The statement printed on each kind of document, for `kase` as decided. */
function statement(kind: CaseDocumentKind, kase: Case, reason: string | undefined): string[] {
  switch (kind) {
    case 'acceptance-notice':
      return [
        '你（单位）申请的下列事项，本中心已予受理。',
        ...(kase.promisedDate ? [`承诺办结日期：${printedDate(kase.promisedDate)}。`] : []),
        ...(kase.status === 'accepted-with-tolerance' && kase.supplementDue
          ? [`本件为容缺受理，请于${printedDate(kase.supplementDue)}前补齐承诺书所列材料。`]
          : []),
        ...(kase.delivery?.way === 'post'
          ? [`办理结果将邮寄送达：${kase.delivery.recipient}（${kase.delivery.address}）。`]
          : kase.delivery?.way === 'window'
            ? ['办理结果请到本中心任一综合窗口领取。']
            : []),
        '请凭本通知书查询办理进度、领取办理结果；可扫描二维码查询。',
      ];
    case 'tolerance-commitment':
      return [
        '本人（单位）申请办理下列事项，下列材料暂未提交，经窗口同意容缺受理。',
        `本人（单位）承诺于${kase.supplementDue ? printedDate(kase.supplementDue) : '约定期限'}前补齐下列材料，可到任一综合窗口提交。`,
        '逾期未补齐的，按该事项的规定撤销受理决定或终止办理，由此产生的后果由本人（单位）承担。',
        '本人（单位）对所提交材料的真实性负责。',
      ];
    case 'one-time-notice':
      return [
        '你（单位）申请的下列事项，申请材料不齐全或不符合法定形式，现一次性告知需要补正的全部内容如下。',
        ...(reason ? [`窗口说明：${reason}`] : []),
        '补齐后可到本中心任一综合窗口再次申请。',
      ];
    case 'refusal-notice':
      return [
        '你（单位）申请的下列事项，经审查，决定不予受理。',
        ...(kase.refusalGround ? [`依据：${kase.refusalGround.text}。`] : []),
        `理由：${reason ?? ''}`,
        '如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。',
      ];
    case 'material-receipt':
      return ['本中心已收到你（单位）提交的下列申请材料。', '请妥善保管本凭证，领取结果时出示。'];
    case 'remote-receipt':
      // Printed from the forwarding package (remoteReceiptDocument), never from a case decided here.
      return [];
  }
}

/** The reason recorded with the decision that put the case in its status (the last audit line that set it). */
function decisionReason(kase: Case): string | undefined {
  return [...kase.audit].reverse().find((entry) => entry.to === kase.status)?.reason;
}

/** The rows of the material table of each kind of document. */
function materialRows(kind: CaseDocumentKind, kase: Case, items: readonly CaseItemFacts[]): CaseDocumentMaterial[] {
  if (kind === 'material-receipt') {
    const byId = new Map(kase.materials.map((m) => [m.materialId, m]));
    return mergeItemMaterials(items).flatMap((merged) => {
      const given = byId.get(merged.material.id);
      return given && isReceived(given.receipt)
        ? [{ name: merged.material.name, state: receivedState(given.receipt, given.copies) }]
        : [];
    });
  }
  if (kind === 'one-time-notice') return missingMaterials(kase.materials, items).map(noticeRow);
  if (kind === 'tolerance-commitment') {
    return missingMaterials(kase.materials, items)
      .filter((line) => line.receipt === 'tolerated')
      .map(noticeRow);
  }
  return [];
}

const MATERIAL_TITLES: Record<CaseDocumentKind, string> = {
  'acceptance-notice': '',
  'tolerance-commitment': '容缺材料',
  'one-time-notice': '需要补正的材料',
  'refusal-notice': '',
  'material-receipt': '收到的材料',
  'remote-receipt': '收取的材料',
};

function signedOf(kase: Case, kind: CaseDocumentKind): { signed?: CaseSignature } {
  const signed = kase.signatures?.find((s) => s.document === kind);
  return signed ? { signed } : {};
}

/** The document of `kind` for a decided case, with every word it prints. */
export function caseDocument(kind: CaseDocumentKind, kase: Case, context: CaseDocumentContext): CaseDocument {
  const itemNames = new Map(context.items.map((i) => [i.id, i.name]));
  return {
    kind,
    title: CASE_DOCUMENT_KINDS[kind].zh,
    caseNumber: kase.number,
    caseId: kase.id,
    hall: { code: kase.hall, name: context.hallName },
    window: { code: kase.window, name: context.windowName ?? kase.window },
    clerk: { id: kase.responsibleClerk, name: context.clerkName ?? kase.responsibleClerk },
    issuedAt: context.issuedAt,
    issuedOn: printedDate(context.issuedAt),
    applicant: printedApplicant(kase.applicant),
    ...(kase.proxy ? { proxy: printedProxy(kase.proxy) } : {}),
    items: kase.items.map((item) => itemNames.get(item.itemId) ?? item.itemId),
    paragraphs: statement(kind, kase, decisionReason(kase)),
    materials: materialRows(kind, kase, context.items),
    materialsTitle: MATERIAL_TITLES[kind],
    signatures:
      kind === 'tolerance-commitment' ? [kase.proxy ? '代理人（签字）' : '申请人（签字）', '受理人'] : ['受理人'],
    ...signedOf(kase, kind),
    statusUrl: context.statusUrl,
    ...(context.training ? { training: true as const } : {}),
  };
}

/** `value` as JSON with object keys in order, so that equal documents give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The SHA-256 (hex) of a document's content, printed at its foot: a copy can be checked against the case archive,
 * and any word changed after printing gives another digest.
 */
export function documentDigest(document: CaseDocument): Promise<string> {
  return sha256Hex(new TextEncoder().encode(canonicalJson(document)));
}

/** The SHA-256 of `bytes`, as 64 lower-case hexadecimal digits (what the case records of a file). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a cross-province hand-off receipt prints besides the package: names the package only refers to by code. */
export interface RemoteReceiptContext {
  hall: { code: string; name: string };
  window: { code: string; name: string };
  clerk: { id: string; name: string };
  /** The deciding hall's name, the region path (广东省 深圳市 南山区) and the item's name there. */
  deciding: { hallName: string; regionPath: string; itemName: string };
  /** The name of each material, by id, as the deciding hall's catalog says. */
  materialNames: ReadonlyMap<string, string>;
  /** The status page's address for this case (its QR code). */
  statusUrl: string;
  training?: boolean;
}

/**
 * The hand-off receipt (跨省通办代收凭证) the applicant takes home: this hall's case number, who collected what, for
 * which region, authority and item, how the result comes back, and the status QR to follow it.
 */
export function remoteReceiptDocument(
  pkg: Pick<
    RemotePackage,
    'id' | 'number' | 'applicant' | 'proxy' | 'materials' | 'target' | 'mode' | 'returnWay' | 'collectedAt'
  >,
  context: RemoteReceiptContext,
): CaseDocument {
  const way = pkg.returnWay === 'post' ? '邮寄送达申请人' : `在${context.hall.name}窗口领取`;
  return {
    kind: 'remote-receipt',
    title: CASE_DOCUMENT_KINDS['remote-receipt'].zh,
    caseNumber: pkg.number,
    caseId: pkg.id,
    hall: context.hall,
    window: context.window,
    clerk: context.clerk,
    issuedAt: pkg.collectedAt,
    issuedOn: printedDate(pkg.collectedAt),
    applicant: printedApplicant(pkg.applicant),
    ...(pkg.proxy ? { proxy: printedProxy(pkg.proxy) } : {}),
    items: [context.deciding.itemName],
    paragraphs: [
      `本窗口已按${pkg.mode === 'joint' ? '多地联办' : '异地代收代办'}方式收取您申请事项的材料，` +
        `将转交${context.deciding.regionPath}${pkg.target.authority}（${context.deciding.hallName}）审批。`,
      `办理结果将${way}。请凭本凭证及办件编号查询办理进度。`,
    ],
    materials: pkg.materials.map((m) => ({
      name: context.materialNames.get(m.materialId) ?? m.materialId,
      state: `扫描件 ${m.files.length} 页`,
    })),
    materialsTitle: '收取的材料',
    signatures: ['收件人'],
    statusUrl: context.statusUrl,
    ...(context.training ? { training: true as const } : {}),
  };
}
