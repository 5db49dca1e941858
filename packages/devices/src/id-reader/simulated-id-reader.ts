import { IdReaderError, type IdCardData, type IdCardReader, type IdReaderErrorReason } from './id-card-reader.js';

/** Something placed on a {@link SimulatedIdCardReader}: a card, or the reason its read fails. */
export type SimulatedPlacement = IdCardData | Exclude<IdReaderErrorReason, 'timeout'>;

/** Options of {@link SimulatedIdCardReader}. */
export interface SimulatedIdReaderOptions {
  /** Placements waiting on the reader, read in order. */
  cards?: readonly SimulatedPlacement[];
  /** How long reading a chip takes. Default 0; a story may use 600 (real readers take about half a second). */
  readMs?: number;
  /** Longest a read waits for a card before failing with `timeout`. Default 30 s. */
  timeoutMs?: number;
}

/**
 * A card reader without a card: a queue of placements (cards, or reasons a read fails) for stories and tests. Each
 * read takes the next placement, waiting for {@link place} when there is none.
 */
export class SimulatedIdCardReader implements IdCardReader {
  readonly #queue: SimulatedPlacement[];
  readonly #readMs: number;
  readonly #timeoutMs: number;
  readonly #waiting = new Set<() => void>();
  #removed = false;

  constructor(options: SimulatedIdReaderOptions = {}) {
    this.#queue = [...(options.cards ?? [])];
    this.#readMs = options.readMs ?? 0;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Placements not read yet. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Puts a card on the reader, or (with a reason) a card whose read will fail that way. */
  place(placement: SimulatedPlacement): void {
    this.#queue.push(placement);
    for (const wake of this.#waiting) wake();
  }

  /** Takes the card away: a read in progress fails with `no-card`, and what was placed and not read is gone. */
  remove(): void {
    this.#queue.length = 0;
    this.#removed = true;
  }

  async read(signal?: AbortSignal): Promise<IdCardData> {
    signal?.throwIfAborted();
    const placement = this.#queue.shift() ?? (await this.#next(signal));
    this.#removed = false;
    await this.#wait(this.#readMs, signal);
    if (this.#removed) throw new IdReaderError('no-card', 'The card was taken away while being read');
    if (typeof placement === 'string') throw new IdReaderError(placement);
    return structuredClone(placement);
  }

  /** Waits for the next placement, up to the timeout. */
  #next(signal: AbortSignal | undefined): Promise<SimulatedPlacement> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiting.delete(wake);
        signal?.removeEventListener('abort', abort);
      };
      const wake = () => {
        const placement = this.#queue.shift();
        if (placement === undefined) return;
        done();
        resolve(placement);
      };
      const abort = () => {
        done();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        done();
        reject(new IdReaderError('timeout', `No card was placed within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      this.#waiting.add(wake);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  #wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const abort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }
}
