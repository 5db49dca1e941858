// Defines the elements of @yichuang/queue. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { HallDisplay } from './hall-display/hall-display.js';
import { QueueBoard } from './queue-board/queue-board.js';
import { QueueCaller } from './queue-caller/queue-caller.js';
import { TicketKiosk } from './ticket-kiosk/ticket-kiosk.js';

export const QUEUE_ELEMENTS = {
  'yc-hall-display': HallDisplay,
  'yc-queue-board': QueueBoard,
  'yc-queue-caller': QueueCaller,
  'yc-ticket-kiosk': TicketKiosk,
} as const;

for (const [tag, element] of Object.entries(QUEUE_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-hall-display': HallDisplay;
    'yc-queue-board': QueueBoard;
    'yc-queue-caller': QueueCaller;
    'yc-ticket-kiosk': TicketKiosk;
  }
}
