import { PrinterError } from './ticket-printer.js';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise that rejects with the signal's reason when it aborts, and never settles otherwise. */
function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    else signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** One print job in a hidden frame: the page, how wide it is laid out, and how long to wait. */
export interface FrameJob {
  /** The whole HTML page to print. */
  html: string;
  /** The CSS width the page is laid out at (the paper's). */
  width: string;
  /** What is printed, for error messages: `ticket`, `documents`. */
  what: string;
  /** Where the hidden frame goes while printing. Default `document.body`. */
  container?: HTMLElement | undefined;
  afterPrintMs: number;
  loadTimeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Runs once the page and its fonts are ready, before printing (to measure it, say). */
  beforePrint?: (page: Document) => void;
}

/**
 * Prints a page through the browser: in a hidden same-origin frame, once loaded and its fonts ready, with the frame's
 * `print()`. Hall PCs run Chromium with `--kiosk-printing`, which prints to the default printer without a dialog.
 * Rejects with a {@link PrinterError} (or the signal's reason, before the page is sent).
 * @internal shared by the browser's ticket and document printers
 */
export async function printInFrame(job: FrameJob): Promise<void> {
  const { signal, loadTimeoutMs, afterPrintMs, what } = job;
  signal?.throwIfAborted();
  if (typeof document === 'undefined') throw new PrinterError('offline', 'No browser document to print from');
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Laid out at the paper's width, out of sight (not display: none, which would leave nothing to measure or print).
  frame.style.cssText =
    `position: fixed; top: 0; left: 0; transform: translateX(-200%); width: ${job.width}; height: 1px; border: 0; ` +
    'opacity: 0; pointer-events: none;';
  frame.srcdoc = job.html;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const tooLong = (part: string) =>
    delay(loadTimeoutMs).then(() => {
      throw new PrinterError('other', `The ${what}: its ${part} did not get ready in ${loadTimeoutMs} ms`);
    });
  const aborted = rejectOnAbort(signal);
  aborted.catch(() => undefined);
  try {
    (job.container ?? document.body).append(frame);
    await Promise.race([loaded, tooLong('page'), aborted]);
    const view = frame.contentWindow;
    const page = frame.contentDocument;
    if (!view || !page) throw new PrinterError('other', 'The print frame has no document');
    await Promise.race([page.fonts.ready, tooLong('fonts'), aborted]);
    job.beforePrint?.(page);
    // From here the page is sent: an abort can no longer call it back.
    const done = new Promise((resolve) => view.addEventListener('afterprint', resolve, { once: true }));
    try {
      view.print();
    } catch (error) {
      throw new PrinterError('other', 'The browser refused to print', { cause: error });
    }
    await Promise.race([done, delay(afterPrintMs)]);
  } finally {
    frame.remove();
  }
}
