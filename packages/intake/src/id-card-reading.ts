import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { IdReaderError, type IdCardData, type IdCardReader } from '@yichuang/devices';
import type { Locale } from '@yichuang/ui';
import { msg, type IntakeMessageKey } from './i18n/messages.js';

/**
 * Reading an ID card for an identity form (the applicant's, the proxy's): the read button, and the reader's problem
 * said to the clerk. The card goes to `fill`; the host re-renders as the read goes.
 */
export class IdCardReading implements ReactiveController {
  #phase: 'idle' | 'reading' | IdReaderError['reason'] = 'idle';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Reads the card on `reader` and hands it to `fill`; a failed read is kept to say why. */
  async read(reader: IdCardReader | undefined, fill: (card: IdCardData) => void): Promise<void> {
    if (!reader) return;
    this.#set('reading');
    try {
      const card = await reader.read();
      fill(card);
      this.#set('idle');
    } catch (error) {
      this.#set(error instanceof IdReaderError ? error.reason : 'unreadable');
    }
  }

  /** The read button (none without a reader), labelled `label` until it reads. */
  button(locale: Locale, reader: IdCardReader | undefined, label: IntakeMessageKey, onClick: () => void) {
    return reader
      ? html`<button class="secondary" type="button" part="read-card" @click=${onClick}>
          ${msg(locale, this.#phase === 'reading' ? 'applicant.reading' : label)}
        </button>`
      : nothing;
  }

  /** Why the last read failed, as an alert; nothing when it did not. */
  problem(locale: Locale): TemplateResult | typeof nothing {
    return this.#phase !== 'idle' && this.#phase !== 'reading'
      ? html`<p class="problem" part="problem" role="alert">${msg(locale, `applicant.reader.${this.#phase}`)}</p>`
      : nothing;
  }

  #set(phase: 'idle' | 'reading' | IdReaderError['reason']): void {
    this.#phase = phase;
    this.host.requestUpdate();
  }
}
