/**
 * `remote.save`: a case collected at this window for another region's hall (跨省通办). Kept in `remoteCases`; recorded
 * once (not versioned): what happens to it afterwards is the halls' to tell. Its scans are uploaded before it is
 * sent and kept while it waits.
 * @module
 */
import { packageFiles } from '@yichuang/core';
import { markSynced, type StoreKind } from './kind.js';

export const remoteSave: StoreKind<'remote.save'> = {
  kind: 'remote.save',
  table: 'remoteCases',
  versioned: false,
  auditUnderRecord: false,
  record: (pkg) => pkg.id,
  subject: (pkg) => pkg.id,
  label: (pkg) => pkg.number,
  attachments: (pkg) => packageFiles(pkg),
  acknowledged: (row, ack) => markSynced(row, ack),
};
