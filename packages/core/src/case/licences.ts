import type { MergedMaterial } from '../catalog/bundle-merge.js';
import type { Applicant } from '../people/applicant.js';
import type { CaseMaterial } from './case.js';

/** An e-licence (电子证照) as its issuer gives it, through the hall's look-up (the hall client's `Licence`). */
export interface ElectronicLicence {
  /** Licence type, as catalog materials name it (`licenceType`): `resident-id-card`, `household-register` …. */
  type: string;
  /** The licence's name, e.g. 居民身份证. */
  title: string;
  /** Licence number as issued. */
  number: string;
  holderId: string;
  holderName: string;
  issuer: string;
  issuedOn: string;
  /** Last valid day (`YYYY-MM-DD`); absent when it does not expire. */
  validUntil?: string;
  /** SHA-256 of the licence document: what a case cites. */
  sha256: string;
}

/** What a case material keeps of the e-licence it was taken as: enough to find the very document again. */
export type CitedLicence = NonNullable<CaseMaterial['licence']>;

/**
 * Whose licences to look up for an applicant: a person's resident identity number, or an organisation's credit
 * code; `undefined` for another identity document (licences are issued against those two only).
 */
export function licenceHolderId(applicant: Applicant | undefined): string | undefined {
  if (!applicant) return undefined;
  if (applicant.kind === 'organisation') return applicant.uscc;
  return applicant.idType === 'resident-id' ? applicant.idNumber : undefined;
}

/**
 * Which fetched licence satisfies which material of the list: one whose type is the material's `licenceType`,
 * issued to `holderId`, and valid on `today` (China time, `YYYY-MM-DD`; its last valid day included). A material
 * with several such licences takes the one valid longest. Materials with no `licenceType` are never satisfied.
 */
export function licencesForMaterials(
  merged: readonly MergedMaterial[],
  licences: readonly ElectronicLicence[],
  holderId: string,
  today: string,
): Map<string, ElectronicLicence> {
  const valid = licences.filter(
    (l) => l.holderId.toUpperCase() === holderId.toUpperCase() && (l.validUntil === undefined || l.validUntil >= today),
  );
  const lasting = (l: ElectronicLicence) => l.validUntil ?? '9999-12-31';
  const found = new Map<string, ElectronicLicence>();
  for (const { material } of merged) {
    const candidates = valid.filter((l) => material.licenceType !== undefined && l.type === material.licenceType);
    const best = candidates.sort((a, b) => lasting(b).localeCompare(lasting(a)))[0];
    if (best) found.set(material.id, best);
  }
  return found;
}

/** The citation a case material keeps of a licence. */
export function citeLicence(licence: ElectronicLicence): CitedLicence {
  return { type: licence.type, number: licence.number, issuer: licence.issuer, sha256: licence.sha256 };
}
