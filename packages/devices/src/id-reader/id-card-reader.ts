/**
 * The resident identity card reader (二代证读卡器) at a kiosk or a window. Browsers have no API for these readers:
 * districts drive them through their vendor's service on the same PC (usually HTTP or WebSocket on localhost), which a
 * district wraps as an {@link IdCardReader}. Yichuang ships the interface, {@link SimulatedIdCardReader} for stories
 * and tests, {@link cardReads} to watch any reader, and {@link eligibilityOf}, which is all a kiosk may keep of a card.
 * @module
 */
import { Observable } from 'rxjs';

/** What the chip of a resident identity card holds, as the reader gives it. Personal data: keep none of it. */
export interface IdCardData {
  /** 姓名. */
  name: string;
  /** 公民身份号码, 18 characters. */
  idNumber: string;
  /** 性别. */
  sex: 'male' | 'female';
  /** 出生日期, `YYYY-MM-DD`. */
  birthDate: string;
  /** 住址. */
  address?: string;
  /** 签发机关. */
  issuer?: string;
  /** Last day of validity, `YYYY-MM-DD`, or `long-term` (长期). */
  validUntil?: string;
  /** The holder's photo, decoded by the vendor service. */
  photo?: Blob;
}

/**
 * Why a read failed, for code: `no-card` (the card was taken away before it was read), `unreadable` (a damaged or
 * foreign card, a chip that does not answer), `timeout` (nobody placed a card in time), `offline` (the reader or its
 * service cannot be reached).
 */
export type IdReaderErrorReason = 'no-card' | 'unreadable' | 'timeout' | 'offline';

/** A card that was not read. `message` is for developers and never holds card data; a kiosk words `reason` itself. */
export class IdReaderError extends Error {
  override readonly name = 'IdReaderError';
  readonly reason: IdReaderErrorReason;

  constructor(
    reason: IdReaderErrorReason,
    message: string = `Identity card not read (${reason})`,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.reason = reason;
  }
}

/** A device that reads resident identity cards. */
export interface IdCardReader {
  /**
   * Reads the next card placed on the reader (a card left lying there is read once), waiting for one as long as the
   * reader allows. Rejects with an {@link IdReaderError}, or with the signal's reason when aborted.
   */
  read(signal?: AbortSignal): Promise<IdCardData>;
}

/** One outcome of watching a reader: a card read, or a card that could not be. */
export type IdCardRead = { card: IdCardData; error?: undefined } | { card?: undefined; error: IdReaderError };

/** Options of {@link cardReads}. */
export interface CardReadsOptions {
  /** Pause before trying again after an error other than `timeout` (an unplugged reader). Default 2000 ms. */
  retryMs?: number;
}

/**
 * Every card placed on a reader while subscribed, for a kiosk that reacts whenever someone puts a card down: reads
 * one after the other until unsubscribed (which aborts the read in progress). A `timeout` only means nobody came and is
 * not reported; other errors are, and reading goes on after `retryMs`.
 */
export function cardReads(reader: IdCardReader, options: CardReadsOptions = {}): Observable<IdCardRead> {
  const retryMs = options.retryMs ?? 2000;
  return new Observable<IdCardRead>((subscriber) => {
    const stop = new AbortController();
    const pause = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    void (async () => {
      while (!stop.signal.aborted) {
        try {
          const card = await reader.read(stop.signal);
          subscriber.next({ card });
        } catch (error) {
          if (stop.signal.aborted) break;
          if (!(error instanceof IdReaderError)) {
            subscriber.error(error);
            break;
          }
          if (error.reason === 'timeout') continue;
          subscriber.next({ error });
          await pause();
        }
      }
    })();
    return () => stop.abort();
  });
}
