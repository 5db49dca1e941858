/**
 * The exchange between halls (跨省通办), written once: this hall's identity (an ECDSA P-256 key pair, the private key
 * sealed in its settings), the halls it enrols (address and public key), signed requests each way, the forwarding
 * packages it receives (checked against its own catalog, numbered, kept with their files) and the changes of state it
 * records, its outbox of what it still has to tell another hall (with retries), and the forwarded cases as clerks list
 * them. The transport (the hall server) moves the bytes: it signs and sends what the outbox holds, stores received
 * files, and hands each signed request here to be checked.
 * @module
 */
import {
  REMOTE_STATES,
  packageMaterialProblems,
  remoteMoveAllowed,
  remoteOverdue,
  toChinaDate,
  ulid,
  type Catalog,
  type RemotePackage,
  type RemoteState,
  type RemoteStep,
} from '@yichuang/core';
import {
  EXCHANGE_SKEW_MS,
  EnrolPeerSchema,
  ExchangePackageSchema,
  ExchangeUpdateSchema,
  HallError,
  RemoteDecisionSchema,
  canonicalJson,
  exchangeSigned,
  type CatalogSnapshot,
  type ExchangeUpdate,
  type HallIdentity,
  type HallPublicKey,
  type PackageReceipt,
  type Peer,
  type RemoteCase,
} from '@yichuang/hall-client/protocol.js';
import { add, get, put, query, remove, type TxBody } from '../storage/port.js';
import {
  ATTACHMENTS,
  CASE_ATTACHMENTS,
  CATALOG_ITEMS,
  EXCHANGE_OUTBOX,
  PEERS,
  PEER_CATALOGS,
  REMOTE_CASES,
  SETTINGS,
  type ExchangeOutboxRow,
  type RemoteCaseRow,
} from '../storage/tables.js';
import { audit, fail, isoNow, openingVault, parse, type Caller, type EngineContext } from './context.js';
import { sealedKeyId } from '../vault/vault.js';
import { appendEvent } from './events.js';
import { hallInfo } from './sessions.js';

const IDENTITY = 'exchange-identity';
const SIGNING = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_WITH = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** The window code the deciding hall numbers received cases under (异地). */
export const RECEIVING_WINDOW = 'YD';
/** The first retry after this many milliseconds, doubling up to the cap. */
const RETRY_BASE_MS = 500;
const RETRY_CAP_MS = 30_000;

/** The sealing contexts of a forwarded case's personal fields and of its applicant's name. */
export const remoteContext = (id: string): string => `remote:${id}`;
export const remoteNameContext = (id: string): string => `remote-name:${id}`;
const nameContext = remoteNameContext;

interface StoredIdentity {
  publicKey: HallPublicKey;
  /** The private key (JWK), sealed with the hall's vault. */
  sealed: string;
}

/** The hall's vault, which seals what no session does: the exchange needs it (a hall server has one). */
function hallVault(context: EngineContext) {
  const vault = context.secrets.hallVault();
  if (!vault?.canOpen)
    throw new HallError('This hall keeps no key of its own: it cannot exchange with other halls.', 'unavailable', 503);
  return vault;
}

/** Each hall's signing key once opened (per engine: two halls in one process keep their own). */
const signingKeys = new WeakMap<EngineContext, { hall: string; key: CryptoKey }>();

/** Key rotation: the identity's private key sealed again under the vault's current key. Resolves 1 if it changed. */
export async function resealIdentity(
  context: EngineContext,
  vault: {
    currentKeyId: string;
    open<T>(s: string, c: string): Promise<T>;
    seal(v: unknown, c: string): Promise<string>;
  },
): Promise<number> {
  const stored = (await context.read(() => get(SETTINGS, IDENTITY)))?.value as StoredIdentity | undefined;
  if (!stored || sealedKeyId(stored.sealed) === vault.currentKeyId) return 0;
  const sealed = await vault.seal(await vault.open<JsonWebKey>(stored.sealed, IDENTITY), IDENTITY);
  return context.write(function* () {
    const current = (yield* get(SETTINGS, IDENTITY))?.value as StoredIdentity | undefined;
    if (current?.sealed !== stored.sealed) return 0;
    yield* put(SETTINGS, { key: IDENTITY, value: { ...current, sealed } });
    return 1;
  });
}

/** This hall's identity: its code, name and public key (made on first use, the private key sealed). */
export async function identity(context: EngineContext): Promise<HallIdentity> {
  const hall = await context.read(hallInfo);
  if (!hall) throw new HallError('The hall is not set up.', 'unavailable', 503);
  const stored = (await context.read(() => get(SETTINGS, IDENTITY)))?.value as StoredIdentity | undefined;
  if (stored) return { hall: hall.code, name: hall.name, publicKey: stored.publicKey };
  const pair = (await crypto.subtle.generateKey(SIGNING, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { kty, crv, x, y } = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Record<string, string>;
  const publicKey = { kty, crv, x, y } as HallPublicKey;
  const sealed = await hallVault(context).seal(await crypto.subtle.exportKey('jwk', pair.privateKey), IDENTITY);
  // Two first calls at once: the first stored wins, and both answer it.
  const kept = await context.write(function* () {
    const again = (yield* get(SETTINGS, IDENTITY))?.value as StoredIdentity | undefined;
    if (again) return again;
    const made: StoredIdentity = { publicKey, sealed };
    yield* put(SETTINGS, { key: IDENTITY, value: made });
    return made;
  });
  return { hall: hall.code, name: hall.name, publicKey: kept.publicKey };
}

async function privateKey(context: EngineContext): Promise<{ hall: string; key: CryptoKey }> {
  const me = await identity(context);
  const held = signingKeys.get(context);
  if (held?.hall === me.hall) return held;
  const stored = (await context.read(() => get(SETTINGS, IDENTITY)))!.value as StoredIdentity;
  const jwk = await hallVault(context).open<JsonWebKey>(stored.sealed, IDENTITY);
  const key = await crypto.subtle.importKey('jwk', jwk, SIGNING, false, ['sign']);
  const opened = { hall: me.hall, key };
  signingKeys.set(context, opened);
  return opened;
}

const toBase64Url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const fromBase64Url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

/** The headers of a signed request from this hall to `to` (see the protocol's `exchangeSigned`). */
export async function signRequest(
  context: EngineContext,
  to: string,
  method: string,
  path: string,
  body: string,
): Promise<{ hall: string; time: string; signature: string }> {
  const { hall, key } = await privateKey(context);
  const time = isoNow(context);
  const text = exchangeSigned({ from: hall, to, time, method, path, bodySha256: await context.sha256(body) });
  const signature = await crypto.subtle.sign(SIGN_WITH, key, new TextEncoder().encode(text));
  return { hall, time, signature: toBase64Url(signature) };
}

/**
 * The hall a signed request comes from, once its signature is checked against that hall's enrolled key and its time
 * is within the allowed skew: 401 otherwise (an unknown hall, a wrong signature, an old or future time).
 */
export async function verifyRequest(
  context: EngineContext,
  headers: { hall?: string | undefined; time?: string | undefined; signature?: string | undefined },
  method: string,
  path: string,
  body: string,
): Promise<string> {
  const refuse = (why: string) =>
    new HallError(`The request between halls is refused: ${why}.`, 'unauthenticated', 401);
  const { hall: from, time, signature } = headers;
  if (!from || !time || !signature) throw refuse('it is not signed');
  const peer = await context.read(() => get(PEERS, from));
  if (!peer) throw refuse(`hall ${from} is not enrolled here`);
  const at = Date.parse(time);
  if (!Number.isFinite(at) || Math.abs(at - context.now()) > EXCHANGE_SKEW_MS) throw refuse('its time is off');
  const me = await context.read(hallInfo);
  const text = exchangeSigned({ from, to: me?.code ?? '', time, method, path, bodySha256: await context.sha256(body) });
  let ok = false;
  try {
    const key = await crypto.subtle.importKey('jwk', { ...peer.publicKey, ext: true }, SIGNING, false, ['verify']);
    ok = await crypto.subtle.verify(SIGN_WITH, key, fromBase64Url(signature), new TextEncoder().encode(text));
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('its signature does not match the hall’s key');
  return from;
}

// ---- peers ----

/** Enrols (or updates) another hall: a manager's act, audited. */
export async function enrolPeer(context: EngineContext, caller: Caller, body: unknown): Promise<Peer> {
  const peer = parse(EnrolPeerSchema, body, caller.locale);
  const me = await context.read(hallInfo);
  if (peer.hall === me?.code) throw fail(caller.locale, 'invalid', 'invalid', {}, ['hall: another hall than this one']);
  const at = isoNow(context);
  await context.write(function* () {
    yield* put(PEERS, { ...peer, publicKey: { ...peer.publicKey }, enrolledAt: at, by: caller.session.subject });
    yield* audit(caller.session.subject, at, 'enrol-peer', peer.hall);
  });
  return { hall: peer.hall, name: peer.name, url: peer.url, region: peer.region, enrolledAt: at };
}

/** The halls this one exchanges with, with the version of the catalog kept of each. */
export async function peers(context: EngineContext): Promise<Peer[]> {
  return context.read(function* () {
    const rows = yield* query(PEERS, ':key');
    const list: Peer[] = [];
    for (const row of rows) {
      const copy = yield* get(PEER_CATALOGS, row.hall);
      list.push({
        hall: row.hall,
        name: row.name,
        url: row.url,
        region: row.region,
        enrolledAt: row.enrolledAt,
        ...(copy ? { catalogVersion: copy.version, catalogFetchedAt: copy.fetchedAt } : {}),
      });
    }
    return list;
  });
}

/** The address of an enrolled hall (for the transport), or `undefined`. */
export async function peerUrl(context: EngineContext, hall: string): Promise<string | undefined> {
  return (await context.read(() => get(PEERS, hall)))?.url;
}

/** Keeps the catalog another hall answered (the transport fetched it, signed). */
export async function keepPeerCatalog(context: EngineContext, hall: string, snapshot: CatalogSnapshot): Promise<void> {
  const at = isoNow(context);
  await context.write(function* () {
    if (!(yield* get(PEERS, hall))) return;
    yield* put(PEER_CATALOGS, { hall, version: snapshot.catalog.version, fetchedAt: at, catalog: snapshot.catalog });
  });
}

/** The copy kept of another hall's catalog: 404 when none was fetched yet. */
export async function peerCatalog(context: EngineContext, caller: Caller, hall: unknown): Promise<Catalog> {
  const row = typeof hall === 'string' ? await context.read(() => get(PEER_CATALOGS, hall)) : undefined;
  if (!row) throw fail(caller.locale, 'not-found', 'peerCatalogNotFound');
  return row.catalog as Catalog;
}

// ---- the collecting hall ----

/** The package's digest: SHA-256 of its canonical JSON. */
export function packageDigest(sha256: (text: string) => Promise<string>, pkg: RemotePackage): Promise<string> {
  return sha256(canonicalJson(pkg));
}

/** The row of a package collected here (inside `remote.save`'s transaction), and its place in the outbox. */
export function* recordCollected(
  pkg: RemotePackage,
  sealed: { personal: string; name: string },
  digest: string,
  at: string,
): TxBody<RemoteCaseRow> {
  const { applicant: _applicant, proxy: _proxy, address: _address, ...body } = pkg;
  const row: RemoteCaseRow = {
    id: pkg.id,
    direction: 'out',
    peer: pkg.target.hall,
    number: pkg.number,
    window: pkg.window,
    state: 'forwarded',
    day: toChinaDate(new Date(pkg.collectedAt)),
    body: body as Record<string, unknown>,
    sealed: sealed.personal,
    name: sealed.name,
    history: [
      { state: 'collected', at: pkg.collectedAt, hall: pkg.hall },
      { state: 'forwarded', at, hall: pkg.hall },
    ],
    digest,
    createdAt: at,
    updatedAt: at,
  };
  yield* add(REMOTE_CASES, row);
  yield* put(EXCHANGE_OUTBOX, {
    id: ulid(Date.parse(at)),
    peer: pkg.target.hall,
    kind: 'package',
    caseId: pkg.id,
    attempts: 0,
    nextAt: Date.parse(at),
    createdAt: at,
  });
  return row;
}

/** Seals a package's personal fields and its applicant's name. */
export async function sealPackage(
  vault: { seal(value: unknown, context: string): Promise<string> },
  pkg: RemotePackage,
): Promise<{ personal: string; name: string }> {
  const personal = {
    applicant: pkg.applicant,
    ...(pkg.proxy === undefined ? {} : { proxy: pkg.proxy }),
    ...(pkg.address === undefined ? {} : { address: pkg.address }),
  };
  const [sealedPersonal, name] = await Promise.all([
    vault.seal(personal, remoteContext(pkg.id)),
    vault.seal(pkg.applicant.name, nameContext(pkg.id)),
  ]);
  return { personal: sealedPersonal, name };
}

/** A package whole again, from its row. */
async function packageOf(context: EngineContext, row: RemoteCaseRow): Promise<RemotePackage> {
  const personal = await hallVault(context).open<Pick<RemotePackage, 'applicant' | 'proxy' | 'address'>>(
    row.sealed,
    remoteContext(row.id),
  );
  return { ...(row.body as Omit<RemotePackage, 'applicant' | 'proxy' | 'address'>), ...personal } as RemotePackage;
}

/** What the transport has to send now, oldest first: each with the request's path and body, and the files to attach. */
export async function dueExchanges(
  context: EngineContext,
  limit = 10,
): Promise<{ row: ExchangeOutboxRow; url: string; path: string; body: Record<string, unknown>; files: string[] }[]> {
  const now = context.now();
  const rows = await context.read(() => query(EXCHANGE_OUTBOX, 'nextAt', { before: now + 1, limit }));
  const due = [];
  for (const row of rows) {
    const [peer, stored] = await context.read(function* () {
      return [yield* get(PEERS, row.peer), yield* get(REMOTE_CASES, row.caseId)] as const;
    });
    if (!peer || !stored) {
      await context.write(() => remove(EXCHANGE_OUTBOX, row.id));
      continue;
    }
    if (row.kind === 'package') {
      const pkg = await packageOf(context, stored);
      due.push({
        row,
        url: peer.url,
        path: '/api/v1/exchange/packages',
        body: { package: pkg },
        files: [...new Set(pkg.materials.flatMap((m) => m.files))],
      });
    } else {
      due.push({
        row,
        url: peer.url,
        path: '/api/v1/exchange/updates',
        body: { caseId: row.caseId, ...row.update },
        files: [],
      });
    }
  }
  return due;
}

/** The other hall answered an outbox entry: it is done (a package's receipt records the deciding hall's number). */
export async function exchangeDelivered(
  context: EngineContext,
  row: ExchangeOutboxRow,
  receipt?: PackageReceipt,
): Promise<void> {
  const at = isoNow(context);
  await context.write(function* () {
    if (!(yield* get(EXCHANGE_OUTBOX, row.id))) return;
    yield* remove(EXCHANGE_OUTBOX, row.id);
    if (row.kind !== 'package' || !receipt) return;
    const stored = yield* get(REMOTE_CASES, row.caseId);
    if (!stored || stored.state !== 'forwarded') return;
    const next: RemoteCaseRow = {
      ...stored,
      state: 'received',
      remoteNumber: receipt.remoteNumber,
      history: [...stored.history, { state: 'received', at, hall: row.peer }],
      updatedAt: at,
    };
    yield* put(REMOTE_CASES, next);
    yield* appendEvent(remoteEvent(next, at));
  });
}

/** An outbox entry failed (the other hall away, or refusing): tried again later, the wait doubling. */
export async function exchangeFailed(context: EngineContext, row: ExchangeOutboxRow, why: string): Promise<void> {
  await context.write(function* () {
    const stored = yield* get(EXCHANGE_OUTBOX, row.id);
    if (!stored) return;
    const attempts = stored.attempts + 1;
    const wait = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
    yield* put(EXCHANGE_OUTBOX, { ...stored, attempts, nextAt: context.now() + wait, lastError: why.slice(0, 200) });
  });
}

/** When the next outbox entry is due (epoch ms), or `undefined` when there is none. */
export async function nextExchangeAt(context: EngineContext): Promise<number | undefined> {
  const [row] = await context.read(() => query(EXCHANGE_OUTBOX, 'nextAt', { limit: 1 }));
  return row?.nextAt;
}

/** The deciding hall moved a case on: recorded here when the move is allowed; the same move again changes nothing. */
export async function receiveUpdate(
  context: EngineContext,
  from: string,
  body: unknown,
): Promise<{ status: 'applied' | 'duplicate' }> {
  const update: ExchangeUpdate = parse(ExchangeUpdateSchema, body, 'en-US');
  const at = isoNow(context);
  return context.write(function* () {
    const stored = yield* get(REMOTE_CASES, update.caseId);
    if (!stored || stored.direction !== 'out' || stored.peer !== from) {
      throw new HallError(`No case ${update.caseId} was forwarded to hall ${from}.`, 'not-found', 404);
    }
    if (stored.history.some((step) => step.state === update.state)) return { status: 'duplicate' as const };
    if (!remoteMoveAllowed(stored.state, update.state)) {
      throw new HallError(`The case is ${stored.state} here: it cannot become ${update.state}.`, 'conflict', 409);
    }
    const step: RemoteStep = {
      state: update.state,
      at: update.at,
      hall: from,
      ...(update.note ? { note: update.note } : {}),
    };
    const next: RemoteCaseRow = {
      ...stored,
      state: update.state,
      history: [...stored.history, step],
      ...(update.result ? { result: update.result } : {}),
      updatedAt: at,
    };
    yield* put(REMOTE_CASES, next);
    yield* appendEvent(remoteEvent(next, at));
    return { status: 'applied' as const };
  });
}

// ---- the deciding hall ----

/**
 * A forwarding package from another hall, its files already stored by the transport (`files`: each one's size):
 * checked against this hall's catalog (the item version it names, the materials it asks for), numbered, kept with
 * its files. The same package again answers the same number (`duplicate`); another package under its id is refused.
 */
export async function receivePackage(
  context: EngineContext,
  from: string,
  body: unknown,
  files: ReadonlyMap<string, number>,
): Promise<PackageReceipt> {
  const parsed = parse(ExchangePackageSchema, body, 'en-US');
  const pkg = parsed.package;
  const me = await context.read(hallInfo);
  if (pkg.hall !== from || pkg.target.hall !== me?.code) {
    throw new HallError(`The package is not from hall ${from} to this hall.`, 'forbidden', 403);
  }
  const digest = await packageDigest(context.sha256, pkg);
  const held = await context.read(() => get(REMOTE_CASES, pkg.id));
  if (held) {
    if (held.digest !== digest || held.direction !== 'in') {
      throw new HallError(`Another package was received under id ${pkg.id}.`, 'conflict', 409);
    }
    return { status: 'duplicate', remoteNumber: held.number };
  }
  const facts = (await context.read(() => get(CATALOG_ITEMS, `${pkg.item.itemId}@${pkg.item.version}`)))?.facts;
  if (!facts) {
    throw new HallError(
      `This hall's catalog has no item ${pkg.item.itemId} version ${pkg.item.version}.`,
      'invalid',
      400,
      [`item: ${pkg.item.itemId}@${pkg.item.version} is not published here`],
    );
  }
  const problems = packageMaterialProblems(pkg, facts);
  if (problems.unknown.length > 0 || problems.missing.length > 0) {
    throw new HallError('The package does not fit the item here.', 'invalid', 400, [
      ...problems.unknown.map((id) => `materials: ${id} is not a material of the item here`),
      ...problems.missing.map((name) => `materials: ${name} is required and missing`),
    ]);
  }
  const cited = [...new Set(pkg.materials.flatMap((m) => m.files))];
  const absent = cited.filter((sha) => !files.has(sha));
  if (absent.length > 0)
    throw new HallError(`The package lacks ${absent.length} of its files.`, 'invalid', 400, absent);
  const sealed = await sealPackage(hallVault(context), pkg);
  const at = isoNow(context);
  const day = toChinaDate(new Date(context.now()));
  return context.write(function* () {
    const again = yield* get(REMOTE_CASES, pkg.id);
    if (again) return { status: 'duplicate' as const, remoteNumber: again.number };
    const today = yield* query(REMOTE_CASES, 'day', { equals: ['in', day] });
    const number = `${me.code}-${day.replaceAll('-', '')}-${RECEIVING_WINDOW}-${String(today.length + 1).padStart(4, '0')}`;
    const { applicant: _applicant, proxy: _proxy, address: _address, ...rest } = pkg;
    const row: RemoteCaseRow = {
      id: pkg.id,
      direction: 'in',
      peer: from,
      number,
      remoteNumber: pkg.number,
      window: RECEIVING_WINDOW,
      state: 'received',
      day,
      body: rest as Record<string, unknown>,
      sealed: sealed.personal,
      name: sealed.name,
      history: [
        { state: 'collected', at: pkg.collectedAt, hall: from },
        { state: 'received', at, hall: me.code },
      ],
      digest,
      createdAt: at,
      updatedAt: at,
    };
    yield* add(REMOTE_CASES, row);
    for (const sha256 of cited) {
      if (!(yield* get(ATTACHMENTS, sha256))) {
        yield* put(ATTACHMENTS, { sha256, size: files.get(sha256) ?? 0, storedAt: at, by: `hall:${from}` });
      }
      yield* put(CASE_ATTACHMENTS, { key: `${pkg.id}|${sha256}`, caseId: pkg.id, sha256 });
    }
    yield* appendEvent(remoteEvent(row, at));
    return { status: 'received' as const, remoteNumber: number };
  });
}

/**
 * The deciding hall's clerk moves a received case on (accepts, refuses with the reason, decides with the result,
 * returns the result): recorded here and queued for the collecting hall.
 */
export async function decideRemote(
  context: EngineContext,
  caller: Caller,
  id: unknown,
  body: unknown,
): Promise<RemoteCase> {
  openingVault(caller);
  const decision = parse(RemoteDecisionSchema, body, caller.locale);
  const at = isoNow(context);
  const row = await context.write(function* () {
    const stored = typeof id === 'string' ? yield* get(REMOTE_CASES, id) : undefined;
    if (!stored || stored.direction !== 'in') throw fail(caller.locale, 'not-found', 'remoteCaseNotFound');
    if (!remoteMoveAllowed(stored.state, decision.to)) {
      throw new HallError(
        caller.locale === 'en-US'
          ? `The case is “${REMOTE_STATES[stored.state].en}”: it cannot become “${REMOTE_STATES[decision.to].en}”.`
          : `该件当前为“${REMOTE_STATES[stored.state].zh}”，不能改为“${REMOTE_STATES[decision.to].zh}”。`,
        'conflict',
        409,
      );
    }
    const me = yield* hallInfo();
    const step: RemoteStep = {
      state: decision.to,
      at,
      hall: me?.code ?? '',
      ...(decision.note ? { note: decision.note } : {}),
    };
    const next: RemoteCaseRow = {
      ...stored,
      state: decision.to,
      history: [...stored.history, step],
      ...(decision.result ? { result: decision.result } : {}),
      updatedAt: at,
    };
    yield* put(REMOTE_CASES, next);
    yield* put(EXCHANGE_OUTBOX, {
      id: ulid(context.now()),
      peer: stored.peer,
      kind: 'update',
      caseId: stored.id,
      update: {
        state: decision.to,
        at,
        ...(decision.note ? { note: decision.note } : {}),
        ...(decision.result ? { result: decision.result } : {}),
      },
      attempts: 0,
      nextAt: context.now(),
      createdAt: at,
    });
    yield* appendEvent(remoteEvent(next, at));
    return next;
  });
  return viewOf(context, row, caller);
}

// ---- lists ----

/** The forwarded cases a clerk sees: collected at their windows (`out`), or received here (`in`); newest first. */
export async function remoteCases(context: EngineContext, caller: Caller, query_: unknown): Promise<RemoteCase[]> {
  openingVault(caller);
  const direction = (query_ as { direction?: unknown } | undefined)?.direction === 'in' ? 'in' : 'out';
  const rows = await context.read(() =>
    query(REMOTE_CASES, 'direction', { equals: [direction], reverse: true, limit: 500 }),
  );
  const session = caller.session;
  const mine = rows.filter(
    (row) => direction === 'in' || session.role === 'manager' || session.windows.includes(row.window),
  );
  return Promise.all(mine.map((row) => viewOf(context, row, caller)));
}

async function viewOf(context: EngineContext, row: RemoteCaseRow, caller: Caller): Promise<RemoteCase> {
  const body = row.body as Omit<RemotePackage, 'applicant' | 'proxy' | 'address'>;
  const applicantName = await openingVault(caller).open<string>(row.name, nameContext(row.id));
  return {
    id: row.id,
    direction: row.direction,
    peer: row.peer,
    number: row.direction === 'out' ? row.number : (row.remoteNumber ?? ''),
    ...(row.direction === 'out'
      ? row.remoteNumber === undefined
        ? {}
        : { remoteNumber: row.remoteNumber }
      : { remoteNumber: row.number }),
    window: body.window,
    state: row.state,
    mode: body.mode,
    target: body.target,
    item: body.item,
    returnWay: body.returnWay,
    applicantName,
    materials: body.materials,
    history: row.history,
    ...(row.result ? { result: row.result } : {}),
    collectedAt: body.collectedAt,
    updatedAt: row.updatedAt,
    overdue: remoteOverdue(
      { state: row.state, collectedAt: body.collectedAt, history: row.history },
      new Date(context.now()),
    ),
  };
}

/** The event of a forwarded case's change. */
export function remoteEvent(row: RemoteCaseRow, at: string) {
  return {
    type: 'remote.updated' as const,
    at,
    data: {
      caseId: row.id,
      number: row.number,
      direction: row.direction,
      window: row.window,
      state: row.state as RemoteState,
    },
  };
}
