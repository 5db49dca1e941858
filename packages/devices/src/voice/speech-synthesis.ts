import { whenAborted, type Utterance, type VoiceEngine } from './voice-engine.js';

/** Options of {@link SpeechSynthesisVoiceEngine}. */
export interface SpeechSynthesisOptions {
  /** Speaking rate, 0.1–10 (1: normal). Halls with many elderly visitors often prefer 0.9. */
  rate?: number;
  /** Volume, 0–1. */
  volume?: number;
  /** Longest a sentence may take before it is given up (a browser whose speech never ends). Default 15 s. */
  timeoutMs?: number;
}

/**
 * The browser's own speech (`speechSynthesis`) and a two-tone chime through Web Audio. Picks a voice of the
 * utterance's language when the browser has one. Where the browser has no speech at all, {@link available} is false
 * and `speak` rejects, so a display can say so instead of staying silent unnoticed.
 */
export class SpeechSynthesisVoiceEngine implements VoiceEngine {
  readonly #options: Required<SpeechSynthesisOptions>;
  #audio: AudioContext | undefined;

  constructor(options: SpeechSynthesisOptions = {}) {
    this.#options = { rate: 1, volume: 1, timeoutMs: 15_000, ...options };
  }

  /** Whether this browser can speak. */
  get available(): boolean {
    return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  }

  async chime(signal?: AbortSignal): Promise<void> {
    if (typeof AudioContext === 'undefined' || signal?.aborted) return;
    this.#audio ??= new AudioContext();
    const audio = this.#audio;
    // A browser that has not seen a gesture keeps audio suspended and may never settle resume(): wait a
    // moment, then go on silently rather than hold up the announcement (hall displays run Chromium with
    // --autoplay-policy=no-user-gesture-required, see docs/devices.md).
    if (audio.state === 'suspended') {
      await Promise.race([audio.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
    }
    if (audio.state !== 'running') return;
    const start = audio.currentTime + 0.02;
    // Ding-dong: two soft sine tones, E5 then C5.
    for (const [index, frequency] of [659.25, 523.25].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      const at = start + index * 0.45;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.3 * this.#options.volume, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.62);
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 1100)), whenAborted(signal)]);
  }

  speak(utterance: Utterance, signal?: AbortSignal): Promise<void> {
    if (!this.available) return Promise.reject(new Error('This browser has no speech synthesis'));
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const spoken = new SpeechSynthesisUtterance(utterance.text);
      spoken.lang = utterance.lang;
      spoken.rate = this.#options.rate;
      spoken.volume = this.#options.volume;
      const voice = speechSynthesis.getVoices().find((candidate) => candidate.lang === utterance.lang);
      if (voice) spoken.voice = voice;
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        speechSynthesis.cancel();
        done();
      };
      const timer = setTimeout(stop, this.#options.timeoutMs);
      spoken.onend = done;
      spoken.onerror = done;
      signal?.addEventListener('abort', stop, { once: true });
      speechSynthesis.speak(spoken);
    });
  }
}
