import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Design tokens. Every one is a `--yc-*` custom property a host page may set on any ancestor (or on
 * `<yc-provider>`); components read them through `token()` with the default below, so they look right in a
 * page that sets none.
 */
export const TOKENS = {
  '--yc-color-primary': '#0b57a4',
  '--yc-color-on-primary': '#ffffff',
  '--yc-color-text': '#1b1f24',
  '--yc-color-text-muted': '#4b5563',
  '--yc-color-surface': '#ffffff',
  '--yc-color-surface-alt': '#f3f6fa',
  '--yc-color-border': '#6b7280',
  '--yc-color-focus': '#c2410c',
  '--yc-color-highlight': '#fde68a',
  '--yc-color-danger': '#b42318',
  '--yc-color-success': '#166534',
  '--yc-color-badge': '#e0ecf8',
  '--yc-color-badge-text': '#0b3d73',
  '--yc-color-bundle': '#fdecd8',
  '--yc-color-bundle-text': '#7a3306',
  '--yc-font-family':
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif',
  '--yc-font-size': '16px',
  '--yc-font-scale': '1',
  '--yc-line-height': '1.5',
  '--yc-radius': '6px',
  '--yc-space': '8px',
  '--yc-focus-width': '3px',
  '--yc-list-max-height': '24em',
} as const;

export type TokenName = keyof typeof TOKENS;

/** `var(--yc-name, default)` for use inside a component's `css` template. */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(${name}, ${TOKENS[name]})`);
}

/** The scaled base font size: `--yc-font-size` × `--yc-font-scale` (large-text mode raises the scale). */
export const fontSize = (factor = 1): CSSResult =>
  unsafeCSS(
    `calc(${factor} * var(--yc-font-size, ${TOKENS['--yc-font-size']}) * var(--yc-font-scale, ${TOKENS['--yc-font-scale']}))`,
  );

/** Font scale of large-text mode (适老化). */
export const LARGE_TEXT_SCALE = 1.375;

/**
 * Resets what a hostile page can push into a shadow tree by inheritance (font, colour, spacing, case,
 * alignment), on the element that wraps a component's content.
 */
export const resetInherited = css`
  font-family: ${token('--yc-font-family')};
  font-size: ${fontSize()};
  font-style: normal;
  font-weight: 400;
  font-variant: normal;
  line-height: ${token('--yc-line-height')};
  color: ${token('--yc-color-text')};
  letter-spacing: normal;
  word-spacing: normal;
  text-align: start;
  text-indent: 0;
  text-transform: none;
  text-shadow: none;
  white-space: normal;
  visibility: visible;
  cursor: auto;
  box-sizing: border-box;
`;

/** Styles every component shares: the host box and the focus ring. */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
    outline-offset: 2px;
  }
`;
