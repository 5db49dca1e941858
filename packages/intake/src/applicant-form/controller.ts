import { BehaviorSubject, type Observable } from 'rxjs';
import * as v from 'valibot';
import {
  ApplicantSchema,
  checkUsccStructure,
  holderMismatches,
  idHolderFacts,
  type Applicant,
  type IdDocumentType,
  type IdHolderFacts,
} from '@yichuang/core';
import { withoutFieldKey } from '../i18n/field-message.js';

/** The fields of the applicant form, as typed. */
export interface ApplicantFields {
  kind: 'person' | 'organisation';
  /** The person's name, or the organisation's. */
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  address: string;
  uscc: string;
  representativeName: string;
  representativeIdType: IdDocumentType;
  representativeIdNumber: string;
  /** The clerk confirms a credit code that fails only its check characters (early pilots) against the licence. */
  usccConfirmed: boolean;
  usccConfirmReason: string;
}

/** A field of the form. */
export type ApplicantField = Exclude<keyof ApplicantFields, 'kind'>;

/** What the card reader said of the holder, kept to compare with the number (never stored). */
export interface CardFacts {
  sex: 'male' | 'female';
  birthDate: string;
}

/** Options of {@link ApplicantFormController}. */
export interface ApplicantFormOptions {
  /** The clerk's id, recorded on a credit-code confirmation. */
  clerk?: string;
  /** The clerk's language for the messages (zh-CN by default). */
  locale?: 'zh-CN' | 'en-US';
  /** The window's clock. */
  now?: () => Date;
}

/** What the form shows. */
export interface ApplicantFormState {
  fields: ApplicantFields;
  /** The problem of each field the clerk has left (or of every field, once submitted), in the clerk's language. */
  problems: Partial<Record<ApplicantField, string>>;
  /** What the identity number says of the holder (date of birth, sex), to compare with the person at the counter. */
  holder: IdHolderFacts | undefined;
  /** Whether the credit code fails only its check characters: the clerk may confirm it against the licence. */
  usccConfirmable: boolean;
  /** Whether the identity was read from a card (name and number then come from the chip). */
  fromCard: boolean;
  /** The applicant, when every field passes the core's schema; `undefined` otherwise. */
  applicant: Applicant | undefined;
}

const EMPTY: ApplicantFields = {
  kind: 'person',
  name: '',
  idType: 'resident-id',
  idNumber: '',
  phone: '',
  address: '',
  uscc: '',
  representativeName: '',
  representativeIdType: 'resident-id',
  representativeIdNumber: '',
  usccConfirmed: false,
  usccConfirmReason: '',
};

/** Where a schema issue belongs on the form: its path in the applicant, as a field. */
function fieldOf(kind: ApplicantFields['kind'], issue: v.BaseIssue<unknown>): ApplicantField | undefined {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  const [first, second] = keys;
  if (first === 'legalRepresentative') {
    if (second === 'name') return 'representativeName';
    if (second === 'idType') return 'representativeIdType';
    return 'representativeIdNumber';
  }
  if (first === 'usccConfirmed') return 'usccConfirmReason';
  if (first === 'name' || first === 'idType' || first === 'idNumber' || first === 'phone') return first;
  if (first === 'address' || first === 'uscc') return first;
  return kind === 'person' ? 'idNumber' : 'uscc';
}

/**
 * The applicant (申请人) at the counter, without a DOM: a natural person (name, identity document, phone, address) or
 * an organisation (name, unified social credit code, legal representative), typed by hand or read from the ID-card
 * reader. Every field is judged by the core's `ApplicantSchema`, in the clerk's language; a card's date of birth and
 * sex are compared with the number. A credit code that fails only its check characters (some early-pilot codes do)
 * passes only with the clerk's explicit confirmation, which goes into the applicant record (and so the case's audit).
 */
export class ApplicantFormController {
  readonly #state: BehaviorSubject<ApplicantFormState>;
  #fields: ApplicantFields = { ...EMPTY };
  #touched = new Set<ApplicantField>();
  #submitted = false;
  #card: CardFacts | undefined;

  #options: ApplicantFormOptions;

  constructor(options: ApplicantFormOptions = {}) {
    this.#options = options;
    this.#state = new BehaviorSubject(this.#compute());
  }

  get state$(): Observable<ApplicantFormState> {
    return this.#state.asObservable();
  }

  get state(): ApplicantFormState {
    return this.#state.value;
  }

  /** Who is at the window, in which language, on which clock. */
  configure(options: ApplicantFormOptions): void {
    this.#options = { ...this.#options, ...options };
    this.#emit();
  }

  /** Starts from an applicant already recorded (a resumed draft), or empty. */
  load(applicant: Applicant | undefined): void {
    this.#touched.clear();
    this.#submitted = false;
    this.#card = undefined;
    if (!applicant) this.#fields = { ...EMPTY };
    else if (applicant.kind === 'person') {
      this.#fields = {
        ...EMPTY,
        name: applicant.name,
        idType: applicant.idType,
        idNumber: applicant.idNumber,
        phone: applicant.phone ?? '',
        address: applicant.address ?? '',
      };
    } else {
      this.#fields = {
        ...EMPTY,
        kind: 'organisation',
        name: applicant.name,
        uscc: applicant.uscc,
        representativeName: applicant.legalRepresentative.name,
        representativeIdType: applicant.legalRepresentative.idType,
        representativeIdNumber: applicant.legalRepresentative.idNumber,
        phone: applicant.phone ?? '',
        address: applicant.address ?? '',
        usccConfirmed: applicant.usccConfirmed !== undefined,
        usccConfirmReason: applicant.usccConfirmed?.reason ?? '',
      };
    }
    this.#emit();
  }

  /** A natural person or an organisation; the fields typed stay. */
  setKind(kind: ApplicantFields['kind']): void {
    this.#fields = { ...this.#fields, kind };
    this.#emit();
  }

  /** Sets a field as typed; a hand-typed identity number no longer counts as read from a card. */
  set<F extends ApplicantField>(field: F, value: ApplicantFields[F]): void {
    this.#fields = { ...this.#fields, [field]: value };
    if (field === 'idNumber' || field === 'name') this.#card = undefined;
    this.#emit();
  }

  /** The clerk left a field: its problem is shown from now on. */
  touch(field: ApplicantField): void {
    this.#touched.add(field);
    this.#emit();
  }

  /** Fills a natural person from the ID-card reader; the card's date of birth and sex are checked against the number. */
  fillFromCard(card: {
    name: string;
    idNumber: string;
    sex: 'male' | 'female';
    birthDate: string;
    address?: string;
  }): void {
    this.#fields = {
      ...this.#fields,
      kind: 'person',
      name: card.name,
      idType: 'resident-id',
      idNumber: card.idNumber,
      address: card.address ?? this.#fields.address,
    };
    this.#card = { sex: card.sex, birthDate: card.birthDate };
    for (const field of ['name', 'idNumber', 'address'] as const) this.#touched.add(field);
    this.#emit();
  }

  /**
   * Shows every problem (the clerk pressed "next").
   * @returns the applicant when the form is valid.
   */
  submit(): Applicant | undefined {
    this.#submitted = true;
    this.#emit();
    return this.state.applicant;
  }

  #emit(): void {
    this.#state.next(this.#compute());
  }

  /** The applicant record the fields make; `usccConfirmable`: the code fails only its check characters. */
  #candidate(usccConfirmable: boolean): Record<string, unknown> {
    const f = this.#fields;
    const optional = {
      ...(f.phone.trim() ? { phone: f.phone } : {}),
      ...(f.address.trim() ? { address: f.address } : {}),
    };
    if (f.kind === 'person') {
      return { kind: 'person', name: f.name, idType: f.idType, idNumber: f.idNumber, ...optional };
    }
    // A confirmation goes with a code that needs one, and only with it.
    const confirmed =
      f.usccConfirmed && usccConfirmable
        ? {
            usccConfirmed: {
              by: this.#options.clerk ?? '',
              at: (this.#options.now?.() ?? new Date()).toISOString(),
              reason: f.usccConfirmReason,
            },
          }
        : {};
    return {
      kind: 'organisation',
      name: f.name,
      uscc: f.uscc,
      ...confirmed,
      legalRepresentative: {
        name: f.representativeName,
        idType: f.representativeIdType,
        idNumber: f.representativeIdNumber,
      },
      ...optional,
    };
  }

  #compute(): ApplicantFormState {
    const fields = this.#fields;
    const locale = this.#options.locale ?? 'zh-CN';
    const today = this.#options.now?.() ?? new Date();
    const code = checkUsccStructure(fields.uscc);
    const usccConfirmable =
      fields.kind === 'organisation' && (code.reason === 'check-digit' || code.reason === 'org-code');
    const parsed = v.safeParse(ApplicantSchema, this.#candidate(usccConfirmable), { lang: locale });
    const all: Partial<Record<ApplicantField, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const field = fieldOf(fields.kind, issue);
        if (field && all[field] === undefined) all[field] = withoutFieldKey(issue.message);
      }
    }
    const person = fields.kind === 'person' && fields.idType === 'resident-id';
    const mismatches =
      person && this.#card ? holderMismatches({ idNumber: fields.idNumber, ...this.#card }, locale, today) : [];
    if (mismatches.length > 0 && all.idNumber === undefined) all.idNumber = mismatches.join('');
    const shown = Object.fromEntries(
      Object.entries(all).filter(([field]) => this.#submitted || this.#touched.has(field as ApplicantField)),
    ) as Partial<Record<ApplicantField, string>>;
    return {
      fields,
      problems: shown,
      // Only a number that passes says anything of its holder: a mistyped one would show someone else's birthday.
      holder: person && all.idNumber === undefined ? idHolderFacts(fields.idNumber, today) : undefined,
      usccConfirmable,
      fromCard: this.#card !== undefined,
      applicant: parsed.success && mismatches.length === 0 ? parsed.output : undefined,
    };
  }
}
