import * as v from 'valibot';
import { bilingual, checkResidentIdStructure, checkUsccStructure, objectMessage } from '@yichuang/core';

/**
 * `POST /api/v1/licences/lookup`: the e-licences (电子证照) issued to a holder, by resident identity number or
 * unified social credit code. A POST, not a GET, so the identifier never lands in a URL or an access log.
 */
export const LicenceLookupSchema = v.object(
  {
    holderId: v.pipe(
      v.string(
        bilingual(
          'holderId: an identity number or credit code string is required',
          'holderId: 应填写居民身份号码或统一社会信用代码',
        ),
      ),
      v.trim(),
      v.toUpperCase(),
      v.check(
        (id) => checkResidentIdStructure(id).valid || checkUsccStructure(id).valid,
        bilingual(
          'holderId: a valid resident identity number (18 characters) or unified social credit code',
          'holderId: 应为有效的居民身份号码（18 位）或统一社会信用代码',
        ),
      ),
    ),
  },
  objectMessage('licence look-up'),
);
export type LicenceLookup = v.InferInput<typeof LicenceLookupSchema>;

/** One e-licence as the issuer answers. */
export interface Licence {
  /** Licence type, as catalog materials name it (`licenceType`): `resident-id-card`, `household-register` …. */
  type: string;
  /** The name of the licence in Chinese, e.g. 居民身份证. */
  title: string;
  /** Licence number as issued. */
  number: string;
  holderId: string;
  holderName: string;
  issuer: string;
  issuedOn: string;
  /** Last valid day; absent when it does not expire. */
  validUntil?: string;
  /** SHA-256 of the licence document, so a case can cite exactly what it used. */
  sha256: string;
}
