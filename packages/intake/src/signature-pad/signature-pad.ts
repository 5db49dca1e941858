import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { SignaturePadError, type SignaturePad as SignaturePadDevice } from '@yichuang/devices';
import { configContext, resolveLocale, token, type Locale, type YcConfig } from '@yichuang/ui';
import type SignaturePadLibrary from 'signature_pad';
import { msg } from '../i18n/messages.js';
import { intakeStyles } from '../shared-styles.js';
import { SignEvent } from './sign-event.js';

/**
 * Where the applicant signs a document (签字): on the screen's pad (a touch screen, a pen tablet or a mouse), on the
 * window's hardware pad when one is given (`device`), or — the way for anyone who cannot use a pad, and the
 * keyboard's way — on the printed paper, which the clerk records. The drawing library loads on first use.
 *
 * @tag yc-signature-pad
 * @summary A signature on the screen's pad, the window's pad, or recorded as signed on paper.
 * @fires {SignEvent} yc-sign - Signed: on the pad (its PNG) or on paper.
 * @csspart pad - The drawing area.
 * @csspart confirm - The button that confirms the signature drawn.
 * @csspart paper - The button that records a signature on paper.
 * @csspart problem - Why the window's pad gave no signature.
 * @cssprop [--yc-color-primary=#0b57a4] - The buttons.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class SignaturePadElement extends LitElement {
  static override styles = [
    intakeStyles,
    css`
      fieldset {
        display: flex;
        flex-direction: column;
        gap: ${token('--yc-space')};
      }
      canvas {
        width: min(100%, 36em);
        height: 10em;
        border: 2px dashed ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        touch-action: none;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('--yc-space')};
      }
      .actions button:not(.primary) {
        font: inherit;
        min-height: max(44px, 2.5em);
        padding: 0 1em;
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        color: inherit;
        cursor: pointer;
      }
    `,
  ];

  /** Who signs, as said above the pad (申请人 李四). */
  @property() signer = '';

  /** The window's hardware pad, if it has one. */
  @property({ attribute: false }) device?: SignaturePadDevice;

  /** While the signature is being recorded: nothing can be pressed. */
  @property({ type: Boolean }) disabled = false;

  /** UI language (`zh-CN`, `en-US`). */
  @property() locale?: string;

  /** Large-text mode (适老化). */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _drawn = false;
  @state() private _capturing = false;
  @state() private _problem = '';
  @query('canvas') private _canvas?: HTMLCanvasElement;
  #pad: SignaturePadLibrary | undefined;

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  /** Whether something is drawn on the screen's pad. */
  get drawn(): boolean {
    return this._drawn;
  }

  protected override async firstUpdated(): Promise<void> {
    const canvas = this._canvas!;
    const { default: Pad } = await import('signature_pad');
    // The canvas is drawn at the screen's pixel density, so the signature prints sharp.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')!.scale(ratio, ratio);
    this.#pad = new Pad(canvas, { penColor: '#000', backgroundColor: 'rgba(0,0,0,0)' });
    this.#pad.addEventListener('endStroke', () => (this._drawn = !this.#pad!.isEmpty()));
    if (this.disabled) this.#pad.off();
  }

  protected override updated(): void {
    if (!this.#pad) return;
    if (this.disabled) this.#pad.off();
    else this.#pad.on();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#pad?.off();
  }

  /** Clears the screen's pad. */
  clear(): void {
    this.#pad?.clear();
    this._drawn = false;
  }

  async #confirm(): Promise<void> {
    if (!this.#pad || this.#pad.isEmpty()) return;
    const image = await (await fetch(this.#pad.toDataURL('image/png'))).blob();
    this.dispatchEvent(new SignEvent({ way: 'pad', image }));
  }

  async #capture(): Promise<void> {
    if (!this.device) return;
    this._capturing = true;
    this._problem = '';
    try {
      const image = await this.device.capture();
      this.dispatchEvent(new SignEvent({ way: 'pad', image }));
    } catch (error) {
      const reason = error instanceof SignaturePadError ? error.reason : 'other';
      this._problem = msg(this.#locale, `signature.device.${reason}`);
    } finally {
      this._capturing = false;
    }
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const large = this.largeText || this._config?.largeText === true;
    const busy = this.disabled || this._capturing;
    return html`<div class="root ${large ? 'large' : ''}" lang=${locale}>
      <fieldset ?disabled=${busy}>
        <legend>${msg(locale, 'signature.legend', { signer: this.signer })}</legend>
        <p class="hint" id="pad-hint">${msg(locale, 'signature.hint')}</p>
        <canvas part="pad" role="img" aria-label=${msg(locale, 'signature.pad')} aria-describedby="pad-hint"></canvas>
        <div class="actions">
          <button
            class="primary"
            part="confirm"
            type="button"
            ?disabled=${!this._drawn}
            @click=${() => void this.#confirm()}
          >
            ${msg(locale, 'signature.confirm')}
          </button>
          <button type="button" ?disabled=${!this._drawn} @click=${() => this.clear()}>
            ${msg(locale, 'signature.clear')}
          </button>
          ${
            this.device
              ? html`<button type="button" @click=${() => void this.#capture()}>
                  ${this._capturing ? msg(locale, 'signature.device.waiting') : msg(locale, 'signature.device')}
                </button>`
              : nothing
          }
          <button part="paper" type="button" @click=${() => this.dispatchEvent(new SignEvent({ way: 'paper' }))}>
            ${msg(locale, 'signature.paper')}
          </button>
        </div>
        ${this._problem ? html`<p class="problem" part="problem" role="alert">${this._problem}</p>` : nothing}
      </fieldset>
    </div>`;
  }
}
