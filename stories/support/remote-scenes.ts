/**
 * A hall in memory for the cross-province desk's stories and tests: one enrolled hall (深圳市南山区, GDNS01) whose
 * catalog is the demo catalog, the cases forwarded from here and received here, decisions checked with the protocol's
 * schema and the core's moves as the hall checks them. `down`: every call fails as a lost connection does. The
 * exchange itself (two real hall servers) is tested in apps/hall-server/test/exchange.test.mjs and end to end.
 */
import { Subject } from 'rxjs';
import * as v from 'valibot';
import { REMOTE_STATES, formatIssues, remoteMoveAllowed, type Catalog, type RemoteState } from '@yichuang/core';
import {
  HallError,
  RemoteDecisionSchema,
  type HallEvent,
  type Peer,
  type RemoteCase,
  type RemoteDecision,
} from '@yichuang/hall-client';
import type { RemoteHall } from '@yichuang/remote-intake';
import demoCatalog from '../../packages/demo-catalog/generated/catalog.js';

export const SHENZHEN: Peer = {
  hall: 'GDNS01',
  name: '深圳市南山区政务服务中心',
  url: 'https://gdns01.example.gov.cn/',
  region: '440305',
  enrolledAt: '2026-11-02T02:00:00.000Z',
  catalogVersion: demoCatalog.version,
};

/** An item of the demo catalog with at least three required materials: what the stories collect. */
export const REMOTE_ITEM = demoCatalog.items.find(
  (item) => item.materials.filter((m) => m.necessity === 'required').length >= 3,
)!;

/** A case received from another region, at `state`. */
export function receivedCase(id: string, state: RemoteState, name = '周建华'): RemoteCase {
  return {
    id,
    direction: 'in',
    peer: 'SHHP02',
    number: `SHHP02-20261205-03-00${id.slice(-2)}`,
    remoteNumber: `TJHP01-20261205-YD-00${id.slice(-2)}`,
    window: 'YD',
    state,
    mode: 'collect',
    target: { hall: 'TJHP01', region: '120101', authority: '和平区人力资源和社会保障局' },
    item: { itemId: REMOTE_ITEM.id, version: REMOTE_ITEM.version },
    returnWay: 'pickup',
    applicantName: name,
    materials: [],
    history: [
      { state: 'collected', at: '2026-12-05T02:00:00.000Z', hall: 'SHHP02' },
      { state: 'received', at: '2026-12-05T02:00:03.000Z', hall: 'TJHP01' },
    ],
    collectedAt: '2026-12-05T02:00:00.000Z',
    updatedAt: '2026-12-05T02:00:03.000Z',
    overdue: false,
  };
}

/** The hall in memory, and what the test looks at: the decisions it took, and whether it is down. */
export function memoryRemoteHall(
  options: { down?: boolean; incoming?: RemoteCase[]; outgoing?: RemoteCase[]; catalog?: Catalog } = {},
) {
  const events = new Subject<HallEvent>();
  const state = {
    down: options.down ?? false,
    incoming: [...(options.incoming ?? [])],
    outgoing: [...(options.outgoing ?? [])],
    decisions: [] as { id: string; decision: RemoteDecision }[],
  };
  const offline = () => new HallError('网络不通', 'network', 0);
  const hall: RemoteHall = {
    events: () => events,
    async peers() {
      if (state.down) throw offline();
      return [SHENZHEN];
    },
    async peerCatalog(code: string) {
      if (state.down) throw offline();
      if (code !== SHENZHEN.hall) throw new HallError('本大厅还没有该地区大厅的事项目录副本', 'not-found', 404);
      return options.catalog ?? (demoCatalog as Catalog);
    },
    async remoteCases(direction = 'out') {
      if (state.down) throw offline();
      return direction === 'in' ? state.incoming : state.outgoing;
    },
    async decideRemote(id: string, decision: RemoteDecision) {
      if (state.down) throw offline();
      const parsed = v.safeParse(RemoteDecisionSchema, decision, { lang: 'zh-CN' });
      if (!parsed.success) throw new HallError('请求内容不正确', 'invalid', 400, formatIssues(parsed.issues));
      const row = state.incoming.find((candidate) => candidate.id === id);
      if (!row) throw new HallError('本大厅没有这个收到的异地件', 'not-found', 404);
      if (!remoteMoveAllowed(row.state, parsed.output.to)) {
        throw new HallError(
          `该件当前为“${REMOTE_STATES[row.state].zh}”，不能改为“${REMOTE_STATES[parsed.output.to].zh}”。`,
          'conflict',
          409,
        );
      }
      const at = new Date().toISOString();
      const moved: RemoteCase = {
        ...row,
        state: parsed.output.to,
        history: [...row.history, { state: parsed.output.to, at, hall: 'TJHP01' }],
        ...(parsed.output.result ? { result: parsed.output.result } : {}),
        updatedAt: at,
      };
      state.incoming = state.incoming.map((candidate) => (candidate.id === id ? moved : candidate));
      state.decisions.push({ id, decision: parsed.output });
      return moved;
    },
  };
  return { hall, state, events };
}
