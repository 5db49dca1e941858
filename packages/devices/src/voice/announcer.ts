import { BehaviorSubject, type Observable } from 'rxjs';
import type { Utterance, VoiceEngine } from './voice-engine.js';

/** Something to announce to the hall. */
export interface Announcement {
  /**
   * What the announcement is about (a window). A new announcement replaces one of the same key that has not begun:
   * a window that called again has moved on, and the hall should not hear the old call after the new one.
   */
  key: string;
  /** Spoken one after the other, after a chime. */
  utterances: readonly Utterance[];
}

/** Options of {@link Announcer}. */
export interface AnnouncerOptions {
  /** Times each announcement is spoken (the chime plays once). Default 2, as most halls do. */
  repeat?: number;
  /** Pause between two repeats and between two announcements. Default 600 ms. */
  pauseMs?: number;
  /** Play the chime before each announcement. Default true. */
  chime?: boolean;
}

/** Where an {@link Announcer} stands: the announcement being spoken and those waiting, in order. */
export interface AnnouncerState {
  speaking: Announcement | undefined;
  pending: readonly Announcement[];
}

/**
 * Speaks announcements one at a time through a {@link VoiceEngine}, in the order they came, so two never overlap:
 * chime, the sentences, repeated. Keeps at most one waiting announcement per key. A voice engine that fails does not
 * stop the queue: the announcement is skipped and reported through `failures`.
 */
export class Announcer {
  readonly #voice: VoiceEngine;
  readonly #options: Required<AnnouncerOptions>;
  readonly #state = new BehaviorSubject<AnnouncerState>({ speaking: undefined, pending: [] });
  readonly #abort = new AbortController();
  #running = false;
  #idle: Promise<void> = Promise.resolve();
  /** Errors of the voice engine, latest last (kept short). */
  readonly failures: unknown[] = [];

  constructor(voice: VoiceEngine, options: AnnouncerOptions = {}) {
    this.#voice = voice;
    this.#options = { repeat: 2, pauseMs: 600, chime: true, ...options };
    if (!Number.isInteger(this.#options.repeat) || this.#options.repeat < 1 || this.#options.repeat > 5) {
      throw new RangeError(`repeat: a whole number from 1 to 5, not ${this.#options.repeat}`);
    }
  }

  /** The announcement being spoken and those waiting. */
  get state$(): Observable<AnnouncerState> {
    return this.#state.asObservable();
  }

  /** Queues an announcement; resolves when the queue is idle again (or at once after `dispose`). */
  announce(announcement: Announcement): Promise<void> {
    if (this.#abort.signal.aborted) return Promise.resolve();
    const { speaking, pending } = this.#state.value;
    this.#state.next({
      speaking,
      pending: [...pending.filter((waiting) => waiting.key !== announcement.key), announcement],
    });
    if (!this.#running) {
      this.#running = true;
      this.#idle = this.#drain();
    }
    return this.#idle;
  }

  /** Resolves when everything queued has been spoken. */
  whenIdle(): Promise<void> {
    return this.#idle;
  }

  /** Stops the current sound and drops what waits; the announcer speaks no more. */
  dispose(): void {
    this.#abort.abort();
    this.#state.next({ speaking: undefined, pending: [] });
  }

  async #drain(): Promise<void> {
    const signal = this.#abort.signal;
    const pause = () => new Promise((resolve) => setTimeout(resolve, this.#options.pauseMs));
    try {
      for (;;) {
        const [next, ...rest] = this.#state.value.pending;
        if (!next || signal.aborted) break;
        this.#state.next({ speaking: next, pending: rest });
        try {
          if (this.#options.chime) await this.#voice.chime(signal);
          for (let round = 0; round < this.#options.repeat && !signal.aborted; round++) {
            if (round > 0) await pause();
            for (const utterance of next.utterances) await this.#voice.speak(utterance, signal);
          }
        } catch (error) {
          this.failures.push(error);
          this.failures.splice(0, this.failures.length - 20);
        }
        this.#state.next({ speaking: undefined, pending: this.#state.value.pending });
        if (this.#state.value.pending.length > 0 && !signal.aborted) await pause();
      }
    } finally {
      this.#running = false;
    }
  }
}
