import { css } from 'lit';
import { deskStyles, fontSize, token } from '@yichuang/ui';

export const assistDeskStyles = [
  ...deskStyles,
  css`
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: calc(${token('--yc-space')} * 3);
      align-items: start;
    }
    @media (max-width: 1000px) {
      .columns {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    /* The intake for the person takes the width; the ledger goes below it. */
    .columns.single,
    .large .columns {
      grid-template-columns: minmax(0, 1fr);
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 1.5);
      min-width: 0;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
    }
    input:not([type]),
    input[type='tel'],
    input[type='number'],
    input[type='file'],
    select {
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
      width: 7em;
    }
    select:focus-visible {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 1px;
    }
    fieldset.group {
      display: flex;
      flex-direction: column;
      gap: ${token('--yc-space')};
      padding-top: ${token('--yc-space')};
      border-top: 1px solid ${token('--yc-color-border')};
    }
    h4 {
      margin: 0;
      font-size: ${fontSize(1.125)};
      font-weight: 700;
    }
    ol.help {
      margin: 0;
      padding-inline-start: 1.5em;
    }
    .ticket {
      font-size: ${fontSize(1.5)};
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    tr.open td:first-child {
      border-inline-start: 4px solid ${token('--yc-color-primary')};
    }
    ul.cases {
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
];
