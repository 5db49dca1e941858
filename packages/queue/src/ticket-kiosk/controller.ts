import { BehaviorSubject, type Observable } from 'rxjs';
import type { Ticket } from '@yichuang/core';
import {
  ELDERLY_AGE,
  IdReaderError,
  PrinterError,
  eligibilityOf,
  type PrinterErrorReason,
  type IdCardReader,
  type IdReaderErrorReason,
  type PrintedTicket,
  type TicketPrinter,
} from '@yichuang/devices';
import { HallError, type HallClient, type IssueTicket, type PublicTicket } from '@yichuang/hall-client';
import { latestOf } from '../feed/latest.js';
import { categoryName } from '../i18n/messages.js';
import { QueueFeed, type QueueFeedState } from '../feed/queue-feed.js';

/** What the kiosk learnt from an identity card: only whether its holder is old enough for priority. */
export type CardNote =
  { kind: 'elderly' | 'not-elderly'; age: number } | { kind: 'failed'; reason: IdReaderErrorReason | 'invalid' };

/** A ticket the kiosk issued, as the applicant sees it. */
export interface IssuedTicket {
  ticket: Ticket | PublicTicket;
  /** People waiting in its service before it, when it was issued. */
  ahead: number;
  /** Expected wait in ms, when the hall has an estimate. */
  estimatedWaitMs?: number;
  print: 'none' | 'printing' | 'printed' | 'failed';
  /** Why the ticket was not printed. */
  printError?: PrinterErrorReason;
}

/** Where the kiosk stands. */
export interface TicketKioskState {
  step: 'choose' | 'appointment' | 'issuing' | 'issued' | 'error';
  feed: QueueFeedState;
  /** The applicant asked for a priority ticket (the clerk checks the reason). */
  priority: boolean;
  card?: CardNote;
  issued?: IssuedTicket;
  /** Why the last ticket was not issued; `offline` when the hall could not be reached. */
  error?: { offline: boolean; message: string };
}

/** Options of {@link TicketKioskController}. */
export interface TicketKioskOptions {
  /** The ticket printer; none: the ticket is shown on screen only. */
  printer?: TicketPrinter;
  /** The hall's name, printed on top of tickets. */
  hallName?: string;
  /** The address of a page where a ticket's holder follows the queue (printed as a QR code). */
  statusUrl?: (ticket: Ticket | PublicTicket) => string | undefined;
  /** Age from which a card read offers priority. Default 60. */
  elderlyAge?: number;
  /** Today, for the age on a card. */
  now?: () => Date;
  /** Locale the ticket is printed in. */
  locale?: 'zh-CN' | 'en-US';
  /** The feed the kiosk reads services and waits from (its own by default). */
  feed?: QueueFeed;
}

type Local = Omit<TicketKioskState, 'feed'>;

/**
 * The self-service kiosk (自助取号机) without its view: the services and their waits (from a {@link QueueFeed}), a
 * ticket for a service (walk-in or priority) or an appointment check-in by its code, the people ahead, and the
 * printed ticket. An identity card, when read, only tells the kiosk whether its holder may take a priority ticket:
 * the number is neither sent nor kept. Issuing needs the hall (a number must be unique); when the hall cannot be
 * reached the kiosk says so and issues nothing.
 */
export class TicketKioskController {
  readonly feed: QueueFeed;
  readonly #client: HallClient;
  readonly #options: TicketKioskOptions;
  readonly #local = new BehaviorSubject<Local>({ step: 'choose', priority: false });
  readonly state$: Observable<TicketKioskState>;

  constructor(client: HallClient, options: TicketKioskOptions = {}) {
    this.#client = client;
    this.#options = options;
    this.feed = options.feed ?? new QueueFeed(client, { refreshEveryMs: 15_000 });
    this.state$ = latestOf([this.feed.state$, this.#local], ([feed, local]) => ({ ...local, feed }));
  }

  get state(): TicketKioskState {
    return { ...this.#local.value, feed: this.feed.state };
  }

  start(): Promise<void> {
    return this.feed.start();
  }

  stop(): void {
    this.feed.stop();
  }

  setPriority(priority: boolean): void {
    this.#set({ priority });
  }

  /** Opens the appointment check-in, or goes back to the services. */
  showAppointment(open: boolean): void {
    this.#set({ step: open ? 'appointment' : 'choose', error: undefined });
  }

  /** Back to the start for the next person: nothing of this one stays. */
  reset(): void {
    this.#local.next({ step: 'choose', priority: false });
  }

  /**
   * Reads an identity card to offer a priority ticket to an elderly holder. Only the outcome (elderly or not, the
   * threshold) is kept; the card's data goes out of scope here.
   */
  async readCard(reader: IdCardReader, signal?: AbortSignal): Promise<void> {
    const elderlyAge = this.#options.elderlyAge ?? ELDERLY_AGE;
    try {
      const eligibility = eligibilityOf(await reader.read(signal), this.#options.now?.() ?? new Date(), {
        elderlyAge,
      });
      if (!eligibility.valid) {
        this.#set({ card: { kind: 'failed', reason: 'invalid' } });
      } else if (eligibility.elderly) {
        this.#set({ card: { kind: 'elderly', age: elderlyAge }, priority: true });
      } else {
        this.#set({ card: { kind: 'not-elderly', age: elderlyAge } });
      }
    } catch (error) {
      if (signal?.aborted) return;
      this.#set({ card: { kind: 'failed', reason: error instanceof IdReaderError ? error.reason : 'unreadable' } });
    }
  }

  /** Takes a ticket for a service: a priority one when the applicant asked for it. */
  issue(category: string): Promise<void> {
    return this.#issue({ category, kind: this.#local.value.priority ? 'priority' : 'normal' });
  }

  /** Checks an appointment in by its booking code, for the service booked. */
  checkIn(appointmentRef: string, category: string): Promise<void> {
    return this.#issue({ category, kind: 'appointment', appointmentRef });
  }

  async #issue(request: IssueTicket): Promise<void> {
    if (this.#local.value.step === 'issuing') return;
    this.#set({ step: 'issuing', error: undefined });
    let ticket: Ticket | PublicTicket;
    try {
      ticket = await this.#client.issueTicket(request);
    } catch (error) {
      const offline = !(error instanceof HallError) || error.transient;
      this.#set({
        step: 'error',
        error: {
          offline,
          // The hall's own words: what was wrong with the request when it says, else its summary.
          message:
            error instanceof HallError && error.issues.length > 0
              ? error.issues.join('；')
              : error instanceof Error
                ? error.message
                : String(error),
        },
      });
      return;
    }
    const ahead = await this.#ahead(ticket);
    const perPerson = this.feed.state.waits.find((wait) => wait.category === ticket.category)?.msPerPerson;
    const issued: IssuedTicket = {
      ticket,
      ahead,
      ...(perPerson === undefined ? {} : { estimatedWaitMs: perPerson * ahead }),
      print: this.#options.printer ? 'printing' : 'none',
    };
    this.#set({ step: 'issued', issued, card: undefined });
    if (this.#options.printer) await this.#print(issued);
  }

  /** People waiting in the ticket's service who were there first (from a fresh picture; the feed's if none). */
  async #ahead(ticket: Ticket | PublicTicket): Promise<number> {
    const before = (other: Ticket | PublicTicket) =>
      other.id !== ticket.id &&
      other.status === 'waiting' &&
      other.category === ticket.category &&
      other.issuedAt <= ticket.issuedAt;
    try {
      return (await this.#client.queue()).tickets.filter(before).length;
    } catch {
      return this.feed.state.tickets.filter(before).length;
    }
  }

  async #print(issued: IssuedTicket): Promise<void> {
    const { ticket } = issued;
    const category = this.feed.state.categories.find((candidate) => candidate.code === ticket.category);
    const locale = this.#options.locale ?? 'zh-CN';
    const statusUrl = this.#options.statusUrl?.(ticket);
    const printed: PrintedTicket = {
      number: ticket.number,
      categoryName: categoryName(category, ticket.category, locale),
      peopleAhead: issued.ahead,
      issuedAt: ticket.issuedAt,
      hallName: this.#options.hallName ?? '',
      ...(statusUrl ? { statusUrl } : {}),
      ...(ticket.kind === 'priority' ? { lines: [locale === 'en-US' ? 'Priority' : '优先办理'] } : {}),
      ...(ticket.kind === 'appointment' ? { lines: [locale === 'en-US' ? 'Appointment' : '预约签到'] } : {}),
    };
    let done: Pick<IssuedTicket, 'print' | 'printError'>;
    try {
      await this.#options.printer!.print(printed);
      done = { print: 'printed' };
    } catch (error) {
      done = { print: 'failed', printError: error instanceof PrinterError ? error.reason : 'other' };
    }
    // Only if the kiosk still shows this ticket (the next person may have started).
    if (this.#local.value.issued?.ticket.id === ticket.id) this.#set({ issued: { ...issued, ...done } });
  }

  #set(changes: Partial<Local>): void {
    const next = { ...this.#local.value, ...changes };
    for (const key of Object.keys(next) as (keyof Local)[]) if (next[key] === undefined) delete next[key];
    this.#local.next(next);
  }
}
