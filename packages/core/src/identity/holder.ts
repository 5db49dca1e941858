import { formatIdMessage, type IdLocale } from './messages.js';
import { residentIdFacts } from './resident-id-structure.js';

/** What a resident identity number says of its holder: date of birth and sex (GB 11643). */
export interface IdHolderFacts {
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: 'male' | 'female';
}

/**
 * The date of birth (digits 7–14) and sex (digit 17: odd for men, even for women) a well-formed resident identity
 * number carries; `undefined` for a number that is not well formed.
 */
export function idHolderFacts(idNumber: string, today: Date = new Date()): IdHolderFacts | undefined {
  const id = residentIdFacts(idNumber, today).normalized;
  if (id === undefined || !/^\d{17}[\dX]$/.test(id) || id.startsWith('9')) return undefined;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/**
 * Whether a person's stated date of birth and sex agree with their resident identity number (as a card reader gives
 * them, or a form asks them): one whole-sentence message per disagreement, none when they agree or cannot be compared.
 */
export function holderMismatches(
  person: { idNumber: string; birthDate?: string; sex?: 'male' | 'female' },
  locale: IdLocale = 'zh-CN',
  today: Date = new Date(),
): string[] {
  const facts = idHolderFacts(person.idNumber, today);
  if (!facts) return [];
  const problems: string[] = [];
  if (person.birthDate !== undefined && person.birthDate !== facts.birthDate) {
    problems.push(formatIdMessage('holder.birth-date', { number: facts.birthDate, stated: person.birthDate }, locale));
  }
  if (person.sex !== undefined && person.sex !== facts.sex) {
    problems.push(formatIdMessage(facts.sex === 'male' ? 'holder.sex-male' : 'holder.sex-female', {}, locale));
  }
  return problems;
}
