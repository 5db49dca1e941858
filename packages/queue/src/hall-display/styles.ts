import { css } from 'lit';
import { baseStyles, fontSize, resetInherited, token } from '@yichuang/ui';

export const hallDisplayStyles = [
  baseStyles,
  css`
    :host {
      --yc-display-background: #0b2545;
      --yc-display-panel: #13315c;
      --yc-display-text: #ffffff;
      --yc-display-number: #ffd166;
      height: 100%;
    }
    [part='base'] {
      ${resetInherited}
      color: var(--yc-display-text);
      background: var(--yc-display-background);
      height: 100%;
      min-height: 24rem;
      display: grid;
      grid-template-rows: auto auto 1fr;
      gap: calc(2 * ${token('--yc-space')});
      padding: calc(2 * ${token('--yc-space')});
    }
    header {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: ${token('--yc-space')};
    }
    h2 {
      margin: 0;
      font-size: ${fontSize(1.75)};
      font-weight: 700;
    }
    .clock {
      font-size: ${fontSize(1.75)};
      font-variant-numeric: tabular-nums;
    }
    [part='status'] {
      margin: 0;
      padding: ${token('--yc-space')} calc(2 * ${token('--yc-space')});
      border-radius: ${token('--yc-radius')};
      background: #fef3c7;
      color: #78350f;
      font-size: ${fontSize(1.25)};
    }
    [part='status'][data-status='failed'] {
      background: #fee2e2;
      color: #7f1d1d;
    }
    .main {
      display: grid;
      grid-template-columns: 3fr 2fr;
      gap: calc(2 * ${token('--yc-space')});
      min-height: 0;
    }
    .column {
      display: grid;
      align-content: start;
      gap: calc(2 * ${token('--yc-space')});
      min-height: 0;
    }
    section {
      background: var(--yc-display-panel);
      border-radius: calc(2 * ${token('--yc-radius')});
      padding: calc(2 * ${token('--yc-space')});
    }
    h3 {
      margin: 0 0 ${token('--yc-space')};
      font-size: ${fontSize(1.5)};
      font-weight: 700;
    }
    [part='latest'] {
      text-align: center;
      padding: calc(3 * ${token('--yc-space')}) calc(2 * ${token('--yc-space')});
    }
    [part='latest'] .number {
      display: block;
      color: var(--yc-display-number);
      font-size: ${fontSize(7)};
      font-weight: 800;
      line-height: 1.1;
      letter-spacing: 0.05em;
      font-variant-numeric: tabular-nums;
    }
    [part='latest'] .sentence {
      display: block;
      font-size: ${fontSize(2.25)};
      font-weight: 700;
    }
    /* A new call pulses three times (in size, so the number stays as readable as ever). */
    [part='latest'].fresh .number {
      animation: yc-pulse 0.6s ease-in-out 3;
    }
    @keyframes yc-pulse {
      50% {
        transform: scale(1.12);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      [part='latest'].fresh .number {
        animation: none;
      }
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: ${fontSize(1.5)};
      font-variant-numeric: tabular-nums;
    }
    th {
      text-align: start;
      font-weight: 400;
      font-size: ${fontSize(1.125)};
      color: #cbd5e1;
      padding: 0 ${token('--yc-space')} ${token('--yc-space')};
    }
    th.count {
      white-space: nowrap;
    }
    td {
      padding: ${token('--yc-space')};
      border-top: 1px solid #33507a;
    }
    td.number {
      color: var(--yc-display-number);
      font-weight: 700;
    }
    td.count {
      text-align: end;
      white-space: nowrap;
    }
    .empty {
      margin: 0;
      font-size: ${fontSize(1.25)};
      color: #cbd5e1;
    }
  `,
];
