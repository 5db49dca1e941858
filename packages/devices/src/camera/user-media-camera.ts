import { CaptureGuard, abortable, delay } from './abortable.js';
import { DocumentCameraError, PAGE_JPEG_QUALITY, type CaptureOptions, type DocumentCamera } from './document-camera.js';

/** Options of {@link UserMediaDocumentCamera}. */
export interface UserMediaDocumentCameraOptions {
  /** Which camera, as `navigator.mediaDevices.enumerateDevices()` names it; the system's choice when absent. */
  deviceId?: string;
  /** Width asked of the camera, which gives the nearest it has. Default 2592 (5 MP, common on document cameras). */
  width?: number;
  /** Height asked of the camera. Default 1944. */
  height?: number;
  /** Pause after the first frame, for the camera's exposure and focus to settle. Default 500 ms. */
  settleMs?: number;
  /** JPEG quality from 0 to 1. Default {@link PAGE_JPEG_QUALITY}. */
  quality?: number;
  /** Where cameras are opened. Default `navigator.mediaDevices` (a test may watch the streams it gives). */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'>;
}

/** The reason of a `getUserMedia` refusal, by the DOMException's name (older Chromium names included). */
const REFUSALS = new Map<string, DocumentCameraError['reason']>([
  ['NotFoundError', 'no-device'],
  ['DevicesNotFoundError', 'no-device'],
  ['OverconstrainedError', 'no-device'],
  ['NotAllowedError', 'denied'],
  ['PermissionDeniedError', 'denied'],
  ['SecurityError', 'denied'],
  ['NotReadableError', 'busy'],
  ['TrackStartError', 'busy'],
  ['AbortError', 'busy'],
]);

/**
 * Any camera the browser sees (a UVC document camera, a webcam) through `getUserMedia`: each capture opens the camera,
 * lets it settle, draws one frame to a canvas, encodes it as a JPEG and stops the camera again, so the camera's light
 * is never left on between pages. The page must be served over HTTPS (or from localhost), and the browser asks the
 * clerk once whether it may use the camera.
 */
export class UserMediaDocumentCamera implements DocumentCamera {
  readonly #options: UserMediaDocumentCameraOptions;
  readonly #guard = new CaptureGuard();

  constructor(options: UserMediaDocumentCameraOptions = {}) {
    this.#options = options;
  }

  capture(options: CaptureOptions = {}): Promise<Blob> {
    return this.#guard.run(options.signal, (signal) => this.#shoot(signal));
  }

  close(): void {
    this.#guard.close();
  }

  async #shoot(signal: AbortSignal): Promise<Blob> {
    const stream = await this.#open(signal);
    const video = document.createElement('video');
    const [track] = stream.getVideoTracks();
    // Unplugged while capturing: the track ends by itself (a track we stop does not fire `ended`).
    const unplugged = new AbortController();
    track?.addEventListener('ended', () =>
      unplugged.abort(new DocumentCameraError('no-device', 'The camera was unplugged during the capture')),
    );
    const stop = AbortSignal.any([signal, unplugged.signal]);
    try {
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      await abortable(video.play(), stop);
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
        await abortable(new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true })), stop);
      }
      await delay(this.#options.settleMs ?? 500, stop);
      const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
      canvas.getContext('2d')!.drawImage(video, 0, 0);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: this.#options.quality ?? PAGE_JPEG_QUALITY });
    } finally {
      video.pause();
      video.srcObject = null;
      for (const each of stream.getTracks()) each.stop();
    }
  }

  /** Opens the camera; a stream that arrives after the capture was stopped is stopped at once. */
  async #open(signal: AbortSignal): Promise<MediaStream> {
    const devices = this.#options.mediaDevices ?? (globalThis.navigator?.mediaDevices as MediaDevices | undefined);
    if (!devices) {
      throw new DocumentCameraError('denied', 'No camera API on this page: it must be served over HTTPS');
    }
    const { deviceId, width = 2592, height = 1944 } = this.#options;
    const opening = devices.getUserMedia({
      audio: false,
      video: {
        ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        width: { ideal: width },
        height: { ideal: height },
      },
    });
    opening.then(
      (late) => signal.aborted && late.getTracks().forEach((each) => each.stop()),
      () => undefined,
    );
    try {
      return await abortable(opening, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const reason = REFUSALS.get(String((error as { name?: unknown }).name));
      if (!reason) throw error;
      throw new DocumentCameraError(reason, `The camera could not be opened (${(error as Error).name})`, {
        cause: error,
      });
    }
  }
}
