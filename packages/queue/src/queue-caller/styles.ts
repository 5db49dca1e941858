import { css } from 'lit';
import { baseStyles, fontSize, resetInherited, token } from '@yichuang/ui';

export const queueCallerStyles = [
  baseStyles,
  css`
    [part='base'] {
      ${resetInherited}
      display: grid;
      gap: calc(1.5 * ${token('--yc-space')});
      padding: calc(2 * ${token('--yc-space')});
      background: ${token('--yc-color-surface')};
      border: 1px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
    }
    p {
      margin: 0;
    }
    [part='status'] {
      padding: ${token('--yc-space')};
      border-radius: ${token('--yc-radius')};
      background: #fef3c7;
      color: #78350f;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      gap: calc(3 * ${token('--yc-space')});
      align-items: end;
    }
    .label {
      display: block;
      color: ${token('--yc-color-text-muted')};
    }
    [part='current'] .number {
      display: block;
      font-size: ${fontSize(3)};
      font-weight: 800;
      line-height: 1.1;
      color: ${token('--yc-color-primary')};
      font-variant-numeric: tabular-nums;
    }
    .waiting .count {
      font-size: ${fontSize(1.75)};
      font-weight: 700;
    }
    .badge {
      display: inline-block;
      padding: 0 0.4em;
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-bundle')};
      color: ${token('--yc-color-bundle-text')};
    }
    .none {
      color: ${token('--yc-color-text-muted')};
    }
    [part='paused'] {
      padding: ${token('--yc-space')};
      border-radius: ${token('--yc-radius')};
      border-inline-start: 6px solid ${token('--yc-color-danger')};
      background: ${token('--yc-color-surface-alt')};
      color: ${token('--yc-color-text')};
    }
    [part='paused'] strong {
      font-size: ${fontSize(1.25)};
    }
    [part='actions'],
    .transfer,
    .pause {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('--yc-space')};
      align-items: end;
    }
    button,
    select,
    input {
      font: inherit;
      min-height: 44px;
      border-radius: ${token('--yc-radius')};
      border: 1px solid ${token('--yc-color-border')};
      color: ${token('--yc-color-text')};
      background: ${token('--yc-color-surface-alt')};
    }
    button {
      padding: 0 calc(1.5 * ${token('--yc-space')});
      cursor: pointer;
    }
    button.primary {
      background: ${token('--yc-color-primary')};
      border-color: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
      font-weight: 700;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.55;
    }
    kbd {
      margin-inline-start: 0.4em;
      font-family: inherit;
      font-size: ${fontSize(0.8125)};
      opacity: 0.85;
    }
    .requeue {
      display: inline-flex;
      gap: ${token('--yc-space')};
      align-items: end;
    }
    .requeue label,
    .transfer label,
    .pause label {
      display: grid;
      font-size: ${fontSize(0.875)};
    }
    .requeue input {
      width: 5em;
      padding: 0 ${token('--yc-space')};
    }
    .pause input {
      padding: 0 ${token('--yc-space')};
    }
    .transfer,
    .pause {
      padding: ${token('--yc-space')};
      background: ${token('--yc-color-surface-alt')};
      border-radius: ${token('--yc-radius')};
    }
    [part='held'] ol {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('--yc-space')};
      margin: ${token('--yc-space')} 0 0;
      padding: 0;
      list-style: none;
    }
    [part='outcome'] {
      min-height: 1.5em;
      font-weight: 700;
      color: ${token('--yc-color-success')};
    }
    [part='outcome'].error {
      color: ${token('--yc-color-danger')};
    }
  `,
];
