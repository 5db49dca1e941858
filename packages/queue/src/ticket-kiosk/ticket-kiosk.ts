import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { IdCardReader, TicketPrinter } from '@yichuang/devices';
import type { HallClient, PublicTicket } from '@yichuang/hall-client';
import type { Ticket } from '@yichuang/core';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import { feedStatus } from '../feed/feed-status.js';
import { categoryName, clockTime, localName, queueMsg } from '../i18n/messages.js';
import { TicketKioskController, type TicketKioskState } from './controller.js';
import { ticketKioskStyles } from './styles.js';

/**
 * The self-service kiosk (自助取号机): big buttons for each service with the people waiting, a priority choice for
 * elderly, disabled and pregnant people and the military, an appointment check-in by booking code, and, with an
 * identity-card reader, a card read that only tells whether its holder is old enough for priority (the number is
 * neither sent nor kept). The ticket is shown and printed (80 mm) with its number, service, people ahead, time and a
 * QR code to follow the queue. Walk-ins never need to book. When the hall cannot be reached the kiosk says so and
 * issues nothing (a number must be unique).
 *
 * @tag yc-ticket-kiosk
 * @summary The touch kiosk that issues queue tickets.
 * @csspart base - The kiosk screen.
 * @csspart status - The connection message.
 * @csspart services - The grid of service buttons.
 * @csspart service - One service button.
 * @csspart ticket - The issued ticket as shown on screen.
 * @csspart error - Why no ticket was issued.
 * @cssprop [--yc-color-primary=#0b57a4] - Service buttons.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375.
 */
export class TicketKiosk extends LitElement {
  static override styles = ticketKioskStyles;

  /** The hall, logged in as a kiosk device. */
  @property({ attribute: false }) client?: HallClient;

  /** The ticket printer (`BrowserTicketPrinter` on a kiosk PC); none: the ticket is shown only. */
  @property({ attribute: false }) printer?: TicketPrinter;

  /** An identity-card reader, to offer priority to elderly holders. */
  @property({ attribute: false }) idReader?: IdCardReader;

  /** The hall's name, printed on tickets. */
  @property({ attribute: 'hall-name' }) hallName = '';

  /**
   * The address of the queue-status page printed as a QR code, with `{id}` for the ticket's id (an opaque token):
   * e.g. `https://hall.example.cn/queue/status?ticket={id}`. No QR code when empty.
   */
  @property({ attribute: 'status-url' }) statusUrl = '';

  /** Seconds a ticket stays on screen before the kiosk returns to the start. */
  @property({ type: Number, attribute: 'return-after' }) returnAfter = 20;

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  #controller?: TicketKioskController;
  #view?: ObservableController<TicketKioskState>;
  #returnTimer?: ReturnType<typeof setTimeout>;
  #cardRead?: AbortController;

  /** The DOM-free controller, for hosts and tests. */
  get controller(): TicketKioskController | undefined {
    return this.#controller;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const needs = !this.#controller || changed.has('client') || changed.has('printer') || changed.has('hallName');
    if (!this.client || !needs || !this.isConnected) return;
    this.#teardown();
    const statusUrl = this.statusUrl;
    const controller = new TicketKioskController(this.client, {
      ...(this.printer ? { printer: this.printer } : {}),
      hallName: this.hallName,
      locale: this.#locale,
      statusUrl: (ticket: Ticket | PublicTicket) =>
        statusUrl ? statusUrl.replace('{id}', encodeURIComponent(ticket.id)) : undefined,
    });
    this.#controller = controller;
    this.#view = new ObservableController(this, controller.state$, controller.state);
    this.#view.hostConnected();
    void controller.start();
  }

  protected override updated(): void {
    // A ticket on screen goes away by itself, so the next person starts afresh.
    const step = this.#view?.value.step;
    if (step === 'issued' && this.#returnTimer === undefined) {
      this.#returnTimer = setTimeout(() => this.#done(), this.returnAfter * 1000);
    }
  }

  #teardown(): void {
    clearTimeout(this.#returnTimer);
    this.#cardRead?.abort();
    this.#controller?.stop();
    if (this.#view) {
      this.#view.hostDisconnected();
      this.removeController(this.#view);
    }
    this.#controller = undefined;
    this.#view = undefined;
  }

  #done(): void {
    clearTimeout(this.#returnTimer);
    this.#returnTimer = undefined;
    this.#controller?.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="service"]')?.focus());
  }

  async #readCard(): Promise<void> {
    if (!this.idReader || !this.#controller) return;
    this.#cardRead?.abort();
    this.#cardRead = new AbortController();
    await this.#controller.readCard(this.idReader, this.#cardRead.signal);
  }

  #checkIn(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    void this.#controller?.checkIn(String(form.get('code') ?? ''), String(form.get('category') ?? ''));
  }

  #categoryName(state: TicketKioskState, code: string, locale: Locale): string {
    return categoryName(
      state.feed.categories.find((candidate) => candidate.code === code),
      code,
      locale,
    );
  }

  protected override render() {
    const locale = this.#locale;
    const state = this.#view?.value;
    return html`<div part="base" lang=${locale}>
      <h2>${queueMsg(locale, 'kiosk.label')}</h2>
      ${feedStatus(state?.feed, locale)} ${state ? this.#step(state, locale) : nothing}
    </div>`;
  }

  #step(state: TicketKioskState, locale: Locale) {
    switch (state.step) {
      case 'choose':
        return this.#choose(state, locale);
      case 'appointment':
        return this.#appointment(state, locale);
      case 'issuing':
        return html`<p class="big" role="status">${queueMsg(locale, 'kiosk.issuing')}</p>`;
      case 'issued':
        return this.#issued(state, locale);
      case 'error':
        return html`<div part="error" role="alert">
            <p class="big">
              ${
                state.error?.offline
                  ? queueMsg(locale, 'kiosk.offline')
                  : queueMsg(locale, 'kiosk.error', { detail: state.error?.message ?? '' })
              }
            </p>
          </div>
          <div class="row">
            <button type="button" class="primary" @click=${() => this.#done()}>
              ${queueMsg(locale, 'kiosk.back')}
            </button>
          </div>`;
    }
  }

  #choose(state: TicketKioskState, locale: Locale) {
    const usable = state.feed.status === 'live';
    const card = state.card;
    return html`<p class="lead" id="choose">${queueMsg(locale, 'kiosk.choose')}</p>
      <div part="services" role="group" aria-labelledby="choose">
        ${state.feed.categories.map((category) => {
          const wait = state.feed.waits.find((candidate) => candidate.category === category.code);
          const count = wait?.waiting ?? 0;
          // The expected wait, once the service has served someone today (whole minutes, at least 1).
          const minutes =
            wait?.estimatedWaitMs === undefined ? undefined : Math.max(1, Math.round(wait.estimatedWaitMs / 60_000));
          return html`<button
            type="button"
            part="service"
            ?disabled=${!usable}
            @click=${() => void this.#controller?.issue(category.code)}
          >
            <span class="letter" aria-hidden="true">${category.letter}</span>
            <span class="name">${localName(category.name, locale)}</span>
            <span class="waiting"
              >${
                minutes === undefined || count === 0
                  ? queueMsg(locale, 'kiosk.waiting', { count })
                  : queueMsg(locale, 'kiosk.waitingFor', { count, minutes })
              }</span
            >
          </button>`;
        })}
      </div>
      <label class="priority">
        <input
          type="checkbox"
          .checked=${state.priority}
          @change=${(event: Event) => this.#controller?.setPriority((event.target as HTMLInputElement).checked)}
        />
        <span>${queueMsg(locale, 'kiosk.priority')}<small>${queueMsg(locale, 'kiosk.priorityHint')}</small></span>
      </label>
      <div class="row">
        ${
          this.idReader
            ? html`<button type="button" @click=${() => void this.#readCard()}>
                ${queueMsg(locale, 'kiosk.readCard')}
              </button>`
            : nothing
        }
        <button type="button" ?disabled=${!usable} @click=${() => this.#controller?.showAppointment(true)}>
          ${queueMsg(locale, 'kiosk.appointment')}
        </button>
      </div>
      ${
        card
          ? html`<p class="note" role="status">
              ${
                card.kind === 'failed'
                  ? queueMsg(locale, 'kiosk.cardFailed', { detail: queueMsg(locale, `kiosk.card.${card.reason}`) })
                  : queueMsg(locale, card.kind === 'elderly' ? 'kiosk.cardElderly' : 'kiosk.cardNotElderly', {
                      age: card.age,
                    })
              }
            </p>`
          : nothing
      }`;
  }

  #appointment(state: TicketKioskState, locale: Locale) {
    return html`<form class="appointment" @submit=${this.#checkIn}>
      <label
        >${queueMsg(locale, 'kiosk.appointmentCode')}
        <input
          name="code"
          required
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          placeholder="K7M2-9QXW"
          aria-describedby="code-hint"
      /></label>
      <small id="code-hint">${queueMsg(locale, 'kiosk.appointmentHint')}</small>
      <label
        >${queueMsg(locale, 'kiosk.appointmentCategory')}
        <select name="category">
          ${state.feed.categories.map(
            (category) =>
              html`<option value=${category.code}>${this.#categoryName(state, category.code, locale)}</option>`,
          )}
        </select></label
      >
      <div class="row">
        <button type="submit" class="primary">${queueMsg(locale, 'kiosk.checkIn')}</button>
        <button type="button" @click=${() => this.#controller?.showAppointment(false)}>
          ${queueMsg(locale, 'kiosk.back')}
        </button>
      </div>
    </form>`;
  }

  #issued(state: TicketKioskState, locale: Locale) {
    const issued = state.issued!;
    const { ticket } = issued;
    const print =
      issued.print === 'printing'
        ? queueMsg(locale, 'kiosk.printing')
        : issued.print === 'printed'
          ? queueMsg(locale, 'kiosk.printed')
          : issued.print === 'failed'
            ? queueMsg(locale, 'kiosk.printFailed', {
                detail: queueMsg(locale, `kiosk.printer.${issued.printError ?? 'other'}`),
                number: ticket.number,
              })
            : '';
    return html`<section part="ticket" aria-labelledby="issued">
        <h3 id="issued">${queueMsg(locale, 'kiosk.issued')}</h3>
        <p class="service">${this.#categoryName(state, ticket.category, locale)}</p>
        <p class="number" aria-label=${`${queueMsg(locale, 'kiosk.yourNumber')} ${ticket.number}`}>${ticket.number}</p>
        <p class="big">${queueMsg(locale, 'kiosk.ahead', { count: issued.ahead })}</p>
        <p>${queueMsg(locale, 'kiosk.issuedAt', { time: clockTime(ticket.issuedAt, locale) })}</p>
      </section>
      <p class=${issued.print === 'failed' ? 'note warn' : 'note'} role="status">${print}</p>
      <div class="row">
        <button type="button" class="primary" @click=${() => this.#done()}>${queueMsg(locale, 'kiosk.done')}</button>
      </div>`;
  }
}
