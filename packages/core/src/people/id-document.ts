import * as v from 'valibot';
import { objectMessage } from '../case/fields.js';
import { checkResidentIdStructure } from '../identity/resident-id-structure.js';
import { compact } from '../identity/result.js';

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

/**
 * Per document type, the numbers that follow GB 11643 (checked by `checkResidentId`): an 18-character number with this
 * start. `resident-id` numbers always do (15-digit ones included, converted to 18).
 */
const RESIDENT_ID_FORMS: Partial<Record<IdDocumentType, RegExp>> = {
  'hk-macau-permit': /^8[12]0000/,
  'taiwan-permit': /^830000/,
  'foreign-permanent': /^9/,
};

/** Messages in the schemas are English, like the others; the field name comes first. */
const SCHEMA_LOCALE = { locale: 'en-US' } as const;

/**
 * The id number as stored (`normalized`), or why it is refused (`message`, starting with `idNumber:`, never containing
 * the number). The one place that decides, for the schemas' check and their normalising transform alike.
 */
function judgeIdNumber(idType: IdDocumentType, idNumber: string): { normalized: string } | { message: string } {
  const residentForm = RESIDENT_ID_FORMS[idType];
  const compacted = residentForm ? compact(idNumber, true) : '';
  if (idType === 'resident-id' || (residentForm?.test(compacted) && compacted.length === 18)) {
    const result = checkResidentIdStructure(idType === 'resident-id' ? idNumber : compacted, SCHEMA_LOCALE);
    if (result.valid && result.normalized !== undefined) return { normalized: result.normalized };
    // A permit number of the wrong characters may be one of the type's other forms mistyped: explain them all.
    const malformed = result.normalized === undefined && idType !== 'resident-id';
    return {
      message: malformed || result.error === undefined ? ID_FORMATS[idType].message : `idNumber: ${result.error}`,
    };
  }
  if (idNumberFits(idType, idNumber)) return { normalized: idNumber };
  return { message: ID_FORMATS[idType].message };
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
 * Upper-cases and trims an id number (lower-case `x` is a typing variant of `X`). On its own it knows nothing of the
 * document type: the object schemas around it check the number against its `idType` with {@link idNumberCheck} and
 * store the canonical form with {@link idNumberNormalize}.
 */
export const IdNumberSchema = v.pipe(
  v.string('idNumber: an id number is required'),
  v.trim(),
  v.toUpperCase(),
  v.minLength(1, 'idNumber: must not be empty'),
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
  return v.rawCheck<TInput>(({ dataset, addIssue }) => {
    // Only once the object and both fields parsed (on a raw, unparsed value the check would mislead).
    const blocked = dataset.issues?.some((issue) => {
      const key = issue.path?.[0]?.key;
      return key === undefined || key === 'kind' || key === 'idType' || key === 'idNumber';
    });
    if (blocked) return;
    const fields = idFields(dataset.value);
    if (!fields) return;
    const verdict = judgeIdNumber(fields.idType, fields.idNumber);
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
