import { CaseSignatureSchema, type AuditEntry, type Case, type CaseSignature, type SignatureWay } from './case.js';
import { schemaIssues, type TransitionMessageParams } from './messages.js';
import { CASE_DOCUMENT_KINDS, type CaseDocumentKind } from './document-kinds.js';
import { caseDocumentKinds } from './documents.js';
import { IllegalTransitionError, checkActorWindowTime, nextUpdatedAt, type TransitionInput } from './transition.js';

/** The documents of a decision the applicant signs: the tolerance commitment letter (容缺受理承诺书). */
const SIGNED_BY_APPLICANT: ReadonlySet<CaseDocumentKind> = new Set(['tolerance-commitment']);

/** The documents the case in its status still asks the applicant to sign, in print order. */
export function documentsToSign(kase: Case): CaseDocumentKind[] {
  const signed = new Set((kase.signatures ?? []).map((s) => s.document));
  return caseDocumentKinds(kase.status).filter((kind) => SIGNED_BY_APPLICANT.has(kind) && !signed.has(kind));
}

/** A signature recorded at the window. */
export interface SignatureInput extends Pick<TransitionInput, 'actor' | 'window' | 'at'> {
  document: CaseDocumentKind;
  signer: 'applicant' | 'proxy';
  way: SignatureWay;
  /** SHA-256 of the pad's image, stored as an attachment; only for `pad`. */
  image?: string;
}

/**
 * Records that the applicant (or their proxy) signed a document of the case: on the pad, its image kept by hash,
 * or on paper. Returns a new case with the signature and one audit entry, action `sign-<document>`; `updatedAt`
 * moves as with a transition.
 * @throws IllegalTransitionError `signature-not-asked` (the document needs no signature now), `signature-repeated`,
 *   `invalid-signature` for a malformed one (the schema's message), or one of the actor/window/time codes.
 */
export function recordSignature(current: Case, input: SignatureInput): Case {
  const from = current.status;
  const fail = (
    code: 'signature-not-asked' | 'signature-repeated' | 'invalid-signature',
    value: TransitionMessageParams['value'],
  ) => new IllegalTransitionError(code, from, from, { value });
  const who = checkActorWindowTime(input, (code, params = {}) => new IllegalTransitionError(code, from, from, params));
  if (who) throw who;
  const title = CASE_DOCUMENT_KINDS[input.document]?.zh ?? String(input.document);
  if ((current.signatures ?? []).some((s) => s.document === input.document)) throw fail('signature-repeated', title);
  if (!documentsToSign(current).includes(input.document)) throw fail('signature-not-asked', title);
  const parsed = schemaIssues(CaseSignatureSchema, {
    document: input.document,
    signer: input.signer,
    way: input.way,
    at: input.at,
    ...(input.image !== undefined ? { image: input.image } : {}),
  });
  if (parsed.issues) throw fail('invalid-signature', parsed.issues);
  const entry: AuditEntry = {
    at: input.at,
    actor: input.actor,
    window: input.window,
    action: `sign-${input.document}`,
  };
  return {
    ...current,
    signatures: [...(current.signatures ?? []), parsed.output as CaseSignature],
    updatedAt: nextUpdatedAt(current, input.at),
    audit: [...current.audit, entry],
  };
}
