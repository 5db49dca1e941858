import type { ServerResponse } from 'node:http';
import type { Caller, HallEngine } from '@yichuang/hall';
import type { HallEvent } from '@yichuang/hall-client/protocol.js';

/** Events read from the log at a time, for replay and for broadcasting. */
const PAGE = 500;
/**
 * A subscriber that has this much unsent data is too slow: its connection is destroyed, which frees its buffer and
 * socket at once (it resumes from its last event id after reconnecting).
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** What the client waits before reconnecting, in milliseconds (the SSE `retry:` field). */
const SSE_RETRY_MS = 2000;

/** One open event stream. */
interface Subscriber {
  response: ServerResponse;
  /** What this session receives of each event (the engine's rule). */
  view: (event: HallEvent) => HallEvent | undefined;
  tokenHash: string;
  expiresAt: number;
  /** Id of the last event this subscriber has been given or skipped. */
  cursor: number;
  /** Whether it receives broadcasts (false while it replays what it missed). */
  live: boolean;
  closed: boolean;
  onEnd: () => void;
}

/** Formats one event as a Server-Sent Events message. */
export function sseMessage(event: HallEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The server's event fan-out: the transport of the engine's event log over Server-Sent Events. The log is the one
 * source of truth and the engine decides what each session receives; the hub writes it. After a transaction of the
 * engine appended events, the hub writes them to every live stream (each event serialised once for every viewer who
 * sees it whole); when it may have missed some (another instance wrote them, a read is under way), it reads the log in
 * id order. A stream that resumes replays from the log first, then joins the broadcast exactly where its replay ended:
 * nothing is missed, nothing is sent twice.
 */
export class EventHub {
  readonly #engine: HallEngine;
  readonly #now: () => number;
  readonly #subscribers = new Set<Subscriber>();
  #lastBroadcast = 0;
  #pumping = false;
  #dirty = false;
  #closed = false;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #timing: boolean;
  #detach: (() => void)[] = [];

  /**
   * @param options.timing prefix every broadcast event with an SSE comment `: t=<ns>`, the monotonic clock
   *   (`process.hrtime`, shared by every process on the machine) when the transaction that made it committed. Clients
   *   ignore comments; the benchmark reads it to time fan-out from the event itself. Off by default.
   */
  constructor(engine: HallEngine, options: { now: () => number; timing?: boolean }) {
    this.#engine = engine;
    this.#now = options.now;
    this.#timing = options.timing ?? false;
  }

  /** Starts after the last event of the log, with a heartbeat comment every `heartbeatMs` on every stream. */
  async start(heartbeatMs: number): Promise<void> {
    this.#lastBroadcast = await this.#engine.lastEventId();
    this.#detach.push(
      this.#engine.onEvents((events) => (events ? this.#publish(events) : this.#notify())),
      this.#engine.onSessionsEnded((hashes) => this.endSessions(hashes)),
    );
    this.#heartbeat = setInterval(() => this.#beat(), heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Open streams. */
  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * Events a transaction committed (and nothing else since the last broadcast): write them to every live stream now,
   * without reading them back. When other events may be in between, read the log instead.
   */
  #publish(events: readonly HallEvent[]): void {
    if (this.#closed) return;
    if (this.#pumping || events[0]?.id !== this.#lastBroadcast + 1) {
      this.#notify();
      return;
    }
    const stamp = this.#timing ? `: t=${process.hrtime.bigint()}\n` : '';
    for (const event of events) this.#broadcast(event, stamp);
  }

  /** Writes one event to every live stream, each form of it (whole, public) serialised once for all who see it. */
  #broadcast(event: HallEvent, stamp: string): void {
    this.#lastBroadcast = event.id;
    const texts = new Map<HallEvent, string>();
    for (const subscriber of this.#subscribers) {
      if (!subscriber.live) continue;
      const seen = this.#advance(subscriber, event);
      if (!seen) continue;
      let text = texts.get(seen);
      if (text === undefined) {
        text = stamp + sseMessage(seen);
        texts.set(seen, text);
      }
      this.#write(subscriber, text);
    }
  }

  /** The log may hold events not broadcast yet: read them. Never throws; coalesces calls made while a read runs. */
  #notify(): void {
    if (this.#closed) return;
    if (this.#pumping) {
      this.#dirty = true;
      return;
    }
    this.#pumping = true;
    const stamp = this.#timing ? `: t=${process.hrtime.bigint()}\n` : '';
    void this.#pump(stamp).finally(() => {
      this.#pumping = false;
      if (this.#dirty) this.#notify();
    });
  }

  async #pump(stamp: string): Promise<void> {
    try {
      do {
        this.#dirty = false;
        for (;;) {
          const events = await this.#engine.eventsAfter(this.#lastBroadcast, PAGE);
          for (const event of events) this.#broadcast(event, stamp);
          if (events.length < PAGE) break;
        }
      } while (this.#dirty && !this.#closed);
    } catch {
      // Storage closed or failed: the streams resume from their last id after reconnecting.
      if (!this.#closed) setTimeout(() => this.#notify(), 1000).unref();
    }
  }

  /** Moves a subscriber past `event`; what it receives of it, if anything (nothing if it had it already). */
  #advance(subscriber: Subscriber, event: HallEvent): HallEvent | undefined {
    if (subscriber.closed || event.id <= subscriber.cursor) return undefined;
    subscriber.cursor = event.id;
    return subscriber.view(event);
  }

  #write(subscriber: Subscriber, text: string): boolean {
    const flushed = subscriber.response.write(text);
    if (subscriber.live && subscriber.response.writableLength > MAX_BUFFERED_BYTES) this.#end(subscriber, true);
    return flushed;
  }

  /**
   * Attaches an open response (headers already sent) as the stream of `caller`: replays what it missed after
   * `after` (from now on when absent), then delivers live. Resolves once it is live (or ended).
   */
  async subscribe(
    response: ServerResponse,
    request: { caller: Caller; after?: number; onEnd?: () => void },
  ): Promise<void> {
    if (response.destroyed) {
      request.onEnd?.();
      return;
    }
    const subscriber: Subscriber = {
      response,
      view: this.#engine.view(request.caller),
      tokenHash: request.caller.tokenHash,
      expiresAt: Date.parse(request.caller.session.expiresAt),
      cursor: request.after ?? this.#lastBroadcast,
      live: false,
      closed: false,
      onEnd: request.onEnd ?? (() => {}),
    };
    if (this.#closed) {
      this.#end(subscriber);
      return;
    }
    this.#subscribers.add(subscriber);
    response.once('close', () => this.#end(subscriber));
    response.on('error', () => this.#end(subscriber));
    // The stream's starting point as an id-only message: a client that drops before the first event resumes from
    // here (`Last-Event-ID`) instead of from "now", and misses nothing written in between.
    response.write(`retry: ${SSE_RETRY_MS}\nid: ${subscriber.cursor}\n\n`);
    try {
      for (;;) {
        const events = await this.#engine.eventsAfter(subscriber.cursor, PAGE);
        if (subscriber.closed) return;
        let flushed = true;
        for (const event of events) {
          const seen = this.#advance(subscriber, event);
          if (seen) flushed = this.#write(subscriber, sseMessage(seen)) && flushed;
        }
        if (events.length < PAGE && subscriber.cursor >= this.#lastBroadcast) {
          subscriber.live = true;
          return;
        }
        if (!flushed) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
        if (subscriber.closed) return;
      }
    } catch {
      this.#end(subscriber);
    }
  }

  #beat(): void {
    const now = this.#now();
    for (const subscriber of this.#subscribers) {
      if (subscriber.expiresAt <= now) this.#end(subscriber);
      else if (subscriber.live) subscriber.response.write(': heartbeat\n\n');
    }
  }

  /**
   * Ends a stream: politely (`end()`, the client reads what is buffered, then the end) or, for a subscriber too slow
   * to read, at once (`destroy()`: `end()` would keep its buffer and socket until the client read them all).
   */
  #end(subscriber: Subscriber, destroy = false): void {
    if (subscriber.closed) return;
    subscriber.closed = true;
    this.#subscribers.delete(subscriber);
    if (destroy) subscriber.response.destroy();
    else if (!subscriber.response.writableEnded) subscriber.response.end();
    subscriber.onEnd();
  }

  /** Ends the streams of sessions that ended (logout, take-over, revocation). */
  endSessions(tokenHashes: readonly string[]): void {
    const ended = new Set(tokenHashes);
    for (const subscriber of this.#subscribers) if (ended.has(subscriber.tokenHash)) this.#end(subscriber);
  }

  /** Ends every stream and refuses new ones (shutdown). */
  close(): void {
    this.#closed = true;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const detach of this.#detach) detach();
    this.#detach = [];
    for (const subscriber of this.#subscribers) this.#end(subscriber);
  }
}
