/**
 * Errors the store throws. Each has a stable `code` a view can switch on and a message that never contains
 * personal data (no names, identity numbers, phones or addresses).
 * @module
 */

/** Why the store cannot read or write personal data right now. */
export type LockReason = 'locked' | 'other-clerk';

/**
 * Personal data was asked for (or given) while the store is locked, i.e. no clerk has unlocked it with
 * {@link WorkstationStore.unlock}, or the record was sealed by another clerk's key.
 */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  readonly code = 'store-locked';
  constructor(
    /** `locked`: nobody has unlocked the store; `other-clerk`: the record belongs to another clerk's key. */
    readonly reason: LockReason = 'locked',
    message = reason === 'locked'
      ? 'The store is locked: sign in (store.unlock) to read or write personal data.'
      : 'This record was saved by another clerk on this workstation: that clerk must sign in to read it.',
  ) {
    super(message);
  }
}

/** {@link WorkstationStore.unlock} was given the wrong secret for this clerk. Nothing was changed. */
export class WrongSecretError extends Error {
  override readonly name = 'WrongSecretError';
  readonly code = 'wrong-secret';
  constructor(user: string) {
    super(`The secret given for ${user} does not open this workstation's data; nothing was changed.`);
  }
}

/** Another tab (or another store instance of this origin) is editing the draft. */
export class DraftLockedError extends Error {
  override readonly name = 'DraftLockedError';
  readonly code = 'draft-locked';
  constructor(readonly draftId: string) {
    super(`Draft ${draftId} is open in another tab; close it there first.`);
  }
}

/**
 * A case, rating or other record failed its schema. Nothing was stored. `issues` lists one line per problem, each
 * starting with the field's name (messages from the core's schemas, which never repeat the value).
 */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
  readonly code = 'invalid';
  constructor(
    /** `case`, `rating`, `ticket`, `attachment` … */
    readonly record: string,
    readonly issues: readonly string[],
  ) {
    super(`The ${record} is not valid and was not saved: ${issues.join('; ')}`);
  }
}

/**
 * The case-number state given to {@link WorkstationStore.saveCase} is not ahead of the stored one: another tab
 * at the same window issued that number already. Nothing was stored; restore the numberer from
 * {@link WorkstationStore.caseNumbererState} and number the case again.
 */
export class CaseNumberConflictError extends Error {
  override readonly name = 'CaseNumberConflictError';
  readonly code = 'case-number-conflict';
  constructor(hall: string, window: string) {
    super(`Case number already issued at ${hall}/${window}: renumber the case from the stored state and save again.`);
  }
}

/**
 * {@link WorkstationStore.saveCase} was given a case older (`updatedAt`) than the one stored: another tab (or an
 * edit made before a reload) saved a newer version. Nothing was stored; reload the case and apply the change to it.
 */
export class StaleCaseError extends Error {
  override readonly name = 'StaleCaseError';
  readonly code = 'stale-case';
  constructor(
    readonly caseId: string,
    /** `updatedAt` of the version stored on this workstation. */
    readonly storedUpdatedAt: string,
    /** `updatedAt` of the version that was refused. */
    readonly givenUpdatedAt: string,
  ) {
    super(
      `Case ${caseId} was not saved: this workstation holds a newer version (updated ${storedUpdatedAt}, this one ` +
        `${givenUpdatedAt}), saved in another tab. Reload the case and apply the change again.`,
    );
  }
}

/**
 * An attachment this workstation holds could not be read back: its encrypted bytes were damaged (the decryption's
 * integrity check failed) or the browser lost the file behind the stored Blob. Attaching the same file again
 * ({@link WorkstationStore.putAttachment}) repairs it.
 */
export class AttachmentUnreadableError extends Error {
  override readonly name = 'AttachmentUnreadableError';
  readonly code = 'attachment-unreadable';
  constructor(
    readonly sha256: string,
    options?: { cause?: unknown },
  ) {
    super(`The stored file ${sha256} cannot be read on this workstation (damaged or lost): attach it again.`, options);
  }
}

/** The record does not exist (e.g. retrying a parked mutation that was already discarded). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'not-found';
}
