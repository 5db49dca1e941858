import { css } from 'lit';
import { LARGE_TEXT_SCALE, baseStyles, fontSize, resetInherited, token } from '@yichuang/ui';

/** Every button, tile and box is at least this tall and wide: a finger, not a mouse. */
const TARGET = css`max(64px, 2.75em)`;

export const ratingPadStyles = [
  baseStyles,
  css`
    /* The pad fills the height its host page gives it: the idle and thank-you screens sit in its middle. */
    :host {
      display: flex;
      flex-direction: column;
    }
    .root {
      flex: 1 1 auto;
      ${resetInherited}
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 2);
      margin: 0;
      padding: calc(${token('--yc-space')} * 3);
      background: ${token('--yc-color-surface')};
    }
    .root.large {
      --yc-font-scale: ${LARGE_TEXT_SCALE};
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: ${token('--yc-space')};
      margin: 0;
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(1.125)};
    }
    h2 {
      margin: 0;
      font-size: ${fontSize(1.75)};
      font-weight: 700;
      line-height: 1.3;
    }
    /* A heading takes the focus only to start a screen there (tabindex -1): it is not a control, no ring. */
    h2:focus,
    h2:focus-visible {
      outline: none;
    }
    p {
      margin: 0;
    }
    .ticket {
      font-size: ${fontSize(1.5)};
      font-weight: 600;
      color: ${token('--yc-color-primary')};
    }
    .idle,
    .thanks,
    .sending {
      display: flex;
      flex-direction: column;
      justify-content: center;
      align-items: center;
      gap: calc(${token('--yc-space')} * 2);
      flex: 1;
      text-align: center;
      padding: calc(${token('--yc-space')} * 4) 0;
    }
    .idle p,
    .thanks p {
      font-size: ${fontSize(1.25)};
      max-width: 36em;
    }
    .note {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(1)};
    }
    .idle .note,
    .thanks .note {
      font-size: ${fontSize(1)};
    }
    .connection {
      padding: ${token('--yc-space')} calc(${token('--yc-space')} * 1.5);
      border: 2px solid currentColor;
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface-alt')};
      color: ${token('--yc-color-danger')};
      font-weight: 600;
    }
    .connection.connecting {
      color: ${token('--yc-color-text-muted')};
      font-weight: 400;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 2);
      margin: 0;
    }
    .heading {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: ${token('--yc-space')} calc(${token('--yc-space')} * 3);
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    legend {
      padding: 0;
      margin: 0 0 ${token('--yc-space')};
      font-weight: 600;
      font-size: ${fontSize(1.125)};
    }
    .choices {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9em, 1fr));
      gap: ${token('--yc-space')};
    }
    .dimensions {
      display: grid;
      gap: ${token('--yc-space')};
    }
    .dimension {
      display: grid;
      grid-template-columns: 7em minmax(0, 1fr);
      align-items: center;
      gap: ${token('--yc-space')};
    }
    .dimension legend {
      float: left;
      margin: 0;
      font-size: ${fontSize(1)};
    }
    .dimension .choices {
      grid-template-columns: repeat(auto-fit, minmax(7.5em, 1fr));
    }
    .large .dimension {
      grid-template-columns: minmax(0, 1fr);
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 0.5em;
      min-height: ${TARGET};
      min-width: ${TARGET};
      padding: 0.25em 0.75em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
      cursor: pointer;
      font-size: ${fontSize(1.125)};
      line-height: 1.25;
      user-select: none;
      -webkit-tap-highlight-color: transparent;
    }
    .dimension .choice {
      font-size: ${fontSize(1)};
    }
    .grades .choice {
      justify-content: center;
      min-height: max(96px, 3.5em);
      font-size: ${fontSize(1.375)};
    }
    .choice:has(input:checked) {
      border-color: ${token('--yc-color-primary')};
      background: ${token('--yc-color-badge')};
      color: ${token('--yc-color-badge-text')};
      font-weight: 600;
    }
    .choice:has(input:focus-visible) {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 2px;
    }
    .choice input {
      font: inherit;
      flex: none;
      width: 1.375em;
      height: 1.375em;
      margin: 0;
      accent-color: ${token('--yc-color-primary')};
      cursor: pointer;
    }
    .choice input:focus-visible {
      outline: none;
    }
    .reasons .choices {
      /* At most four a row on a tablet: the nine reasons of the core make three rows. */
      grid-template-columns: repeat(auto-fit, minmax(max(11em, 22%), 1fr));
    }
    label.comment {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      font-weight: 600;
      font-size: ${fontSize(1.125)};
    }
    textarea {
      font: inherit;
      font-weight: 400;
      color: inherit;
      min-height: calc(${TARGET} * 1.5);
      padding: 0.5em 0.75em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
      resize: vertical;
    }
    textarea:focus-visible {
      border-color: ${token('--yc-color-primary')};
    }
    .hint {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.9375)};
    }
    .problem {
      color: ${token('--yc-color-danger')};
      font-weight: 600;
      font-size: ${fontSize(1.125)};
    }
    /* The buttons stay in reach while a long invitation (a bad grade) scrolls. */
    .actions {
      position: sticky;
      bottom: 0;
      z-index: 1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
      margin: 0 calc(${token('--yc-space')} * -3);
      padding: calc(${token('--yc-space')} * 1.5) calc(${token('--yc-space')} * 3);
      background: ${token('--yc-color-surface')};
      border-top: 1px solid ${token('--yc-color-border')};
    }
    .actions .hint {
      flex: 1 1 16em;
    }
    button {
      font: inherit;
      font-size: ${fontSize(1.25)};
      font-weight: 600;
      min-height: ${TARGET};
      min-width: 8em;
      padding: 0.25em 1.5em;
      border: 2px solid ${token('--yc-color-primary')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
      color: ${token('--yc-color-primary')};
      cursor: pointer;
    }
    button.primary {
      background: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
    }
    button:focus-visible {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 2px;
    }
  `,
];
