import { combineLatest, type Observable, type Subscription } from 'rxjs';
import * as v from 'valibot';
import {
  CASE_STATUS_LABELS,
  ProxySchema,
  ServedPersonSchema,
  assistProblemText,
  formatIssues,
  handOffProblem,
  helpMinutes,
  proxyProblem,
  servedWithPriority,
  toChinaDate,
  ulid,
  type ApplicantProxy,
  type AssistVisit,
  type AuthorisationKind,
  type AuthorisationLetter,
  type Case,
  type CaseStatus,
  type ContactWay,
  type HelpKind,
  type IdDocumentType,
  type LetterWay,
  type SpecialGroup,
  type SupportNeed,
} from '@yichuang/core';
import type { HallClient } from '@yichuang/hall-client';
import { IntakeSession } from '@yichuang/intake';
import type { WorkstationStore } from '@yichuang/store';
import { DeskState, localName, type Locale } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';

/** What the helper desk needs of the hall: issuing a priority ticket, and the queue's categories. */
export type AssistHall = Pick<HallClient, 'issueTicket' | 'queue'>;

/** What it needs of the workstation store: visits, the cases taken in on them, the letter's files, intake drafts. */
export type AssistStore = Pick<
  WorkstationStore,
  'saveAssistVisit' | 'assistVisits$' | 'cases$' | 'putAttachment' | 'openDraft' | 'drafts$'
>;

/** What the helper types to register the person and, when someone acts for them, the proxy. */
export interface AssistForm {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  groups: SpecialGroup[];
  need: SupportNeed | '';
  contact: ContactWay;
  accompanied: boolean;
  proxyWanted: boolean;
  proxyName: string;
  proxyIdType: IdDocumentType;
  proxyIdNumber: string;
  proxyPhone: string;
  proxyRelation: string;
  authorisation: AuthorisationKind;
  scope: string;
  validUntil: string;
  letterWay: LetterWay;
  /** SHA-256 of the letter's files (scanned pages, or the pad's image), once stored. */
  letterFiles: string[];
}

/** One help to log: what, how long, a note. */
export interface HelpForm {
  kind: HelpKind;
  minutes: string;
  note: string;
}

/** A case of a visit as the ledger shows it: its number and status once taken in, and whether the hall has it. */
export interface LedgerCase {
  id: string;
  number?: string;
  status?: CaseStatus;
  statusLabel: string;
}

/** One visit of the helper's ledger. */
export interface LedgerRow {
  visit: AssistVisit;
  minutes: number;
  cases: LedgerCase[];
  /** Whether a case of it is still open (taken in and not yet decided and handed over, or still being taken in). */
  open: boolean;
}

export interface AssistState {
  /** The visit being served, once registered. */
  visit?: AssistVisit;
  form: AssistForm;
  help: HelpForm;
  /** The helper's visits, open first, newest first. */
  ledger: readonly LedgerRow[];
  /** The priority ticket issued for the visit (its number). */
  ticketNumber?: string;
  busy: boolean;
  error?: { message: string; issues: readonly string[] };
  done?: string;
}

export interface AssistDeskOptions {
  store: AssistStore;
  /** The hall, for priority tickets; without one (offline, training without a queue), no ticket is issued. */
  hall?: AssistHall;
  /** The hall's code, the helper desk's window and the helper (a clerk) signed in at it. */
  hallCode: string;
  window: string;
  helper: string;
  /** The queue category priority tickets are issued in; else the first the window calls, else the hall's first. */
  category?: string;
  locale?: Locale;
  now?: () => Date;
}

/** Where a case taken in on a visit begins: the intake draft, pre-filled, and the case it becomes. */
export interface HandOff {
  visitId: string;
  draftId: string;
  caseId: string;
}

/** Statuses after which nothing more happens to a case at the hall (a notified case waits for the applicant). */
const FINISHED: readonly CaseStatus[] = ['delivered', 'refused', 'notified-incomplete', 'discarded', 'withdrawn'];

const EMPTY_FORM: AssistForm = {
  name: '',
  idType: 'resident-id',
  idNumber: '',
  phone: '',
  groups: [],
  need: '',
  contact: 'phone',
  accompanied: false,
  proxyWanted: false,
  proxyName: '',
  proxyIdType: 'resident-id',
  proxyIdNumber: '',
  proxyPhone: '',
  proxyRelation: '',
  authorisation: 'power-of-attorney',
  scope: '',
  validUntil: '',
  letterWay: 'scan',
  letterFiles: [],
};

const EMPTY_HELP: HelpForm = { kind: 'guidance', minutes: '', note: '' };

/**
 * The helper desk (帮办代办) without a DOM: registers the person served (special groups, need, contact, whether a
 * helper accompanies them) and the proxy with their authorisation letter, refusing a lapsed authorisation with the
 * core's sentence; logs each help given; issues a priority ticket through the queue; hands the person over to an
 * intake pre-filled with the applicant and the proxy (the case records the visit); and keeps the helper's ledger of
 * visits with their cases' status as synced. Every visit is saved in the workstation store (encrypted) and reaches
 * the hall through the outbox, so the desk works with the network down (only the ticket needs the hall).
 */
export class AssistDeskController {
  readonly #options: AssistDeskOptions;
  readonly #desk: DeskState<AssistState>;
  #ledger?: Subscription;

  constructor(options: AssistDeskOptions) {
    this.#options = options;
    this.#desk = new DeskState<AssistState>(
      { form: { ...EMPTY_FORM }, help: { ...EMPTY_HELP }, ledger: [], busy: false },
      () => msg(this.#locale, 'assist.offline'),
    );
  }

  get state$(): Observable<AssistState> {
    return this.#desk.state$;
  }

  get state(): AssistState {
    return this.#desk.value;
  }

  get #locale(): Locale {
    return this.#options.locale ?? 'zh-CN';
  }

  #now(): Date {
    return (this.#options.now ?? (() => new Date()))();
  }

  /** Follows the helper's visits and their cases in the store. */
  start(): void {
    if (this.#ledger) return;
    const store = this.#options.store;
    this.#ledger = combineLatest([store.assistVisits$(this.#options.helper), store.cases$()]).subscribe({
      next: ([visits, cases]) => this.#patch({ ledger: ledgerOf(visits, cases, this.#locale) }),
      error: () => undefined,
    });
  }

  stop(): void {
    this.#ledger?.unsubscribe();
    this.#ledger = undefined;
  }

  /** Changes what the helper typed. */
  edit(patch: Partial<AssistForm>): void {
    this.#patch({ form: { ...this.state.form, ...patch }, error: undefined, done: undefined });
  }

  /** Changes the help about to be logged. */
  editHelp(patch: Partial<HelpForm>): void {
    this.#patch({ help: { ...this.state.help, ...patch }, error: undefined, done: undefined });
  }

  /** Stores a file of the authorisation letter (a scanned page, or the pad's image) and keeps its hash. */
  async addLetterFile(file: Blob): Promise<void> {
    await this.#run(async () => {
      const sha256 = await this.#options.store.putAttachment(file);
      const files = this.state.form.letterFiles.filter((hash) => hash !== sha256);
      this.#patch({
        form: { ...this.state.form, letterFiles: [...files, sha256] },
        done: msg(this.#locale, 'assist.letter.added', { count: files.length + 1 }),
      });
    });
  }

  /**
   * Takes a page of the letter from a device — the document camera (a scan) or the signature pad (the proxy signs the
   * letter on it) — stores it and keeps its hash; the device's failure is said in the helper's words.
   */
  async captureLetter(device: { capture(): Promise<Blob> }, way: LetterWay): Promise<void> {
    this.edit({ letterWay: way });
    let image: Blob;
    try {
      image = await device.capture();
    } catch (error) {
      this.#fail(msg(this.#locale, 'assist.letter.failed', { reason: (error as Error)?.message ?? String(error) }), []);
      return;
    }
    await this.addLetterFile(image);
  }

  /**
   * Registers the person (and the proxy): checks them with the core's schemas and the proxy's authorisation on
   * today's date (a lapsed one is refused with the reason), then saves a new visit.
   */
  async register(): Promise<void> {
    const locale = this.#locale;
    const form = this.state.form;
    const served = v.safeParse(ServedPersonSchema, servedOf(form), { lang: locale });
    const proxy = form.proxyWanted ? v.safeParse(ProxySchema, proxyOf(form), { lang: locale }) : undefined;
    const issues = [
      ...(served.success ? [] : formatIssues(served.issues)),
      ...(proxy && !proxy.success ? formatIssues(proxy.issues) : []),
    ];
    if (!served.success || (proxy && !proxy.success)) {
      this.#fail(msg(locale, 'assist.register.invalid'), issues);
      return;
    }
    const at = this.#now().toISOString();
    const letter: AuthorisationLetter | undefined =
      form.proxyWanted && form.letterFiles.length > 0 ? { way: form.letterWay, files: form.letterFiles } : undefined;
    const problem = proxyProblem(
      { ...(proxy?.success ? { proxy: proxy.output } : {}), ...(letter ? { letter } : {}) },
      toChinaDate(new Date(at)),
    );
    if (problem) {
      this.#fail(assistProblemText(problem, locale), []);
      return;
    }
    const visit: AssistVisit = {
      id: ulid(),
      hall: this.#options.hallCode,
      window: this.#options.window,
      helper: this.#options.helper,
      served: served.output,
      ...(proxy?.success ? { proxy: proxy.output } : {}),
      ...(letter ? { letter } : {}),
      help: [],
      cases: [],
      status: 'open',
      createdAt: at,
      updatedAt: at,
    };
    await this.#save(visit, msg(locale, 'assist.register.done', { name: visit.served.person.name }));
  }

  /** Opens a visit of the ledger again (to log more help, take in another case, or close it). */
  open(visitId: string): void {
    const row = this.state.ledger.find((r) => r.visit.id === visitId);
    if (!row) return;
    this.#patch({ visit: row.visit, ticketNumber: undefined, error: undefined, done: undefined });
  }

  /** Back to registering a new person. */
  newVisit(): void {
    this.#patch({
      visit: undefined,
      form: { ...EMPTY_FORM, groups: [], letterFiles: [] },
      help: { ...EMPTY_HELP },
      ticketNumber: undefined,
      error: undefined,
      done: undefined,
    });
  }

  /** Logs the help given (what, how many minutes, a note) on the visit. */
  async logHelp(): Promise<void> {
    const visit = this.state.visit;
    if (!visit) return;
    const { kind, minutes, note } = this.state.help;
    const at = this.#now().toISOString();
    const entry = {
      kind,
      minutes: Number(minutes.trim() === '' ? Number.NaN : minutes),
      at,
      ...(note.trim() ? { note } : {}),
    };
    const next = { ...visit, help: [...visit.help, entry], updatedAt: at };
    if (await this.#save(next, msg(this.#locale, 'assist.help.done', { minutes: entry.minutes }))) {
      this.#patch({ help: { ...EMPTY_HELP } });
    }
  }

  /** Closes the visit: everything for the person is done. */
  async close(): Promise<void> {
    const visit = this.state.visit;
    if (!visit) return;
    const at = this.#now().toISOString();
    await this.#save({ ...visit, status: 'closed', updatedAt: at }, msg(this.#locale, 'assist.close.done'));
  }

  /** Issues a priority ticket (优先号) for the person through the queue, and records it on the visit. */
  async issueTicket(): Promise<void> {
    const visit = this.state.visit;
    const hall = this.#options.hall;
    const locale = this.#locale;
    if (!visit) return;
    if (!servedWithPriority(visit.served)) {
      this.#fail(msg(locale, 'assist.ticket.notPriority'), []);
      return;
    }
    if (!hall) {
      this.#fail(msg(locale, 'assist.ticket.noHall'), []);
      return;
    }
    await this.#run(async () => {
      const category = this.#options.category ?? categoryOf(await hall.queue(), this.#options.window);
      if (!category) throw new Error(msg(locale, 'assist.ticket.noCategory'));
      const ticket = await hall.issueTicket({ category, kind: 'priority' });
      const at = this.#now().toISOString();
      const saved = await this.#save(
        { ...visit, ticketId: ticket.id, updatedAt: at },
        msg(locale, 'assist.ticket.done', { number: ticket.number }),
      );
      if (saved) this.#patch({ ticketNumber: ticket.number });
    });
  }

  /**
   * Hands the person over to an intake: checks the visit may take in a case today (open, proxy authorised), starts
   * an intake draft pre-filled with the applicant and the proxy and naming the visit, and records the case on the
   * visit. `undefined` when refused (the reason is in the state).
   */
  async handOff(): Promise<HandOff | undefined> {
    const visit = this.state.visit;
    if (!visit) return undefined;
    const at = this.#now().toISOString();
    const problem = handOffProblem(visit, at);
    if (problem) {
      this.#fail(assistProblemText(problem, this.#locale), []);
      return undefined;
    }
    let handOff: HandOff | undefined;
    await this.#run(async () => {
      const session = await IntakeSession.start(this.#options.store as WorkstationStore, {
        hall: visit.hall,
        window: visit.window,
        clerk: this.#options.helper,
        ...(visit.ticketId ? { ticketId: visit.ticketId } : {}),
        assistVisit: visit.id,
        applicant: visit.served.person,
        ...(visit.proxy ? { proxy: visit.proxy } : {}),
      });
      const caseId = session.data.caseId;
      const draftId = session.draftId;
      await session.close();
      const saved = await this.#save(
        { ...visit, cases: [...visit.cases, caseId], updatedAt: at },
        msg(this.#locale, 'assist.handoff.done'),
      );
      if (saved) handOff = { visitId: visit.id, draftId, caseId };
    });
    return handOff;
  }

  async #save(visit: AssistVisit, done: string): Promise<boolean> {
    let ok = false;
    await this.#run(async () => {
      const saved = await this.#options.store.saveAssistVisit(visit);
      this.#patch({ visit: saved.visit, done });
      ok = true;
    });
    return ok;
  }

  #run(step: () => Promise<void>): Promise<void> {
    return this.#desk.run(step);
  }

  #fail(message: string, issues: readonly string[]): void {
    this.#desk.fail(message, issues);
  }

  #patch(patch: Partial<AssistState>): void {
    this.#desk.patch(patch);
  }
}

/** The category of a priority ticket: the first the helper desk's window calls, else the hall's first. */
function categoryOf(
  queue: { categories: { code: string }[]; windows: { code: string; categories: string[] }[] },
  window: string,
): string | undefined {
  return queue.windows.find((w) => w.code === window)?.categories[0] ?? queue.categories[0]?.code;
}

/** The person as typed, for the schema to judge. */
function servedOf(form: AssistForm): unknown {
  return {
    person: {
      kind: 'person',
      name: form.name,
      idType: form.idType,
      idNumber: form.idNumber,
      ...(form.phone.trim() ? { phone: form.phone } : {}),
      ...(form.groups.length > 0 ? { specialGroups: form.groups } : {}),
    },
    ...(form.need ? { need: form.need } : {}),
    contact: form.contact,
    accompanied: form.accompanied,
  };
}

/** The proxy as typed, for the schema to judge. */
function proxyOf(form: AssistForm): unknown {
  return {
    name: form.proxyName,
    idType: form.proxyIdType,
    idNumber: form.proxyIdNumber,
    phone: form.proxyPhone,
    relation: form.proxyRelation,
    authorisation: {
      kind: form.authorisation,
      ...(form.scope.trim() ? { scope: form.scope } : {}),
      ...(form.validUntil ? { validUntil: form.validUntil } : {}),
    },
  } satisfies Record<string, unknown> as unknown as ApplicantProxy;
}

/** The ledger: each visit with its cases as this PC holds them, open visits first, newest first. */
export function ledgerOf(visits: readonly AssistVisit[], cases: readonly Case[], locale: Locale): LedgerRow[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const rows = visits.map((visit): LedgerRow => {
    const rowCases = visit.cases.map((id): LedgerCase => {
      const found = byId.get(id);
      if (!found) return { id, statusLabel: msg(locale, 'assist.ledger.inIntake') };
      return {
        id,
        number: found.number,
        status: found.status,
        statusLabel: localName(CASE_STATUS_LABELS[found.status], locale),
      };
    });
    const open =
      visit.status === 'open' || rowCases.some((c) => c.status === undefined || !FINISHED.includes(c.status));
    return { visit, minutes: helpMinutes(visit).total, cases: rowCases, open };
  });
  return rows.sort((a, b) => Number(b.visit.status === 'open') - Number(a.visit.status === 'open'));
}
