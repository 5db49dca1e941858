import { css } from 'lit';
import { deskStyles, token } from '@yichuang/ui';

export const ratingFollowUpStyles = [
  ...deskStyles,
  css`
    .days {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: ${token('--yc-space')};
    }
    ol.history {
      margin: 0;
      padding-inline-start: 1.5em;
      display: grid;
      gap: 0.5em;
    }
    .history .note {
      white-space: pre-wrap;
    }
  `,
];
