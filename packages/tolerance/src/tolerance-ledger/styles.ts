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
    /* Due today: said in words and marked by a sign and a bar; overdue (from the shared desk look) likewise. */
    tr.due-today td:first-child {
      box-shadow: inset 4px 0 0 ${token('--yc-color-primary')};
    }
    .status.today {
      color: ${token('--yc-color-primary')};
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
    input[name='number'] {
      width: 20em;
    }
    input[name='idNumber'] {
      max-width: 24em;
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
    input[type='number'] {
      width: 5em;
    }
    button.danger {
      border-color: ${token('--yc-color-danger')};
      background: ${token('--yc-color-danger')};
      color: ${token('--yc-color-on-primary')};
    }
  `,
];
