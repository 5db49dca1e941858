import { css } from 'lit';
import { baseStyles, fontSize, resetInherited, token } from '@yichuang/ui';

export const queueBoardStyles = [
  baseStyles,
  css`
    :host {
      --yc-board-alert: #b42318;
      --yc-board-chart: #0b57a4;
    }
    [part='base'] {
      ${resetInherited}
      display: grid;
      gap: calc(2 * ${token('--yc-space')});
      padding: calc(2 * ${token('--yc-space')});
      background: ${token('--yc-color-surface')};
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: ${token('--yc-space')} calc(2 * ${token('--yc-space')});
    }
    h2,
    h3 {
      margin: 0;
    }
    h2 {
      font-size: ${fontSize(1.5)};
    }
    h3 {
      font-size: ${fontSize(1.125)};
      margin-block-end: ${token('--yc-space')};
    }
    .updated {
      color: ${token('--yc-color-text-muted')};
      margin-inline-end: auto;
    }
    button {
      font: inherit;
      min-height: 44px;
      padding: 0 calc(1.5 * ${token('--yc-space')});
      border-radius: ${token('--yc-radius')};
      border: 1px solid ${token('--yc-color-border')};
      color: ${token('--yc-color-text')};
      background: ${token('--yc-color-surface-alt')};
      cursor: pointer;
    }
    [part='status'] {
      margin: 0;
      padding: ${token('--yc-space')};
      border-radius: ${token('--yc-radius')};
      background: #fef3c7;
      color: #78350f;
    }
    [part='status'][data-status='failed'] {
      background: #fee2e2;
      color: #7f1d1d;
    }
    [part='alerts'] ul {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: calc(0.5 * ${token('--yc-space')});
    }
    [part='alerts'] li {
      padding: ${token('--yc-space')};
      border-inline-start: 6px solid var(--yc-board-alert);
      background: #fef2f2;
      color: #7f1d1d;
      font-weight: 700;
    }
    [part='alerts'] p {
      margin: 0;
      color: ${token('--yc-color-text-muted')};
    }
    [part='summary'] dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: ${token('--yc-space')};
      margin: 0;
    }
    [part='summary'] div {
      padding: ${token('--yc-space')};
      border: 1px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
    }
    dt {
      color: ${token('--yc-color-text-muted')};
    }
    dd {
      margin: 0;
      font-size: ${fontSize(1.75)};
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr));
      gap: calc(2 * ${token('--yc-space')});
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      padding: calc(0.5 * ${token('--yc-space')}) ${token('--yc-space')};
      border-bottom: 1px solid ${token('--yc-color-border')};
      text-align: start;
    }
    .units {
      margin: calc(0.5 * ${token('--yc-space')}) 0 0;
      color: ${token('--yc-color-text-muted')};
    }
    .n {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .state {
      display: inline-block;
      padding: 0 0.5em;
      border-radius: ${token('--yc-radius')};
      border: 1px solid currentColor;
    }
    .state[data-state='serving'] {
      color: ${token('--yc-color-success')};
    }
    .state[data-state='paused'] {
      color: #92400e;
    }
    .state[data-state='closed'] {
      color: ${token('--yc-color-text-muted')};
    }
    tr.over td {
      color: #7f1d1d;
      font-weight: 700;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      font-size: 14px;
    }
    svg text {
      fill: ${token('--yc-color-text')};
    }
    .grid {
      stroke: #d1d5db;
    }
    .line {
      fill: none;
      stroke: var(--yc-board-chart);
      stroke-width: 3;
    }
    .area,
    .bar {
      fill: var(--yc-board-chart);
    }
    .area {
      opacity: 0.15;
    }
    @media print {
      [part='base'] {
        padding: 0;
      }
      button,
      [part='status'] {
        display: none;
      }
      .area {
        opacity: 0.3;
      }
    }
  `,
];
