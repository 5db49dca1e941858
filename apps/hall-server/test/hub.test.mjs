// The event hub on its own, over an engine stub whose event log the test controls (its reads, and the news of
// events it appended or that another instance appended): news that lands at any moment of a broadcast is never
// lost; a subscriber too slow to read is cut off at once; a response already gone is not attached; the streams of
// sessions that ended end.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { dist } from '../test-support/hall.mjs';

const { EventHub } = dist;

/**
 * The engine as the hub uses it, over an events table in memory. `onNextRead(hook)` runs `hook` as the next read
 * hands its page back; `notify()` is the news that the log may hold more (another instance wrote), `publish(event)`
 * the news of an event this engine's transaction appended.
 */
function engineStub() {
  const events = [];
  const eventListeners = new Set();
  const endedListeners = new Set();
  let hook;
  return {
    events,
    onNextRead(run) {
      hook = run;
    },
    /** Appends a ticket event (`size`: bytes of padding in it), like a committed write. */
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
    notify: () => {
      for (const listener of [...eventListeners]) listener(undefined);
    },
    publish: (...appended) => {
      for (const listener of [...eventListeners]) listener(appended);
    },
    endSessions: (hashes) => {
      for (const listener of [...endedListeners]) listener(hashes);
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
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onSessionsEnded(listener) {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    /** Every viewer sees every event whole (the engine's audience rules are tested with the server). */
    view: () => (event) => event,
  };
}

/** A caller of a role, as the engine authenticates one. */
function callerOf(role, tokenHash, expiresAt = Date.now() + 3600_000) {
  return {
    session: { role, subject: role, windows: [], expiresAt: new Date(expiresAt).toISOString() },
    tokenHash,
    vault: undefined,
    locale: 'zh-CN',
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

async function liveHub(engine, response = new ResponseStub()) {
  const hub = new EventHub(engine, { now: Date.now });
  await hub.start(60_000);
  await hub.subscribe(response, { caller: callerOf('clerk', 'a'.repeat(64)) });
  return { hub, response };
}

describe('event hub', () => {
  it('broadcasts an event announced at any moment of a broadcast, however late, without waiting for the next', async () => {
    const engine = engineStub();
    const { hub, response } = await liveHub(engine);
    try {
      // The second news lands 0, 1, 2 … microtask turns after the broadcast's read returned: somewhere in there is
      // the moment after its loop ended and before it cleared its "reading" flag.
      for (let depth = 0; depth <= 12; depth++) {
        engine.append();
        engine.onNextRead(() =>
          afterMicrotasks(depth, () => {
            engine.append();
            engine.notify();
          }),
        );
        engine.notify();
        await settle();
        assert.deepEqual(
          response.ids(),
          engine.events.map((event) => event.id),
          `the event announced ${depth} microtask turns after the read is broadcast`,
        );
      }
      // The same with the news of events this engine appended, which the hub writes without reading them back
      // (unless a read is under way).
      for (let depth = 0; depth <= 12; depth++) {
        engine.append();
        engine.onNextRead(() => afterMicrotasks(depth, () => engine.publish(engine.append())));
        engine.notify();
        await settle();
        assert.deepEqual(
          response.ids(),
          engine.events.map((event) => event.id),
          `published ${depth} turns after the read`,
        );
      }
      // Published while nothing is read: written at once, in order.
      engine.publish(engine.append(), engine.append());
      assert.deepEqual(
        response.ids(),
        engine.events.map((event) => event.id),
      );
    } finally {
      hub.close();
    }
  });

  it('destroys the connection of a subscriber that stops reading, freeing it at once, and serves the others', async () => {
    const engine = engineStub();
    const { hub, response: slow } = await liveHub(engine);
    const quick = new ResponseStub();
    await hub.subscribe(quick, { caller: callerOf('display', 'b'.repeat(64)) });
    try {
      assert.equal(hub.size, 2);
      slow.stalled = true;
      for (let i = 0; i < 5; i++) {
        engine.publish(engine.append(1024 * 1024));
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
    const engine = engineStub();
    engine.append();
    const hub = new EventHub(engine, { now: Date.now });
    await hub.start(60_000);
    try {
      const gone = new ResponseStub();
      gone.destroy();
      let ended = 0;
      await hub.subscribe(gone, { caller: callerOf('manager', 'c'.repeat(64)), after: 0, onEnd: () => (ended += 1) });
      assert.equal(hub.size, 0, 'nothing left attached (its close event has already fired)');
      assert.deepEqual(gone.chunks, [], 'nothing written to it');
      assert.equal(ended, 1);
    } finally {
      hub.close();
    }
  });

  it('opens every stream with its starting point, so a client dropped before any event resumes from there', async () => {
    const engine = engineStub();
    for (let i = 0; i < 7; i++) engine.append();
    const hub = new EventHub(engine, { now: Date.now });
    await hub.start(60_000);
    try {
      const fresh = new ResponseStub();
      await hub.subscribe(fresh, { caller: callerOf('display', 'd'.repeat(64)) });
      assert.match(fresh.chunks[0] ?? '', /^retry: \d+\nid: 7\n\n$/, 'from now on: after event 7');
      const resumed = new ResponseStub();
      await hub.subscribe(resumed, { caller: callerOf('display', 'e'.repeat(64)), after: 3 });
      assert.match(resumed.chunks[0] ?? '', /^retry: \d+\nid: 3\n\n$/, 'resuming: after event 3');
      assert.deepEqual(resumed.ids(), [4, 5, 6, 7]);
    } finally {
      hub.close();
    }
  });

  it('ends the streams of sessions that ended, and of sessions that expire, and no others', async () => {
    const engine = engineStub();
    let now = Date.now();
    const hub = new EventHub(engine, { now: () => now });
    await hub.start(20);
    try {
      const ended = new ResponseStub();
      const expiring = new ResponseStub();
      const staying = new ResponseStub();
      await hub.subscribe(ended, { caller: callerOf('clerk', 'f'.repeat(64)) });
      await hub.subscribe(expiring, { caller: callerOf('display', '1'.repeat(64), now + 1000) });
      await hub.subscribe(staying, { caller: callerOf('manager', '2'.repeat(64)) });
      engine.endSessions(['f'.repeat(64)]);
      assert.deepEqual([ended.ends, hub.size], [1, 2]);
      now += 2000;
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.deepEqual([expiring.ends, staying.ends, hub.size], [1, 0, 1]);
      assert.ok(staying.chunks.includes(': heartbeat\n\n'), 'the live one gets heartbeats');
    } finally {
      hub.close();
    }
  });
});
