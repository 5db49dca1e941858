import { css } from 'lit';
import { deskStyles, fontSize, token } from '@yichuang/ui';

export const toleranceLedgerStyles = [
  ...deskStyles,
  css`
    h4 {
      margin: 0;
      font-size: ${fontSize(1.125)};
      font-weight: 700;
    }
    .toolbar {
      justify-content: space-between;
    }
    .source {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.9375)};
    }
    .source.local,
    .warning {
      color: ${token('--yc-color-text')};
      font-weight: 600;
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid ${token('--yc-color-danger')};
      background: ${token('--yc-color-badge')};
    }
    dd.due {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em;
    }
    .summary {
      font-weight: 600;
    }
    td.number {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    /* Due today: said in words and marked by a sign and a bar; overdue (from the shared desk look) likewise. */
    tr.due-today td:first-child {
      box-shadow: inset 4px 0 0 ${token('--yc-color-primary')};
    }
    .status.today {
      color: ${token('--yc-color-primary')};
    }
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
    section[part~='remind'],
    section[part~='overdue'],
    form[part~='claim'],
    form[part~='supplement'] {
      display: flex;
      flex-direction: column;
      gap: ${token('--yc-space')};
      padding-top: ${token('--yc-space')};
      border-top: 1px solid ${token('--yc-color-border')};
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: ${token('--yc-space')};
    }
    input[name='number'] {
      width: 20em;
    }
    fieldset.material {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
    }
    fieldset.material > legend {
      width: 100%;
    }
    label.field.inline {
      flex-direction: row;
      align-items: center;
    }
    input:not([type='radio']) {
      font: inherit;
      font-weight: 400;
      color: inherit;
      min-height: max(44px, 2.5em);
      padding: 0.25em 0.5em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
    }
    input[type='number'] {
      width: 5em;
    }
    input[name='idNumber'] {
      max-width: 24em;
    }
    button.danger {
      border-color: ${token('--yc-color-danger')};
      background: ${token('--yc-color-danger')};
      color: ${token('--yc-color-on-primary')};
    }
  `,
];
