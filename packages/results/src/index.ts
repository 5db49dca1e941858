export { ResultHandover } from './result-handover/result-handover.js';
export {
  HandoverController,
  type HandoverForm,
  type HandoverHall,
  type HandoverOptions,
  type HandoverRow,
  type HandoverState,
  type HandoverStore,
} from './result-handover/controller.js';
export { ResultHandedOverEvent, type ResultHandedOverDetail } from './result-handover/result-handed-over-event.js';
export { RESULTS_MESSAGES, type ResultsMessageKey } from './i18n/messages.js';
