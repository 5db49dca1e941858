import { toChinaDate } from '@yichuang/core';
import { CaptureGuard, delay } from './abortable.js';
import {
  DocumentCameraError,
  PAGE_JPEG_QUALITY,
  type CaptureOptions,
  type DocumentCamera,
  type DocumentCameraErrorReason,
} from './document-camera.js';

/** Options of {@link SimulatedDocumentCamera}. */
export interface SimulatedDocumentCameraOptions {
  /** How long a capture takes. Default 0; a story may use 800 (a real camera opens and settles in about a second). */
  captureMs?: number;
  /** The date printed on the pages. Default the present. */
  now?: () => Date;
}

/**
 * A document camera without a camera, for stories and tests: each capture draws a page (the label it is given as the
 * title, the date, the page's number, lines of text, a seal) and gives it as a real JPEG. {@link failWith} makes it
 * fail as a camera unplugged, refused or held by another program would.
 */
export class SimulatedDocumentCamera implements DocumentCamera {
  readonly #captureMs: number;
  readonly #now: () => Date;
  readonly #guard = new CaptureGuard();
  #failure: DocumentCameraErrorReason | undefined;
  /** Pages given so far. */
  captured = 0;

  constructor(options: SimulatedDocumentCameraOptions = {}) {
    this.#captureMs = options.captureMs ?? 0;
    this.#now = options.now ?? (() => new Date());
  }

  /** Makes every capture from now on fail with `reason`, or (with `undefined`) succeed again. */
  failWith(reason: DocumentCameraErrorReason | undefined): void {
    this.#failure = reason;
  }

  capture(options: CaptureOptions = {}): Promise<Blob> {
    return this.#guard.run(options.signal, async (signal) => {
      await delay(this.#captureMs, signal);
      if (this.#failure) throw new DocumentCameraError(this.#failure);
      this.captured++;
      return drawnPage({ label: options.label, page: this.captured, date: this.#now() });
    });
  }

  close(): void {
    this.#guard.close();
  }
}

/** What {@link drawnPage} prints. */
export interface DrawnPage {
  /** The title of the page. Default 材料. */
  label?: string | undefined;
  /** Printed as 第 N 页, and varies the lines. Default 1. */
  page?: number;
  /** Printed in China time. Default the present. */
  date?: Date;
}

/** An A4 page at 100 dpi, as a document camera sees it on its bed: a JPEG that looks like a scanned material. */
export async function drawnPage({ label = '材料', page = 1, date = new Date() }: DrawnPage = {}): Promise<Blob> {
  const [width, height] = [827, 1169];
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  // The camera's grey bed, the white sheet on it.
  context.fillStyle = '#5f6368';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#fdfdfb';
  context.fillRect(40, 40, width - 80, height - 80);
  context.fillStyle = '#111';
  context.textAlign = 'center';
  context.font = 'bold 40px sans-serif';
  context.fillText(label, width / 2, 150, width - 160);
  context.font = '22px sans-serif';
  context.fillText(`${toChinaDate(date)} · 第 ${page} 页`, width / 2, 200);
  // Lines of text, a little shorter or longer from page to page.
  context.fillStyle = '#9aa0a6';
  for (let line = 0; line < 24; line++) {
    const length = 520 + ((line * 37 + page * 53) % 140);
    context.fillRect(100, 260 + line * 32, line % 6 === 5 ? length / 2 : length, 10);
  }
  // A red seal at the foot of the page.
  context.strokeStyle = '#c62828';
  context.lineWidth = 6;
  context.beginPath();
  context.arc(width - 200, height - 200, 80, 0, 2 * Math.PI);
  context.stroke();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: PAGE_JPEG_QUALITY });
}
