/**
 * Errors the store throws. Each has a stable `code` a view can switch on, an English `message` for logs and
 * `localized`: the same in the clerk's language (the store's `locale`, from the table in `messages.ts`), which is
 * what a view shows. Neither ever contains personal data (no names, identity numbers, phones or addresses).
 * @module
 */
import {
  DEFAULT_LOCALE,
  RECORD_NAMES,
  issueList,
  storeMessage,
  type RecordName,
  type StoreLocale,
} from './messages.js';

/** Why the store cannot read or write personal data right now. */
export type LockReason = 'locked' | 'other-clerk';

/** What every error of the store has: a `code`, an English `message` (logs) and a `localized` one (the clerk). */
export abstract class StoreError extends Error {
  /** Stable code a view can switch on. */
  abstract readonly code: string;
  /** The message in the clerk's language (the store's locale). */
  readonly localized: string;

  constructor(message: string, localized: string, options?: ErrorOptions) {
    super(message, options);
    this.localized = localized;
  }
}

/** The English text and the clerk's text of a particular case of an error (e.g. a lock with its own reason). */
export interface ErrorText {
  message: string;
  localized: string;
}

/**
 * Personal data was asked for (or given) while the store is locked, i.e. no clerk has unlocked it with
 * {@link WorkstationStore.unlock}, or the record was sealed by another clerk's key.
 */
export class StoreLockedError extends StoreError {
  override readonly name = 'StoreLockedError';
  readonly code = 'store-locked';
  constructor(
    /** `locked`: nobody has unlocked the store; `other-clerk`: the record belongs to another clerk's key. */
    readonly reason: LockReason = 'locked',
    locale: StoreLocale = DEFAULT_LOCALE,
    text: ErrorText = reason === 'locked'
      ? {
          message: 'The store is locked: sign in (store.unlock) to read or write personal data.',
          localized: storeMessage('storeLocked', locale),
        }
      : {
          message: 'This record was saved by another clerk on this workstation: that clerk must sign in to read it.',
          localized: storeMessage('otherClerk', locale),
        },
  ) {
    super(text.message, text.localized);
  }
}

/** {@link WorkstationStore.unlock} was given the wrong secret for this clerk. Nothing was changed. */
export class WrongSecretError extends StoreError {
  override readonly name = 'WrongSecretError';
  readonly code = 'wrong-secret';
  constructor(user: string, locale: StoreLocale = DEFAULT_LOCALE) {
    super(
      `The secret given for ${user} does not open this workstation's data; nothing was changed.`,
      storeMessage('wrongSecret', locale, { user }),
    );
  }
}

/** Another tab (or another store instance of this origin) is editing the draft. */
export class DraftLockedError extends StoreError {
  override readonly name = 'DraftLockedError';
  readonly code = 'draft-locked';
  constructor(
    readonly draftId: string,
    locale: StoreLocale = DEFAULT_LOCALE,
  ) {
    super(`Draft ${draftId} is open in another tab; close it there first.`, storeMessage('draftLocked', locale));
  }
}

/**
 * A case, rating or other record failed its schema. Nothing was stored. `issues` lists one line per problem in the
 * clerk's language, each starting with the field's path (messages from the core's schemas, which never repeat the
 * value); `englishIssues` the same in English, for logs (and the `message`).
 */
export class InvalidRecordError extends StoreError {
  override readonly name = 'InvalidRecordError';
  readonly code = 'invalid';
  readonly englishIssues: readonly string[];
  constructor(
    /** `case`, `rating`, `ticket`, `attachment` … */
    readonly record: RecordName,
    /** The problem lines in `locale`. */
    readonly issues: readonly string[],
    locale: StoreLocale = DEFAULT_LOCALE,
    /** The problem lines in English, when `issues` are not. */
    englishIssues: readonly string[] = issues,
  ) {
    super(
      `The ${record} is not valid and was not saved: ${englishIssues.join('; ')}`,
      storeMessage('invalidRecord', locale, { record: RECORD_NAMES[record], issues: issueList(issues, locale) }),
    );
    this.englishIssues = englishIssues;
  }
}

/**
 * The case-number state given to {@link WorkstationStore.saveCase} is not ahead of the stored one: another tab
 * at the same window issued that number already. Nothing was stored; restore the numberer from
 * {@link WorkstationStore.caseNumbererState} and number the case again.
 */
export class CaseNumberConflictError extends StoreError {
  override readonly name = 'CaseNumberConflictError';
  readonly code = 'case-number-conflict';
  constructor(hall: string, window: string, locale: StoreLocale = DEFAULT_LOCALE) {
    super(
      `Case number already issued at ${hall}/${window}: renumber the case from the stored state and save again.`,
      storeMessage('caseNumberConflict', locale, { window }),
    );
  }
}

/**
 * {@link WorkstationStore.saveCase} was given a case older (`updatedAt`) than the one stored: another tab (or an
 * edit made before a reload) saved a newer version. Nothing was stored; reload the case and apply the change to it.
 */
export class StaleCaseError extends StoreError {
  override readonly name = 'StaleCaseError';
  readonly code = 'stale-case';
  constructor(
    readonly caseId: string,
    /** `updatedAt` of the version stored on this workstation. */
    readonly storedUpdatedAt: string,
    /** `updatedAt` of the version that was refused. */
    readonly givenUpdatedAt: string,
    locale: StoreLocale = DEFAULT_LOCALE,
  ) {
    super(
      `Case ${caseId} was not saved: this workstation holds a newer version (updated ${storedUpdatedAt}, this one ` +
        `${givenUpdatedAt}), saved in another tab. Reload the case and apply the change again.`,
      storeMessage('staleCase', locale),
    );
  }
}

/**
 * An attachment this workstation holds could not be read back: its encrypted bytes were damaged (the decryption's
 * integrity check failed) or the browser lost the file behind the stored Blob. Attaching the same file again
 * ({@link WorkstationStore.putAttachment}) repairs it.
 */
export class AttachmentUnreadableError extends StoreError {
  override readonly name = 'AttachmentUnreadableError';
  readonly code = 'attachment-unreadable';
  constructor(
    readonly sha256: string,
    options?: { cause?: unknown; locale?: StoreLocale },
  ) {
    super(
      `The stored file ${sha256} cannot be read on this workstation (damaged or lost): attach it again.`,
      storeMessage('attachmentDamaged', options?.locale ?? DEFAULT_LOCALE),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}

/** The record does not exist (e.g. retrying a parked mutation that was already discarded). */
export class NotFoundError extends StoreError {
  override readonly name = 'NotFoundError';
  readonly code = 'not-found';
  constructor(text: ErrorText) {
    super(text.message, text.localized);
  }
}

/**
 * {@link WorkstationStore.recover} was asked to recover a clerk whose keyring on this workstation was never wrapped
 * for a hall recovery key (it was made, and the clerk has not unlocked since, without the recovery key given to
 * {@link WorkstationStore.unlock}). Their data here cannot be recovered. Nothing was changed.
 */
export class RecoveryUnavailableError extends StoreError {
  override readonly name = 'RecoveryUnavailableError';
  readonly code = 'recovery-unavailable';
  constructor(user: string, locale: StoreLocale = DEFAULT_LOCALE) {
    super(
      `The data of ${user} on this workstation is not wrapped for a hall recovery key (the clerk has not signed in ` +
        `here since the recovery key was set up), so it cannot be recovered; nothing was changed.`,
      storeMessage('recoveryUnavailable', locale, { user }),
    );
  }
}

/**
 * {@link WorkstationStore.recover} was given a private key that does not open the clerk's data key: not the private
 * key of the recovery key it was wrapped for (see `keyId`). Nothing was changed.
 */
export class WrongRecoveryKeyError extends StoreError {
  override readonly name = 'WrongRecoveryKeyError';
  readonly code = 'wrong-recovery-key';
  constructor(
    user: string,
    /** Id of the hall recovery key the clerk's data key is wrapped for: the one whose private key is needed. */
    readonly keyId: string,
    /** Id of the key that was given, when it could be told (a private JWK). */
    readonly givenKeyId?: string,
    locale: StoreLocale = DEFAULT_LOCALE,
  ) {
    super(
      `The recovery private key given does not open the data of ${user} on this workstation; nothing was changed. ` +
        `It needs the private key of hall recovery key ${keyId}` +
        (givenKeyId === undefined ? '.' : `, not of ${givenKeyId}.`),
      storeMessage('wrongRecoveryKey', locale, { user, keyId }),
    );
  }
}
