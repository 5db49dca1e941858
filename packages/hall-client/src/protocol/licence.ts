import * as v from 'valibot';
import {
  bilingual,
  checkResidentIdStructure,
  checkUsccStructure,
  objectMessage,
  type ElectronicLicence,
} from '@yichuang/core';

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

/** One e-licence as the issuer answers: the core's {@link ElectronicLicence}, the shape a case material cites. */
export type Licence = ElectronicLicence;
