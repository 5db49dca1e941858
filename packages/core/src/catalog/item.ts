import * as v from 'valibot';

/**
 * Item type codes (事项类型) of the national exchange tables. 行政备案 has no national code: it is kept under
 * `10` (其他行政权力) with `subtype: '行政备案'`. The list is open: unknown two-character codes pass the schema.
 */
export const ITEM_TYPES = {
  '01': { zh: '行政许可', en: 'Administrative licensing' },
  '02': { zh: '行政处罚', en: 'Administrative penalty' },
  '03': { zh: '行政强制', en: 'Administrative enforcement' },
  '04': { zh: '行政征收', en: 'Administrative levy' },
  '05': { zh: '行政给付', en: 'Administrative benefit' },
  '06': { zh: '行政检查', en: 'Administrative inspection' },
  '07': { zh: '行政确认', en: 'Administrative confirmation' },
  '08': { zh: '行政奖励', en: 'Administrative award' },
  '09': { zh: '行政裁决', en: 'Administrative ruling' },
  '10': { zh: '其他行政权力', en: 'Other administrative power' },
  '20': { zh: '公共服务', en: 'Public service' },
} as const;
export type KnownItemType = keyof typeof ITEM_TYPES;

/** Item types a hall window takes in by application. */
export const INTAKE_ITEM_TYPES: readonly KnownItemType[] = ['01', '05', '07', '08', '09', '10', '20'];

/** Codes are opaque strings: validated for length and charset only (local layouts vary). */
const code = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1),
    v.maxLength(max),
    v.regex(/^[0-9A-Za-z._-]+$/, 'code: letters, digits, . _ - only'),
  );

const text = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000));

export const TimeLimitSchema = v.object({
  value: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)),
  unit: v.picklist(['working-days', 'natural-days', 'hours']),
  note: v.optional(v.string()),
});
export type TimeLimit = v.InferOutput<typeof TimeLimitSchema>;

/** 材料形式: 1 原件, 2 复印件, 3 原件或复印件, 4 纸质, 5 电子文件, 6 原件和复印件, 7 原件及扫描件. */
export const MaterialFormSchema = v.picklist([1, 2, 3, 4, 5, 6, 7]);
/** 提交方式: 01 纸质, 02 电子, 03 纸质或电子, 04 纸质和电子. */
export const SubmissionSchema = v.picklist(['01', '02', '03', '04']);

/** One material on an item's list (材料清单). `id` is the material's identity across items (for bundle merge). */
export const MaterialRequirementSchema = v.object({
  id: code(64),
  name: text,
  /** 必要 / 非必要. */
  necessity: v.picklist(['required', 'optional']),
  /** 容缺: may be missing at intake, supplied later under a signed commitment. Never on key materials. */
  tolerable: v.boolean(),
  /** May be replaced outright by a commitment (告知承诺制). */
  commitmentReplaces: v.optional(v.boolean()),
  form: MaterialFormSchema,
  submission: SubmissionSchema,
  copies: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99)),
  paperSize: v.optional(v.string()),
  /** Where it comes from: the applicant, or an issuing department (then it should come from data sharing). */
  source: v.picklist(['applicant', 'issuing-department']),
  issuer: v.optional(v.string()),
  /** E-licence type that satisfies this material when fetched (e.g. `resident-id-card`). */
  licenceType: v.optional(code(64)),
  acceptanceStandard: v.optional(v.string()),
  basis: v.optional(v.string()),
  blankForm: v.optional(v.string()),
  sample: v.optional(v.string()),
  notes: v.optional(v.string()),
});
export type MaterialRequirement = v.InferOutput<typeof MaterialRequirementSchema>;

export const FeeSchema = v.object({
  charged: v.boolean(),
  items: v.array(
    v.object({ name: text, standard: text, basis: v.optional(v.string()), reduction: v.optional(v.string()) }),
  ),
});

export const AgencySchema = v.object({
  name: text,
  /** The agency's unified social credit code. */
  code: v.pipe(v.string(), v.regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'agency code: an 18-character credit code')),
  nature: v.picklist(['statutory', 'authorised', 'entrusted']),
});

export const SpecialProcedureSchema = v.object({
  kind: v.picklist(['site-inspection', 'expert-review', 'hearing', 'testing', 'public-notice', 'other']),
  name: text,
  /** Longest the procedure may take; the clock pauses meanwhile. */
  limit: v.optional(TimeLimitSchema),
});

/** A service item (政务服务事项) with its implementation-list elements (实施清单要素). */
export const ServiceItemSchema = v.object({
  /** Stable id across versions. */
  id: code(64),
  /** Incremented on every change; a case pins the version it was taken in under. */
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  basicCode: code(12),
  implementationCode: code(36),
  businessCode: v.optional(code(64)),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  /** Domain the hall files it under, e.g. `social-insurance`. */
  domain: code(64),
  type: v.pipe(v.string(), v.regex(/^[0-9]{2}$/, 'type: a two-digit item type code')),
  subtype: v.optional(v.string()),
  agency: AgencySchema,
  entrustedAgency: v.optional(v.string()),
  level: v.picklist(['national', 'provincial', 'municipal', 'district', 'township']),
  serviceObject: v.pipe(v.array(v.picklist(['person', 'organisation'])), v.minLength(1)),
  conditions: v.array(text),
  process: v.array(text),
  specialProcedures: v.array(SpecialProcedureSchema),
  handlingForm: v.picklist(['window', 'online', 'window-or-online']),
  legalLimit: TimeLimitSchema,
  promisedLimit: TimeLimitSchema,
  /** 即办件 closes at the window; 承诺件 has a promised limit. */
  caseKind: v.picklist(['immediate', 'promised']),
  /** 收件即受理. */
  acceptOnReceipt: v.boolean(),
  /** 到办事现场次数. */
  visits: v.picklist([0, 1, 2]),
  fee: FeeSchema,
  /** 通办范围. */
  scope: v.picklist(['local', 'city-wide', 'cross-province']),
  crossProvinceModes: v.array(v.picklist(['online', 'collect-forward', 'joint'])),
  /** 网办深度 1–4. */
  onlineDepth: v.picklist([1, 2, 3, 4]),
  appointment: v.boolean(),
  postal: v.boolean(),
  /** High-risk items never accept tolerated materials. */
  highRisk: v.boolean(),
  result: v.object({ name: text, type: v.picklist(['10', '20', '30', '99']) }),
  basis: v.array(text),
  contacts: v.object({ consultation: text, complaint: text }),
  address: text,
  hours: text,
  materials: v.array(MaterialRequirementSchema),
  /** Syllable per character of `name` (non-Han characters kept as they are), computed when the catalog is built. */
  pinyin: v.optional(v.array(v.string())),
});
export type ServiceItem = v.InferOutput<typeof ServiceItemSchema>;

/** A bundle (一件事): one notice, one form, one set of materials, fanned out to each item's department. */
export const BundleSchema = v.object({
  id: code(64),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['personal', 'enterprise']),
  description: text,
  /** Item ids, in the order the window takes them in. */
  items: v.pipe(v.array(code(64)), v.minLength(2)),
  promisedLimit: v.optional(TimeLimitSchema),
  pinyin: v.optional(v.array(v.string())),
});
export type Bundle = v.InferOutput<typeof BundleSchema>;

/** A catalog version as the hall server publishes it. */
export const CatalogSchema = v.pipe(
  v.object({
    version: v.pipe(v.string(), v.minLength(1)),
    region: v.optional(v.string()),
    items: v.array(ServiceItemSchema),
    bundles: v.array(BundleSchema),
  }),
  v.check((c) => {
    const ids = new Set(c.items.map((i) => i.id));
    return ids.size === c.items.length && c.bundles.every((b) => b.items.every((id) => ids.has(id)));
  }, 'catalog: item ids must be unique and every bundle item must exist'),
);
export type Catalog = v.InferOutput<typeof CatalogSchema>;
