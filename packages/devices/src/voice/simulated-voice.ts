import { Subject, type Observable } from 'rxjs';
import { whenAborted, type Utterance, type VoiceEngine } from './voice-engine.js';

/** What a {@link SimulatedVoiceEngine} played, with when it started and ended (`performance.now()` ms). */
export interface PlayedSound {
  kind: 'chime' | 'speech';
  /** The utterance spoken (absent for a chime). */
  utterance?: Utterance;
  startedAt: number;
  endedAt: number;
  /** Stopped before its end. */
  stopped: boolean;
}

/** Options of {@link SimulatedVoiceEngine}. */
export interface SimulatedVoiceOptions {
  /** How long a chime lasts. Default 0 (tests), a story may use 600. */
  chimeMs?: number;
  /** How long each character of a sentence takes to say. Default 0. */
  msPerCharacter?: number;
}

/**
 * A voice engine that makes no sound: it takes the time a real one would and tells what it played, for stories,
 * tests and halls whose speakers are off.
 */
export class SimulatedVoiceEngine implements VoiceEngine {
  readonly #options: Required<SimulatedVoiceOptions>;
  readonly #played = new Subject<PlayedSound>();
  /** Everything played so far, in order. */
  readonly played: PlayedSound[] = [];
  /** Each sound as it ends. */
  readonly played$: Observable<PlayedSound> = this.#played.asObservable();
  #playing = 0;
  /** Most sounds ever playing at once (a correct announcer keeps this at 1). */
  overlap = 0;

  constructor(options: SimulatedVoiceOptions = {}) {
    this.#options = { chimeMs: 0, msPerCharacter: 0, ...options };
  }

  chime(signal?: AbortSignal): Promise<void> {
    return this.#play({ kind: 'chime' }, this.#options.chimeMs, signal);
  }

  speak(utterance: Utterance, signal?: AbortSignal): Promise<void> {
    return this.#play({ kind: 'speech', utterance }, [...utterance.text].length * this.#options.msPerCharacter, signal);
  }

  async #play(sound: Pick<PlayedSound, 'kind' | 'utterance'>, ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.#playing++;
    this.overlap = Math.max(this.overlap, this.#playing);
    const startedAt = performance.now();
    let stopped = false;
    await Promise.race([
      new Promise((resolve) => setTimeout(resolve, ms)),
      whenAborted(signal).then(() => {
        stopped = true;
      }),
    ]);
    this.#playing--;
    const played = { ...sound, startedAt, endedAt: performance.now(), stopped };
    this.played.push(played);
    this.#played.next(played);
  }
}
