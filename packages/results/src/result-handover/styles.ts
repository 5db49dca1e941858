import { css } from 'lit';
import { deskStyles, fontSize, token } from '@yichuang/ui';

export const resultHandoverStyles = [
  ...deskStyles,
  css`
    h4 {
      margin: 0;
      font-size: ${fontSize(1.125)};
      font-weight: 700;
    }
    .toolbar {
      justify-content: space-between;
      align-items: center;
    }
    form[part~='find'],
    form[part~='handover'] {
      padding-top: ${token('--yc-space')};
      border-top: 1px solid ${token('--yc-color-border')};
    }
    input:not([type]) {
      max-width: 24em;
    }
    input[name='number'] {
      width: 20em;
    }
  `,
];
