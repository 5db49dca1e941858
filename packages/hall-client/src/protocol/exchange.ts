/**
 * The exchange between halls (跨省通办): how a hall enrols another (its address and public key), the signed requests
 * one hall sends another (a forwarding package, a change of state), a deciding hall's clerk's decision, and the
 * forwarded cases as a clerk lists them.
 * @module
 */
import * as v from 'valibot';
import {
  DECIDING_STATES,
  HallCodeSchema,
  RemotePackageSchema,
  RemoteResultSchema,
  bilingual,
  objectMessage,
  ulidSchema,
  type CrossProvinceMode,
  type RemoteResult,
  type RemoteState,
  type RemoteStep,
  type ReturnWay,
} from '@yichuang/core';

/** Headers of a request between halls: who sends it, when, and its signature. */
export const EXCHANGE_HEADERS = {
  hall: 'x-yc-hall',
  time: 'x-yc-time',
  signature: 'x-yc-signature',
} as const;

/** How far a signed request's time may be from the receiving hall's clock, in milliseconds. */
export const EXCHANGE_SKEW_MS = 5 * 60_000;

/**
 * What a hall signs (ECDSA P-256, SHA-256) for a request to another: the sender, the receiver, the time, the method
 * and path, and the SHA-256 of the body. The receiver names itself, so a request cannot be replayed to another hall.
 */
export function exchangeSigned(parts: {
  from: string;
  to: string;
  time: string;
  method: string;
  path: string;
  bodySha256: string;
}): string {
  return [
    'yichuang-exchange-1',
    parts.from,
    parts.to,
    parts.time,
    `${parts.method} ${parts.path}`,
    parts.bodySha256,
  ].join('\n');
}

const b64url = (label: string) =>
  v.pipe(
    v.string(bilingual(`${label}: a base64url string`, `${label}: 应为 base64url 字符串`)),
    v.regex(/^[A-Za-z0-9_-]{43}$/, bilingual(`${label}: 32 bytes in base64url`, `${label}: 应为 32 字节的 base64url`)),
  );

/** A hall's public key: an EC P-256 key as a JWK (public part only). */
export const HallPublicKeySchema = v.object(
  {
    kty: v.literal('EC', bilingual("publicKey.kty: 'EC'", "publicKey.kty: 应为 'EC'")),
    crv: v.literal('P-256', bilingual("publicKey.crv: 'P-256'", "publicKey.crv: 应为 'P-256'")),
    x: b64url('publicKey.x'),
    y: b64url('publicKey.y'),
  },
  objectMessage('publicKey'),
);
export type HallPublicKey = v.InferOutput<typeof HallPublicKeySchema>;

/** What a hall says of itself to another (`GET /exchange/identity`), for the other's manager to enrol it. */
export interface HallIdentity {
  hall: string;
  name: string;
  publicKey: HallPublicKey;
}

/** `POST /peers`: a manager enrols another hall by its address and public key. */
export const EnrolPeerSchema = v.object(
  {
    hall: HallCodeSchema,
    name: v.pipe(
      v.string(bilingual('name: the hall’s name', 'name: 应填写大厅名称')),
      v.trim(),
      v.minLength(1, bilingual('name: must not be empty', 'name: 不能为空')),
      v.maxLength(100, bilingual('name: at most 100 characters', 'name: 不能超过 100 个字符')),
    ),
    url: v.pipe(
      v.string(bilingual('url: the hall server’s address', 'url: 应填写大厅服务器地址')),
      v.maxLength(200, bilingual('url: at most 200 characters', 'url: 不能超过 200 个字符')),
      v.regex(
        /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/,
        bilingual('url: an http(s) address, e.g. https://hall.example.gov.cn', 'url: 应为 http(s) 地址'),
      ),
    ),
    /** The region the hall serves (GB/T 2260, province level or below): what the desk chooses it by. */
    region: v.pipe(
      v.string(bilingual('region: a division code', 'region: 应填写行政区划代码')),
      v.regex(/^\d{6}$/, bilingual('region: six digits (GB/T 2260)', 'region: 应为 6 位行政区划代码')),
    ),
    publicKey: HallPublicKeySchema,
  },
  objectMessage('peer'),
);
export type EnrolPeer = v.InferOutput<typeof EnrolPeerSchema>;

/** An enrolled hall, as clerks and managers list them (`GET /peers`). */
export interface Peer {
  hall: string;
  name: string;
  url: string;
  region: string;
  enrolledAt: string;
  /** The version of its catalog this hall keeps a copy of, and since when. */
  catalogVersion?: string;
  catalogFetchedAt?: string;
}

/** `POST /exchange/packages` (signed): a forwarding package and its files (base64). */
export const ExchangePackageSchema = v.object(
  {
    package: RemotePackageSchema,
    files: v.pipe(
      v.array(
        v.object(
          {
            sha256: v.pipe(
              v.string(bilingual('files.sha256: a SHA-256', 'files.sha256: 应为 SHA-256')),
              v.regex(/^[0-9a-f]{64}$/, bilingual('files.sha256: a SHA-256 hash', 'files.sha256: 应为 SHA-256 哈希值')),
            ),
            data: v.pipe(
              v.string(bilingual('files.data: base64', 'files.data: 应为 base64')),
              v.regex(/^[A-Za-z0-9+/]*={0,2}$/, bilingual('files.data: base64', 'files.data: 应为 base64')),
            ),
          },
          objectMessage('file'),
        ),
        bilingual('files: a list', 'files: 应为列表'),
      ),
      v.maxLength(800, bilingual('files: at most 800', 'files: 最多 800 个文件')),
    ),
  },
  objectMessage('exchange package'),
);
export type ExchangePackage = v.InferOutput<typeof ExchangePackageSchema>;

/** What the deciding hall answers a package: received (with its number), or received before (`duplicate`). */
export interface PackageReceipt {
  status: 'received' | 'duplicate';
  /** The deciding hall's case number. */
  remoteNumber: string;
}

const DecidingStateSchema = v.picklist(
  DECIDING_STATES as [RemoteState, ...RemoteState[]],
  bilingual(`state: one of ${DECIDING_STATES.join(', ')}`, `state: 应为以下之一：${DECIDING_STATES.join('、')}`),
);
const NoteSchema = v.pipe(
  v.string(bilingual('note: text', 'note: 应为文字')),
  v.trim(),
  v.maxLength(200, bilingual('note: at most 200 characters', 'note: 不能超过 200 个字符')),
);

/** `POST /exchange/updates` (signed): the deciding hall tells the collecting hall a case moved on. */
export const ExchangeUpdateSchema = v.object(
  {
    caseId: ulidSchema('caseId'),
    state: DecidingStateSchema,
    at: v.pipe(v.string(), v.isoTimestamp(bilingual('at: an ISO timestamp', 'at: 应为 ISO 时间'))),
    note: v.optional(NoteSchema),
    result: v.optional(RemoteResultSchema),
  },
  objectMessage('exchange update'),
);
export type ExchangeUpdate = v.InferOutput<typeof ExchangeUpdateSchema>;

/** `POST /remote/{id}/state`: the deciding hall's clerk accepts, refuses, decides a received case, or returns it. */
export const RemoteDecisionSchema = v.pipe(
  v.object(
    { to: DecidingStateSchema, note: v.optional(NoteSchema), result: v.optional(RemoteResultSchema) },
    objectMessage('decision'),
  ),
  v.forward(
    v.partialCheck(
      [['to'], ['result']],
      (d) => d.to !== 'decided' || d.result !== undefined,
      bilingual('result: a decided case says its result', 'result: 办结时应填写办理结果'),
    ),
    ['result'],
  ),
  v.forward(
    v.partialCheck(
      [['to'], ['note']],
      (d) => d.to !== 'refused' || (d.note ?? '') !== '',
      bilingual('note: a refusal says why', 'note: 不予受理时应写明理由'),
    ),
    ['note'],
  ),
);
export type RemoteDecision = v.InferOutput<typeof RemoteDecisionSchema>;

/** A forwarded case as a clerk lists it (`GET /remote?direction=`): no personal data but the applicant's name. */
export interface RemoteCase {
  id: string;
  /** `out`: collected here for another hall; `in`: received here from another hall, to decide. */
  direction: 'out' | 'in';
  /** The other hall. */
  peer: string;
  /** The collecting hall's case number. */
  number: string;
  /** The deciding hall's case number, once it received the package. */
  remoteNumber?: string;
  window: string;
  state: RemoteState;
  mode: Exclude<CrossProvinceMode, 'online'>;
  target: { hall: string; region: string; authority: string };
  item: { itemId: string; version: number };
  returnWay: ReturnWay;
  applicantName: string;
  materials: { materialId: string; files: string[] }[];
  history: RemoteStep[];
  result?: RemoteResult;
  collectedAt: string;
  updatedAt: string;
  /** Whether it waits longer than the core's `remoteOverdue` allows. */
  overdue: boolean;
}
