import { css } from 'lit';
import { deskStyles, fontSize, token } from '@yichuang/ui';

export const remoteIntakeStyles = [
  ...deskStyles,
  css`
    [role='tablist'] {
      display: flex;
      gap: ${token('--yc-space')};
      border-bottom: 2px solid ${token('--yc-color-border')};
    }
    [role='tab'] {
      border-bottom-left-radius: 0;
      border-bottom-right-radius: 0;
    }
    [role='tab'][aria-selected='true'] {
      background: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
    }
    .panel,
    .column {
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 1.5);
      min-width: 0;
    }
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: calc(${token('--yc-space')} * 3);
      align-items: start;
    }
    .large .columns {
      grid-template-columns: minmax(0, 1fr);
    }
    @media (max-width: 1000px) {
      .columns {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('--yc-space')} calc(${token('--yc-space')} * 2);
    }
    fieldset.group {
      display: flex;
      flex-direction: column;
      gap: ${token('--yc-space')};
      padding-top: ${token('--yc-space')};
      border-top: 1px solid ${token('--yc-color-border')};
    }
    input:not([type]),
    input[type='tel'],
    select {
      font: inherit;
      font-weight: 400;
      color: inherit;
      min-height: max(44px, 2.5em);
      padding: 0.25em 0.5em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
      max-width: 100%;
    }
    select:focus-visible {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 1px;
    }
    ul.materials,
    ul.incoming {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: ${token('--yc-space')};
    }
    ul.materials li,
    ul.incoming li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 1em;
      padding: 0.5em 0.75em;
      border: 1px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
    }
    ul.incoming li {
      flex-direction: column;
      align-items: stretch;
    }
    ul.materials .name {
      flex: 1 1 14em;
      font-weight: 600;
    }
    .tag {
      margin-inline-start: 0.5em;
      font-size: ${fontSize(0.8125)};
      font-weight: 600;
      padding: 0 0.4em;
      border: 1px solid currentColor;
      border-radius: ${token('--yc-radius')};
    }
    .tag.required {
      color: ${token('--yc-color-danger')};
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    label.file {
      position: relative;
      display: inline-flex;
      align-items: center;
      min-height: max(44px, 2.5em);
      padding: 0 1em;
      border: 2px solid ${token('--yc-color-primary')};
      border-radius: ${token('--yc-radius')};
      color: ${token('--yc-color-primary')};
      font-weight: 600;
      cursor: pointer;
    }
    label.file input {
      position: absolute;
      inset: 0;
      opacity: 0;
      cursor: pointer;
    }
    label.file:has(input:focus-visible) {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 2px;
    }
    .sheet {
      overflow: auto;
      max-height: 70vh;
      border: 1px solid ${token('--yc-color-border')};
      background: #fff;
    }
  `,
];
