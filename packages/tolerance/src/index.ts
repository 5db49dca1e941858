export { ToleranceLedger } from './tolerance-ledger/tolerance-ledger.js';
export {
  LedgerController,
  type LedgerHall,
  type LedgerOptions,
  type LedgerRow,
  type LedgerSource,
  type LedgerState,
  type LedgerStore,
  type OpenedCase,
  type SupplyChoice,
} from './tolerance-ledger/controller.js';
export { LedgerRecordedEvent, type LedgerRecordedDetail } from './tolerance-ledger/ledger-recorded-event.js';
export { TOLERANCE_MESSAGES, type ToleranceMessageKey } from './i18n/messages.js';
