export type { IdCheckOptions, IdCheckResult, IdErrorReason } from './result.js';
export type { IdLocale, IdMessageKey } from './messages.js';
export { ID_MESSAGES, formatIdMessage } from './messages.js';
export { checkResidentId } from './resident-id.js';
export { checkResidentIdStructure, residentIdFacts, type ResidentIdFacts } from './resident-id-structure.js';
export { checkUscc } from './uscc.js';
export { USCC_ALPHABET, checkUsccStructure, usccCheckCharacter } from './uscc-structure.js';
export { checkOrgCode, orgCodeCheckCharacter } from './org-code.js';
export { checkPhone } from './phone.js';
export type { DivisionCheckResult, DivisionLevel } from './division.js';
export {
  DIVISION_LIST_YEAR,
  checkDivisionCode,
  divisionLevel,
  divisionName,
  divisionPath,
  divisionChildren,
  isKnownDivision,
} from './division.js';
export { holderMismatches, idHolderFacts, type IdHolderFacts } from './holder.js';
