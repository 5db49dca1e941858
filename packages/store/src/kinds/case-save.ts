/**
 * `case.save`: a case as the window took it in or changed it. Kept in `cases`, one row per case; versioned by the
 * hall, so a save names its base and the row keeps the hall's version and the case's last unacknowledged save.
 * @module
 */
import { attachmentsOf } from '../db/references.js';
import { markSynced, recordVersion, type StoreKind } from './kind.js';

export const caseSave: StoreKind<'case.save'> = {
  kind: 'case.save',
  table: 'cases',
  versioned: true,
  auditUnderRecord: true,
  record: (value) => value.id,
  subject: (value) => value.id,
  label: (value) => value.number,
  attachments: (value) => attachmentsOf(value),
  acknowledged: (row, ack) => markSynced(recordVersion(row, ack), ack),
};
