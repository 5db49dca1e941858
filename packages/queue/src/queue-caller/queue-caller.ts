import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { WINDOW_PAUSE_REASONS, type WindowPauseReason } from '@yichuang/core';
import type { HallClient } from '@yichuang/hall-client';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import type { QueueFeed } from '../feed/queue-feed.js';
import { feedStatus } from '../feed/feed-status.js';
import { categoryName, clockTime, localName, queueMsg, spokenWindow, type QueueMessageKey } from '../i18n/messages.js';
import { QueueCallerController, type CallerOutcome, type QueueCallerState } from './controller.js';
import { TicketCalledEvent, TicketFinishedEvent } from './events.js';
import { queueCallerStyles } from './styles.js';

/** The caller's keyboard shortcuts: Alt + a letter, as on the buttons (`aria-keyshortcuts`). */
export const CALLER_SHORTCUTS = {
  next: 'Alt+N',
  recall: 'Alt+R',
  noShow: 'Alt+G',
  requeue: 'Alt+Q',
  transfer: 'Alt+T',
  hold: 'Alt+H',
  finish: 'Alt+F',
  pause: 'Alt+P',
  resume: 'Alt+1…9',
} as const;

type Action = Exclude<keyof typeof CALLER_SHORTCUTS, 'resume'>;

const ACTION_KEYS: Record<string, Action> = {
  n: 'next',
  r: 'recall',
  g: 'noShow',
  q: 'requeue',
  t: 'transfer',
  h: 'hold',
  f: 'finish',
  p: 'pause',
};

const LABELS: Record<Action, QueueMessageKey> = {
  next: 'caller.next',
  recall: 'caller.recall',
  noShow: 'caller.noShow',
  requeue: 'caller.noShowRequeue',
  transfer: 'caller.transfer',
  hold: 'caller.hold',
  finish: 'caller.finish',
  pause: 'caller.pause',
};

const EMPTY: QueueCallerState = {
  status: 'loading',
  window: undefined,
  paused: undefined,
  categories: [],
  windows: [],
  current: undefined,
  held: [],
  waiting: 0,
  busy: false,
  outcome: undefined,
};

/**
 * The clerk's queue panel (叫号器) for one window: the number being served, the people waiting for the window, the
 * numbers on hold, and every command of the hall's queue on a button and a keyboard shortcut (Alt + letter, while
 * focus is in the panel; everywhere on the page with `global-shortcuts`):
 *
 * | keys      | command |
 * | --------- | ------- |
 * | Alt+N     | call the next number (the one being served is finished) |
 * | Alt+R     | call the current number again (重呼, counted) |
 * | Alt+G     | no-show (过号) |
 * | Alt+Q     | no-show, and queue it again behind the number of people in the box |
 * | Alt+T     | transfer to another service or window (keeps the time taken) |
 * | Alt+H     | hold (挂起) |
 * | Alt+1…9   | call back the 1st…9th number on hold |
 * | Alt+F     | finish (办结) |
 * | Alt+P     | pause the window (暂停服务: a reason, a note), or reopen it when paused |
 *
 * While the window is paused the panel says why and since when, and every command that calls is disabled (the hall
 * refuses them too); it pauses only while no number is being served.
 * Every command goes to the hall and only its answer counts: with the hall unreachable the panel says so and calls
 * nothing (two windows must never call one number). The hall decides who is next.
 *
 * @tag yc-queue-caller
 * @summary The clerk's calling panel, keyboard first.
 * @fires {TicketCalledEvent} yc-ticket-called - A number was called to this window; `detail` `{ window, ticket }`.
 *   Bubbles and is composed.
 * @fires {TicketFinishedEvent} yc-ticket-finished - A number of this window was served; `detail` `{ window, ticket }`.
 *   Bubbles and is composed.
 * @csspart base - The panel.
 * @csspart status - The connection message.
 * @csspart paused - The notice that the window is paused, why and since when.
 * @csspart current - The number being served.
 * @csspart actions - The command buttons.
 * @csspart held - The list of numbers on hold.
 * @csspart outcome - What the last command did.
 * @cssprop [--yc-color-primary=#0b57a4] - Main button colour.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class QueueCaller extends LitElement {
  static override styles = queueCallerStyles;

  /** The hall, logged in as the clerk of `window`; the signed-in person's of the nearest `<yc-provider>` when not set. */
  @property({ attribute: false }) client?: HallClient;

  /** A feed to share with other views of the page (one stream instead of two). */
  @property({ attribute: false }) feed?: QueueFeed;

  /** The window this panel calls to (the clerk's session's window); the provider's signed-in person's when empty. */
  @property() window = '';

  /** Listen for the shortcuts on the whole page, not only inside the panel. */
  @property({ type: Boolean, attribute: 'global-shortcuts' }) globalShortcuts = false;

  /** People a re-queued no-show waits behind, as the box starts. */
  @property({ type: Number, attribute: 'requeue-behind' }) requeueBehind = 3;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _transferring = false;

  @state() private _pausing = false;

  #controller?: QueueCallerController;
  #view?: ObservableController<QueueCallerState>;
  #results?: { unsubscribe(): void };

  /** The DOM-free controller (commands, state), for hosts and tests. */
  get controller(): QueueCallerController | undefined {
    return this.#controller;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  readonly #onKeydown = (event: KeyboardEvent) => this.#shortcut(event);
  #controllerClient?: HallClient;

  /** The hall: the one set, else the signed-in person's of the provider. */
  get #client(): HallClient | undefined {
    return this.client ?? this._config?.workplace?.hall;
  }

  /** The window: the one set, else the signed-in person's of the provider. */
  get #window(): string {
    return this.window || this._config?.workplace?.window || '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    document.removeEventListener('keydown', this.#onKeydown);
    this.#teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('globalShortcuts')) {
      if (this.globalShortcuts) document.addEventListener('keydown', this.#onKeydown);
      else document.removeEventListener('keydown', this.#onKeydown);
    }
    const client = this.#client;
    const window = this.#window;
    const needs =
      !this.#controller ||
      changed.has('feed') ||
      client !== this.#controllerClient ||
      window !== this.#controller.window;
    if (!client || !window || !needs || !this.isConnected) return;
    this.#teardown();
    const controller = new QueueCallerController(client, window, this.feed);
    this.#controllerClient = client;
    this.#controller = controller;
    this.#view = new ObservableController(this, controller.state$, EMPTY);
    this.#view.hostConnected();
    this.#results = controller.results$.subscribe(({ outcome, finished }) => {
      const window = controller.window;
      if (finished) this.dispatchEvent(new TicketFinishedEvent({ window, ticket: finished }));
      if (outcome.kind === 'called') this.dispatchEvent(new TicketCalledEvent({ window, ticket: outcome.ticket }));
      if (outcome.kind === 'finished') this.dispatchEvent(new TicketFinishedEvent({ window, ticket: outcome.ticket }));
    });
    void controller.start();
  }

  #teardown(): void {
    this.#results?.unsubscribe();
    if (this.#controller && !this.feed) this.#controller.stop();
    if (this.#view) {
      this.#view.hostDisconnected();
      this.removeController(this.#view);
    }
    this.#controller = undefined;
    this.#view = undefined;
  }

  get #state(): QueueCallerState {
    return this.#view?.value ?? EMPTY;
  }

  /** Whether a command can be given now. */
  #enabled(action: Action): boolean {
    const { status, busy, current, paused } = this.#state;
    if (status !== 'live' || busy) return false;
    // Pause only between two people; a paused window only reopens.
    if (action === 'pause') return paused !== undefined || current === undefined;
    if (paused) return false;
    return action === 'next' || current !== undefined;
  }

  #shortcut(event: KeyboardEvent): void {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    // event.code, not event.key: Alt+letter types other characters on some layouts.
    const letter = /^Key([A-Z])$/.exec(event.code)?.[1]?.toLowerCase();
    const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
    if (letter && ACTION_KEYS[letter]) {
      event.preventDefault();
      event.stopPropagation();
      this.#do(ACTION_KEYS[letter]);
    } else if (digit) {
      const held = this.#state.held[Number(digit) - 1];
      if (!held) return;
      event.preventDefault();
      event.stopPropagation();
      if (this.#state.status === 'live' && !this.#state.busy && !this.#state.paused) {
        void this.#controller?.resume(held.id);
      }
    }
  }

  #do(action: Action): void {
    const controller = this.#controller;
    if (!controller || !this.#enabled(action)) return;
    switch (action) {
      case 'next':
        void controller.next();
        break;
      case 'recall':
        void controller.recall();
        break;
      case 'noShow':
        void controller.noShow();
        break;
      case 'requeue':
        void controller.noShow(this.#requeueCount());
        break;
      case 'hold':
        void controller.hold();
        break;
      case 'finish':
        void controller.finish();
        break;
      case 'pause':
        if (this.#state.paused) {
          void controller.reopen().then(() => this.#focusAction('next'));
          break;
        }
        this._transferring = false;
        this._pausing = true;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('#pause-reason')?.focus());
        break;
      case 'transfer':
        this._pausing = false;
        this._transferring = true;
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLSelectElement>('#transfer-category')?.focus(),
        );
        break;
    }
  }

  #requeueCount(): number {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#requeue');
    const value = Number(input?.value ?? this.requeueBehind);
    return Number.isInteger(value) && value >= 0 && value <= 50 ? value : this.requeueBehind;
  }

  async #transfer(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const category = String(form.get('category') ?? '');
    const toWindow = String(form.get('window') ?? '');
    this._transferring = false;
    await this.#controller?.transfer({
      ...(category ? { category } : {}),
      ...(toWindow ? { toWindow } : {}),
    });
    this.renderRoot.querySelector<HTMLButtonElement>('[data-action="next"]')?.focus();
  }

  async #pause(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const reason = String(form.get('reason') ?? 'other') as WindowPauseReason;
    const note = String(form.get('note') ?? '');
    this._pausing = false;
    await this.#controller?.pause(reason, note);
    this.#focusAction('pause');
  }

  #cancelPause(): void {
    this._pausing = false;
    this.#focusAction('pause');
  }

  #focusAction(action: Action): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)?.focus(),
    );
  }

  #reasonName(reason: WindowPauseReason, locale: Locale): string {
    return localName(WINDOW_PAUSE_REASONS[reason], locale);
  }

  #outcomeText(outcome: CallerOutcome | undefined, locale: Locale): string {
    if (!outcome) return '';
    if (outcome.kind === 'nobody') return queueMsg(locale, 'caller.nobodyWaiting');
    if (outcome.kind === 'error') return outcome.error.message;
    if ('window' in outcome) {
      if (outcome.kind === 'reopened') return queueMsg(locale, 'caller.reopened');
      const reason = outcome.window.paused?.reason ?? 'other';
      return queueMsg(locale, 'caller.pausedDone', { reason: this.#reasonName(reason, locale) });
    }
    const number = outcome.ticket.number;
    switch (outcome.kind) {
      case 'called':
        return queueMsg(locale, 'caller.called', { number });
      case 'recalled':
        return queueMsg(locale, 'caller.recalled', { number, count: outcome.ticket.recalls ?? 1 });
      case 'finished':
        return queueMsg(locale, 'caller.finished', { number });
      case 'no-show':
        return queueMsg(locale, 'caller.noShowDone', { number });
      case 'requeued':
        return queueMsg(locale, 'caller.requeued', { number });
      case 'held':
        return queueMsg(locale, 'caller.held.done', { number });
      case 'transferred': {
        const code = outcome.ticket.category;
        const category = this.#state.categories.find((candidate) => candidate.code === code);
        return queueMsg(locale, 'caller.transferred', { number, category: categoryName(category, code, locale) });
      }
    }
  }

  #button(action: Action, locale: Locale, extra = '') {
    return html`<button
      type="button"
      class=${extra}
      data-action=${action}
      aria-keyshortcuts=${CALLER_SHORTCUTS[action]}
      ?disabled=${!this.#enabled(action)}
      @click=${() => this.#do(action)}
    >
      ${queueMsg(locale, action === 'pause' && this.#state.paused ? 'caller.reopen' : LABELS[action], {
        count: this.#requeueCount(),
      })}
      <kbd>${CALLER_SHORTCUTS[action]}</kbd>
    </button>`;
  }

  protected override render() {
    const locale = this.#locale;
    const state = this.#state;
    const { current, held, outcome, paused } = state;
    const name = (code: string) => {
      const category = state.categories.find((candidate) => candidate.code === code)?.name;
      return category ? (locale === 'en-US' ? category.en : category.zh) : code;
    };
    return html`<section
      part="base"
      lang=${locale}
      aria-label=${queueMsg(locale, 'caller.label', { window: spokenWindow(this.#window) })}
    >
      ${feedStatus(state, locale, queueMsg(locale, 'caller.offline'))}
      ${
        paused
          ? html`<div part="paused">
              <p>
                <strong
                  >${queueMsg(locale, 'caller.pausedBanner', {
                    reason: this.#reasonName(paused.reason, locale),
                    time: clockTime(paused.since, locale),
                  })}</strong
                >
              </p>
              ${paused.note ? html`<p>${queueMsg(locale, 'caller.pausedNote', { note: paused.note })}</p>` : nothing}
              <p>${queueMsg(locale, 'caller.pausedHint')}</p>
            </div>`
          : nothing
      }
      <div class="top">
        <div part="current">
          <span class="label">${queueMsg(locale, 'caller.current')}</span>
          ${
            current
              ? html`<span class="number">${current.number}</span>
                  <span class="meta">
                    ${name(current.category)}
                    ${
                      current.kind === 'normal'
                        ? nothing
                        : html`<span class="badge">${queueMsg(locale, `caller.kind.${current.kind}`)}</span>`
                    }
                    ${
                      current.calledAt
                        ? html`· ${queueMsg(locale, 'caller.since', { time: clockTime(current.calledAt, locale) })}`
                        : nothing
                    }
                    ${current.recalls ? html`· ${queueMsg(locale, 'caller.recalls', { count: current.recalls })}` : nothing}
                  </span>`
              : html`<span class="none">${queueMsg(locale, 'caller.noCurrent')}</span>`
          }
        </div>
        <div class="waiting">
          <span class="label">${queueMsg(locale, 'caller.waiting')}</span>
          <span class="count">${queueMsg(locale, 'caller.waitingCount', { count: state.waiting })}</span>
        </div>
      </div>
      <div part="actions" role="group" aria-label=${queueMsg(locale, 'caller.shortcuts')}>
        ${this.#button('next', locale, 'primary')} ${this.#button('recall', locale)} ${this.#button('finish', locale)}
        ${this.#button('hold', locale)} ${this.#button('noShow', locale)}
        <span class="requeue">
          ${this.#button('requeue', locale)}
          <label
            >${queueMsg(locale, 'caller.requeueBehind')}
            <input
              id="requeue"
              type="number"
              min="0"
              max="50"
              .value=${String(this.requeueBehind)}
              @input=${() => this.requestUpdate()}
          /></label>
        </span>
        ${this.#button('transfer', locale)} ${this.#button('pause', locale)}
      </div>
      ${
        this._pausing && !paused
          ? html`<form
              class="pause"
              @submit=${this.#pause}
              @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.#cancelPause()}
            >
              <label
                >${queueMsg(locale, 'caller.pauseReason')}
                <select id="pause-reason" name="reason">
                  ${(Object.keys(WINDOW_PAUSE_REASONS) as WindowPauseReason[]).map(
                    (reason) => html`<option value=${reason}>${this.#reasonName(reason, locale)}</option>`,
                  )}
                </select></label
              >
              <label
                >${queueMsg(locale, 'caller.pauseNote')}
                <input id="pause-note" name="note" type="text" maxlength="60" autocomplete="off"
              /></label>
              <button type="submit" class="primary">${queueMsg(locale, 'caller.pauseConfirm')}</button>
              <button type="button" @click=${() => this.#cancelPause()}>${queueMsg(locale, 'caller.cancel')}</button>
            </form>`
          : nothing
      }
      ${
        this._transferring && current
          ? html`<form class="transfer" @submit=${this.#transfer}>
              <label
                >${queueMsg(locale, 'caller.transferTo')}
                <select id="transfer-category" name="category">
                  ${state.categories.map(
                    (category) =>
                      html`<option value=${category.code} ?selected=${category.code === current.category}>
                        ${category.letter} ${name(category.code)}
                      </option>`,
                  )}
                </select></label
              >
              <label
                >${queueMsg(locale, 'caller.transferWindow')}
                <select name="window">
                  <option value="">${queueMsg(locale, 'caller.anyWindow')}</option>
                  ${state.windows
                    .filter((window) => window.code !== this.#window)
                    .map((window) => html`<option value=${window.code}>${window.name}</option>`)}
                </select></label
              >
              <button type="submit" class="primary">${queueMsg(locale, 'caller.transferConfirm')}</button>
              <button type="button" @click=${() => (this._transferring = false)}>
                ${queueMsg(locale, 'caller.cancel')}
              </button>
            </form>`
          : nothing
      }
      <div part="held">
        <span class="label">${queueMsg(locale, 'caller.held')}</span>
        ${
          held.length === 0
            ? html`<span class="none">${queueMsg(locale, 'caller.noHeld')}</span>`
            : html`<ol>
                ${held.map(
                  (ticket, index) =>
                    html`<li>
                      <button
                        type="button"
                        aria-keyshortcuts=${index < 9 ? `Alt+${index + 1}` : nothing}
                        ?disabled=${state.status !== 'live' || state.busy || paused !== undefined}
                        @click=${() => void this.#controller?.resume(ticket.id)}
                      >
                        ${queueMsg(locale, 'caller.resume', { number: ticket.number })}
                        ${index < 9 ? html`<kbd>Alt+${index + 1}</kbd>` : nothing}
                      </button>
                    </li>`,
                )}
              </ol>`
        }
      </div>
      <p part="outcome" role="status" class=${outcome?.kind === 'error' ? 'error' : ''}>
        ${this.#outcomeText(outcome, locale)}
      </p>
    </section>`;
  }
}
