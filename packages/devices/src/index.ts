export * from './voice/voice-engine.js';
export * from './voice/speech-synthesis.js';
export * from './voice/simulated-voice.js';
export * from './voice/announcer.js';
export * from './printer/ticket-printer.js';
export { TICKET_STYLES, ticketDocument, ticketHtml, type TicketLocale } from './printer/ticket-html.js';
export * from './printer/browser-printer.js';
export * from './printer/simulated-printer.js';
export { QR_MAX_VERSION, encodeQr, qrSvg, qrSvgPath, type QrCode, type QrOptions } from './printer/qr.js';
export * from './id-reader/id-card-reader.js';
export * from './id-reader/simulated-id-reader.js';
export * from './id-reader/eligibility.js';
export {
  DOCUMENT_STYLES,
  TRAINING_MARK,
  documentHtml,
  documentsPage,
  type PrintableDocument,
} from './printer/document-html.js';
export * from './printer/document-printer.js';
export * from './printer/simulated-document-printer.js';
export * from './signature/signature-pad.js';
export * from './camera/document-camera.js';
export * from './camera/user-media-camera.js';
export * from './camera/simulated-document-camera.js';
export * from './notification/notification-adapter.js';
export * from './notification/simulated-sms-gateway.js';
