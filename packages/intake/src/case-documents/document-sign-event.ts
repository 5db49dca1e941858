import type { Case, CaseDocumentKind } from '@yichuang/core';

/** Detail of `yc-documents-sign`: the document signed, and the case as saved with the signature. */
export interface DocumentSignDetail {
  document: CaseDocumentKind;
  case: Case;
}

/** Fired when the applicant's signature on a document is recorded and the signed case saved. */
export class DocumentSignEvent extends CustomEvent<DocumentSignDetail> {
  static readonly type = 'yc-documents-sign';
  constructor(detail: DocumentSignDetail) {
    super(DocumentSignEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'yc-documents-sign': DocumentSignEvent;
  }
}
