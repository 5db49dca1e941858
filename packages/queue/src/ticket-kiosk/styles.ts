import { css } from 'lit';
import { baseStyles, fontSize, resetInherited, token } from '@yichuang/ui';

export const ticketKioskStyles = [
  baseStyles,
  css`
    :host {
      height: 100%;
    }
    [part='base'] {
      ${resetInherited}
      font-size: ${fontSize(1.375)};
      display: grid;
      gap: calc(2 * ${token('--yc-space')});
      padding: calc(3 * ${token('--yc-space')});
      background: ${token('--yc-color-surface-alt')};
      min-height: 100%;
      align-content: start;
    }
    h2 {
      margin: 0;
      font-size: ${fontSize(2)};
    }
    h3 {
      margin: 0;
      font-size: ${fontSize(1.5)};
    }
    p {
      margin: 0;
    }
    .lead,
    .big {
      font-size: ${fontSize(1.625)};
      font-weight: 700;
    }
    [part='status'] {
      padding: ${token('--yc-space')} calc(2 * ${token('--yc-space')});
      border-radius: ${token('--yc-radius')};
      background: #fef3c7;
      color: #78350f;
    }
    [part='services'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
      gap: calc(2 * ${token('--yc-space')});
    }
    button,
    input,
    select {
      font: inherit;
      min-height: 64px;
      border-radius: calc(2 * ${token('--yc-radius')});
      border: 2px solid ${token('--yc-color-border')};
      color: ${token('--yc-color-text')};
      background: ${token('--yc-color-surface')};
    }
    button {
      padding: 0 calc(3 * ${token('--yc-space')});
      cursor: pointer;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.55;
    }
    button.primary {
      background: ${token('--yc-color-primary')};
      border-color: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
      font-weight: 700;
    }
    [part='service'] {
      display: grid;
      grid-template-columns: auto 1fr;
      grid-template-rows: auto auto;
      column-gap: calc(2 * ${token('--yc-space')});
      align-items: center;
      text-align: start;
      padding: calc(2 * ${token('--yc-space')});
      min-height: 120px;
      background: ${token('--yc-color-primary')};
      border-color: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
    }
    [part='service'] .letter {
      grid-row: span 2;
      font-size: ${fontSize(3)};
      font-weight: 800;
      line-height: 1;
    }
    [part='service'] .name {
      font-size: ${fontSize(1.625)};
      font-weight: 700;
    }
    .priority {
      display: flex;
      gap: calc(2 * ${token('--yc-space')});
      align-items: center;
      padding: calc(2 * ${token('--yc-space')});
      background: ${token('--yc-color-surface')};
      border: 2px solid ${token('--yc-color-border')};
      border-radius: calc(2 * ${token('--yc-radius')});
      cursor: pointer;
    }
    .priority input {
      width: 40px;
      height: 40px;
      min-height: 0;
      flex: none;
    }
    small {
      display: block;
      font-size: ${fontSize(1)};
      color: ${token('--yc-color-text-muted')};
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: calc(2 * ${token('--yc-space')});
    }
    .note {
      padding: ${token('--yc-space')} calc(2 * ${token('--yc-space')});
      border-radius: ${token('--yc-radius')};
      background: #e0ecf8;
      color: #0b3d73;
    }
    .note:empty {
      display: none;
    }
    .note.warn,
    [part='error'] {
      background: #fee2e2;
      color: #7f1d1d;
      padding: calc(2 * ${token('--yc-space')});
      border-radius: ${token('--yc-radius')};
    }
    .appointment {
      display: grid;
      gap: calc(2 * ${token('--yc-space')});
      max-width: 32em;
    }
    .appointment label {
      display: grid;
      gap: ${token('--yc-space')};
      font-weight: 700;
    }
    .appointment input,
    .appointment select {
      padding: 0 calc(2 * ${token('--yc-space')});
    }
    .appointment input {
      text-transform: uppercase;
      letter-spacing: 0.1em;
    }
    [part='ticket'] {
      justify-self: center;
      text-align: center;
      min-width: 20em;
      padding: calc(3 * ${token('--yc-space')});
      background: ${token('--yc-color-surface')};
      border: 2px dashed ${token('--yc-color-border')};
      border-radius: calc(2 * ${token('--yc-radius')});
    }
    [part='ticket'] .number {
      font-size: ${fontSize(5)};
      font-weight: 800;
      line-height: 1.1;
      color: ${token('--yc-color-primary')};
      font-variant-numeric: tabular-nums;
    }
  `,
];
