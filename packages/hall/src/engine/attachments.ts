/**
 * Attachments: files named by their SHA-256, whose bytes the transport keeps (the server on disk, the local hall in
 * IndexedDB). The engine decides who may upload and read them, keeps the quota, and removes files no case cites
 * once a grace period has passed.
 * @module
 */
import { formatBytes, hallIssue } from '@yichuang/hall-client/protocol.js';
import { first, get, put, query, remove } from '../storage/port.js';
import { ATTACHMENTS, CASES, CASE_ATTACHMENTS, SETTINGS, type AttachmentRow } from '../storage/tables.js';
import { mayHandle } from '../kinds/case-save.js';
import { fail, isoNow, type Caller, type EngineContext } from './context.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The file's name, lower-cased; 400 unless it is a SHA-256 in hex. */
export function attachmentName(caller: Pick<Caller, 'locale'>, sha256: unknown): string {
  const name = typeof sha256 === 'string' ? sha256.toLowerCase() : '';
  if (!SHA256_HEX.test(name)) {
    throw fail(caller.locale, 'invalid', 'badHash', {}, [hallIssue('badHash', caller.locale)]);
  }
  return name;
}

/** The setting that counts the bytes of the files the hall holds. */
const STORED_BYTES = 'attachments.bytes';

function* storedBytes() {
  return ((yield* get(SETTINGS, STORED_BYTES))?.value as number | undefined) ?? 0;
}

/** 413: the file would take the hall past its attachment quota. */
function overQuota(caller: Pick<Caller, 'locale'>, quota: number) {
  return fail(caller.locale, 'too-large', 'attachmentQuota', { limit: formatBytes(quota) });
}

/**
 * Whether the caller may upload a file of `size` bytes now: 413 beyond the largest attachment or the hall's quota.
 * Called before the bytes are stored, with the size the request declares, and again once they are (see
 * {@link recordAttachment}).
 */
export async function checkUpload(
  context: EngineContext,
  caller: Caller,
  sha256: unknown,
  size: number,
): Promise<string> {
  const name = attachmentName(caller, sha256);
  const { maxAttachmentBytes, attachmentQuotaBytes } = context.limits;
  if (size > maxAttachmentBytes)
    throw fail(caller.locale, 'too-large', 'tooLarge', { limit: formatBytes(maxAttachmentBytes) });
  const { used, held } = await context.read(function* () {
    return { used: yield* storedBytes(), held: (yield* get(ATTACHMENTS, name)) !== undefined };
  });
  // A file the hall holds takes no more room: sending it again (a retry) is never over the quota.
  if (!held && used + size > attachmentQuotaBytes) throw overQuota(caller, attachmentQuotaBytes);
  return name;
}

/**
 * Records a file whose bytes are in place (they hash to its name). Resolves whether it is new; 413 if it would pass
 * the quota (the transport then removes the bytes it stored).
 */
export async function recordAttachment(
  context: EngineContext,
  caller: Caller,
  sha256: string,
  size: number,
): Promise<boolean> {
  const at = isoNow(context);
  const { attachmentQuotaBytes } = context.limits;
  return context.write(function* () {
    if (yield* get(ATTACHMENTS, sha256)) return false;
    const used = yield* storedBytes();
    if (used + size > attachmentQuotaBytes) throw overQuota(caller, attachmentQuotaBytes);
    yield* put(ATTACHMENTS, { sha256, size, storedAt: at, by: caller.session.subject, orphanSince: at });
    yield* put(SETTINGS, { key: STORED_BYTES, value: used + size });
    return true;
  });
}

/** Whether the hall holds a record of the file (whoever may read it): a transport's question, never a caller's. */
export async function holdsAttachment(context: EngineContext, sha256: string): Promise<boolean> {
  return (await context.read(() => get(ATTACHMENTS, sha256))) !== undefined;
}

/**
 * The record of a file the caller may read: a manager any; a clerk one they uploaded or one a case they may read
 * cites. `undefined` otherwise, as for a file the hall does not hold.
 */
export async function readableAttachment(
  context: EngineContext,
  caller: Caller,
  sha256: unknown,
): Promise<AttachmentRow | undefined> {
  const name = attachmentName(caller, sha256);
  const at = isoNow(context);
  return context.read(function* () {
    const row = yield* get(ATTACHMENTS, name);
    if (!row) return undefined;
    if (caller.session.role === 'manager' || row.by === caller.session.subject) return row;
    for (const link of yield* query(CASE_ATTACHMENTS, 'sha256', { equals: [name] })) {
      const cited = yield* get(CASES, link.caseId);
      if (cited && (yield* mayHandle(caller.session, cited.id, cited.window, at))) return row;
    }
    return undefined;
  });
}

/**
 * Removes files no case has cited for longer than the grace period: their rows first (in one
 * transaction, re-checking that no case cites them), then their bytes. Resolves how many were removed.
 */
export async function sweepAttachments(context: EngineContext, limit = 500): Promise<number> {
  const before = new Date(context.now() - context.limits.orphanGraceMs).toISOString();
  const removed = await context.write(function* () {
    const gone: string[] = [];
    let freed = 0;
    for (const row of yield* query(ATTACHMENTS, 'orphan', { before, limit })) {
      if (yield* first(CASE_ATTACHMENTS, 'sha256', { equals: [row.sha256] })) continue;
      yield* remove(ATTACHMENTS, row.sha256);
      gone.push(row.sha256);
      freed += row.size;
    }
    if (freed > 0) yield* put(SETTINGS, { key: STORED_BYTES, value: Math.max(0, (yield* storedBytes()) - freed) });
    return gone;
  });
  for (const sha256 of removed) await context.files.delete(sha256);
  return removed.length;
}
