import { css } from 'lit';
import { LARGE_TEXT_SCALE, baseStyles, fontSize, resetInherited, token } from '../tokens/tokens.js';

export const itemPickerStyles = [
  baseStyles,
  css`
    .root {
      ${resetInherited}
      display: flex;
      flex-direction: column;
      gap: calc(${token('--yc-space')} * 0.75);
      background: ${token('--yc-color-surface')};
      padding: 0;
      margin: 0;
    }
    .root.large {
      --yc-font-scale: ${LARGE_TEXT_SCALE};
    }
    label {
      font-weight: 600;
      font-size: ${fontSize()};
      display: block;
      margin: 0;
    }
    input {
      font: inherit;
      color: inherit;
      letter-spacing: normal;
      text-transform: none;
      width: 100%;
      margin: 0;
      min-height: 2.75em;
      padding: 0.5em 0.75em;
      border: 2px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface')};
      box-shadow: none;
    }
    input:focus-visible {
      border-color: ${token('--yc-color-primary')};
    }
    .status {
      /* One line kept whether or not it says something, so that nothing below it moves. */
      min-height: calc(${token('--yc-line-height')} * 1em);
    }
    .status.no-result {
      color: ${token('--yc-color-text')};
    }
    .status.chosen {
      color: ${token('--yc-color-success')};
      font-weight: 600;
    }
    .status.chosen::before {
      content: '✓ ';
    }
    .hint,
    .status {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.875)};
      margin: 0;
    }
    .message {
      margin: 0;
      padding: 0.75em;
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-surface-alt')};
    }
    .message.error {
      color: ${token('--yc-color-danger')};
      border: 1px solid currentColor;
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5em;
    }
    .message p {
      margin: 0;
    }
    .message .detail {
      color: ${token('--yc-color-text-muted')};
      font-size: ${fontSize(0.8125)};
      overflow-wrap: anywhere;
    }
    button {
      font: inherit;
      min-height: 2.75em;
      padding: 0.25em 1em;
      border: 2px solid ${token('--yc-color-primary')};
      border-radius: ${token('--yc-radius')};
      background: ${token('--yc-color-primary')};
      color: ${token('--yc-color-on-primary')};
      cursor: pointer;
    }
    button:focus-visible {
      outline: ${token('--yc-focus-width')} solid ${token('--yc-color-focus')};
      outline-offset: 2px;
    }
    .field {
      position: relative;
    }
    .listbox {
      /* Over the page below the box: the host's layout does not move as results come and go. */
      position: absolute;
      top: calc(100% + 4px);
      left: 0;
      right: 0;
      z-index: 20;
      background: ${token('--yc-color-surface')};
      box-shadow: 0 6px 18px rgb(0 0 0 / 0.18);
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: ${token('--yc-space')};
      align-items: start;
      max-height: ${token('--yc-list-max-height')};
      overflow-y: auto;
      margin: 0;
      padding: 2px;
      border: 1px solid ${token('--yc-color-border')};
      border-radius: ${token('--yc-radius')};
    }
    .listbox[hidden] {
      display: none;
    }
    .listbox.single,
    .large .listbox {
      grid-template-columns: minmax(0, 1fr);
    }
    [role='group'] {
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    .group-label {
      font-size: ${fontSize(0.875)};
      font-weight: 600;
      color: ${token('--yc-color-text-muted')};
      padding: 0.25em 0.5em;
      margin: 0;
    }
    [role='option'] {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25em 0.5em;
      padding: 0.5em 0.625em;
      margin: 0;
      list-style: none;
      border-radius: ${token('--yc-radius')};
      border: 2px solid transparent;
      cursor: pointer;
      min-height: 2.75em;
    }
    [role='option'][aria-selected='true'] {
      border-color: ${token('--yc-color-primary')};
      background: ${token('--yc-color-surface-alt')};
    }
    .name {
      flex: 1 1 12em;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    mark {
      background: ${token('--yc-color-highlight')};
      color: inherit;
      font: inherit;
      padding: 0;
      border-radius: 2px;
      text-decoration: underline;
    }
    .badge {
      font-size: ${fontSize(0.8125)};
      padding: 0 0.5em;
      border-radius: 999px;
      background: ${token('--yc-color-badge')};
      color: ${token('--yc-color-badge-text')};
      white-space: nowrap;
    }
    .badge.bundle {
      background: ${token('--yc-color-bundle')};
      color: ${token('--yc-color-bundle-text')};
    }
    .via {
      flex-basis: 100%;
      font-size: ${fontSize(0.875)};
      color: ${token('--yc-color-text-muted')};
    }
    .via-label::after {
      content: '：';
    }
    .via-label:lang(en)::after {
      content: ': ';
    }
    .limit {
      font-size: ${fontSize(0.8125)};
      color: ${token('--yc-color-text-muted')};
      white-space: nowrap;
    }
  `,
];
