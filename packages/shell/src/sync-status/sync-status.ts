import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { BehaviorSubject, of, switchMap, type Observable } from 'rxjs';
import type { ParkedMutation, SyncStatus } from '@yichuang/store';
import {
  ObservableController,
  baseStyles,
  configContext,
  fontSize,
  resetInherited,
  resolveLocale,
  token,
  type Locale,
  type YcConfig,
} from '@yichuang/ui';
import { msg, type ShellMessageKey } from '../i18n/messages.js';

/** What the status bar reads: a sync engine's live status and its outbox's parked list. */
export interface SyncStatusSource {
  readonly status$: Observable<SyncStatus>;
  /** The parked mutations with the hall's or the store's reason. */
  parked(): Promise<ParkedMutation[]>;
}

/** The connection's words and sign by the engine's state. */
const CONNECTION: Record<SyncStatus['state'], { key: ShellMessageKey; sign: string; tone: 'ok' | 'warn' }> = {
  idle: { key: 'status.online', sign: '●', tone: 'ok' },
  syncing: { key: 'status.online', sign: '●', tone: 'ok' },
  offline: { key: 'status.offline', sign: '○', tone: 'warn' },
  backoff: { key: 'status.retrying', sign: '◐', tone: 'warn' },
  'signed-out': { key: 'status.signed-out', sign: '○', tone: 'warn' },
  stopped: { key: 'status.offline', sign: '○', tone: 'warn' },
};

/**
 * The connection to say: the engine's state, except that a browser that knows it is offline is offline even while the
 * engine has nothing to send (an idle engine has not asked the hall lately).
 */
export function connectionOf(state: SyncStatus['state'], online: boolean): SyncStatus['state'] {
  return !online && (state === 'idle' || state === 'syncing') ? 'offline' : state;
}

/**
 * The workstation's status, always in view: whether the hall is reached, how many records wait to sync, and how many
 * were parked (refused by the hall or unreadable) — a button that opens the parked list with each one's reason, so
 * nothing is lost silently. The state is said in words and marked by a sign, not by colour alone; changes are
 * announced politely.
 *
 * @tag yc-sync-status
 * @summary Connection state, pending and parked sync counts, and the parked list.
 * @csspart connection - The connection state.
 * @csspart pending - The count of records waiting to sync.
 * @csspart parked - The button with the count of parked records.
 * @csspart list - The parked list (a dialog).
 * @cssprop [--yc-color-danger=#b42318] - Parked records.
 */
export class SyncStatusBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        ${resetInherited}
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25em 1.25em;
        font-size: ${fontSize(0.9375)};
      }
      .warn {
        color: ${token('--yc-color-focus')};
        font-weight: 700;
      }
      .muted {
        color: ${token('--yc-color-text-muted')};
      }
      button {
        font: inherit;
        min-height: 36px;
        padding: 0 0.75em;
        border: 2px solid ${token('--yc-color-danger')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        color: ${token('--yc-color-danger')};
        font-weight: 700;
        cursor: pointer;
      }
      button:focus-visible {
        outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
        outline-offset: 2px;
      }
      dialog {
        ${resetInherited}
        max-width: min(48rem, 90vw);
        border: 2px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        padding: calc(${token('--yc-space')} * 2);
        color: ${token('--yc-color-text')};
        background: ${token('--yc-color-surface')};
      }
      dialog h2 {
        margin: 0 0 0.5em;
        font-size: ${fontSize(1.25)};
      }
      dialog ul {
        margin: 0 0 1em;
        padding-inline-start: 1.25em;
      }
      dialog li + li {
        margin-top: 0.5em;
      }
      dialog button {
        border-color: ${token('--yc-color-border')};
        color: inherit;
      }
    `,
  ];

  /** The sync engine (and its store's outbox) to show. */
  @property({ attribute: false }) source?: SyncStatusSource;
  /** UI language; the provider's when not set. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _parked?: ParkedMutation[];
  @state() private _online = navigator.onLine;
  readonly #onLine = (): void => {
    this._online = navigator.onLine;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.#onLine);
    addEventListener('offline', this.#onLine);
    this.#onLine();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.#onLine);
    removeEventListener('offline', this.#onLine);
  }

  /** The source's status, following the source set (one subscription: the last source's). */
  readonly #sources = new BehaviorSubject<SyncStatusSource | undefined>(undefined);
  readonly #status = new ObservableController<SyncStatus | undefined>(
    this,
    this.#sources.pipe(switchMap((source) => source?.status$ ?? of(undefined))),
    undefined,
  );

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  /** The status shown now. */
  get status(): SyncStatus | undefined {
    return this.#status.value;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) this.#sources.next(this.source);
  }

  async #openParked(): Promise<void> {
    this._parked = (await this.source?.parked()) ?? [];
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  #closeParked(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const status = this.status;
    if (!status) return html`${nothing}`;
    const connection = CONNECTION[connectionOf(status.state, this._online)];
    return html`<div class="bar" role="group" aria-label=${msg(locale, 'status.label')}>
        <span part="connection" class=${connection.tone} role="status">
          <span aria-hidden="true">${connection.sign}</span> ${msg(locale, connection.key)}
        </span>
        <span part="pending" role="status">${msg(locale, 'status.pending', { count: status.pending })}</span>
        ${
          status.parked > 0
            ? html`<button part="parked" type="button" aria-haspopup="dialog" @click=${this.#openParked}>
                <span aria-hidden="true">⚠</span> ${msg(locale, 'status.parked', { count: status.parked })}
              </button>`
            : nothing
        }
      </div>
      <dialog part="list" aria-labelledby="parked-title" @close=${() => (this._parked = undefined)}>
        <h2 id="parked-title">${msg(locale, 'status.parked.title')}</h2>
        ${
          this._parked && this._parked.length > 0
            ? html`<ul>
                ${this._parked.map(
                  (entry) =>
                    html`<li>
                      <strong>${entry.label ?? entry.record}</strong>：${entry.message}
                      ${
                        entry.issues?.length
                          ? html`<ul>
                              ${entry.issues.map((issue) => html`<li>${issue}</li>`)}
                            </ul>`
                          : nothing
                      }
                      <span class="muted">（${msg(locale, 'status.parked.attempts', { count: entry.attempts })}）</span>
                    </li>`,
                )}
              </ul>`
            : html`<p>${msg(locale, 'status.parked.empty')}</p>`
        }
        <button type="button" @click=${this.#closeParked}>${msg(locale, 'status.parked.close')}</button>
      </dialog>`;
  }
}
