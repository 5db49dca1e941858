import { DocumentCameraError } from './document-camera.js';

/** `promise`, or the signal's reason as soon as it is aborted (the promise itself runs on). Internal. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, or rejects with the signal's reason when aborted first. Internal. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return abortable(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * One capture at a time, each stoppable by the caller's signal or by closing the camera: what both cameras share.
 * Internal.
 */
export class CaptureGuard {
  #current: AbortController | undefined;
  #closed = false;

  /** Runs `work` with a signal that aborts when `signal` does or the camera closes. */
  async run<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    if (this.#closed) throw new DocumentCameraError('closed', 'The camera was closed');
    if (this.#current) throw new DocumentCameraError('busy', 'Another capture is in progress');
    const stop = new AbortController();
    this.#current = stop;
    const abort = () => stop.abort(signal!.reason);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await work(stop.signal);
    } finally {
      signal?.removeEventListener('abort', abort);
      this.#current = undefined;
    }
  }

  /** Closes for good: the capture in progress fails with `closed`. */
  close(): void {
    this.#closed = true;
    this.#current?.abort(new DocumentCameraError('closed', 'The camera was closed during the capture'));
  }
}
