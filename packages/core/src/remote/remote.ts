/**
 * Cross-province service (跨省通办): a case collected at this hall and decided by another region's authority
 * (异地代收代办), or handled jointly (多地联办). The package the collecting hall forwards, the states a forwarded
 * case goes through on both sides, which moves are allowed, when it is overdue, and the digest both halls check it
 * by: the rules the desk, the collecting hall and the deciding hall all apply, once.
 * @module
 */
import * as v from 'valibot';
import { HallCodeSchema, WindowCodeSchema } from '../case/case-number.js';
import { codeSchema, isoTimestampSchema, objectMessage, textSchema } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';
import { ulidSchema } from '../ids/ulid.js';
import { AddressSchema, ApplicantSchema, ProxySchema } from '../people/applicant.js';

/** How an item is served across provinces (国办发〔2020〕35号). */
export const CROSS_PROVINCE_MODES = {
  online: { zh: '全程网办', en: 'Fully online' },
  collect: { zh: '异地代收代办', en: 'Collected here, decided there' },
  joint: { zh: '多地联办', en: 'Handled jointly' },
} as const;
/** Key of {@link CROSS_PROVINCE_MODES}. */
export type CrossProvinceMode = keyof typeof CROSS_PROVINCE_MODES;

/**
 * Where a forwarded case stands. The collecting hall's desk collects it; its hall forwards it; the deciding hall
 * receives it (giving it its own number), accepts or refuses it, decides it; the result comes back and is handed
 * to the applicant here.
 */
export const REMOTE_STATES = {
  collected: { zh: '已收件待转出', en: 'Collected, to forward' },
  forwarded: { zh: '已转出', en: 'Forwarded' },
  received: { zh: '对方已接收', en: 'Received there' },
  accepted: { zh: '对方已受理', en: 'Accepted there' },
  refused: { zh: '对方不予受理', en: 'Refused there' },
  decided: { zh: '对方已办结', en: 'Decided there' },
  returned: { zh: '结果已送回', en: 'Result sent back' },
  delivered: { zh: '已交付申请人', en: 'Handed to the applicant' },
} as const;
/** Key of {@link REMOTE_STATES}. */
export type RemoteState = keyof typeof REMOTE_STATES;

/** The moves a forwarded case may make, from each state. */
const NEXT: Readonly<Record<RemoteState, readonly RemoteState[]>> = {
  collected: ['forwarded'],
  forwarded: ['received'],
  received: ['accepted', 'refused'],
  accepted: ['decided'],
  refused: ['returned'],
  decided: ['returned'],
  returned: ['delivered'],
  delivered: [],
};

/** The states the deciding hall sets (and sends back to the collecting hall). */
export const DECIDING_STATES: readonly RemoteState[] = ['accepted', 'refused', 'decided', 'returned'];

/** Whether a forwarded case may move from `from` to `to`. */
export function remoteMoveAllowed(from: RemoteState, to: RemoteState): boolean {
  return NEXT[from].includes(to);
}

/** How the result comes back to the applicant: posted to them, or collected at this hall. */
export const RETURN_WAYS = {
  post: { zh: '邮寄', en: 'By post' },
  pickup: { zh: '本地窗口领取', en: 'Collected here' },
} as const;
/** Key of {@link RETURN_WAYS}. */
export type ReturnWay = keyof typeof RETURN_WAYS;

/** Most materials one package carries. */
export const MAX_PACKAGE_MATERIALS = 40;
/** Most files (scanned pages) of one material. */
export const MAX_MATERIAL_PAGES = 20;

/** The keys of a table of names, as a picklist takes them. */
/* @__NO_SIDE_EFFECTS__ */
function keys<T extends object>(table: T) {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
}

const sha256 = v.pipe(
  v.string(bilingual('files: each a SHA-256 hex string', 'files: 每项应为 SHA-256 十六进制字符串')),
  v.toLowerCase(),
  v.regex(/^[0-9a-f]{64}$/, bilingual('files: each a SHA-256 hash', 'files: 每项应为 SHA-256 哈希值')),
);

/** A GB/T 2260 division code of six digits. */
const DivisionCodeSchema = v.pipe(
  v.string(bilingual('region: a division code is required', 'region: 应填写行政区划代码')),
  v.regex(/^\d{6}$/, bilingual('region: six digits (GB/T 2260)', 'region: 应为 6 位行政区划代码（GB/T 2260）')),
);

/** One material collected: which of the deciding hall's item, and its scanned pages. */
export const PackageMaterialSchema = v.object(
  {
    materialId: codeSchema('materialId', 160),
    files: v.pipe(
      v.array(sha256, bilingual('files: a list', 'files: 应为列表')),
      v.minLength(1, bilingual('files: at least one scanned page', 'files: 至少一页扫描件')),
      v.maxLength(
        MAX_MATERIAL_PAGES,
        bilingual(`files: at most ${MAX_MATERIAL_PAGES}`, `files: 最多 ${MAX_MATERIAL_PAGES} 页`),
      ),
    ),
  },
  objectMessage('material'),
);

/**
 * The forwarding package (转办材料包) of a case collected here for another region: the collecting hall's case
 * number, the deciding hall, region and authority, the item of the deciding hall's catalog, the applicant (and
 * proxy), the materials with their scans (by SHA-256), and how the result comes back.
 */
export const RemotePackageSchema = v.pipe(
  v.object(
    {
      id: ulidSchema('id'),
      /** The collecting hall's case number (on the applicant's hand-off receipt). */
      number: codeSchema('number', 60),
      hall: HallCodeSchema,
      window: WindowCodeSchema,
      /** The clerk who collected it (the hall checks it is the session's). */
      clerk: codeSchema('clerk'),
      target: v.object(
        {
          hall: HallCodeSchema,
          region: DivisionCodeSchema,
          authority: textSchema('authority', 100),
        },
        objectMessage('target'),
      ),
      mode: v.picklist(
        ['collect', 'joint'],
        bilingual("mode: 'collect' or 'joint'", "mode: 应为 'collect'（异地代收代办）或 'joint'（多地联办）"),
      ),
      item: v.object(
        {
          itemId: codeSchema('itemId', 160),
          version: v.pipe(
            v.number(bilingual('version: a number', 'version: 应为数字')),
            v.integer(bilingual('version: a whole number', 'version: 应为整数')),
            v.minValue(1, bilingual('version: 1 or more', 'version: 不能小于 1')),
          ),
        },
        objectMessage('item'),
      ),
      applicant: ApplicantSchema,
      proxy: v.optional(ProxySchema),
      materials: v.pipe(
        v.array(PackageMaterialSchema, bilingual('materials: a list', 'materials: 应为列表')),
        v.minLength(1, bilingual('materials: at least one', 'materials: 至少一项材料')),
        v.maxLength(
          MAX_PACKAGE_MATERIALS,
          bilingual(`materials: at most ${MAX_PACKAGE_MATERIALS}`, `materials: 最多 ${MAX_PACKAGE_MATERIALS} 项`),
        ),
        v.check(
          (materials) => new Set(materials.map((m) => m.materialId)).size === materials.length,
          bilingual('materials: each material once', 'materials: 每项材料只能出现一次'),
        ),
      ),
      returnWay: v.picklist(
        keys(RETURN_WAYS),
        bilingual("returnWay: 'post' or 'pickup'", "returnWay: 应为 'post' 或 'pickup'"),
      ),
      /** The applicant's address, for a result posted. */
      address: v.optional(AddressSchema),
      collectedAt: isoTimestampSchema('collectedAt'),
    },
    objectMessage('package'),
  ),
  v.forward(
    v.partialCheck(
      [['returnWay'], ['address']],
      (p) => p.returnWay !== 'post' || p.address !== undefined,
      bilingual('address: a result posted needs the address', 'address: 邮寄送达需要填写地址'),
    ),
    ['address'],
  ),
  v.forward(
    v.partialCheck(
      [['hall'], ['target', 'hall']],
      (p) => p.hall !== p.target.hall,
      bilingual('target.hall: another hall than this one', 'target.hall: 应为其他地区的大厅'),
    ),
    ['target', 'hall'],
  ),
);
export type RemotePackage = v.InferOutput<typeof RemotePackageSchema>;

/** The result the deciding hall sends back with `decided`. */
export const RemoteResultSchema = v.object(
  {
    outcome: v.picklist(
      ['granted', 'denied'],
      bilingual("outcome: 'granted' or 'denied'", "outcome: 应为 'granted' 或 'denied'"),
    ),
    name: textSchema('result.name', 100),
    documentNumber: v.optional(textSchema('result.documentNumber', 60)),
  },
  objectMessage('result'),
);
export type RemoteResult = v.InferOutput<typeof RemoteResultSchema>;

/** One step of a forwarded case, as both halls record it. */
export interface RemoteStep {
  state: RemoteState;
  at: string;
  /** The hall that made the step. */
  hall: string;
  note?: string;
}

/**
 * Every SHA-256 a package's materials cite, each once, in order: what the collecting hall must hold before it
 * accepts the package and sends along with it.
 */
export function packageFiles(pkg: Pick<RemotePackage, 'materials'>): string[] {
  return [...new Set(pkg.materials.flatMap((m) => m.files))];
}

/** Hours a forwarded case may wait for the deciding hall to receive it, and then to accept or refuse it. */
export const REMOTE_WAIT_HOURS = { received: 24, answered: 72 } as const;

/**
 * Whether a forwarded case is overdue at `now`: not received by the deciding hall within a day of being collected,
 * or neither accepted nor refused within three days of being received. (A decided case follows the deciding
 * region's own time limit, which the collecting hall does not judge.)
 */
export function remoteOverdue(
  value: { state: RemoteState; collectedAt: string; history: readonly RemoteStep[] },
  now: Date,
): boolean {
  const hours = (since: string) => (now.getTime() - Date.parse(since)) / 3_600_000;
  if (value.state === 'collected' || value.state === 'forwarded') {
    return hours(value.collectedAt) > REMOTE_WAIT_HOURS.received;
  }
  if (value.state === 'received') {
    const received = value.history.find((step) => step.state === 'received')?.at ?? value.collectedAt;
    return hours(received) > REMOTE_WAIT_HOURS.answered;
  }
  return false;
}

/**
 * What keeps a package from being taken in under the deciding hall's item (its materials as that hall's catalog
 * lists them): a material the item does not ask for, or one it requires that is missing. Empty when none.
 */
export function packageMaterialProblems(
  pkg: Pick<RemotePackage, 'materials'>,
  item: { materials: readonly { id: string; name: string; necessity: string }[] },
): { unknown: string[]; missing: string[] } {
  const asked = new Map(item.materials.map((m) => [m.id, m]));
  const given = new Set(pkg.materials.map((m) => m.materialId));
  return {
    unknown: pkg.materials.filter((m) => !asked.has(m.materialId)).map((m) => m.materialId),
    missing: item.materials.filter((m) => m.necessity === 'required' && !given.has(m.id)).map((m) => m.name),
  };
}
