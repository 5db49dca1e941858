export * from './feed/queue-feed.js';
export { categoryName, localName, queueMsg, type QueueMessageKey } from './i18n/messages.js';
export { HallDisplay } from './hall-display/hall-display.js';
export { HallDisplayController } from './hall-display/controller.js';
export { QueueBoard, type ReportExportDetail } from './queue-board/queue-board.js';
export { QueueBoardController, type QueueBoardOptions, type QueueBoardState } from './queue-board/controller.js';
export { queueReportCsv } from './queue-board/report-csv.js';
export { axisTop, barRects, linePoints, type ChartFrame } from './queue-board/charts.js';
export { QueueCaller, CALLER_SHORTCUTS } from './queue-caller/queue-caller.js';
export {
  QueueCallerController,
  type CallerOutcome,
  type CallerResult,
  type QueueCallerState,
} from './queue-caller/controller.js';
export { TicketCalledEvent, TicketFinishedEvent, type TicketEventDetail } from './queue-caller/events.js';
export { TicketKiosk } from './ticket-kiosk/ticket-kiosk.js';
export {
  TicketKioskController,
  type CardNote,
  type IssuedTicket,
  type TicketKioskOptions,
  type TicketKioskState,
} from './ticket-kiosk/controller.js';
