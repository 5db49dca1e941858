import * as v from 'valibot';
import { formatIssues, type SchemaLocale } from '@yichuang/core';
import {
  ERROR_STATUS,
  HALL_MESSAGES,
  HallError,
  fillMessage,
  type ErrorCode,
  type HallEvent,
  type HallLocale,
  type HallMessageKey,
  type MessageValue,
} from '@yichuang/hall-client/protocol.js';
import { ulid } from '@yichuang/core';
import { put, type HallStoragePort, type TxBody } from '../storage/port.js';
import { HALL_AUDIT } from '../storage/tables.js';
import type { HallLimits } from './limits.js';
import type { HallSecrets } from './secrets.js';

import type { Caller } from '../caller.js';
import type { Vault } from '../vault/vault.js';
import type { ApplicantNotifier } from './results.js';

export type { Caller } from '../caller.js';

/** The bytes of attachments, kept where the transport keeps them (disk, IndexedDB); the engine only removes. */
export interface FileStore {
  /** Removes the file of `sha256` (nothing if there is none). */
  delete(sha256: string): Promise<void>;
}

/** What the engine's parts share. */
export interface EngineContext {
  readonly storage: HallStoragePort;
  readonly secrets: HallSecrets;
  readonly files: FileStore;
  readonly limits: HallLimits;
  /** The hall's clock, epoch milliseconds. */
  readonly now: () => number;
  /** Reported by health. */
  readonly version: string;
  /** SHA-256 of text, lower-case hex (WebCrypto by default; the hall server passes Node's, without a thread hop). */
  readonly sha256: (text: string) => Promise<string>;
  /** Runs a read transaction. */
  read<T>(body: () => TxBody<T>): Promise<T>;
  /** Runs a write transaction; the events it appended are delivered once it committed. */
  write<T>(body: () => TxBody<T>): Promise<T>;
  /** Tells listeners of events a committed transaction appended. */
  committed(events: readonly HallEvent[]): void;
  /** Tells transports that sessions ended (logout, take-over, revocation): their streams end. */
  sessionsEnded(tokenHashes: readonly string[]): void;
  /** Where the hall's messages to applicants go (an SMS gateway); none: applicants are not told by SMS. */
  readonly notifier?: ApplicantNotifier;
}

/** A message of the hall in a language. */
export function say(
  locale: HallLocale,
  key: HallMessageKey,
  params: Readonly<Record<string, MessageValue>> = {},
): string {
  return fillMessage(HALL_MESSAGES[key], locale, params);
}

/** A {@link HallError} with `code`'s status and the message of `key` in the caller's language. */
export function fail(
  locale: HallLocale,
  code: ErrorCode,
  key: HallMessageKey,
  params: Readonly<Record<string, MessageValue>> = {},
  issues: readonly string[] = [],
): HallError {
  return new HallError(say(locale, key, params), code, ERROR_STATUS[code], issues);
}

/** Parses `input` with `schema` in the caller's language, or throws 400 `invalid` with one line per problem. */
export function parse<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  locale: HallLocale,
  prefix?: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { lang: locale satisfies SchemaLocale });
  if (result.success) return result.output;
  throw fail(locale, 'invalid', 'invalid', {}, formatIssues(result.issues, prefix === undefined ? {} : { prefix }));
}

/** The caller's vault, when it opens what is sealed (a person's): 403 for a device's, or none. */
export function openingVault(caller: Caller): Vault {
  if (!caller.vault?.canOpen) throw fail(caller.locale, 'forbidden', 'forbidden', { role: caller.session.role });
  return caller.vault;
}

/** The hall's time as an ISO timestamp. */
export function isoNow(context: Pick<EngineContext, 'now'>): string {
  return new Date(context.now()).toISOString();
}

/** Appends a line to the settings audit (inside a write transaction): who did what to which, at the hall's time. */
export function* audit(actor: string, at: string, action: string, target: string): TxBody<void> {
  yield* put(HALL_AUDIT, { id: ulid(Date.parse(at)), at, actor, action, target });
}
