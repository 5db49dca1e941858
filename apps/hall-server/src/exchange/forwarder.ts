import type { HallEngine } from '@yichuang/hall';
import { EXCHANGE_HEADERS, type CatalogSnapshot, type PackageReceipt } from '@yichuang/hall-client/protocol.js';
import type { AttachmentFiles } from '../attachments/files.js';

/** How the forwarder works: how often it looks when idle, how long it waits for another hall. */
export interface ForwarderOptions {
  /** Milliseconds between looks at the outbox while nothing is due sooner (default 1,000). */
  idleMs?: number;
  /** Milliseconds a request to another hall may take (default 15,000). */
  timeoutMs?: number;
  /** Milliseconds between refreshes of the enrolled halls' catalogs (default an hour). */
  catalogMs?: number;
}

/**
 * Sends what the hall's exchange outbox holds to the other halls — forwarding packages with their scans, changes of
 * state — signed by this hall, each until the other hall answers (the engine doubles the wait after each failure, so
 * a hall that is down receives its packages when it comes back; a package sent twice is received once, by its id).
 * Keeps a copy of each enrolled hall's catalog. The rules are the engine's: this only moves bytes.
 */
export class ExchangeForwarder {
  readonly #engine: HallEngine;
  readonly #files: AttachmentFiles;
  readonly #idleMs: number;
  readonly #timeoutMs: number;
  readonly #catalogMs: number;
  #timer: NodeJS.Timeout | undefined;
  #catalogTimer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  readonly #inFlight = new Set<AbortController>();

  constructor(engine: HallEngine, files: AttachmentFiles, options: ForwarderOptions = {}) {
    this.#engine = engine;
    this.#files = files;
    this.#idleMs = options.idleMs ?? 1_000;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#catalogMs = options.catalogMs ?? 3_600_000;
  }

  start(): void {
    this.kick();
    const refresh = () => {
      void this.#engine
        .peers()
        .then((peers) => Promise.all(peers.map((peer) => this.refreshCatalog(peer.hall).catch(() => undefined))))
        .catch(() => undefined);
    };
    refresh();
    this.#catalogTimer = setInterval(refresh, this.#catalogMs);
    this.#catalogTimer.unref();
  }

  /** Looks at the outbox now (something was queued). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#round().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      } else void this.#schedule();
    });
  }

  async #schedule(): Promise<void> {
    if (this.#stopped) return;
    const next = await this.#engine.nextExchangeAt().catch(() => undefined);
    const wait = next === undefined ? this.#idleMs : Math.max(0, Math.min(this.#idleMs, next - Date.now()));
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.kick(), wait);
    this.#timer.unref();
  }

  async #round(): Promise<void> {
    const due = await this.#engine.dueExchanges(20).catch(() => []);
    for (const item of due) {
      if (this.#stopped) return;
      try {
        const body =
          item.files.length === 0
            ? item.body
            : {
                ...item.body,
                files: await Promise.all(
                  item.files.map(async (sha256) => ({ sha256, data: (await this.#read(sha256)).toString('base64') })),
                ),
              };
        const answer = await this.#send(item.row.peer, item.url, 'POST', item.path, JSON.stringify(body));
        await this.#engine.exchangeDelivered(
          item.row,
          item.row.kind === 'package' ? (answer as PackageReceipt) : undefined,
        );
      } catch (error) {
        await this.#engine.exchangeFailed(item.row, (error as Error).message ?? String(error)).catch(() => undefined);
      }
    }
  }

  /** Fetches an enrolled hall's catalog (signed) and keeps it. */
  async refreshCatalog(hall: string): Promise<void> {
    const url = await this.#engine.peerUrl(hall);
    if (!url) return;
    const snapshot = (await this.#send(hall, url, 'GET', '/api/v1/exchange/catalog', '')) as CatalogSnapshot;
    await this.#engine.keepPeerCatalog(hall, snapshot);
  }

  async #send(to: string, base: string, method: string, path: string, body: string): Promise<unknown> {
    const signed = await this.#engine.signExchange(to, method, path, body);
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error('no answer in time')), this.#timeoutMs);
    try {
      const response = await fetch(new URL(path, base.endsWith('/') ? base : `${base}/`), {
        method,
        headers: {
          ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
          [EXCHANGE_HEADERS.hall]: signed.hall,
          [EXCHANGE_HEADERS.time]: signed.time,
          [EXCHANGE_HEADERS.signature]: signed.signature,
        },
        ...(method === 'GET' ? {} : { body }),
        signal: controller.signal,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`hall ${to} answered ${response.status}: ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  async #read(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.#files.open(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Stops sending; a request under way is abandoned (the outbox keeps it, for the next start). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#catalogTimer);
    for (const controller of this.#inFlight) controller.abort(new Error('stopping'));
    await this.#running?.catch(() => undefined);
  }
}
