import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { DocumentCamera } from '@yichuang/devices';
import { WorkplaceEvent, configContext, type CatalogSource, type YcConfig, type YcWorkplace } from './context.js';
import { resolveLocale } from '../i18n/messages.js';
import { LARGE_TEXT_SCALE } from '../tokens/tokens.js';

/**
 * Hands configuration (locale, large-text mode, catalog, the window's document camera, the hall's address and the
 * window) to every Yichuang element inside it, through @lit/context. Elements without a provider fall back to their own
 * properties.
 *
 * A sign-in element inside it (`<yc-clerk-login>`) logs in at `hall-url` and announces where its person works
 * (`yc-workplace`): the provider hands that hall, store, window and clerk to the caller, the intake and the other
 * elements inside, which need nothing else set. A host page that signs in its own way sets `.workplace` itself.
 *
 * @tag yc-provider
 * @summary Configuration for the Yichuang elements inside it.
 * @slot - The elements to configure.
 * @cssprop [--yc-font-scale=1] - Font scale of everything inside; large-text mode sets it to 1.375.
 */
export class YcProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
    :host([large-text]) {
      --yc-font-scale: ${LARGE_TEXT_SCALE};
    }
  `;

  /** Language of the UI text: `zh-CN` (default) or `en-US`. */
  @property({ reflect: true }) locale = 'zh-CN';

  /** Large-text mode (适老化): bigger type and targets for everything inside. */
  @property({ type: Boolean, reflect: true, attribute: 'large-text' }) largeText = false;

  /** The service catalog: a catalog object, or the address of a catalog JSON. */
  @property({ attribute: 'catalog' }) catalog?: CatalogSource;

  /**
   * The window's document camera (高拍仪), for the elements that take scans (`UserMediaDocumentCamera`, or a vendor's
   * own `DocumentCamera`). The provider does not close it: its owner does.
   */
  @property({ attribute: false }) documentCamera?: DocumentCamera;

  /** The hall server's address for a sign-in element inside: `/` (this page's origin) or `https://hall.example.gov.cn`. */
  @property({ attribute: 'hall-url' }) hallUrl?: string;

  /** The window this PC is (offered by a sign-in element inside). */
  @property() window?: string;

  /** Where the signed-in person works: set by a sign-in element's `yc-workplace` event, or by the host page. */
  @property({ attribute: false }) workplace?: YcWorkplace;

  readonly #provider = new ContextProvider(this, { context: configContext, initialValue: this.#config() });

  #config(): YcConfig {
    return {
      locale: resolveLocale(this.locale),
      largeText: this.largeText,
      catalog: this.catalog,
      documentCamera: this.documentCamera,
      hallUrl: this.hallUrl,
      window: this.window,
      workplace: this.workplace,
    };
  }

  constructor() {
    super();
    this.addEventListener(WorkplaceEvent.type, (event) => {
      // A CustomEvent's detail of `undefined` arrives as `null`.
      this.workplace = (event as WorkplaceEvent).detail ?? undefined;
    });
  }

  protected override willUpdate(): void {
    this.#provider.setValue(this.#config());
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
