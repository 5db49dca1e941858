import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { consume } from '@lit/context';
import type { HallClient } from '@yichuang/hall-client';
import type { NotificationAdapter } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import {
  configContext,
  deskStyles,
  resolveLocale,
  token,
  type CatalogSource,
  type Locale,
  type YcConfig,
} from '@yichuang/ui';
import type { TicketCalledEvent } from '@yichuang/queue';
import { msg } from '../i18n/messages.js';

/** The desk's tabs, in their order. */
export const DESK_TABS = ['intake', 'ledger', 'handover'] as const;
export type DeskTab = (typeof DESK_TABS)[number];

/** Each tab's elements, loaded the first time the tab opens (the intake with the desk). */
const LOADERS: Record<DeskTab, () => Promise<unknown>> = {
  intake: () => import('@yichuang/intake/define.js'),
  ledger: () => import('@yichuang/tolerance/define.js'),
  handover: () => import('@yichuang/results/define.js'),
};

/**
 * A comprehensive window's desk (综合窗口): the caller above, and below it the intake, the tolerance ledger and the
 * results hand-over as tabs (a hidden tab keeps its state). The intake the clerk left open at this window (a reload, a new
 * version of the workstation) is resumed where it was. A number called here goes to the intake as its ticket; after a case is taken in, the next
 * number called opens a new intake. The ledger and the hand-over load the first time their tab opens.
 *
 * Keyboard: the caller's Alt shortcuts work anywhere on the page; the tabs follow the WAI-ARIA tabs pattern (arrow
 * keys, Home, End).
 *
 * @tag yc-window-desk
 * @summary The comprehensive window: caller, intake, tolerance ledger and hand-over of results.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab.
 * @csspart panel - The open tab's panel.
 * @cssprop [--yc-color-primary=#0b57a4] - The open tab's mark.
 */
export class WindowDesk extends LitElement {
  static override styles = [
    deskStyles,
    css`
      .root {
        padding: 0;
        gap: 0;
        background: transparent;
      }
      [role='tablist'] {
        display: flex;
        gap: 0.25em;
        padding: 0 calc(${token('--yc-space')} * 2);
        border-bottom: 2px solid ${token('--yc-color-border')};
      }
      [role='tab'] {
        font: inherit;
        font-weight: 600;
        min-height: max(44px, 2.5em);
        padding: 0 1.25em;
        border: 0;
        border-bottom: 4px solid transparent;
        background: none;
        color: inherit;
        cursor: pointer;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: ${token('--yc-color-primary')};
        color: ${token('--yc-color-primary')};
      }
      [role='tab']:focus-visible {
        outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
        outline-offset: -2px;
      }
      [role='tabpanel']:focus-visible {
        outline: none;
      }
      .loading,
      .problem {
        padding: calc(${token('--yc-space')} * 2);
      }
    `,
  ];

  /** The hall, logged in as the window's clerk. */
  @property({ attribute: false }) client?: HallClient;
  /** The workstation's store, unlocked for the clerk. */
  @property({ attribute: false }) store?: WorkstationStore;
  /** The item catalog; the provider's when not set. */
  @property({ attribute: false }) catalog?: CatalogSource;
  /** Where the ledger's SMS reminders go (through the hall). */
  @property({ attribute: false }) notifier?: NotificationAdapter;
  /** The hall's code (as case numbers begin). */
  @property() hall = '';
  /** The hall's name, as documents are headed. */
  @property({ attribute: 'hall-name' }) hallName = '';
  /** The window's code. */
  @property() window = '';
  /** The clerk's account. */
  @property() clerk = '';
  /** The clerk's name, as documents are signed. */
  @property({ attribute: 'clerk-name' }) clerkName = '';
  /** The address of the hall's case status page (for the documents' QR code). */
  @property({ attribute: 'status-base' }) statusBase = '';
  /** Training (练习模式): the intake's documents are printed marked void. */
  @property({ type: Boolean }) training = false;
  /** The open tab. */
  @property({ reflect: true }) tab: DeskTab = 'intake';
  /** UI language; the provider's when not set. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  @state() private _loaded = new Set<DeskTab>();
  @state() private _problem?: string;
  @state() private _intakeRound = 0;
  @state() private _ticketId?: string;
  /** The intake the clerk left open here (resumed after a reload or a new version); looked up before the first one. */
  @state() private _draftId?: string | undefined;
  @state() private _resuming = false;
  #draftLookedUp?: string;
  #intakeDone = false;
  readonly #requested = new Set<DeskTab>();

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('yc-ticket-called', this.#called as EventListener);
    this.addEventListener('yc-intake-complete', this.#completed);
    // The caller alone of the queue's elements (the kiosk, the display and the board are not this desk's).
    void import('@yichuang/queue').then(({ QueueCaller }) => {
      if (!customElements.get('yc-queue-caller')) customElements.define('yc-queue-caller', QueueCaller);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('yc-ticket-called', this.#called as EventListener);
    this.removeEventListener('yc-intake-complete', this.#completed);
  }

  override willUpdate(): void {
    if (!this.#requested.has(this.tab)) this.#load(this.tab);
    this.#resumeDraft();
  }

  /** Once per window and clerk: the draft they left open, for the first intake to resume. */
  #resumeDraft(): void {
    const { store, window, clerk } = this;
    const key = `${window}|${clerk}`;
    if (!store || store.locked || !window || !clerk || this.#draftLookedUp === key) return;
    this.#draftLookedUp = key;
    this._resuming = true;
    import('@yichuang/intake')
      .then(({ IntakeSession }) => IntakeSession.latest(store, { window, clerk }))
      .then(
        (id) => (this._draftId = id),
        () => (this._draftId = undefined),
      )
      .finally(() => (this._resuming = false));
  }

  #load(tab: DeskTab): void {
    this.#requested.add(tab);
    LOADERS[tab]().then(
      () => {
        this._problem = undefined;
        this._loaded = new Set([...this._loaded, tab]);
      },
      (error: unknown) => {
        // Opening the tab again tries again (the network may be back).
        this.#requested.delete(tab);
        this._problem = msg(this.#locale, 'desk.load-failed', {
          reason: error instanceof Error ? error.message : String(error),
        });
      },
    );
  }

  readonly #called = (event: TicketCalledEvent): void => {
    this._ticketId = event.detail.ticket.id;
    // After a case is saved, the next number begins a new intake; during one, the number joins it.
    if (this.#intakeDone) {
      this.#intakeDone = false;
      this._intakeRound += 1;
    }
    this.tab = 'intake';
  };

  readonly #completed = (): void => {
    this.#intakeDone = true;
  };

  #select(tab: DeskTab, focus = false): void {
    this.tab = tab;
    this.requestUpdate();
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  #onTabKey(event: KeyboardEvent): void {
    const at = DESK_TABS.indexOf(this.tab);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % DESK_TABS.length
        : event.key === 'ArrowLeft'
          ? (at + DESK_TABS.length - 1) % DESK_TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? DESK_TABS.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    this.#select(DESK_TABS[to]!, true);
  }

  override render(): TemplateResult {
    const locale = this.#locale;
    return html`<div class="root">
      <yc-queue-caller .client=${this.client} window=${this.window} global-shortcuts></yc-queue-caller>
      <div role="tablist" part="tabs" aria-label=${msg(locale, 'desk.nav')} @keydown=${this.#onTabKey}>
        ${DESK_TABS.map(
          (tab) =>
            html`<button
              role="tab"
              part="tab"
              id=${`tab-${tab}`}
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls=${`panel-${tab}`}
              tabindex=${this.tab === tab ? 0 : -1}
              @click=${() => this.#select(tab)}
            >
              ${msg(locale, `desk.tab.${tab}`)}
            </button>`,
        )}
      </div>
      ${DESK_TABS.map(
        (tab) =>
          html`<div
            role="tabpanel"
            part="panel"
            id=${`panel-${tab}`}
            aria-labelledby=${`tab-${tab}`}
            tabindex="0"
            ?hidden=${this.tab !== tab}
          >
            ${
              this._loaded.has(tab) && !(tab === 'intake' && this._resuming)
                ? this.#panel(tab)
                : this.tab === tab
                  ? html`<p class=${this._problem ? 'problem' : 'loading'} role=${this._problem ? 'alert' : 'status'}>
                      ${this._problem ?? msg(locale, 'desk.loading')}
                    </p>`
                  : nothing
            }
          </div>`,
      )}
    </div>`;
  }

  /** A tab's content; it stays in the page while another tab is open (an intake under way keeps its state). */
  #panel(tab: DeskTab): TemplateResult {
    switch (tab) {
      case 'intake':
        return html`${keyed(
          this._intakeRound,
          html`<yc-intake
            .store=${this.store}
            .catalog=${this.catalog}
            hall=${this.hall}
            window=${this.window}
            clerk=${this.clerk}
            ticket-id=${this._ticketId ?? ''}
            draft-id=${this._intakeRound === 0 ? (this._draftId ?? '') : ''}
            hall-name=${this.hallName}
            clerk-name=${this.clerkName}
            status-base=${this.statusBase}
            ?training=${this.training}
          ></yc-intake>`,
        )}`;
      case 'ledger':
        return html`<yc-tolerance-ledger
          .client=${this.client}
          .store=${this.store}
          .catalog=${this.catalog}
          .notifier=${this.notifier}
          hall-name=${this.hallName}
          window=${this.window}
        ></yc-tolerance-ledger>`;
      case 'handover':
        return html`<yc-result-handover
          .client=${this.client}
          .store=${this.store}
          .catalog=${this.catalog}
          window=${this.window}
        ></yc-result-handover>`;
    }
  }
}
