import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { SpeechSynthesisVoiceEngine, type VoiceEngine } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import { QueueFeed, type QueueFeedState } from '../feed/queue-feed.js';
import { categoryName, clockTime, queueMsg, spokenWindow } from '../i18n/messages.js';
import { feedStatus } from '../feed/feed-status.js';
import { HallDisplayController } from './controller.js';
import { hallDisplayStyles } from './styles.js';

/**
 * The hall's big screen (叫号大屏): the latest call large ("请 A012 号到 5 号窗口办理"), the calls before it, and per
 * service the people waiting and the expected wait. Every call is also said aloud through a voice engine (the
 * browser's speech by default; a district may plug in recorded clips or a voice box), one at a time after a chime,
 * repeated `repeat` times. Numbers and windows only: a display never receives a name, a phone or a booking code.
 * When the hall cannot be reached the screen keeps the last picture, says since when, and catches up when the hall
 * answers again.
 *
 * Give it a hall client logged in as a display device (`client`), or a {@link QueueFeed} (`feed`) to share.
 *
 * @tag yc-hall-display
 * @summary The hall's call screen with voice.
 * @csspart base - The whole screen.
 * @csspart status - The connection message (reconnecting, refused).
 * @csspart latest - The latest call.
 * @csspart recent - The table of recent calls.
 * @csspart waits - The table of waiting people per service.
 * @cssprop [--yc-display-background=#0b2545] - Screen background.
 * @cssprop [--yc-display-panel=#13315c] - Panel background.
 * @cssprop [--yc-display-text=#ffffff] - Text colour.
 * @cssprop [--yc-display-number=#ffd166] - Colour of ticket numbers.
 * @cssprop [--yc-font-scale=1] - Font scale.
 */
export class HallDisplay extends LitElement {
  static override styles = hallDisplayStyles;

  /** The hall, logged in as a display device. Ignored when `feed` is set. */
  @property({ attribute: false }) client?: HallClient;

  /** A queue feed to show (shared with other views, or prepared by a story). Overrides `client`. */
  @property({ attribute: false }) feed?: QueueFeed;

  /** The voice the calls are said in; the browser's speech when not set. */
  @property({ attribute: false }) voice?: VoiceEngine;

  /** Say no call aloud. */
  @property({ type: Boolean, reflect: true }) muted = false;

  /** Times each call is said (1 to 5). */
  @property({ type: Number }) repeat = 2;

  /** The heading (the hall's name, or where the screen stands). */
  @property() heading = '';

  /** Recent calls listed below the latest. */
  @property({ type: Number, attribute: 'recent-calls' }) recentCalls = 6;

  /** The screen's clock (ms since the epoch); a story or a test fixes it. */
  @property({ attribute: false }) clock: () => number = Date.now;

  /** UI language (`zh-CN`, `en-US`); the voice speaks Chinese. Overrides the provider's. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _now = 0;

  #controller?: HallDisplayController;
  #view?: ObservableController<QueueFeedState>;
  #clock?: ReturnType<typeof setInterval>;
  #freshCall?: number;

  /** The controller announcing the calls (for hosts that add a "say it again" button, and tests). */
  get controller(): HallDisplayController | undefined {
    return this.#controller;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => (this._now = this.clock()), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    this.#teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = this.feed ?? this.client;
    const needs =
      !this.#controller ||
      changed.has('feed') ||
      changed.has('client') ||
      changed.has('voice') ||
      changed.has('muted') ||
      changed.has('repeat');
    if (!source || !needs || !this.isConnected) return;
    this.#teardown();
    const feed = this.feed ?? new QueueFeed(this.client!, { recentCalls: 12 });
    const voice = this.muted ? SILENT : (this.voice ?? new SpeechSynthesisVoiceEngine());
    this.#controller = new HallDisplayController(feed, voice, { repeat: Math.min(5, Math.max(1, this.repeat)) });
    this.#view = new ObservableController(this, feed.state$, feed.state);
    this.#view.hostConnected();
    void this.#controller.start();
  }

  #teardown(): void {
    this.#controller?.stop();
    if (this.#controller && !this.feed) this.#controller.feed.stop();
    if (this.#view) {
      this.#view.hostDisconnected();
      this.removeController(this.#view);
    }
    this.#controller = undefined;
    this.#view = undefined;
  }

  protected override render() {
    const locale = this.#locale;
    const state = this.#view?.value;
    const latest = state?.calls[0];
    const fresh = latest !== undefined && latest.eventId !== 0 && latest.eventId !== this.#freshCall;
    if (fresh) this.#freshCall = latest.eventId;
    const recent = state?.calls.slice(1, 1 + this.recentCalls) ?? [];
    const names = new Map(state?.categories.map((category) => [category.code, category]));
    return html`<div part="base" lang=${locale}>
      <header>
        <h2>${this.heading || queueMsg(locale, 'display.label')}</h2>
        <span class="clock">${clockTime(this._now || this.clock(), locale)}</span>
      </header>
      ${feedStatus(state, locale)}
      <div class="main">
        <div class="column">
          <section part="latest" class=${fresh ? 'fresh' : ''} aria-live="polite" aria-atomic="true">
            ${
              latest
                ? html`<span class="number">${latest.ticket.number}</span>
                    <span class="sentence"
                      >${queueMsg(locale, 'display.latest', {
                        number: latest.ticket.number,
                        window: spokenWindow(latest.window),
                      })}</span
                    >`
                : html`<span class="sentence">${queueMsg(locale, 'display.none')}</span>`
            }
          </section>
          <section aria-labelledby="recent-heading">
            <h3 id="recent-heading">${queueMsg(locale, 'display.recent')}</h3>
            ${
              recent.length === 0
                ? html`<p class="empty">—</p>`
                : html`<table part="recent">
                    <thead>
                      <tr>
                        <th scope="col">${queueMsg(locale, 'display.number')}</th>
                        <th scope="col">${queueMsg(locale, 'display.window')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${recent.map(
                        (call) =>
                          html`<tr>
                            <td class="number">${call.ticket.number}</td>
                            <td>${queueMsg(locale, 'display.latestWindow', { window: spokenWindow(call.window) })}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
            }
          </section>
        </div>
        <div class="column">
          <section aria-labelledby="waits-heading">
            <h3 id="waits-heading">${queueMsg(locale, 'display.waits')}</h3>
            ${
              state && state.waits.length > 0
                ? html`<table part="waits">
                    <thead>
                      <tr>
                        <th scope="col">${queueMsg(locale, 'display.category')}</th>
                        <th scope="col" class="count">${queueMsg(locale, 'display.waiting')}</th>
                        <th scope="col" class="count">${queueMsg(locale, 'display.estimate')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${state.waits.map((wait) => {
                        return html`<tr>
                          <td>${categoryName(names.get(wait.category), wait.category, locale)}</td>
                          <td class="count">${wait.waiting}</td>
                          <td class="count">
                            ${
                              wait.estimatedWaitMs === undefined || wait.waiting === 0
                                ? queueMsg(locale, 'display.noEstimate')
                                : queueMsg(locale, 'display.minutes', {
                                    minutes: Math.max(1, Math.round(wait.estimatedWaitMs / 60_000)),
                                  })
                            }
                          </td>
                        </tr>`;
                      })}
                    </tbody>
                  </table>`
                : nothing
            }
          </section>
        </div>
      </div>
    </div>`;
  }
}

/** The voice of a muted display: says nothing, at once. */
const SILENT: VoiceEngine = {
  chime: () => Promise.resolve(),
  speak: () => Promise.resolve(),
};
