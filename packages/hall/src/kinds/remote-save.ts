/**
 * `remote.save`: a case collected at a window for another region's hall (跨省通办, 异地代收代办). The hall checks who
 * collected it and where, the time, that the deciding hall is enrolled, that the item and materials fit the copy it
 * keeps of that hall's catalog, and that it holds every scanned page; then it records the case as forwarded and
 * queues the package for the deciding hall (the transport sends it, retrying until that hall answers).
 * @module
 */
import { packageMaterialProblems, type Catalog } from '@yichuang/core';
import { ROLES, type Mutation } from '@yichuang/hall-client/protocol.js';
import { first, get } from '../storage/port.js';
import { CASES, PEERS, PEER_CATALOGS, REMOTE_CASES } from '../storage/tables.js';
import { packageDigest, recordCollected, remoteEvent, sealPackage } from '../engine/exchange.js';
import { filesCited, linkAttachments } from './case-save.js';
import { sha256Hex } from '../vault/vault.js';
import { isRefusal, refuse, type MutationKindDefinition } from './kind.js';

export const remoteSave: MutationKindDefinition<'remote.save'> = {
  kind: 'remote.save',
  roles: ['clerk', 'manager'],

  async prepare(mutation: Extract<Mutation, { kind: 'remote.save' }>, caller, services) {
    const pkg = mutation.payload;
    const session = caller.session;
    if (pkg.hall !== services.hall) {
      return refuse('forbidden', 'other-hall', 'rejectedOtherHall', { hall: services.hall });
    }
    if (!caller.vault?.canOpen) {
      return refuse('forbidden', 'role', 'rejectedKind', { role: ROLES[session.role], kind: mutation.kind });
    }
    const clock = services.clock('collectedAt', pkg.collectedAt);
    if (clock) return clock;
    if (session.role === 'clerk') {
      if (!session.windows.includes(pkg.window)) {
        return refuse('forbidden', 'other-window', 'rejectedOtherWindow', { window: session.window ?? '' });
      }
      if (pkg.clerk !== session.subject) {
        return refuse('forbidden', 'actor', 'rejectedRemoteClerk', { subject: session.subject });
      }
    }
    const { peer, copy } = await services.read(function* () {
      return { peer: yield* get(PEERS, pkg.target.hall), copy: yield* get(PEER_CATALOGS, pkg.target.hall) };
    });
    if (!peer) return refuse('invalid', 'unknown-peer', 'rejectedUnknownPeer', { hall: pkg.target.hall });
    const item = (copy?.catalog as Catalog | undefined)?.items.find(
      (candidate) => candidate.id === pkg.item.itemId && candidate.version === pkg.item.version,
    );
    if (!item) {
      return refuse('invalid', 'unknown-item', 'rejectedPeerItem', {
        hall: pkg.target.hall,
        item: `${pkg.item.itemId}@${pkg.item.version}`,
      });
    }
    const problems = packageMaterialProblems(pkg, item);
    if (problems.unknown.length > 0 || problems.missing.length > 0) {
      return refuse('invalid', 'materials', 'rejectedPackageMaterials');
    }
    const [sealed, digest] = await Promise.all([sealPackage(caller.vault, pkg), packageDigest(sha256Hex, pkg)]);
    const cited = [...new Set(pkg.materials.flatMap((m) => m.files))];

    return {
      *apply() {
        if (yield* get(REMOTE_CASES, pkg.id)) return refuse('conflict', 'remote-exists', 'rejectedRemoteExists');
        // Its number is the window's next case number: held by no case and no other package.
        const taken =
          (yield* first(CASES, 'number', { equals: [pkg.number] })) ??
          (yield* first(REMOTE_CASES, 'number', { equals: [pkg.number] }));
        if (taken) return refuse('conflict', 'number-taken', 'rejectedNumberTaken', { number: pkg.number });
        const files = yield* filesCited(cited);
        if (isRefusal(files)) return files;
        const row = yield* recordCollected(pkg, sealed, digest, services.at);
        yield* linkAttachments(pkg.id, files, services.at, false);
        return { event: remoteEvent(row, services.at) };
      },
    };
  },
};
