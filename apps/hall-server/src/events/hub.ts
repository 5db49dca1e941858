import type { ServerResponse } from 'node:http';
import type { HallEvent, Role } from '@yichuang/hall-client/protocol.js';
import { EVENT_AUDIENCE } from '@yichuang/hall-client/protocol.js';
import type { HallStorage } from '../storage/storage.js';

/** Events read from storage at a time, for replay and for broadcasting. */
const PAGE = 500;
/**
 * A subscriber that has this much unsent data is too slow: its connection is destroyed, which frees its buffer and
 * socket at once (it resumes from its last event id after reconnecting).
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** What the client waits before reconnecting, in milliseconds (the SSE `retry:` field). */
export const SSE_RETRY_MS = 2000;

/** One open event stream. */
interface Subscriber {
  response: ServerResponse;
  audience: ReadonlySet<string>;
  tokenHash: string;
  expiresAt: number;
  /** Id of the last event this subscriber has been given or skipped. */
  cursor: number;
  /** Whether it receives broadcasts (false while it replays what it missed). */
  live: boolean;
  closed: boolean;
  onEnd: () => void;
}

/** Who opens a stream, and from where. */
export interface SubscribeRequest {
  role: Role;
  tokenHash: string;
  /** When the session ends (epoch ms): the stream is ended then. */
  expiresAt: number;
  /** The `Last-Event-ID` the client sent: replay everything after it. Absent: from now on. */
  after?: number;
  /** Called once when the stream ends, whoever ends it. */
  onEnd?: () => void;
}

/** Formats one event as a Server-Sent Events message. */
export function sseMessage(event: HallEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The hall's event fan-out, in process: the events table is the one source of truth; after every write that
 * appended events, {@link EventHub.notify} makes the hub read what is new (in id order) and write it to every
 * live stream whose role may see it. A stream that resumes replays from storage first, then joins the
 * broadcast exactly where its replay ended: nothing is missed, nothing is sent twice.
 */
export class EventHub {
  readonly #storage: HallStorage;
  readonly #now: () => number;
  readonly #subscribers = new Set<Subscriber>();
  #lastBroadcast = 0;
  #pumping = false;
  #dirty = false;
  #closed = false;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #timing: boolean;
  /** `process.hrtime` (ns) of the last notify, when event timing is on. */
  #notifiedAt = 0n;

  /**
   * @param options.timing prefix every broadcast event with an SSE comment `: t=<ns>`, the monotonic clock
   *   (`process.hrtime`, shared by every process on the machine) when the write that made it was committed. Clients
   *   ignore comments; the benchmark reads it to time fan-out from the event itself. Off by default.
   */
  constructor(storage: HallStorage, options: { now: () => number; timing?: boolean }) {
    this.#storage = storage;
    this.#now = options.now;
    this.#timing = options.timing ?? false;
  }

  /** Starts after the last stored event, with a heartbeat comment every `heartbeatMs` on every stream. */
  async start(heartbeatMs: number): Promise<void> {
    this.#lastBroadcast = await this.#storage.lastEventId();
    this.#heartbeat = setInterval(() => this.#beat(), heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Open streams. */
  get size(): number {
    return this.#subscribers.size;
  }

  /** Something appended events: broadcast them. Never throws; coalesces calls made while a read is running. */
  notify(): void {
    if (this.#closed) return;
    if (this.#timing) this.#notifiedAt = process.hrtime.bigint();
    if (this.#pumping) {
      this.#dirty = true;
      return;
    }
    this.#pumping = true;
    void this.#pump().finally(() => {
      this.#pumping = false;
      // A notify (or publish) that ran after the read loop's last check but before this point only marked the hub
      // dirty: read again now, or its event would wait for the next write.
      if (this.#dirty) this.notify();
    });
  }

  /**
   * A write committed `event` (and nothing else since the last broadcast): write it to every live stream now,
   * without reading it back. When other events may be in between (a read under way, an id gap), falls back to
   * {@link notify}, which reads them from storage in order.
   */
  publish(event: HallEvent): void {
    if (this.#closed) return;
    if (this.#pumping || event.id !== this.#lastBroadcast + 1) {
      this.notify();
      return;
    }
    this.#lastBroadcast = event.id;
    const stamp = this.#timing ? `: t=${process.hrtime.bigint()}\n` : '';
    const text = stamp + sseMessage(event);
    for (const subscriber of this.#subscribers) if (subscriber.live) this.#deliver(subscriber, event, text);
  }

  async #pump(): Promise<void> {
    try {
      do {
        this.#dirty = false;
        for (;;) {
          const events = await this.#storage.eventsAfter(this.#lastBroadcast, PAGE);
          for (const event of events) {
            this.#lastBroadcast = event.id;
            // Once, for every stream.
            const text = this.#timing ? `: t=${this.#notifiedAt}\n${sseMessage(event)}` : sseMessage(event);
            for (const subscriber of this.#subscribers) if (subscriber.live) this.#deliver(subscriber, event, text);
          }
          if (events.length < PAGE) break;
        }
      } while (this.#dirty && !this.#closed);
    } catch {
      // Storage closed or failed: the streams resume from their last id after reconnecting.
      if (!this.#closed) setTimeout(() => this.notify(), 1000).unref();
    }
  }

  #deliver(subscriber: Subscriber, event: HallEvent, text?: string): boolean {
    if (subscriber.closed || event.id <= subscriber.cursor) return true;
    subscriber.cursor = event.id;
    if (!subscriber.audience.has(event.type)) return true;
    const flushed = subscriber.response.write(text ?? sseMessage(event));
    if (subscriber.live && subscriber.response.writableLength > MAX_BUFFERED_BYTES) this.#end(subscriber, true);
    return flushed;
  }

  /**
   * Attaches an open response (headers already sent) as a stream: replays what it missed, then delivers live.
   * Resolves once it is live (or ended).
   */
  async subscribe(response: ServerResponse, request: SubscribeRequest): Promise<void> {
    // Gone before it was attached: its 'close' has already fired, so it would never leave the set.
    if (response.destroyed) {
      request.onEnd?.();
      return;
    }
    const subscriber: Subscriber = {
      response,
      audience: new Set(EVENT_AUDIENCE[request.role]),
      tokenHash: request.tokenHash,
      expiresAt: request.expiresAt,
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
    // The stream's starting point as an id-only message: a client that drops before the first event resumes
    // from here (`Last-Event-ID`) instead of from "now", and misses nothing written in between.
    response.write(`retry: ${SSE_RETRY_MS}\nid: ${subscriber.cursor}\n\n`);
    try {
      for (;;) {
        const events = await this.#storage.eventsAfter(subscriber.cursor, PAGE);
        if (subscriber.closed) return;
        let flushed = true;
        for (const event of events) flushed = this.#deliver(subscriber, event) && flushed;
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

  /** Ends the streams of one session (logout). */
  endSession(tokenHash: string): void {
    for (const subscriber of this.#subscribers) if (subscriber.tokenHash === tokenHash) this.#end(subscriber);
  }

  /** Ends every stream and refuses new ones (shutdown). */
  close(): void {
    this.#closed = true;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const subscriber of this.#subscribers) this.#end(subscriber);
  }
}
