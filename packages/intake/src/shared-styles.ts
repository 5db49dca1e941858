import { css } from 'lit';
import { LARGE_TEXT_SCALE, baseStyles, fontSize, resetInherited, token } from '@yichuang/ui';

/** Buttons, choices and fields are at least this tall: a clerk's desk screen, mouse or touch. */
export const TARGET = css`max(44px, 2.5em)`;

/** What every intake element shares: the root box, headings, choice pills, fields, hints and problems. */
export const intakeStyles = [
  baseStyles,
  css`
    .root {
      ${resetInherited}
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 1.5);
      margin: 0;
      padding: calc(${token('--yc-space')} * 2);
      background: ${token('--yc-color-surface')};
    }
    .root.large {
      --yc-font-scale: ${LARGE_TEXT_SCALE};
    }
    h2 {
      margin: 0;
      font-size: ${fontSize(1.375)};
      font-weight: 700;
      line-height: 1.3;
    }
    p {
      margin: 0;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    legend {
      padding: 0;
      margin: 0 0 0.25em;
      font-weight: 600;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: calc(${token('--yc-space')} * 0.75);
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      min-height: ${TARGET};
      padding: 0.125em 0.75em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
      cursor: pointer;
    }
    .choice:has(input:checked) {
      border-color: ${token('--yc-color-primary')};
      background: ${token('--yc-color-badge')};
      color: ${token('--yc-color-badge-text')};
      font-weight: 600;
    }
    .choice:has(input:disabled) {
      border-style: dashed;
      color: ${token('--yc-color-text-muted')};
      cursor: not-allowed;
    }
    .choice:has(input:focus-visible) {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 2px;
    }
    .choice input {
      margin: 0;
      width: 1.125em;
      height: 1.125em;
      accent-color: ${token('--yc-color-primary')};
    }
    .choice input:focus-visible {
      outline: none;
    }
    label.field {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
      font-weight: 600;
    }
    input[type='date'],
    input[type='number'],
    input[type='tel'],
    input[type='text'],
    textarea {
      font: inherit;
      font-weight: 400;
      color: inherit;
      min-height: ${TARGET};
      padding: 0.25em 0.5em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
    }
    textarea {
      min-height: calc(${TARGET} * 2);
      resize: vertical;
    }
    /* As specific as the input rules above, and after them: a field with a problem shows it in its border. */
    input[aria-invalid='true'],
    textarea[aria-invalid='true'],
    select[aria-invalid='true'] {
      border-color: ${token('--yc-color-danger')};
    }
    input:focus-visible,
    textarea:focus-visible {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 1px;
    }
    .hint,
    .muted {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.9375)};
    }
    .problem {
      color: ${token('--yc-color-danger')};
      font-weight: 600;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5em;
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-badge')};
      color: ${token('--yc-color-badge-text')};
      font-size: ${fontSize(0.875)};
      font-weight: 600;
      white-space: nowrap;
    }
    .badge.optional {
      background: ${token('--yc-color-surface-alt')};
      color: ${token('--yc-color-text-muted')};
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    button.primary {
      font: inherit;
      font-weight: 700;
      min-height: ${TARGET};
      padding: 0.25em 1.25em;
      border: 2px solid ${token('--yc-color-primary')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
      cursor: pointer;
      align-self: flex-start;
    }
    button.primary:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
  `,
];

/** What the two identity forms (applicant, proxy) add: a grid of fields, selects, a title bar, checkboxes. */
export const formStyles = css`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20em), 1fr));
    gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
  }
  .wide {
    grid-column: 1 / -1;
  }
  select {
    font: inherit;
    min-height: ${TARGET};
    padding: 0.25em 0.5em;
    border: 2px solid ${token('--yc-color-border')};
    border-radius: ${token('--yc-radius')};
    background: ${token('--yc-color-surface')};
    color: inherit;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('--yc-space')};
  }
  button.secondary {
    font: inherit;
    font-weight: 600;
    min-height: ${TARGET};
    padding: 0.25em 1em;
    border: 2px solid ${token('--yc-color-primary')};
    border-radius: ${token('--yc-radius')};
    background: ${token('--yc-color-surface')};
    color: ${token('--yc-color-primary')};
    cursor: pointer;
  }
  .check {
    display: flex;
    gap: 0.5em;
    align-items: center;
    font-weight: 600;
  }
  .check input {
    width: 1.25em;
    height: 1.25em;
  }
`;
