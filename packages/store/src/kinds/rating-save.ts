/**
 * `rating.save`: a rating given at the window. Kept in `ratings`; not versioned (a rating is recorded once). A
 * rating of a case is sent after the case's earlier mutations (its subject is the case) and keeps the case from a
 * purge while it waits.
 * @module
 */
import { markSynced, type StoreKind } from './kind.js';

export const ratingSave: StoreKind<'rating.save'> = {
  kind: 'rating.save',
  table: 'ratings',
  versioned: false,
  auditUnderRecord: false,
  record: (rating) => rating.id,
  subject: (rating) => rating.caseId ?? rating.id,
  // A rating has no number of its own; the clerk finds it by the case it rates (listed with it).
  label: () => undefined,
  attachments: () => [],
  acknowledged: (row, ack) => markSynced(row, ack),
};
