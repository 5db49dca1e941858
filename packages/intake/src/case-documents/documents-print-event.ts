import type { CaseDocumentKind } from '@yichuang/core';

/** Detail of `yc-documents-print`: the case and the documents sent to the printer, with their digests. */
export interface DocumentsPrintDetail {
  caseNumber: string;
  documents: readonly { kind: CaseDocumentKind; digest: string }[];
}

/**
 * Fired when documents have gone to the printer. Bubbles and crosses shadow roots: a host page may record the
 * digests with its own archive.
 */
export class DocumentsPrintEvent extends CustomEvent<DocumentsPrintDetail> {
  static readonly type = 'yc-documents-print';
  constructor(detail: DocumentsPrintDetail) {
    super(DocumentsPrintEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-documents-print': DocumentsPrintEvent;
  }
}
