import * as v from 'valibot';
import { codeSchema, objectMessage } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';

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

/** Names of the subtypes local lists use under a national type, e.g. 行政备案 under `10`. */
export const ITEM_SUBTYPES: Readonly<Record<string, { zh: string; en: string }>> = {
  行政备案: { zh: '行政备案', en: 'Administrative filing' },
};

/** Item types a hall window takes in by application. */
export const INTAKE_ITEM_TYPES: readonly KnownItemType[] = ['01', '05', '07', '08', '09', '10', '20'];

/**
 * Messages: every issue says what is wrong, starting with the field it is about (`name: must not be empty`,
 * `name: 不能为空` with valibot's `lang: 'zh-CN'`); where it is comes with the issue's path (`v.getDotPath(issue)` →
 * `items.3.legalLimit.value`, see `formatIssues`).
 */

/** Codes are opaque strings: validated for length and charset only (local layouts vary). */
const code = (label: string, max: number) => codeSchema(label, max);

/** Free text of 1 to `max` characters after trimming. */
const text = (label: string, max = 2000) =>
  v.pipe(
    v.string(bilingual(`${label}: a text is required`, `${label}: 应填写文字内容`)),
    v.trim(),
    v.minLength(1, bilingual(`${label}: must not be empty`, `${label}: 不能为空`)),
    v.maxLength(max, bilingual(`${label}: at most ${max} characters`, `${label}: 不能超过 ${max} 个字符`)),
  );

/** Optional free text, any length. */
const note = (label: string) =>
  v.optional(v.string(bilingual(`${label}: a text when given`, `${label}: 填写时应为文字内容`)));

const flag = (label: string) =>
  v.boolean(bilingual(`${label}: true or false`, `${label}: 应为 true（是）或 false（否）`));

const oneOf = <const T extends readonly (string | number)[]>(label: string, options: T) =>
  v.picklist(
    options,
    bilingual(`${label}: one of ${options.join(', ')}`, `${label}: 应为以下之一：${options.join('、')}`),
  );

const list = <T extends v.GenericSchema>(label: string, item: T) =>
  v.array(item, bilingual(`${label}: a list`, `${label}: 应为列表`));

const version = v.pipe(
  v.number(bilingual('version: a number is required', 'version: 应填写版本号')),
  v.integer(bilingual('version: a whole number', 'version: 版本号应为整数')),
  v.minValue(1, bilingual('version: 1 or more', 'version: 版本号不能小于 1')),
);

/** Most other words (aliases, life events) an item or a bundle carries, and most characters in each. */
export const MAX_SEARCH_WORDS = 24;
/** Most synonym groups a catalog carries. */
export const MAX_SYNONYM_GROUPS = 500;
const MAX_WORD_LENGTH = 40;

/** A short word people use for an item: 1 to 40 characters after trimming. */
const word = (label: string) => text(label, MAX_WORD_LENGTH);

/** Other words an item or bundle is found by: at most 24, each 1 to 40 characters. */
const words = (label: string) =>
  v.optional(
    v.pipe(
      list(label, word(label)),
      v.maxLength(
        MAX_SEARCH_WORDS,
        bilingual(`${label}: at most ${MAX_SEARCH_WORDS} words`, `${label}: 最多 ${MAX_SEARCH_WORDS} 个词`),
      ),
    ),
  );

/** Syllables of one word, one per character (non-Han characters kept as they are). */
const syllables = (label: string) =>
  v.pipe(
    list(
      label,
      v.pipe(
        v.string(bilingual(`${label}: each syllable a string`, `${label}: 每个音节应为字符串`)),
        v.maxLength(16, bilingual(`${label}: a syllable has at most 16 letters`, `${label}: 每个音节最多 16 个字母`)),
      ),
    ),
    v.maxLength(200, bilingual(`${label}: at most 200 syllables`, `${label}: 最多 200 个音节`)),
  );

/**
 * Pinyin of the other words an object is found by (its result's name, aliases, life events, synonyms), by word:
 * computed when the catalog is built, like `pinyin` of a name. A word without an entry is found in Chinese only.
 */
const wordPinyin = (max: number) =>
  v.optional(
    v.pipe(
      v.record(
        v.pipe(v.string(), v.maxLength(200)),
        syllables('wordPinyin'),
        bilingual('wordPinyin: an object of word → syllables', 'wordPinyin: 应为“词 → 音节列表”的对象'),
      ),
      v.check(
        (record) => Object.keys(record).length <= max,
        bilingual(`wordPinyin: at most ${max} words`, `wordPinyin: 最多 ${max} 个词`),
      ),
    ),
  );

export const TimeLimitSchema = v.object(
  {
    value: v.pipe(
      v.number(bilingual('value: a number is required', 'value: 应填写时限数值')),
      v.integer(bilingual('value: a whole number of days or hours', 'value: 应为整数天数或小时数')),
      v.minValue(
        0,
        bilingual('value: 0 or more (a time limit cannot be negative)', 'value: 不能小于 0（时限不能为负数）'),
      ),
      v.maxValue(3650, bilingual('value: at most 3650', 'value: 不能超过 3650')),
    ),
    unit: oneOf('unit', ['working-days', 'natural-days', 'hours']),
    note: note('note'),
  },
  objectMessage('time limit'),
);
export type TimeLimit = v.InferOutput<typeof TimeLimitSchema>;

/** 材料形式: 1 原件, 2 复印件, 3 原件或复印件, 4 纸质, 5 电子文件, 6 原件和复印件, 7 原件及扫描件. */
export const MaterialFormSchema = oneOf('form', [1, 2, 3, 4, 5, 6, 7]);
/** 提交方式: 01 纸质, 02 电子, 03 纸质或电子, 04 纸质和电子. */
export const SubmissionSchema = oneOf('submission', ['01', '02', '03', '04']);

/** One material on an item's list (材料清单). `id` is the material's identity across items (for bundle merge). */
export const MaterialRequirementSchema = v.object(
  {
    id: code('id', 64),
    name: text('name'),
    /** 必要 / 非必要. */
    necessity: oneOf('necessity', ['required', 'optional']),
    /** 容缺: may be missing at intake, supplied later under a signed commitment. Never on key materials. */
    tolerable: flag('tolerable'),
    /** May be replaced outright by a commitment (告知承诺制). */
    commitmentReplaces: v.optional(flag('commitmentReplaces')),
    form: MaterialFormSchema,
    submission: SubmissionSchema,
    copies: v.pipe(
      v.number(bilingual('copies: a number is required', 'copies: 应填写份数')),
      v.integer(bilingual('copies: a whole number', 'copies: 份数应为整数')),
      v.minValue(0, bilingual('copies: 0 or more', 'copies: 份数不能小于 0')),
      v.maxValue(99, bilingual('copies: at most 99', 'copies: 份数不能超过 99')),
    ),
    paperSize: note('paperSize'),
    /** Where it comes from: the applicant, or an issuing department (then it should come from data sharing). */
    source: oneOf('source', ['applicant', 'issuing-department']),
    issuer: note('issuer'),
    /** E-licence type that satisfies this material when fetched (e.g. `resident-id-card`). */
    licenceType: v.optional(code('licenceType', 64)),
    acceptanceStandard: note('acceptanceStandard'),
    basis: note('basis'),
    blankForm: note('blankForm'),
    sample: note('sample'),
    notes: note('notes'),
  },
  objectMessage('material'),
);
export type MaterialRequirement = v.InferOutput<typeof MaterialRequirementSchema>;

export const FeeSchema = v.object(
  {
    charged: flag('charged'),
    items: list(
      'items',
      v.object(
        { name: text('name'), standard: text('standard'), basis: note('basis'), reduction: note('reduction') },
        objectMessage('fee item'),
      ),
    ),
  },
  objectMessage('fee'),
);

/**
 * The implementing agency (实施主体). Its code is a unified social credit code, checked here for length and characters
 * only: the catalog build checks the check characters (a catalog is loaded whole, and one early-pilot agency code must
 * not make a window lose its catalog). Kept free of the identity checks so that a view bundle that validates a catalog
 * does not carry the division list.
 */
export const AgencySchema = v.object(
  {
    name: text('name'),
    /** The agency's unified social credit code. */
    code: v.pipe(
      v.string(
        bilingual(
          'agency code: a unified social credit code string is required',
          'agency code: 应填写统一社会信用代码',
        ),
      ),
      v.check(
        (code) => code.length === 18,
        bilingual(
          (issue) =>
            `agency code: A unified social credit code has 18 characters; this one has ${String(issue.input).length}.`,
          (issue) => `agency code: 统一社会信用代码应为 18 位，当前为 ${String(issue.input).length} 位。`,
        ),
      ),
      v.check(
        (code) => code.length !== 18 || /^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(code),
        bilingual(
          'agency code: A unified social credit code has digits and capital letters only, without I, O, S, V or Z.',
          'agency code: 统一社会信用代码只能包含数字和大写字母，且不含 I、O、S、V、Z。',
        ),
      ),
      v.check(
        (code) => !/^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(code) || code === code.toUpperCase(),
        bilingual(
          'agency code: A unified social credit code is written in capital letters without spaces.',
          'agency code: 统一社会信用代码应使用大写字母，且不含空格。',
        ),
      ),
    ),
    nature: oneOf('nature', ['statutory', 'authorised', 'entrusted']),
  },
  objectMessage('agency'),
);

export const SpecialProcedureSchema = v.object(
  {
    kind: oneOf('kind', ['site-inspection', 'expert-review', 'hearing', 'testing', 'public-notice', 'other']),
    name: text('name'),
    /** Longest the procedure may take; the clock pauses meanwhile. */
    limit: v.optional(TimeLimitSchema),
  },
  objectMessage('special procedure'),
);

/**
 * Kinds of field on an item's application form (申请表): free text (one line or several), a number, a date, one of
 * a list, yes or no, a phone number, a resident identity number, a unified social credit code.
 */
export const FORM_FIELD_KINDS = [
  'text',
  'multiline',
  'number',
  'date',
  'choice',
  'yes-no',
  'phone',
  'resident-id',
  'credit-code',
] as const;
/** One of {@link FORM_FIELD_KINDS}. */
export type FormFieldKind = (typeof FORM_FIELD_KINDS)[number];

/**
 * Where a form field is filled in from, so that nothing the window knows is asked twice (表单预填): the applicant
 * (`applicant.name`, `applicant.idNumber`, `applicant.phone`, `applicant.address`, `applicant.legalRepresentative`),
 * the proxy (`proxy.name`, `proxy.idNumber`, `proxy.phone`), or an e-licence the case cites
 * (`licence.<type>.number`, `licence.<type>.issuer`).
 */
export const PREFILL_SOURCE =
  /^(?:applicant\.(?:name|idNumber|phone|address|legalRepresentative)|proxy\.(?:name|idNumber|phone)|licence\.[0-9a-z-]{1,64}\.(?:number|issuer))$/;

/** Most fields one item's form has. */
export const MAX_FORM_FIELDS = 60;

/** A field of an item's application form: what the window asks, how it is checked, where it is pre-filled from. */
export const FormFieldSchema = v.pipe(
  v.object(
    {
      /** The field's identity across items: a bundle (一件事) asks a key once for all its items. */
      key: code('key', 64),
      /** As the form prints it, e.g. 联系电话. */
      label: text('label', 60),
      kind: oneOf('kind', FORM_FIELD_KINDS),
      required: flag('required'),
      /** The answers a `choice` offers. */
      options: v.optional(
        v.pipe(
          list('options', text('options', 60)),
          v.minLength(2, bilingual('options: at least two', 'options: 至少两个选项')),
          v.maxLength(50, bilingual('options: at most 50', 'options: 最多 50 个选项')),
        ),
      ),
      /** Most characters of a text, or the largest number. */
      max: v.optional(v.number(bilingual('max: a number', 'max: 应为数字'))),
      /** The smallest number. */
      min: v.optional(v.number(bilingual('min: a number', 'min: 应为数字'))),
      /** The unit a number is in, e.g. 人, 元. */
      unit: note('unit'),
      /** Where the window fills it in from: see {@link PREFILL_SOURCE}. */
      prefill: v.optional(
        v.pipe(
          v.string(bilingual('prefill: a text when given', 'prefill: 填写时应为文字')),
          v.regex(
            PREFILL_SOURCE,
            bilingual(
              'prefill: applicant.<field>, proxy.<field> or licence.<type>.number|issuer',
              'prefill: 应为 applicant.<字段>、proxy.<字段> 或 licence.<证照类型>.number|issuer',
            ),
          ),
        ),
      ),
      /** How to fill it in (填写说明). */
      hint: note('hint'),
    },
    objectMessage('form field'),
  ),
  v.forward(
    v.partialCheck(
      [['kind'], ['options']],
      (f) => (f.kind === 'choice') === (f.options !== undefined),
      bilingual('options: a choice has options, other kinds none', 'options: 选择题必须有选项，其他类型不能有选项'),
    ),
    ['options'],
  ),
);
export type FormField = v.InferOutput<typeof FormFieldSchema>;

/** A service item (政务服务事项) with its implementation-list elements (实施清单要素). */
export const ServiceItemSchema = v.object(
  {
    /** Stable id across versions. */
    id: code('id', 64),
    /** Incremented on every change; a case pins the version it was taken in under. */
    version,
    basicCode: code('basicCode', 12),
    implementationCode: code('implementationCode', 36),
    businessCode: v.optional(code('businessCode', 64)),
    name: text('name', 200),
    /** Domain the hall files it under, e.g. `social-insurance`. */
    domain: code('domain', 64),
    type: v.pipe(
      v.string(bilingual('type: a two-digit item type code is required', 'type: 应填写两位数字的事项类型代码')),
      v.regex(/^[0-9]{2}$/, bilingual('type: a two-digit item type code', 'type: 应为两位数字的事项类型代码')),
    ),
    subtype: note('subtype'),
    agency: AgencySchema,
    entrustedAgency: note('entrustedAgency'),
    level: oneOf('level', ['national', 'provincial', 'municipal', 'district', 'township']),
    serviceObject: v.pipe(
      list('serviceObject', oneOf('serviceObject', ['person', 'organisation'])),
      v.minLength(
        1,
        bilingual(
          'serviceObject: at least one of person, organisation',
          'serviceObject: 至少应包含 person、organisation 中的一项',
        ),
      ),
    ),
    conditions: list('conditions', text('conditions')),
    process: list('process', text('process')),
    specialProcedures: list('specialProcedures', SpecialProcedureSchema),
    handlingForm: oneOf('handlingForm', ['window', 'online', 'window-or-online']),
    legalLimit: TimeLimitSchema,
    promisedLimit: TimeLimitSchema,
    /** 即办件 closes at the window; 承诺件 has a promised limit. */
    caseKind: oneOf('caseKind', ['immediate', 'promised']),
    /** 收件即受理. */
    acceptOnReceipt: flag('acceptOnReceipt'),
    /** 到办事现场次数. */
    visits: oneOf('visits', [0, 1, 2]),
    fee: FeeSchema,
    /** 通办范围. */
    scope: oneOf('scope', ['local', 'city-wide', 'cross-province']),
    crossProvinceModes: list('crossProvinceModes', oneOf('crossProvinceModes', ['online', 'collect-forward', 'joint'])),
    /** 网办深度 1–4. */
    onlineDepth: oneOf('onlineDepth', [1, 2, 3, 4]),
    appointment: flag('appointment'),
    postal: flag('postal'),
    /** High-risk items never accept tolerated materials. */
    highRisk: flag('highRisk'),
    /**
     * What the hall does when a tolerance commitment (容缺承诺) of this item is not kept by its deadline: `revoke` the
     * acceptance (撤销受理), `void` the case (作废), or `escalate` it to the hall's manager (上报, the default).
     */
    overdueRule: v.optional(oneOf('overdueRule', ['revoke', 'void', 'escalate'])),
    result: v.object({ name: text('name'), type: oneOf('type', ['10', '20', '30', '99']) }, objectMessage('result')),
    basis: list('basis', text('basis')),
    contacts: v.object({ consultation: text('consultation'), complaint: text('complaint') }, objectMessage('contacts')),
    address: text('address'),
    hours: text('hours'),
    materials: list('materials', MaterialRequirementSchema),
    /** The application form (申请表) the window fills in; none when the item has no form of its own. */
    form: v.optional(
      v.pipe(
        list('form', FormFieldSchema),
        v.maxLength(
          MAX_FORM_FIELDS,
          bilingual(`form: at most ${MAX_FORM_FIELDS} fields`, `form: 最多 ${MAX_FORM_FIELDS} 个字段`),
        ),
        v.check(
          (fields) => new Set(fields.map((f) => f.key)).size === fields.length,
          bilingual('form: each key at most once', 'form: 字段 key 不能重复'),
        ),
      ),
    ),
    /**
     * Other words people use for the item: common names and abbreviations (社保卡, 营业执照, 房产证). Searched like
     * the name, ranked below it.
     */
    aliases: words('aliases'),
    /** Syllable per character of `name` (non-Han characters kept as they are), computed when the catalog is built. */
    pinyin: v.optional(syllables('pinyin')),
    /** Pinyin of `result.name` and of each alias, computed when the catalog is built. */
    wordPinyin: wordPinyin(MAX_SEARCH_WORDS + 1),
  },
  objectMessage('item'),
);
export type ServiceItem = v.InferOutput<typeof ServiceItemSchema>;

/** A bundle (一件事): one notice, one form, one set of materials, fanned out to each item's department. */
export const BundleSchema = v.object(
  {
    id: code('id', 64),
    version,
    name: text('name', 200),
    kind: oneOf('kind', ['personal', 'enterprise']),
    description: text('description'),
    /** Item ids, in the order the window takes them in. */
    items: v.pipe(
      list('items', code('items', 64)),
      v.minLength(2, bilingual('items: a bundle has at least two items', 'items: 一件事至少包含两个事项')),
    ),
    promisedLimit: v.optional(TimeLimitSchema),
    /** Other words people use for the bundle (开公司, 办退休). */
    aliases: words('aliases'),
    /** The life events that bring people to it, as they say them (生孩子, 老人去世, 买房). */
    lifeEvents: words('lifeEvents'),
    pinyin: v.optional(syllables('pinyin')),
    /** Pinyin of each alias and life event, computed when the catalog is built. */
    wordPinyin: wordPinyin(MAX_SEARCH_WORDS * 2),
  },
  objectMessage('bundle'),
);
export type Bundle = v.InferOutput<typeof BundleSchema>;

const CatalogObjectSchema = v.object(
  {
    version: v.pipe(
      v.string(bilingual('version: a catalog version string is required', 'version: 应填写目录版本号')),
      v.minLength(1, bilingual('version: must not be empty', 'version: 不能为空')),
    ),
    region: note('region'),
    items: list('items', ServiceItemSchema),
    bundles: list('bundles', BundleSchema),
    /**
     * Words that mean the same at a window (社保 = 社会保险, 房产证 = 不动产权证书), in groups: search finds any word
     * of a group where another is written, in queries and in names alike.
     */
    synonyms: v.optional(
      v.pipe(
        list(
          'synonyms',
          v.pipe(
            list('synonyms', word('synonyms')),
            v.minLength(2, bilingual('synonyms: a group has at least two words', 'synonyms: 每组至少两个词')),
            v.maxLength(12, bilingual('synonyms: a group has at most 12 words', 'synonyms: 每组最多 12 个词')),
          ),
        ),
        v.maxLength(
          MAX_SYNONYM_GROUPS,
          bilingual(`synonyms: at most ${MAX_SYNONYM_GROUPS} groups`, `synonyms: 最多 ${MAX_SYNONYM_GROUPS} 组`),
        ),
      ),
    ),
    /** Pinyin of every synonym, computed when the catalog is built. */
    wordPinyin: wordPinyin(MAX_SYNONYM_GROUPS * 12),
  },
  objectMessage('catalog'),
);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A catalog version as the hall server publishes it. Besides each item and bundle: item ids are unique (the issue is
 * on each later item with a taken id, `items.N.id`) and every item a bundle lists exists (`bundles.N.items.M`).
 */
export const CatalogSchema = v.pipe(
  CatalogObjectSchema,
  v.rawCheck<v.InferOutput<typeof CatalogObjectSchema>>(({ dataset, addIssue }) => {
    // Runs also when some item failed, so that every problem is reported at once; hence the defensive reads.
    const catalog: unknown = dataset.value;
    if (!isRecord(catalog)) return;
    const { items, bundles } = catalog;
    const firstIndex = new Map<string, number>();
    if (Array.isArray(items)) {
      items.forEach((item: unknown, i) => {
        if (!isRecord(item) || typeof item.id !== 'string') return;
        const first = firstIndex.get(item.id);
        if (first === undefined) {
          firstIndex.set(item.id, i);
          return;
        }
        addIssue({
          message: bilingual(
            `id: item ids must be unique; items.${first} has the same id`,
            `id: 事项编号不能重复，items.${first} 的编号与此相同`,
          ),
          path: [
            { type: 'object', origin: 'value', input: catalog, key: 'items', value: items },
            { type: 'array', origin: 'value', input: items, key: i, value: item },
            { type: 'object', origin: 'value', input: item, key: 'id', value: item.id },
          ],
        });
      });
    }
    if (!Array.isArray(bundles) || !Array.isArray(items)) return;
    bundles.forEach((bundle: unknown, b) => {
      if (!isRecord(bundle) || !Array.isArray(bundle.items)) return;
      const bundleItems: unknown[] = bundle.items;
      bundleItems.forEach((id, j) => {
        if (typeof id !== 'string' || firstIndex.has(id)) return;
        addIssue({
          message: bilingual(`items: the catalog has no item with id "${id}"`, `items: 目录中没有编号为“${id}”的事项`),
          path: [
            { type: 'object', origin: 'value', input: catalog, key: 'bundles', value: bundles },
            { type: 'array', origin: 'value', input: bundles, key: b, value: bundle },
            { type: 'object', origin: 'value', input: bundle, key: 'items', value: bundleItems },
            { type: 'array', origin: 'value', input: bundleItems, key: j, value: id },
          ],
        });
      });
    });
  }),
);
export type Catalog = v.InferOutput<typeof CatalogSchema>;
