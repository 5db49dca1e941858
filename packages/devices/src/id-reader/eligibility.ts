import { residentIdFacts, toChinaDate, type IdErrorReason } from '@yichuang/core';
import type { IdCardData } from './id-card-reader.js';

/** Age from which a visitor is offered a priority ticket, unless a hall sets its own. */
export const ELDERLY_AGE = 60;

/** Options of {@link eligibilityOf}. */
export interface EligibilityOptions {
  /** Age from which a visitor counts as elderly. Default {@link ELDERLY_AGE}. */
  elderlyAge?: number;
}

/**
 * What a kiosk may keep of a card: nothing that tells who the holder is (no number, no name, no birth date).
 * `valid: false` when the card's number fails its check (`reason` as in `@yichuang/core`'s identifier checks), or
 * disagrees with the birth date the card gives (`mismatch`): a kiosk then offers no priority on the card's word.
 */
export type Eligibility =
  | {
      valid: true;
      /** Whole years at `today`, in China time. */
      age: number;
      /** `age >= elderlyAge`: offer a priority ticket. */
      elderly: boolean;
      /** The card's validity ended before `today` (the age holds all the same). */
      expired: boolean;
    }
  | { valid: false; reason: IdErrorReason | 'mismatch' };

/**
 * What a card entitles its holder to, derived on the spot so the kiosk keeps and sends none of the card: the resident
 * identity number is checked (GB 11643 check character, real birth date, through `@yichuang/core`), the age counted in
 * whole years on `today` in China time. Pure.
 * @example eligibilityOf(card, new Date()).elderly // true for a holder of 60 or more
 */
export function eligibilityOf(card: IdCardData, today: Date, options: EligibilityOptions = {}): Eligibility {
  const elderlyAge = options.elderlyAge ?? ELDERLY_AGE;
  const check = residentIdFacts(card.idNumber, today);
  if (check.reason !== undefined) return { valid: false, reason: check.reason };
  const id = check.normalized!;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate !== card.birthDate) return { valid: false, reason: 'mismatch' };
  const now = toChinaDate(today);
  // Whole years: the difference of the years, less one before this year's birthday (ISO dates compare as text).
  const age = Number(now.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (now.slice(5) < birthDate.slice(5) ? 1 : 0);
  const expired = /^\d{4}-\d{2}-\d{2}$/.test(card.validUntil ?? '') && card.validUntil! < now;
  return { valid: true, age, elderly: age >= elderlyAge, expired };
}
