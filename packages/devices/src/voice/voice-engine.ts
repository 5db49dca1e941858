/**
 * The hall's voice: what a display speaks through. Yichuang ships {@link SpeechSynthesisVoiceEngine} (the browser's
 * own speech) and {@link SimulatedVoiceEngine} (for stories and tests); a district plugs in recorded clips or a
 * hardware voice box by implementing this interface.
 * @module
 */

/** One sentence to speak. */
export interface Utterance {
  text: string;
  /** BCP 47 language of the text: `zh-CN`, `en-US`. */
  lang: string;
}

/** A device that speaks. Each call resolves when the sound has ended (or was stopped), never before. */
export interface VoiceEngine {
  /** Plays the short chime that draws the hall's attention before an announcement. */
  chime(signal?: AbortSignal): Promise<void>;
  /** Speaks a sentence. Rejects only if the engine cannot speak at all; a stopped sentence resolves. */
  speak(utterance: Utterance, signal?: AbortSignal): Promise<void>;
}

/** The signal's abort, as a promise that resolves (a stopped sound is not an error). */
export function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
