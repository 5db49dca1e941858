import { css } from 'lit';
import { LARGE_TEXT_SCALE, baseStyles, fontSize, resetInherited, token } from './tokens.js';

/** Buttons, choices and fields are at least this tall: a staff member's desk screen, mouse or touch. */
const TARGET = css`max(44px, 2.5em)`;

/**
 * The look of the staff's desk views (the follow-ups of bad ratings, the tolerance ledger): a heading, a toolbar of
 * choices, a table with statuses said in words and marked by a sign, a detail of terms and values, forms and buttons
 * at least 44 px tall, and the large-text scale on `.root.large`.
 */
export const deskStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    .root {
      ${resetInherited}
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 2);
      margin: 0;
      padding: calc(${token('--yc-space')} * 2);
      background: ${token('--yc-color-surface')};
    }
    .root.large {
      --yc-font-scale: ${LARGE_TEXT_SCALE};
    }
    h2,
    h3 {
      margin: 0;
      font-weight: 700;
      line-height: 1.3;
    }
    h2 {
      font-size: ${fontSize(1.5)};
    }
    h3 {
      font-size: ${fontSize(1.25)};
    }
    h2:focus,
    h3:focus {
      outline: none;
    }
    p {
      margin: 0;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
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
      margin: 0 0 0.25em;
      font-weight: 600;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('--yc-space')};
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
      min-height: calc(${TARGET} * 2.5);
      resize: vertical;
    }
    textarea[aria-invalid='true'] {
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
    .problem,
    .error {
      color: ${token('--yc-color-danger')};
      font-weight: 600;
    }
    .error ul {
      margin: 0.25em 0 0;
      padding-inline-start: 1.25em;
      font-weight: 400;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    caption {
      text-align: start;
      padding-bottom: 0.25em;
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.9375)};
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.5em 0.75em;
      border-bottom: 1px solid ${token('--yc-color-border')};
    }
    th {
      font-weight: 600;
    }
    /* Overdue: said in words and marked by a sign and a bar, the colour only repeats it. */
    tr.overdue td:first-child {
      box-shadow: inset 4px 0 0 ${token('--yc-color-danger')};
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
      font-weight: 600;
      white-space: nowrap;
    }
    .status.overdue {
      color: ${token('--yc-color-danger')};
    }
    .status.closed {
      color: ${token('--yc-color-text-muted')};
      font-weight: 400;
    }
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.25em calc(${token('--yc-space')} * 2);
      margin: 0;
    }
    .large dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    .detail,
    form {
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 1.5);
      margin: 0;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('--yc-space')};
    }
    button {
      font: inherit;
      font-weight: 600;
      min-height: ${TARGET};
      padding: 0.125em 1em;
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
    button[disabled] {
      cursor: progress;
      opacity: 0.7;
    }
    button:focus-visible {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 2px;
    }
    /* Where a list comes from; from this PC only while the hall is away, said with a sign and a bar. */
    .source {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.9375)};
    }
    .source.local {
      color: ${token('--yc-color-text')};
      font-weight: 600;
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid ${token('--yc-color-danger')};
      background: ${token('--yc-color-badge')};
    }
    .summary {
      font-weight: 600;
    }
    td.number {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    /* What the last step did: focused to be read out, marked by a sign and a bar. */
    .done {
      font-weight: 600;
      color: ${token('--yc-color-text')};
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid ${token('--yc-color-primary')};
      background: ${token('--yc-color-badge')};
    }
    .done:focus,
    .error:focus {
      outline: none;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: ${token('--yc-space')};
    }
    input:not([type]),
    input[type='text'],
    input[type='number'] {
      font: inherit;
      font-weight: 400;
      color: inherit;
      min-height: ${TARGET};
      padding: 0.25em 0.5em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
    }
  `,
];
