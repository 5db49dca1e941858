import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { consume } from '@lit/context';
import { CASE_DOCUMENT_KINDS, type Case, type CaseDocumentKind, type CaseItemFacts } from '@yichuang/core';
import {
  DOCUMENT_STYLES,
  PrinterError,
  documentHtml,
  type DocumentPrinter,
  type SignaturePad,
} from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import { ObservableController, configContext, resolveLocale, token, type Locale, type YcConfig } from '@yichuang/ui';
import { explain } from '../i18n/explain.js';
import { msg } from '../i18n/messages.js';
import { intakeStyles } from '../shared-styles.js';
import { CaseDocumentsController, type CaseDocumentsState } from './controller.js';
import { DocumentsPrintEvent } from './documents-print-event.js';
import { DocumentSignEvent } from './document-sign-event.js';
import type { SignEvent } from '../signature-pad/sign-event.js';

/**
 * The documents a decided case hands over at the window, as they will print (打印预览): 受理通知书 and 材料接收凭证 on
 * acceptance, with the 容缺受理承诺书 on tolerance, the 一次性告知书, or the 不予受理通知书. Each is an A4 sheet with
 * the case number, hall, window, clerk and date, a QR code of the case's status page, and the SHA-256 of its words
 * at the foot. Every word comes from the core; a reprint is the same paper with the same digest. Identity numbers
 * are printed with their middle hidden. The commitment letter (容缺受理承诺书) asks for the applicant's signature: on
 * the screen's pad, the window's pad, or on the paper; it is recorded on the case, audited, and printed on the letter.
 *
 * Keyboard: "print all" first, then a "print" button above each sheet.
 *
 * @tag yc-case-documents
 * @summary The print view of a decided case's documents, with their QR codes and digests.
 * @fires {DocumentsPrintEvent} yc-documents-print - Documents went to the printer.
 * @fires {DocumentSignEvent} yc-documents-sign - The applicant signed a document; the signed case is saved.
 * @csspart base - The wrapper of everything.
 * @csspart print-all - The button that prints every document.
 * @csspart sheet - Each document's A4 sheet.
 * @csspart status - What the printer did.
 * @csspart signing - Where the applicant signs a document that asks for it (the commitment letter).
 * @cssprop [--yc-color-primary=#0b57a4] - The buttons.
 * @cssprop [--yc-font-size=16px] - Base font size before the large-text scale.
 * @cssprop [--yc-font-scale=1] - Font scale; large-text mode sets 1.375 (the sheets keep their A4 size).
 */
export class CaseDocuments extends LitElement {
  static override styles = [
    intakeStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: ${token('--yc-space')};
      }
      .sheets {
        display: flex;
        flex-direction: column;
        gap: calc(${token('--yc-space')} * 2);
        padding: ${token('--yc-space')};
        background: ${token('--yc-color-surface-alt')};
        border-radius: ${token('--yc-radius')};
        overflow-x: auto;
      }
      figure {
        margin: 0 auto;
        display: flex;
        flex-direction: column;
        gap: 0.5em;
      }
      figcaption {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: ${token('--yc-space')};
        font-weight: 600;
      }
      figcaption button {
        font: inherit;
        font-weight: 400;
        min-height: max(44px, 2.5em);
        padding: 0 1em;
        border: 1px solid ${token('--yc-color-border')};
        border-radius: ${token('--yc-radius')};
        background: ${token('--yc-color-surface')};
        color: inherit;
        cursor: pointer;
      }
      .sheet {
        box-shadow: 0 1px 4px rgb(0 0 0 / 25%);
      }
      .printed {
        color: ${token('--yc-color-success')};
        font-weight: 600;
      }
      ${unsafeCSS(DOCUMENT_STYLES)}
    `,
  ];

  /** The decided case. */
  @property({ attribute: false }) case?: Case;

  /** The catalog entries of the case's items, in the versions the case pinned. */
  @property({ attribute: false }) items: readonly CaseItemFacts[] = [];

  /** The hall's name as printed on top of each document. */
  @property({ attribute: 'hall-name' }) hallName = '';

  /** The window's name as printed (e.g. 综合窗口 3 号); its code when empty. */
  @property({ attribute: 'window-name' }) windowName = '';

  /** The clerk's name as printed; the clerk id when empty. */
  @property({ attribute: 'clerk-name' }) clerkName = '';

  /** Training (练习模式): every document is printed marked as a practice document with no effect. */
  @property({ type: Boolean }) training = false;

  /**
   * Where a case's status page is: the case id is appended (no personal data in the QR code). Default: `/case/` on
   * this page's origin.
   */
  @property({ attribute: 'status-base' }) statusBase = '';

  /** The window's A4 printer; the browser's own printing when not set. */
  @property({ attribute: false }) printer?: DocumentPrinter;

  /** The workstation's store: where signatures are recorded. Without it the documents print but are not signed here. */
  @property({ attribute: false }) store?: WorkstationStore;

  /** The clerk's id, who records signatures. */
  @property() actor = '';

  /** The window's code. */
  @property() window = '';

  /** The window's hardware signature pad, if it has one (the screen's pad otherwise). */
  @property({ attribute: false }) signaturePad?: SignaturePad;

  /** The window's clock. */
  @property({ attribute: false }) now?: () => Date;

  /** UI language (`zh-CN`, `en-US`) of the buttons; the documents are printed in Chinese. */
  @property() locale?: string;

  /** Large-text mode (适老化), also switched on by the provider. */
  @property({ type: Boolean, attribute: 'large-text' }) largeText = false;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  /** The documents' controller: what is ready, what printed. */
  readonly controller = new CaseDocumentsController();
  readonly #state = new ObservableController<CaseDocumentsState>(this, this.controller.state$, this.controller.state);

  /** What the view shows now. */
  get state(): CaseDocumentsState {
    return this.#state.value;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = [
      'case',
      'items',
      'hallName',
      'windowName',
      'clerkName',
      'training',
      'statusBase',
      'printer',
      'store',
    ] as const;
    if (!keys.some((key) => changed.has(key))) return;
    const base = this.statusBase || new URL('/case/', location.href).href;
    void this.controller.load(this.case, this.items, {
      hallName: this.hallName,
      ...(this.windowName ? { windowName: this.windowName } : {}),
      ...(this.clerkName ? { clerkName: this.clerkName } : {}),
      ...(this.training ? { training: true } : {}),
      statusUrl: (kase) => `${base}${encodeURIComponent(kase.id)}`,
      ...(this.printer ? { printer: this.printer } : {}),
      ...(this.store ? { store: this.store } : {}),
      ...(this.actor ? { actor: this.actor } : {}),
      ...(this.window ? { window: this.window } : {}),
      ...(this.now ? { now: this.now } : {}),
    });
  }

  /** Prints the documents of `kinds` (every one by default); resolves whether they went to the printer. */
  async print(kinds?: readonly CaseDocumentKind[]): Promise<boolean> {
    const printed = await this.controller.print(kinds);
    if (printed) {
      const documents = this.state.documents.filter((d) => !kinds || kinds.includes(d.document.kind));
      this.dispatchEvent(
        new DocumentsPrintEvent({
          caseNumber: documents[0]!.document.caseNumber,
          documents: documents.map((d) => ({ kind: d.document.kind, digest: d.digest })),
        }),
      );
    }
    return printed;
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    const large = this.largeText || this._config?.largeText === true;
    const state = this.state;
    return html`<section
      class="root ${large ? 'large' : ''}"
      part="base"
      lang=${locale}
      aria-labelledby="documents-title"
    >
      <h2 id="documents-title">${msg(locale, 'documents.title')}</h2>
      ${
        state.phase === 'empty'
          ? html`<p class="muted">${msg(locale, 'documents.none')}</p>`
          : state.phase === 'preparing'
            ? html`<p class="muted" role="status">${msg(locale, 'documents.preparing')}</p>`
            : this.#renderDocuments(state, locale)
      }
    </section>`;
  }

  #renderDocuments(state: CaseDocumentsState, locale: Locale): TemplateResult {
    const busy = state.phase === 'printing';
    const lang = locale === 'en-US' ? 'en' : 'zh';
    return html`<div class="toolbar">
        <button class="primary" part="print-all" type="button" ?disabled=${busy} @click=${() => void this.print()}>
          ${msg(locale, 'documents.printAll', { count: state.documents.length })}
        </button>
        <p part="status" role=${state.error ? 'alert' : 'status'} class=${state.error ? 'problem' : 'printed'}>
          ${
            busy
              ? msg(locale, 'documents.printing')
              : state.error
                ? msg(locale, 'documents.failed', { reason: this.#failure(state.error, locale) })
                : state.printed.length
                  ? msg(locale, 'documents.printed', {
                      names: state.printed
                        .map((kind) => CASE_DOCUMENT_KINDS[kind][lang])
                        .join(lang === 'zh' ? '、' : ', '),
                    })
                  : nothing
          }
        </p>
      </div>
      ${this.#renderSigning(state, locale)}
      <div class="sheets">
        ${state.documents.map(
          (printable) =>
            html`<figure>
              <figcaption>
                <span>${CASE_DOCUMENT_KINDS[printable.document.kind][lang]}</span>
                <button
                  type="button"
                  ?disabled=${busy}
                  aria-label=${msg(locale, 'documents.printOne', { name: printable.document.title })}
                  @click=${() => void this.print([printable.document.kind])}
                >
                  ${msg(locale, 'documents.printShort')}
                </button>
              </figcaption>
              <div class="sheet" part="sheet">${unsafeHTML(documentHtml(printable))}</div>
            </figure>`,
        )}
      </div>`;
  }

  #renderSigning(state: CaseDocumentsState, locale: Locale): TemplateResult | typeof nothing {
    const kase = state.case;
    if (!kase || !this.store || (state.toSign.length === 0 && !state.signError)) return nothing;
    const lang = locale === 'en-US' ? 'en' : 'zh';
    const signer = kase.proxy ? 'proxy' : 'applicant';
    const who = kase.proxy
      ? msg(locale, 'documents.signer.proxy', { name: kase.proxy.name })
      : msg(locale, 'documents.signer.applicant', { name: kase.applicant.name });
    return html`${state.toSign.map(
      (kind) =>
        html`<section class="signing" part="signing" aria-labelledby="sign-${kind}">
          <h3 id="sign-${kind}">${msg(locale, 'documents.sign', { name: CASE_DOCUMENT_KINDS[kind][lang] })}</h3>
          <yc-signature-pad
            signer=${who}
            locale=${locale}
            ?large-text=${this.largeText}
            ?disabled=${state.phase === 'signing'}
            .device=${this.signaturePad}
            @yc-sign=${(event: SignEvent) => void this.#sign(kind, signer, event)}
          ></yc-signature-pad>
        </section>`,
    )}
    ${
      state.signError
        ? html`<p class="problem" role="alert">
            ${msg(locale, 'documents.signFailed', { error: explain(state.signError, locale) })}
          </p>`
        : nothing
    }`;
  }

  async #sign(kind: CaseDocumentKind, signer: 'applicant' | 'proxy', event: SignEvent): Promise<void> {
    const signed = await this.controller.sign(kind, signer, event.detail);
    if (signed) this.dispatchEvent(new DocumentSignEvent({ case: signed, document: kind }));
  }

  #failure(error: Error, locale: Locale): string {
    return error instanceof PrinterError ? msg(locale, `documents.printer.${error.reason}`) : explain(error, locale);
  }
}
