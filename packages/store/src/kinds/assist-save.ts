/**
 * `assist.save`: a visit at the helper desk (帮办代办). Kept in `assistVisits`, one row per visit; versioned by the
 * hall like a case (the help log grows over a visit), so a save names its base. The letter's files are uploaded
 * before it is sent and kept while it waits.
 * @module
 */
import { markSynced, recordVersion, type StoreKind } from './kind.js';

export const assistSave: StoreKind<'assist.save'> = {
  kind: 'assist.save',
  table: 'assistVisits',
  versioned: true,
  auditUnderRecord: false,
  record: (visit) => visit.id,
  subject: (visit) => visit.id,
  // A visit has no number; the clerk finds it in the helper desk's ledger.
  label: () => undefined,
  attachments: (visit) => [...(visit.letter?.files ?? [])],
  acknowledged: (row, ack) => markSynced(recordVersion(row, ack), ack),
};
