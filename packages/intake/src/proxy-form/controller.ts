import { BehaviorSubject, type Observable } from 'rxjs';
import * as v from 'valibot';
import {
  ProxySchema,
  authorisationLapsed,
  formatTransitionMessage,
  holderMismatches,
  toChinaDate,
  type ApplicantProxy,
  type AuthorisationKind,
  type IdDocumentType,
} from '@yichuang/core';
import { withoutFieldKey } from '../i18n/field-message.js';

/** The fields of the proxy form, as typed. */
export interface ProxyFields {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  /** Relation to the applicant in the clerk's words (子女, 配偶, 员工 …). */
  relation: string;
  authorisationKind: AuthorisationKind;
  /** Number of the power of attorney, guardianship certificate or helper log entry. */
  reference: string;
  /** What the power of attorney empowers (委托事项). */
  scope: string;
  /** Last day of the authorisation's term, `YYYY-MM-DD`; empty when it has none. */
  validUntil: string;
}

/** A field of the proxy form. */
export type ProxyField = keyof ProxyFields;

/** Options of {@link ProxyFormController}. */
export interface ProxyFormOptions {
  /** The clerk's language for the messages (zh-CN by default). */
  locale?: 'zh-CN' | 'en-US';
  /** The window's clock: what "today" is for the authorisation's term. */
  now?: () => Date;
}

/** What the proxy form shows. */
export interface ProxyFormState {
  fields: ProxyFields;
  /** The problem of each field the clerk has left (or of every field, once submitted), in the clerk's language. */
  problems: Partial<Record<ProxyField, string>>;
  /** Whether the identity was read from the proxy's card. */
  fromCard: boolean;
  /** The core's refusal when the authorisation's term is over: the case can then be told or refused, not accepted. */
  lapsed: string | undefined;
  /** The proxy, when every field passes the core's schema; `undefined` otherwise. */
  proxy: ApplicantProxy | undefined;
}

const EMPTY: ProxyFields = {
  name: '',
  idType: 'resident-id',
  idNumber: '',
  phone: '',
  relation: '',
  authorisationKind: 'power-of-attorney',
  reference: '',
  scope: '',
  validUntil: '',
};

const TOP_LEVEL: ReadonlySet<string> = new Set(['name', 'idType', 'idNumber', 'phone', 'relation']);
const AUTHORISATION: Readonly<Record<string, ProxyField>> = {
  kind: 'authorisationKind',
  reference: 'reference',
  scope: 'scope',
  validUntil: 'validUntil',
};

/** Where a schema issue belongs on the form. */
function fieldOf(issue: v.BaseIssue<unknown>): ProxyField {
  const [first, second] = (issue.path ?? []).map((item) => String(item.key));
  if (first === 'authorisation') return AUTHORISATION[second ?? ''] ?? 'authorisationKind';
  return first !== undefined && TOP_LEVEL.has(first) ? (first as ProxyField) : 'idNumber';
}

/**
 * The proxy (代理人) who takes in a case for the applicant, without a DOM: their own identity (typed, or read from
 * their ID card), phone, relation to the applicant, and the authorisation they act on — a power of attorney with what
 * it empowers and until when, a guardianship, a statutory agency, or the hall's helper desk. Judged by the core's
 * `ProxySchema` (the helper desk fills in the same model). A lapsed term is announced with the core's message: the
 * state machine then refuses to accept, and the clerk can still notify once or refuse.
 */
export class ProxyFormController {
  readonly #state: BehaviorSubject<ProxyFormState>;
  #fields: ProxyFields = { ...EMPTY };
  #touched = new Set<ProxyField>();
  #submitted = false;
  #card: { sex: 'male' | 'female'; birthDate: string } | undefined;
  #options: ProxyFormOptions;

  constructor(options: ProxyFormOptions = {}) {
    this.#options = options;
    this.#state = new BehaviorSubject(this.#compute());
  }

  get state$(): Observable<ProxyFormState> {
    return this.#state.asObservable();
  }

  get state(): ProxyFormState {
    return this.#state.value;
  }

  /** The clerk's language and the window's clock. */
  configure(options: ProxyFormOptions): void {
    this.#options = { ...this.#options, ...options };
    this.#emit();
  }

  /** Starts from a proxy already recorded (a resumed draft), or empty. */
  load(proxy: ApplicantProxy | undefined): void {
    this.#touched.clear();
    this.#submitted = false;
    this.#card = undefined;
    this.#fields = proxy
      ? {
          name: proxy.name,
          idType: proxy.idType,
          idNumber: proxy.idNumber,
          phone: proxy.phone,
          relation: proxy.relation,
          authorisationKind: proxy.authorisation.kind,
          reference: proxy.authorisation.reference ?? '',
          scope: proxy.authorisation.scope ?? '',
          validUntil: proxy.authorisation.validUntil ?? '',
        }
      : { ...EMPTY };
    this.#emit();
  }

  /** Sets a field as typed; a hand-typed name or number no longer counts as read from a card. */
  set<F extends ProxyField>(field: F, value: ProxyFields[F]): void {
    this.#fields = { ...this.#fields, [field]: value };
    if (field === 'idNumber' || field === 'name') this.#card = undefined;
    this.#emit();
  }

  /** The clerk left a field: its problem is shown from now on. */
  touch(field: ProxyField): void {
    this.#touched.add(field);
    this.#emit();
  }

  /** Fills the proxy's identity from the ID-card reader; the card's date of birth and sex are checked against the number. */
  fillFromCard(card: { name: string; idNumber: string; sex: 'male' | 'female'; birthDate: string }): void {
    this.#fields = { ...this.#fields, name: card.name, idType: 'resident-id', idNumber: card.idNumber };
    this.#card = { sex: card.sex, birthDate: card.birthDate };
    this.#touched.add('name');
    this.#touched.add('idNumber');
    this.#emit();
  }

  /**
   * Shows every problem (the clerk pressed "next").
   * @returns the proxy when the form is valid.
   */
  submit(): ApplicantProxy | undefined {
    this.#submitted = true;
    this.#emit();
    return this.state.proxy;
  }

  #emit(): void {
    this.#state.next(this.#compute());
  }

  #candidate(): Record<string, unknown> {
    const f = this.#fields;
    const given = (key: 'reference' | 'scope' | 'validUntil') => (f[key].trim() ? { [key]: f[key] } : {});
    // Scope and term are a power of attorney's; a guardian or statutory agent acts by law, a helper by the hall's log.
    const attorney = f.authorisationKind === 'power-of-attorney' ? { ...given('scope'), ...given('validUntil') } : {};
    return {
      name: f.name,
      idType: f.idType,
      idNumber: f.idNumber,
      phone: f.phone,
      relation: f.relation,
      authorisation: { kind: f.authorisationKind, ...given('reference'), ...attorney },
    };
  }

  #compute(): ProxyFormState {
    const fields = this.#fields;
    const locale = this.#options.locale ?? 'zh-CN';
    const now = this.#options.now?.() ?? new Date();
    const parsed = v.safeParse(ProxySchema, this.#candidate(), { lang: locale });
    const all: Partial<Record<ProxyField, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const field = fieldOf(issue);
        all[field] ??= withoutFieldKey(issue.message);
      }
    }
    const mismatches =
      fields.idType === 'resident-id' && this.#card
        ? holderMismatches({ idNumber: fields.idNumber, ...this.#card }, locale, now)
        : [];
    if (mismatches.length > 0) all.idNumber ??= mismatches.join('');
    const shown = Object.fromEntries(
      Object.entries(all).filter(([field]) => this.#submitted || this.#touched.has(field as ProxyField)),
    ) as Partial<Record<ProxyField, string>>;
    const proxy = parsed.success && mismatches.length === 0 ? parsed.output : undefined;
    const today = toChinaDate(now);
    const lapsed =
      proxy && authorisationLapsed(proxy, today)
        ? formatTransitionMessage(
            'authorisation-lapsed',
            { value: proxy.authorisation.validUntil ?? '', today },
            locale,
          )
        : undefined;
    return { fields, problems: shown, fromCard: this.#card !== undefined, lapsed, proxy };
  }
}
