import * as v from 'valibot';
import { objectMessage } from '../case/fields.js';

/**
 * Identity documents a hall window accepts, with their structural format. Only length and charset are checked
 * here; check digits and dates are `src/identity/`'s job.
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
const ID_FORMATS: Record<IdDocumentType, { patterns: readonly RegExp[]; message: string }> = {
  'resident-id': {
    patterns: [/^\d{17}[\dX]$/],
    message: 'idNumber: a resident ID number is 18 characters, 17 digits then a digit or X',
  },
  'hk-macau-permit': {
    // 回乡证: H or M and 8 (or, on old cards, 10) digits; 港澳居民居住证 numbers start 810000 / 820000.
    patterns: [/^[HM]\d{8}(?:\d{2})?$/, /^8[12]0000\d{11}[\dX]$/],
    message:
      'idNumber: a Hong Kong / Macao permit number is H or M then 8 or 10 digits, or an 18-character residence permit number starting 810000 or 820000',
  },
  'taiwan-permit': {
    // 台胞证: 8 digits (10 digits and a letter on old cards); 台湾居民居住证 numbers start 830000.
    patterns: [/^\d{8}$/, /^\d{10}[A-Z]?$/, /^830000\d{11}[\dX]$/],
    message:
      'idNumber: a Taiwan permit number is 8 digits (10 digits and an optional letter on old permits), or an 18-character residence permit number starting 830000',
  },
  'foreign-permanent': {
    // 2004 card: 3-letter nationality and 12 digits; 2023 card: 18 characters starting with 9.
    patterns: [/^[A-Z]{3}\d{12}$/, /^9\d{16}[\dX]$/],
    message:
      'idNumber: a foreign permanent resident ID number is 3 letters then 12 digits, or 18 characters starting with 9',
  },
  passport: {
    patterns: [/^[A-Z0-9]{5,20}$/],
    message: 'idNumber: a passport number is 5 to 20 letters and digits, without spaces',
  },
  other: {
    patterns: [/^[A-Z0-9()/-]{1,40}$/],
    message: 'idNumber: at most 40 letters, digits and ( ) / -, without spaces',
  },
};

/** Whether `idNumber` (trimmed, upper case) has the shape of a document of `idType`. */
export function idNumberFits(idType: IdDocumentType, idNumber: string): boolean {
  return ID_FORMATS[idType].patterns.some((p) => p.test(idNumber));
}

/** The message explaining what an id number of `idType` looks like. */
export function idNumberFormatMessage(idType: IdDocumentType): string {
  return ID_FORMATS[idType].message;
}

export const IdDocumentTypeSchema = v.picklist(ID_TYPE_KEYS, `idType: one of ${ID_TYPE_KEYS.join(', ')}`);

/** A person's name as on their document: letters of any script, with spaces and · • ・ . - ' between them. */
export const PersonNameSchema = v.pipe(
  v.string('name: a name is required'),
  v.trim(),
  v.minLength(1, 'name: must not be empty'),
  v.maxLength(100, 'name: at most 100 characters'),
  v.regex(
    /^[\p{L}\p{M}](?:[\p{L}\p{M} ·•・.'-]*[\p{L}\p{M}.])?$/u,
    "name: letters only, with spaces or · . - ' between words",
  ),
);

/**
 * Upper-cases and trims an id number (lower-case `x` is a typing variant of `X`); it is then checked against
 * the document type by {@link idNumberCheck}.
 */
export const IdNumberSchema = v.pipe(
  v.string('idNumber: an id number is required'),
  v.trim(),
  v.toUpperCase(),
  v.minLength(1, 'idNumber: must not be empty'),
);

/**
 * The cross-field check "idNumber has the shape its idType requires", for a pipe after an object schema that has
 * both fields (objects without `idType` pass, so it also fits a variant). The issue is reported on `idNumber`.
 * It runs even when other fields failed, so the clerk sees every problem at once.
 */
export function idNumberCheck<TInput>() {
  return v.rawCheck<TInput>(({ dataset, addIssue }) => {
    // Only once the object and both fields parsed (on a raw, unparsed value the check would mislead).
    const blocked = dataset.issues?.some((issue) => {
      const key = issue.path?.[0]?.key;
      return key === undefined || key === 'kind' || key === 'idType' || key === 'idNumber';
    });
    if (blocked) return;
    const value: unknown = dataset.value;
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const { idType, idNumber } = record;
    if (typeof idType !== 'string' || !Object.hasOwn(ID_FORMATS, idType)) return;
    if (typeof idNumber !== 'string' || idNumber === '') return;
    const type = idType as IdDocumentType;
    if (idNumberFits(type, idNumber)) return;
    addIssue({
      message: idNumberFormatMessage(type),
      path: [{ type: 'object', origin: 'value', input: record, key: 'idNumber', value: idNumber }],
    });
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
);
export type Identity = v.InferOutput<typeof IdentitySchema>;
