import * as v from 'valibot';
import { objectMessage } from '../case/fields.js';
import { checkResidentIdStructure } from '../identity/resident-id-structure.js';
import { compact } from '../identity/result.js';
import { bilingual, schemaLocale, type SchemaLocale } from '../i18n/schema-message.js';

/**
 * Identity documents a hall window accepts, with their structural format. The numbers built like a resident identity
 * number (the resident ID itself, the 18-character residence permits of Hong Kong, Macau and Taiwan residents and the
 * 2023 foreigner's permanent residence card) are checked in full by `checkResidentId` (check character, birth date);
 * the other numbers by their shape only, as they carry no check character a window could verify.
 */
export const ID_DOCUMENT_TYPES = {
  'resident-id': { zh: '居民身份证', en: 'Resident identity card' },
  'hk-macau-permit': { zh: '港澳居民来往内地通行证', en: 'Mainland travel permit for Hong Kong and Macao residents' },
  'taiwan-permit': { zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents' },
  'foreign-permanent': { zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID card' },
  passport: { zh: '护照', en: 'Passport' },
  other: { zh: '其他证件', en: 'Other document' },
} as const;
/** Key of {@link ID_DOCUMENT_TYPES}. */
export type IdDocumentType = keyof typeof ID_DOCUMENT_TYPES;

const ID_TYPE_KEYS = Object.keys(ID_DOCUMENT_TYPES) as [IdDocumentType, ...IdDocumentType[]];

/** Per document type: the accepted shapes (after trimming and upper-casing) and the message when none fits. */
const ID_FORMATS: Record<IdDocumentType, { patterns: readonly RegExp[]; message: Record<SchemaLocale, string> }> = {
  'resident-id': {
    patterns: [/^\d{17}[\dX]$/],
    message: {
      'en-US': 'idNumber: a resident ID number is 18 characters, 17 digits then a digit or X',
      'zh-CN': 'idNumber: 居民身份号码应为 18 位，前 17 位是数字，最后一位是数字或 X',
    },
  },
  'hk-macau-permit': {
    // 回乡证: H or M and 8 (or, on old cards, 10) digits; 港澳居民居住证 numbers start 810000 / 820000.
    patterns: [/^[HM]\d{8}(?:\d{2})?$/, /^8[12]0000\d{11}[\dX]$/],
    message: {
      'en-US':
        'idNumber: a Hong Kong / Macao permit number is H or M then 8 or 10 digits, or an 18-character residence permit number starting 810000 or 820000',
      'zh-CN':
        'idNumber: 港澳居民来往内地通行证号码应为 H 或 M 加 8 位或 10 位数字；港澳居民居住证号码应为以 810000 或 820000 开头的 18 位号码',
    },
  },
  'taiwan-permit': {
    // 台胞证: 8 digits (10 digits and a letter on old cards); 台湾居民居住证 numbers start 830000.
    patterns: [/^\d{8}$/, /^\d{10}[A-Z]?$/, /^830000\d{11}[\dX]$/],
    message: {
      'en-US':
        'idNumber: a Taiwan permit number is 8 digits (10 digits and an optional letter on old permits), or an 18-character residence permit number starting 830000',
      'zh-CN':
        'idNumber: 台湾居民来往大陆通行证号码应为 8 位数字（旧证为 10 位数字，可带 1 个字母）；台湾居民居住证号码应为以 830000 开头的 18 位号码',
    },
  },
  'foreign-permanent': {
    // 2004 card: 3-letter nationality and 12 digits; 2023 card: 18 characters starting with 9.
    patterns: [/^[A-Z]{3}\d{12}$/, /^9\d{16}[\dX]$/],
    message: {
      'en-US':
        'idNumber: a foreign permanent resident ID number is 3 letters then 12 digits, or 18 characters starting with 9',
      'zh-CN': 'idNumber: 外国人永久居留身份证号码应为 3 个字母加 12 位数字，或以 9 开头的 18 位号码',
    },
  },
  passport: {
    patterns: [/^[A-Z0-9]{5,20}$/],
    message: {
      'en-US': 'idNumber: a passport number is 5 to 20 letters and digits, without spaces',
      'zh-CN': 'idNumber: 护照号码应为 5 到 20 位字母和数字，不含空格',
    },
  },
  other: {
    patterns: [/^[A-Z0-9()/-]{1,40}$/],
    message: {
      'en-US': 'idNumber: at most 40 letters, digits and ( ) / -, without spaces',
      'zh-CN': 'idNumber: 证件号码最多 40 位，只能包含字母、数字和 ( ) / -，不含空格',
    },
  },
};

/**
 * Per document type, the numbers that follow GB 11643 (checked by `checkResidentId`): an 18-character number with this
 * start. `resident-id` numbers always do (15-digit ones included, converted to 18).
 */
const RESIDENT_ID_FORMS: Partial<Record<IdDocumentType, RegExp>> = {
  'hk-macau-permit': /^8[12]0000/,
  'taiwan-permit': /^830000/,
  'foreign-permanent': /^9/,
};

/**
 * The id number as stored (`normalized`), or why it is refused (`message` in `locale`, starting with `idNumber:`, never
 * containing the number). The one place that decides, for the schemas' check and their normalising transform alike.
 */
function judgeIdNumber(
  idType: IdDocumentType,
  idNumber: string,
  locale: SchemaLocale = 'en-US',
): { normalized: string } | { message: string } {
  const residentForm = RESIDENT_ID_FORMS[idType];
  const compacted = residentForm ? compact(idNumber, true) : '';
  if (idType === 'resident-id' || (residentForm?.test(compacted) && compacted.length === 18)) {
    const result = checkResidentIdStructure(idType === 'resident-id' ? idNumber : compacted, { locale });
    if (result.valid && result.normalized !== undefined) return { normalized: result.normalized };
    // A permit number of the wrong characters may be one of the type's other forms mistyped: explain them all.
    const malformed = result.normalized === undefined && idType !== 'resident-id';
    return {
      message:
        malformed || result.error === undefined ? ID_FORMATS[idType].message[locale] : `idNumber: ${result.error}`,
    };
  }
  if (idNumberFits(idType, idNumber)) return { normalized: idNumber };
  return { message: ID_FORMATS[idType].message[locale] };
}

/** The fields {@link idNumberCheck} and {@link idNumberNormalize} read, once they have parsed. */
function idFields(value: unknown): { idType: IdDocumentType; idNumber: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { idType, idNumber } = value as Record<string, unknown>;
  if (typeof idType !== 'string' || !Object.hasOwn(ID_FORMATS, idType)) return undefined;
  if (typeof idNumber !== 'string' || idNumber === '') return undefined;
  return { idType: idType as IdDocumentType, idNumber };
}

/**
 * Whether `idNumber` (trimmed, upper case) has the shape of a document of `idType`: length and characters only. The
 * schemas go further (see {@link idNumberCheck}).
 */
export function idNumberFits(idType: IdDocumentType, idNumber: string): boolean {
  return ID_FORMATS[idType].patterns.some((p) => p.test(idNumber));
}

/** The message explaining what an id number of `idType` looks like, in `locale` (English by default). */
export function idNumberFormatMessage(idType: IdDocumentType, locale: SchemaLocale = 'en-US'): string {
  return ID_FORMATS[idType].message[locale];
}

export const IdDocumentTypeSchema = v.picklist(
  ID_TYPE_KEYS,
  bilingual(`idType: one of ${ID_TYPE_KEYS.join(', ')}`, `idType: 应为以下之一：${ID_TYPE_KEYS.join('、')}`),
);

/** A person's name as on their document: letters of any script, with spaces and · • ・ . - ' between them. */
export const PersonNameSchema = v.pipe(
  v.string(bilingual('name: a name is required', 'name: 应填写姓名')),
  v.trim(),
  v.minLength(1, bilingual('name: must not be empty', 'name: 不能为空')),
  v.maxLength(100, bilingual('name: at most 100 characters', 'name: 不能超过 100 个字符')),
  v.regex(
    /^[\p{L}\p{M}](?:[\p{L}\p{M} ·•・.'-]*[\p{L}\p{M}.])?$/u,
    bilingual(
      "name: letters only, with spaces or · . - ' between words",
      "name: 只能由文字组成，词与词之间可用空格或 · . - ' 分隔",
    ),
  ),
);

/**
 * Upper-cases and trims an id number (lower-case `x` is a typing variant of `X`). On its own it knows nothing of the
 * document type: the object schemas around it check the number against its `idType` with {@link idNumberCheck} and
 * store the canonical form with {@link idNumberNormalize}.
 */
export const IdNumberSchema = v.pipe(
  v.string(bilingual('idNumber: an id number is required', 'idNumber: 应填写证件号码')),
  v.trim(),
  v.toUpperCase(),
  v.minLength(1, bilingual('idNumber: must not be empty', 'idNumber: 不能为空')),
);

/**
 * The cross-field check "idNumber is a valid number of its idType", for a pipe after an object schema that has both
 * fields (objects without `idType` pass, so it also fits a variant). Numbers built like a resident ID (`resident-id`,
 * the 18-character residence permits starting 810000 / 820000 / 830000, the foreigner's card starting 9) go through
 * `checkResidentId`: a wrong check character, a birth date that does not exist or lies in the future is refused, with
 * that check's reason. Other numbers are checked for their shape. The issue is reported on `idNumber`, and its message
 * never contains the number. It runs even when other fields failed, so the clerk sees every problem at once.
 */
export function idNumberCheck<TInput>() {
  return v.rawCheck<TInput>(({ dataset, config, addIssue }) => {
    // Only once the object and both fields parsed (on a raw, unparsed value the check would mislead).
    const blocked = dataset.issues?.some((issue) => {
      const key = issue.path?.[0]?.key;
      return key === undefined || key === 'kind' || key === 'idType' || key === 'idNumber';
    });
    if (blocked) return;
    const fields = idFields(dataset.value);
    if (!fields) return;
    const verdict = judgeIdNumber(fields.idType, fields.idNumber, schemaLocale(config.lang));
    if (!('message' in verdict)) return;
    addIssue({
      message: verdict.message,
      path: [
        {
          type: 'object',
          origin: 'value',
          input: dataset.value as Record<string, unknown>,
          key: 'idNumber',
          value: fields.idNumber,
        },
      ],
    });
  });
}

/**
 * Replaces `idNumber` by its canonical form (`checkResidentId`'s `normalized`: separators removed, 15 digits converted
 * to 18); for a pipe after {@link idNumberCheck}, which it relies on (a transform runs only when nothing failed).
 */
export function idNumberNormalize<T>() {
  return v.transform<T, T>((value) => {
    const fields = idFields(value);
    if (!fields) return value;
    const verdict = judgeIdNumber(fields.idType, fields.idNumber);
    return 'normalized' in verdict && verdict.normalized !== fields.idNumber
      ? { ...value, idNumber: verdict.normalized }
      : value;
  });
}

/** The identifying fields of a natural person: name and identity document. */
export const IdentitySchema = v.pipe(
  v.object(
    {
      name: PersonNameSchema,
      idType: IdDocumentTypeSchema,
      idNumber: IdNumberSchema,
    },
    objectMessage('identity'),
  ),
  idNumberCheck(),
  idNumberNormalize(),
);
export type Identity = v.InferOutput<typeof IdentitySchema>;
