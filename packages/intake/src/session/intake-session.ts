import { BehaviorSubject, firstValueFrom, type Observable } from 'rxjs';
import {
  INTAKE_DECISIONS,
  ulid,
  type Applicant,
  type ApplicantProxy,
  type Case,
  type CaseItem,
  type CaseItemFacts,
  type CaseMaterial,
  type FormValues,
  type PromisableItem,
  mergeItemForms,
  prefillForm,
} from '@yichuang/core';
import type { DraftSession, DraftSaveState, SavedCase, WorkstationStore } from '@yichuang/store';

/**
 * What an intake keeps of an item: what the rules need (materials, form, conditions, kind, risk, promised limit, post), not the
 * whole entry.
 */
export type IntakeItem = CaseItemFacts & PromisableItem;

/** The part of a catalog item an intake keeps. */
export function intakeItem(item: IntakeItem): IntakeItem {
  const { id, version, name, caseKind, highRisk, materials, promisedLimit, postal, form, conditions } = item;
  return {
    id,
    version,
    name,
    caseKind,
    highRisk,
    materials,
    promisedLimit,
    ...(postal === undefined ? {} : { postal }),
    ...(form === undefined ? {} : { form }),
    ...(conditions === undefined ? {} : { conditions }),
  };
}

/** What an intake keeps while it is under way: encrypted in the workstation's drafts, autosaved, resumed on reload. */
export interface IntakeDraftData {
  /** The case this draft becomes. */
  caseId: string;
  hall: string;
  window: string;
  /** The clerk who took it in: responsible for the case throughout (首问负责). */
  clerk: string;
  startedAt: string;
  /** The queue ticket (its id) called to the window, when the intake began from a call. */
  ticketId?: string;
  /** The helper desk's visit (帮办代办) the intake began from: the case records that a helper took it in. */
  assistVisit?: string;
  /** The items taken in, as the catalog described them then (the versions the case pins). */
  items: IntakeItem[];
  /** The bundle (一件事) the items came from. */
  bundleId?: string;
  applicant?: Applicant;
  /** Whether a proxy (代理人) applies for the applicant: the case then needs {@link IntakeDraftData.proxy}. */
  proxyWanted?: boolean;
  /** The proxy, as typed so far (kept while `proxyWanted` is off, so unticking by mistake loses nothing). */
  proxy?: ApplicantProxy;
  /** As `<yc-material-checklist>` announced them: kept as given (never changed here), so it knows its own list back. */
  materials: readonly CaseMaterial[];
  /**
   * The application form's answers (申请表), by field key: pre-filled from the applicant, the proxy and the cited
   * e-licences, then as typed.
   */
  form?: FormValues;
  /** The form's fields the clerk typed themselves: pre-filling never overwrites them. */
  formEdited?: readonly string[];
  /** The form's fields pre-filled from the applicant, the proxy or a cited e-licence (and not typed since). */
  formPrefilled?: readonly string[];
}

/** Where an intake begins: the window, the clerk, and the ticket called. */
export interface IntakeStart {
  hall: string;
  window: string;
  clerk: string;
  /** The id of the ticket called (`yc-ticket-called`), recorded on the case. */
  ticketId?: string;
  /** The helper desk's visit handing the person over (its id), recorded on the case. */
  assistVisit?: string;
  /** The applicant, known before the intake begins (the helper desk registered them). */
  applicant?: Applicant;
  /** The proxy acting for them, with their authorisation: the intake begins with a proxy. */
  proxy?: ApplicantProxy;
}

/** Options of an intake session. */
export interface IntakeSessionOptions {
  /** The window's clock; the system clock by default. */
  now?: () => Date;
  /** Milliseconds of quiet before an autosave (the store's default otherwise). */
  debounceMs?: number;
}

/** Why an intake cannot be decided yet. */
export class IntakeIncompleteError extends Error {
  override readonly name = 'IntakeIncompleteError';
  constructor(
    readonly missing: 'items' | 'applicant' | 'proxy',
    message = `The intake has no ${missing} yet.`,
  ) {
    super(message);
  }
}

/**
 * One intake at a window, from the called ticket to the decision, kept in the workstation store: every change is in
 * an encrypted draft (autosaved, locked against a second tab), so a reload or a crash resumes where the clerk was, and
 * the network is never needed. The decided case gets the window's next case number and is saved with the numberer's
 * state and its `case.save` mutation in one transaction (the outbox sends it once the hall is reachable); the draft is
 * then deleted. The rules are the core's: the draft case is what the decision element asks the state machine about.
 */
export class IntakeSession {
  readonly #store: WorkstationStore;
  readonly #draft: DraftSession<IntakeDraftData>;
  readonly #now: () => Date;
  readonly #data$: BehaviorSubject<IntakeDraftData>;

  private constructor(store: WorkstationStore, draft: DraftSession<IntakeDraftData>, now: () => Date) {
    this.#store = store;
    this.#draft = draft;
    this.#now = now;
    this.#data$ = new BehaviorSubject(draft.data);
  }

  /** Begins a new intake at a window. */
  static async start(
    store: WorkstationStore,
    start: IntakeStart,
    options: IntakeSessionOptions = {},
  ): Promise<IntakeSession> {
    const now = options.now ?? (() => new Date());
    const caseId = ulid();
    const initial: IntakeDraftData = {
      caseId,
      hall: start.hall,
      window: start.window,
      clerk: start.clerk,
      startedAt: now().toISOString(),
      ...(start.ticketId ? { ticketId: start.ticketId } : {}),
      ...(start.assistVisit ? { assistVisit: start.assistVisit } : {}),
      ...(start.applicant ? { applicant: start.applicant } : {}),
      ...(start.proxy ? { proxyWanted: true, proxy: start.proxy } : {}),
      items: [],
      materials: [],
    };
    const draft = await store.openDraft<IntakeDraftData>(undefined, {
      initial,
      caseId,
      ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    });
    // A new draft is stored at once: an intake begun is never lost, even before its first change.
    draft.update({});
    await draft.flush();
    return new IntakeSession(store, draft, now);
  }

  /**
   * The intake a clerk left open at a window (the draft last changed), to resume after a reload or a new version of the
   * workstation; `undefined` when there is none. Needs the store unlocked for the clerk.
   */
  static async latest(
    store: Pick<WorkstationStore, 'drafts$'>,
    where: { window: string; clerk: string },
  ): Promise<string | undefined> {
    const drafts = await firstValueFrom(store.drafts$<Partial<IntakeDraftData>>());
    return drafts
      .filter((draft) => draft.data.window === where.window && draft.data.clerk === where.clerk && draft.data.caseId)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0]?.id;
  }

  /**
   * Resumes an intake from its draft (after a reload, or from the list of drafts).
   * @throws DraftLockedError if another tab has it open.
   */
  static async resume(
    store: WorkstationStore,
    draftId: string,
    options: IntakeSessionOptions = {},
  ): Promise<IntakeSession> {
    const draft = await store.openDraft<IntakeDraftData>(draftId, {
      ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    });
    return new IntakeSession(store, draft, options.now ?? (() => new Date()));
  }

  /** The draft's id: what {@link resume} takes. */
  get draftId(): string {
    return this.#draft.id;
  }

  get data(): IntakeDraftData {
    return this.#data$.value;
  }

  /** The draft as it changes. */
  get data$(): Observable<IntakeDraftData> {
    return this.#data$.asObservable();
  }

  /** Whether what is on screen is stored yet. */
  get saveState$(): Observable<DraftSaveState> {
    return this.#draft.saveState$;
  }

  /** Takes in `items` (one, several, or a bundle's); materials no longer on any item's list are let go. */
  setItems(items: readonly IntakeItem[], bundleId?: string): void {
    const listed = new Set(items.flatMap((item) => item.materials.map((m) => m.id)));
    const { bundleId: _old, ...rest } = this.data;
    this.#update({
      ...rest,
      items: items.map(intakeItem),
      ...(bundleId ? { bundleId } : {}),
      materials: this.data.materials.filter((m) => listed.has(m.materialId)),
    });
  }

  setApplicant(applicant: Applicant): void {
    this.#update({ ...this.data, applicant });
  }

  /** Whether a proxy applies for the applicant (the proxy typed so far is kept either way). */
  setProxyWanted(proxyWanted: boolean): void {
    this.#update({ ...this.data, proxyWanted });
  }

  setProxy(proxy: ApplicantProxy): void {
    this.#update({ ...this.data, proxy });
  }

  /** The materials as checked (what `<yc-material-checklist>` announces). */
  setMaterials(materials: readonly CaseMaterial[]): void {
    this.#update({ ...this.data, materials });
  }

  /**
   * The application form as typed (what `<yc-item-form>` announces): `edited` are the fields the clerk typed
   * themselves, which pre-filling leaves alone from then on.
   */
  setForm(form: FormValues, edited: readonly string[]): void {
    this.#update({ ...this.data, form, formEdited: [...new Set([...(this.data.formEdited ?? []), ...edited])] });
  }

  /**
   * The draft as a case in status `draft`, for the decision: numbered with the number the window would give it now
   * (given for real only by {@link complete}).
   * @throws IntakeIncompleteError without items or applicant, or without the proxy when one applies.
   */
  async draftCase(): Promise<Case> {
    // What is missing is said before the store is read for a number.
    const data = this.#decidable();
    const numberer = await this.#store.caseNumberer(data.hall, data.window);
    return this.#asCase(data, numberer.next(this.#now()));
  }

  /**
   * Saves the decided case (the case `<yc-intake-decision>` announces): with the window's next case number, the
   * numberer's state and the outbox mutation in one transaction; then the draft is deleted.
   * @throws Error when `decided` is not this intake's case, or not decided by one of the four intake decisions.
   */
  async complete(decided: Case): Promise<SavedCase> {
    if (decided.id !== this.data.caseId) throw new Error(`Case ${decided.id} is not this intake's.`);
    const decisions = Object.values(INTAKE_DECISIONS).map((d) => d.to as string);
    if (!decisions.includes(decided.status))
      throw new Error(`Case status ${decided.status} is not an intake decision.`);
    const numberer = await this.#store.caseNumberer(this.data.hall, this.data.window);
    const number = numberer.next(this.#now());
    const saved = await this.#store.saveCase(
      { ...decided, number },
      { ...(numberer.state ? { numberer: numberer.state } : {}) },
    );
    await this.#draft.discard();
    return saved;
  }

  /** Stores what is typed now and lets the draft go (it stays among the drafts, to resume). */
  async close(): Promise<void> {
    await this.#draft.close();
  }

  /** Drops the intake and its draft (the applicant left; nothing is decided). */
  async discard(): Promise<void> {
    await this.#draft.discard();
  }

  /**
   * Every change goes through here: the form keeps only the answers some item's form asks, and the fields the clerk
   * has not typed follow the applicant, the proxy and the cited licences.
   */
  #update(data: IntakeDraftData): void {
    const next = withForm(data);
    this.#draft.update(next);
    this.#data$.next(next);
  }

  /** The draft, once it has items and an applicant: what a case needs. */
  #decidable(): IntakeDraftData & { applicant: Applicant } {
    const data = this.data;
    if (data.items.length === 0) throw new IntakeIncompleteError('items');
    if (!data.applicant) throw new IntakeIncompleteError('applicant');
    if (data.proxyWanted && !data.proxy) throw new IntakeIncompleteError('proxy');
    return { ...data, applicant: data.applicant };
  }

  #asCase(data: IntakeDraftData & { applicant: Applicant }, number: string): Case {
    const at = data.startedAt;
    return {
      id: data.caseId,
      number,
      hall: data.hall,
      window: data.window,
      items: data.items.map((item): CaseItem => ({ itemId: item.id, version: item.version })),
      ...(data.bundleId ? { bundleId: data.bundleId } : {}),
      ...(data.ticketId ? { ticketId: data.ticketId } : {}),
      ...(data.assistVisit ? { assistVisit: data.assistVisit } : {}),
      applicant: data.applicant,
      ...(data.proxyWanted && data.proxy ? { proxy: data.proxy } : {}),
      materials: [...data.materials],
      ...(data.form && Object.keys(data.form).length > 0 ? { form: data.form } : {}),
      status: 'draft',
      responsibleClerk: data.clerk,
      audit: [{ at, actor: data.clerk, window: data.window, action: 'create', to: 'draft' }],
      createdAt: at,
      updatedAt: at,
    };
  }
}

/** The draft with its form answers kept to the items' fields and pre-filled where the clerk has not typed. */
function withForm(data: IntakeDraftData): IntakeDraftData {
  const fields = mergeItemForms(data.items);
  const asked = new Set(fields.map(({ field }) => field.key));
  const kept = Object.fromEntries(Object.entries(data.form ?? {}).filter(([key]) => asked.has(key)));
  const edited = (data.formEdited ?? []).filter((key) => asked.has(key));
  const proxy = data.proxyWanted ? data.proxy : undefined;
  const sources = { applicant: data.applicant, proxy, materials: data.materials };
  // What the window knows, for every field the clerk has not typed: it replaces the answer kept.
  const known = prefillForm(fields, {}, sources, edited);
  const form = { ...kept, ...known };
  const prefilled = Object.keys(known);
  const { form: _form, formEdited: _edited, formPrefilled: _prefilled, ...rest } = data;
  return {
    ...rest,
    ...(Object.keys(form).length > 0 ? { form } : {}),
    ...(edited.length > 0 ? { formEdited: edited } : {}),
    ...(prefilled.length > 0 ? { formPrefilled: prefilled } : {}),
  };
}
