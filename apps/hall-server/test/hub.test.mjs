// The event hub on its own, over a storage stub whose reads the test controls: a notify that lands at any moment
// of a broadcast is never lost; a subscriber too slow to read is cut off at once; a response already gone is not
// attached.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
  throw new Error('apps/hall-server/dist is missing: run `node apps/hall-server/scripts/build.mjs` before the tests');
}
const { EventHub } = await import('../dist/index.js');

/** The events table of a hall, in memory; `onNextRead(hook)` runs `hook` as the next read hands its page back. */
function storageStub() {
  const events = [];
  let hook;
  return {
    events,
    onNextRead(run) {
      hook = run;
    },
    /** Appends a ticket event (`size`: bytes of padding in it); resolves nothing, like a committed write. */
    append(size = 0) {
      const id = events.length + 1;
      const event = {
        id,
        type: 'ticket.issued',
        at: new Date().toISOString(),
        data: { ticket: { id: `T${id}`, number: `A${String(id).padStart(3, '0')}` }, padding: 'x'.repeat(size) },
      };
      events.push(event);
      return event;
    },
    lastEventId: async () => events.at(-1)?.id ?? 0,
    eventsAfter(afterId, limit) {
      const page = events.filter((event) => event.id > afterId).slice(0, limit);
      return Promise.resolve().then(() => {
        const run = hook;
        hook = undefined;
        run?.();
        return page;
      });
    },
  };
}

/** Enough of a `ServerResponse` for the hub: what was written, and how it was ended. */
class ResponseStub extends EventEmitter {
  chunks = [];
  writableLength = 0;
  writableEnded = false;
  destroyed = false;
  ends = 0;
  destroys = 0;
  /** While true, nothing written drains (a client that does not read). */
  stalled = false;
  write(text) {
    this.chunks.push(text);
    if (this.stalled) this.writableLength += Buffer.byteLength(text);
    return !this.stalled;
  }
  end() {
    this.ends += 1;
    this.writableEnded = true;
  }
  destroy() {
    this.destroys += 1;
    this.destroyed = true;
    this.emit('close');
  }
  /** Ids of the events written, in order. */
  ids() {
    // Events only: an `id:` line followed by `event:` (the id-only message that opens a stream is not an event).
    return this.chunks.flatMap((text) => [...text.matchAll(/^id: (\d+)\nevent: /gm)].map((match) => Number(match[1])));
  }
}

/** Runs `work` after `depth` microtask turns. */
function afterMicrotasks(depth, work) {
  if (depth === 0) work();
  else queueMicrotask(() => afterMicrotasks(depth - 1, work));
}

/** Lets every pending microtask and immediate run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function liveHub(storage, response = new ResponseStub()) {
  const hub = new EventHub(storage, { now: Date.now });
  await hub.start(60_000);
  await hub.subscribe(response, { role: 'clerk', tokenHash: 'a'.repeat(64), expiresAt: Date.now() + 3600_000 });
  return { hub, response };
}

describe('event hub', () => {
  it('broadcasts an event notified at any moment of a broadcast, however late, without waiting for the next', async () => {
    const storage = storageStub();
    const { hub, response } = await liveHub(storage);
    try {
      // The second notify lands 0, 1, 2 … microtask turns after the broadcast's read returned: somewhere in
      // there is the moment after its loop ended and before it cleared its "reading" flag.
      for (let depth = 0; depth <= 12; depth++) {
        storage.append();
        storage.onNextRead(() =>
          afterMicrotasks(depth, () => {
            storage.append();
            hub.notify();
          }),
        );
        hub.notify();
        await settle();
        assert.deepEqual(
          response.ids(),
          storage.events.map((event) => event.id),
          `the event notified ${depth} microtask turns after the read is broadcast`,
        );
      }
      // The same through publish(), which a write uses when it knows its event is the next one.
      for (let depth = 0; depth <= 12; depth++) {
        storage.append();
        storage.onNextRead(() => afterMicrotasks(depth, () => hub.publish(storage.append())));
        hub.notify();
        await settle();
        assert.deepEqual(
          response.ids(),
          storage.events.map((event) => event.id),
          `published ${depth} turns after the read`,
        );
      }
    } finally {
      hub.close();
    }
  });

  it('destroys the connection of a subscriber that stops reading, freeing it at once, and serves the others', async () => {
    const storage = storageStub();
    const { hub, response: slow } = await liveHub(storage);
    const quick = new ResponseStub();
    await hub.subscribe(quick, { role: 'display', tokenHash: 'b'.repeat(64), expiresAt: Date.now() + 3600_000 });
    try {
      assert.equal(hub.size, 2);
      slow.stalled = true;
      for (let i = 0; i < 5; i++) {
        storage.append(1024 * 1024);
        hub.notify();
        await settle();
      }
      assert.deepEqual([slow.destroys, slow.ends], [1, 0], 'destroyed, not ended (end() would keep its buffer)');
      assert.ok(slow.ids().length < 5, 'it got no more once over the limit');
      assert.equal(hub.size, 1);
      assert.deepEqual(quick.ids(), [1, 2, 3, 4, 5]);
    } finally {
      hub.close();
    }
    assert.deepEqual([quick.ends, quick.destroys], [1, 0], 'a shutdown ends the others politely');
  });

  it('does not attach a response that is already destroyed, and says its stream ended', async () => {
    const storage = storageStub();
    storage.append();
    const hub = new EventHub(storage, { now: Date.now });
    await hub.start(60_000);
    try {
      const gone = new ResponseStub();
      gone.destroy();
      let ended = 0;
      await hub.subscribe(gone, {
        role: 'manager',
        tokenHash: 'c'.repeat(64),
        expiresAt: Date.now() + 3600_000,
        after: 0,
        onEnd: () => (ended += 1),
      });
      assert.equal(hub.size, 0, 'nothing left attached (its close event has already fired)');
      assert.deepEqual(gone.chunks, [], 'nothing written to it');
      assert.equal(ended, 1);
    } finally {
      hub.close();
    }
  });

  it('opens every stream with its starting point, so a client dropped before any event resumes from there', async () => {
    const storage = storageStub();
    for (let i = 0; i < 7; i++) storage.append();
    const hub = new EventHub(storage, { now: Date.now });
    await hub.start(60_000);
    try {
      const fresh = new ResponseStub();
      await hub.subscribe(fresh, { role: 'display', tokenHash: 'd'.repeat(64), expiresAt: Date.now() + 3600_000 });
      assert.match(fresh.chunks[0] ?? '', /^retry: \d+\nid: 7\n\n$/, 'from now on: after event 7');
      const resumed = new ResponseStub();
      await hub.subscribe(resumed, {
        role: 'display',
        tokenHash: 'e'.repeat(64),
        expiresAt: Date.now() + 3600_000,
        after: 3,
      });
      assert.match(resumed.chunks[0] ?? '', /^retry: \d+\nid: 3\n\n$/, 'resuming: after event 3');
      assert.deepEqual(resumed.ids(), [4, 5, 6, 7]);
    } finally {
      hub.close();
    }
  });
});
