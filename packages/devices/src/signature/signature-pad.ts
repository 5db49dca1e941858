/**
 * A signature pad (签字板) at the window: the applicant signs on it and the window gets the signature as a PNG.
 * Yichuang's own on-screen pad is `<yc-signature-pad>` (a touch screen, a pen tablet or a mouse); a hardware pad
 * plugs in through its vendor's service by implementing this interface. {@link SimulatedSignaturePad} stands in for
 * one in stories and tests.
 * @module
 */

/** Why a pad gave no signature: `cancelled` (the signer stopped), `offline` (no pad), `other`. */
export type SignaturePadErrorReason = 'cancelled' | 'offline' | 'other';

/** A signature not captured; the window says so and offers signing on paper. */
export class SignaturePadError extends Error {
  override readonly name = 'SignaturePadError';
  constructor(
    readonly reason: SignaturePadErrorReason,
    message = `No signature (${reason})`,
  ) {
    super(message);
  }
}

/** A device that captures a signature. */
export interface SignaturePad {
  /**
   * Asks for a signature and resolves with it as a PNG once the signer confirms on the pad. Rejects with a
   * {@link SignaturePadError}, or with the signal's reason when aborted.
   */
  capture(signal?: AbortSignal): Promise<Blob>;
}

/**
 * A pad that signs by itself: after `signMs` it draws a signature-like stroke (or, for a name, as many loops as the
 * name has characters) and gives its PNG. `failWith` makes it refuse, as a pad unplugged or a signer who gives up.
 */
export class SimulatedSignaturePad implements SignaturePad {
  #failure: SignaturePadErrorReason | undefined;
  /** Signatures given so far. */
  captured = 0;

  constructor(readonly signMs = 0) {}

  failWith(reason: SignaturePadErrorReason | undefined): void {
    this.#failure = reason;
  }

  async capture(signal?: AbortSignal): Promise<Blob> {
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, this.signMs);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
    if (this.#failure) throw new SignaturePadError(this.#failure);
    this.captured++;
    return drawnSignature(this.captured);
  }
}

/** A PNG of a handwritten-looking stroke, a little different for each `seed`. */
export async function drawnSignature(seed = 1): Promise<Blob> {
  const canvas = new OffscreenCanvas(480, 160);
  const context = canvas.getContext('2d')!;
  context.lineWidth = 4;
  context.lineCap = 'round';
  context.strokeStyle = '#000';
  context.beginPath();
  context.moveTo(30, 110);
  for (let x = 30; x <= 450; x += 6) {
    const y = 90 + 40 * Math.sin((x + seed * 17) / 23) * Math.cos(x / 71);
    context.lineTo(x, y);
  }
  context.stroke();
  return canvas.convertToBlob({ type: 'image/png' });
}
