export { AssistDesk } from './assist-desk/assist-desk.js';
export {
  AssistDeskController,
  ledgerOf,
  type AssistDeskOptions,
  type AssistForm,
  type AssistHall,
  type AssistState,
  type AssistStore,
  type HandOff,
  type HelpForm,
  type LedgerCase,
  type LedgerRow,
} from './assist-desk/controller.js';
export { AssistHandOffEvent, type AssistHandOffDetail } from './assist-desk/assist-hand-off-event.js';
export { ASSIST_MESSAGES, type AssistMessageKey } from './i18n/messages.js';
