/**
 * The document camera (高拍仪) at the window: it photographs a page the applicant brought, and the window keeps the
 * picture as a scanned material (扫描件). Most document cameras are UVC cameras the browser sees as any other, which
 * {@link UserMediaDocumentCamera} drives; a camera driven only by its vendor's service implements this interface
 * itself. {@link SimulatedDocumentCamera} stands in for one in stories and tests.
 * @module
 */

/**
 * Why a camera gave no page, for code: `no-device` (no camera is plugged in, or none matches), `denied` (the browser
 * or the clerk refused the camera to this page), `busy` (another capture is in progress, or another program holds the
 * camera), `closed` (the camera was closed and takes no more pages).
 */
export type DocumentCameraErrorReason = 'no-device' | 'denied' | 'busy' | 'closed';

/** A page not captured. `message` is for developers; a window words `reason` itself and offers taking the paper. */
export class DocumentCameraError extends Error {
  override readonly name = 'DocumentCameraError';
  readonly reason: DocumentCameraErrorReason;

  constructor(
    reason: DocumentCameraErrorReason,
    message: string = `No page captured (${reason})`,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.reason = reason;
  }
}

/** What to capture. */
export interface CaptureOptions {
  /** Stops the capture: it rejects with the signal's reason, and the camera is released. */
  signal?: AbortSignal;
  /** What the page is (the material's name). A real camera ignores it; the simulator prints it on its page. */
  label?: string;
}

/** A device that photographs one page at a time. */
export interface DocumentCamera {
  /**
   * Photographs the page under the camera and resolves with it as a JPEG (`image/jpeg`). One capture at a time.
   * Rejects with a {@link DocumentCameraError}, or with the signal's reason when aborted.
   */
  capture(options?: CaptureOptions): Promise<Blob>;
  /** Releases the camera for good: a capture in progress fails with `closed`, and so does every later one. */
  close(): void;
}

/** JPEG quality of a captured page: sharp enough for small print, a few hundred kilobytes for an A4 page. */
export const PAGE_JPEG_QUALITY = 0.85;
