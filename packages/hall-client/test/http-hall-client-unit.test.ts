import { expect } from '@open-wc/testing';
import { HttpHallClient, type HallEvent, type Session } from '@yichuang/hall-client';
import { collect, hallErrorOf } from './support/assertions.js';

/** One request the client made, as the fake server saw it. */
interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | undefined;
}

/** A fetch answered by `answer`, recording every request. */
function fakeFetch(answer: (seen: Seen, n: number) => Response | Promise<Response>) {
  const calls: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const seen: Seen = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body,
      signal: init.signal ?? undefined,
    };
    calls.push(seen);
    if (seen.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return answer(seen, calls.length);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A fetch that never answers until its signal aborts (a hall that does not reply). */
const silent = (seen: Seen) =>
  new Promise<Response>((_resolve, reject) => {
    seen.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

const SESSION: Session = {
  token: 'tok-123456789012345',
  role: 'clerk',
  subject: 'clerk01',
  name: '王晓雨',
  hall: 'TJHP01',
  window: '01',
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
};

/** An event stream the test writes to; it errors when the request's signal aborts, as a real body does. */
function eventStream(seen: Seen, type = 'text/event-stream') {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
  });
  seen.signal?.addEventListener('abort', () => {
    try {
      controller.error(new DOMException('aborted', 'AbortError'));
    } catch {
      // already closed
    }
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': type } }),
    write(chunk: string | Uint8Array) {
      controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    },
    close() {
      controller.close();
    },
    fail() {
      controller.error(new TypeError('network error'));
    },
  };
}

const sse = (event: Pick<HallEvent, 'id' | 'type'>) =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({
    id: event.id,
    type: event.type,
    at: '2026-11-26T01:00:00.000Z',
    data: { version: `v${event.id}` },
  })}\n\n`;

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('HttpHallClient (against a fake fetch)', () => {
  describe('requests', () => {
    it('keeps the token from login and sends it as a Bearer header, never in the URL', async () => {
      const { fetch, calls } = fakeFetch((seen) =>
        seen.url.endsWith('/session') ? json(SESSION) : json({ categories: [], tickets: [] }),
      );
      const client = new HttpHallClient({ baseUrl: 'https://hall.example/', fetch });
      const session = await client.login({ user: 'clerk01', password: 'secret-pass' });
      expect(session).to.deep.equal(SESSION);
      await client.queue();
      expect(calls.map((c) => `${c.method} ${c.url}`)).to.deep.equal([
        'POST https://hall.example/api/v1/session',
        'GET https://hall.example/api/v1/queue',
      ]);
      expect(calls[0]!.headers.get('authorization')).to.equal(null);
      expect(calls[0]!.headers.get('content-type')).to.equal('application/json');
      expect(JSON.parse(String(calls[0]!.body))).to.deep.equal({ user: 'clerk01', password: 'secret-pass' });
      expect(calls[1]!.headers.get('authorization')).to.equal(`Bearer ${SESSION.token}`);
      expect(calls[1]!.headers.get('accept-language')).to.equal('zh-CN');
      for (const call of calls) expect(call.url).to.not.contain(SESSION.token);
    });

    it('takes the page’s own fetch as an option', async () => {
      // The test page's server has no hall: a 404 shows that the request went out (not "Illegal invocation").
      const error = await hallErrorOf(new HttpHallClient({ baseUrl: '', fetch: window.fetch }).health());
      expect([error.code, error.status]).to.deep.equal(['not-found', 404]);
    });

    it('restores a session given as an option', async () => {
      const { fetch, calls } = fakeFetch(() => json({ categories: [], tickets: [] }));
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, language: 'en-US' });
      expect(client.session).to.deep.equal(SESSION);
      await client.queue();
      expect(calls[0]!.url).to.equal('/api/v1/queue');
      expect(calls[0]!.headers.get('authorization')).to.equal(`Bearer ${SESSION.token}`);
      expect(calls[0]!.headers.get('accept-language')).to.equal('en-US');
    });

    it('turns the hall’s error body into a HallError with its code, message and issues', async () => {
      const { fetch } = fakeFetch(() =>
        json({ error: 'invalid', message: '请求内容不符合要求，请检查后重试', issues: ['category: required'] }, 400),
      );
      const error = await hallErrorOf(new HttpHallClient({ baseUrl: '', fetch }).issueTicket({ category: '' }));
      expect([error.code, error.status, error.message, error.transient]).to.deep.equal([
        'invalid',
        400,
        '请求内容不符合要求，请检查后重试',
        false,
      ]);
      expect(error.issues).to.deep.equal(['category: required']);
    });

    it('maps answers without an error body by their status; 5xx and 429 are transient', async () => {
      const cases: [Response, string, boolean][] = [
        [
          new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
          'unavailable',
          true,
        ],
        [new Response('', { status: 503 }), 'unavailable', true],
        [new Response('oops', { status: 500 }), 'internal', true],
        [json({ error: 'rate-limited', message: 'slow down' }, 429), 'rate-limited', true],
        [new Response('', { status: 401 }), 'unauthenticated', false],
        [new Response('', { status: 403 }), 'forbidden', false],
        [json({ unexpected: true }, 422), 'hash-mismatch', false],
        [new Response('', { status: 418 }), 'invalid', false],
      ];
      for (const [response, code, transient] of cases) {
        const { fetch } = fakeFetch(() => response);
        const error = await hallErrorOf(new HttpHallClient({ baseUrl: '', fetch, session: SESSION }).queue());
        expect([error.code, error.status, error.transient], `HTTP ${response.status}`).to.deep.equal([
          code,
          response.status,
          transient,
        ]);
      }
    });

    it('answers no answer, a broken connection or a garbled body with a transient network error', async () => {
      const refused = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      const error = await hallErrorOf(new HttpHallClient({ baseUrl: '', fetch: refused.fetch }).health());
      expect([error.code, error.status, error.transient]).to.deep.equal(['network', 0, true]);

      const garbled = fakeFetch(
        () => new Response('{"status": "o', { headers: { 'content-type': 'application/json' } }),
      );
      const cutOff = await hallErrorOf(new HttpHallClient({ baseUrl: '', fetch: garbled.fetch }).health());
      expect([cutOff.code, cutOff.transient]).to.deep.equal(['network', true]);
    });

    it('gives up after the timeout as network (transient), and on the caller’s abort as aborted', async () => {
      const { fetch, calls } = fakeFetch(silent);
      const client = new HttpHallClient({ baseUrl: '', fetch, timeoutMs: 50 });
      const started = Date.now();
      const timedOut = await hallErrorOf(client.health());
      expect([timedOut.code, timedOut.transient]).to.deep.equal(['network', true]);
      expect(Date.now() - started).to.be.lessThan(2000);

      const slow = new HttpHallClient({ baseUrl: '', fetch, timeoutMs: 10_000 });
      const controller = new AbortController();
      const pending = hallErrorOf(slow.sync([], controller.signal));
      controller.abort();
      const aborted = await pending;
      expect([aborted.code, aborted.status, aborted.transient]).to.deep.equal(['aborted', 0, false]);
      expect(calls[1]!.signal?.aborted).to.equal(true);
    });

    it('asks for the catalog with If-None-Match and answers undefined to 304', async () => {
      const snapshot = {
        version: '2026.11',
        catalog: { version: '2026.11', region: '120101', items: [], bundles: [] },
        holidays: [],
      };
      const { fetch, calls } = fakeFetch((seen) =>
        seen.headers.get('if-none-match') === '"2026.11"' ? new Response(null, { status: 304 }) : json(snapshot),
      );
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION });
      expect(await client.catalog('2026.11')).to.equal(undefined);
      expect(await client.catalog('2026.10')).to.deep.equal(snapshot);
      expect(await client.catalog()).to.deep.equal(snapshot);
      expect(calls.map((c) => c.headers.get('if-none-match'))).to.deep.equal(['"2026.11"', '"2026.10"', null]);
    });

    it('uploads an attachment as the raw Blob, octet-stream, under its hash', async () => {
      const { fetch, calls } = fakeFetch(() => json({ sha256: 'a'.repeat(64), size: 3 }, 201));
      const file = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
      await new HttpHallClient({ baseUrl: '', fetch, session: SESSION }).putAttachment('a'.repeat(64), file);
      expect(calls[0]!.method).to.equal('PUT');
      expect(calls[0]!.url).to.equal(`/api/v1/attachments/${'a'.repeat(64)}`);
      expect(calls[0]!.body).to.equal(file);
      expect(calls[0]!.headers.get('content-type')).to.equal('application/octet-stream');
    });

    it('answers has/get of an unknown attachment, an unknown case and an empty queue call with false/undefined', async () => {
      const { fetch, calls } = fakeFetch((seen) =>
        seen.url.includes('/queue/call')
          ? new Response(null, { status: 204 })
          : json({ error: 'not-found', message: '无' }, 404),
      );
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION });
      expect(await client.hasAttachment('b'.repeat(64))).to.equal(false);
      expect(await client.getAttachment('b'.repeat(64))).to.equal(undefined);
      expect(await client.getCase('01JNMV7Q8Z3K5W9XG2T4HB6YRD')).to.equal(undefined);
      expect(await client.callNext({ window: '01' })).to.equal(undefined);
      expect(calls[0]!.method).to.equal('HEAD');
    });

    it('refuses a sync answer that does not match the batch', async () => {
      const { fetch } = fakeFetch(() => json({ results: [] }));
      const error = await hallErrorOf(
        new HttpHallClient({ baseUrl: '', fetch, session: SESSION }).sync([
          { id: '01JNMV7Q8Z3K5W9XG2T4HB6YRD', kind: 'rating.save', payload: {} as never },
        ]),
      );
      expect(error.code).to.equal('internal');
    });

    it('refuses lists of halls and forwarded cases, and a catalog, that are not what the protocol says', async () => {
      const { fetch, calls } = fakeFetch(() => json({ not: 'a list' }));
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION });
      for (const call of [client.peers(), client.remoteCases('in'), client.peerCatalog('GDNS 01')]) {
        expect((await hallErrorOf(call)).code).to.equal('internal');
      }
      expect(calls.map((c) => c.url)).to.deep.equal([
        '/api/v1/peers',
        '/api/v1/remote?direction=in',
        '/api/v1/peers/GDNS%2001/catalog',
      ]);
      const decided = fakeFetch(() => json({ id: 'x', state: 'accepted' }));
      const answer = await new HttpHallClient({ baseUrl: '', fetch: decided.fetch, session: SESSION }).decideRemote(
        '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
        { to: 'accepted' },
      );
      expect(answer.state).to.equal('accepted');
      expect(decided.calls[0]!.url).to.equal('/api/v1/remote/01JNMV7Q8Z3K5W9XG2T4HB6YRD/state');
    });

    it('forgets the session at logout even when the hall cannot be reached', async () => {
      const { fetch, calls } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION });
      const error = await hallErrorOf(client.logout());
      expect(error.code).to.equal('network');
      expect(client.session).to.equal(undefined);
      expect(calls[0]!.method).to.equal('DELETE');
      expect(calls[0]!.headers.get('authorization')).to.equal(`Bearer ${SESSION.token}`);
      await client.logout(); // nothing to end: no request
      expect(calls).to.have.length(1);
    });
  });

  describe('events', () => {
    it('reads events split anywhere, a UTF-8 character across chunks included, and asks with the token', async () => {
      let stream: ReturnType<typeof eventStream> | undefined;
      const { fetch, calls } = fakeFetch((seen) => {
        stream = eventStream(seen);
        return stream.response;
      });
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION });
      const watch = collect(client.events(), (events) => events.length === 2);
      await until(() => stream !== undefined);
      const text = `retry: 1000\n\n${sse({ id: 1, type: 'catalog.published' })}`.replace('v1', 'v漢');
      const bytes = new TextEncoder().encode(text + sse({ id: 2, type: 'catalog.published' }));
      const at = bytes.indexOf(0xe6) + 1; // inside 漢
      stream!.write(bytes.slice(0, at));
      stream!.write(bytes.slice(at, at + 1));
      stream!.write(bytes.slice(at + 1));
      const events = await watch.until;
      watch.stop();
      expect(events.map((e) => e.id)).to.deep.equal([1, 2]);
      expect(events[0]!.type === 'catalog.published' && events[0]!.data.version).to.equal('v漢');
      expect(calls[0]!.url).to.equal('/api/v1/events');
      expect(calls[0]!.headers.get('authorization')).to.equal(`Bearer ${SESSION.token}`);
      expect(calls[0]!.headers.get('accept')).to.equal('text/event-stream');
      expect(calls[0]!.headers.has('last-event-id')).to.equal(false);
    });

    it('reconnects after a drop with Last-Event-ID and never delivers an id it delivered', async () => {
      const streams: ReturnType<typeof eventStream>[] = [];
      const { fetch, calls } = fakeFetch((seen) => {
        const stream = eventStream(seen);
        streams.push(stream);
        return stream.response;
      });
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, reconnect: { delayMs: 5 } });
      const watch = collect(client.events(3), (events) => events.length === 4);
      await until(() => streams.length === 1);
      expect(calls[0]!.headers.get('last-event-id')).to.equal('3');
      streams[0]!.write(sse({ id: 4, type: 'catalog.published' }) + sse({ id: 5, type: 'catalog.published' }));
      await until(() => watch.events.length === 2);
      streams[0]!.fail();
      await until(() => streams.length === 2);
      expect(calls[1]!.headers.get('last-event-id')).to.equal('5');
      // The hall tells where it stands; then anything it resends that was delivered (or older) is not believed.
      streams[1]!.write('retry: 1000\nid: 5\n\n');
      streams[1]!.write(sse({ id: 2, type: 'catalog.published' }) + sse({ id: 5, type: 'catalog.published' }));
      streams[1]!.write(sse({ id: 6, type: 'catalog.published' }));
      streams[1]!.close();
      await until(() => streams.length === 3);
      expect(calls[2]!.headers.get('last-event-id')).to.equal('6');
      streams[2]!.write(sse({ id: 6, type: 'catalog.published' }) + sse({ id: 9, type: 'catalog.published' }));
      const events = await watch.until;
      watch.stop();
      expect(events.map((e) => e.id)).to.deep.equal([4, 5, 6, 9]);
    });

    it('resumes from the id the hall sends when a stream opens, though no event came before the drop', async () => {
      const streams: ReturnType<typeof eventStream>[] = [];
      const { fetch, calls } = fakeFetch((seen) => {
        const stream = eventStream(seen);
        streams.push(stream);
        return stream.response;
      });
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, reconnect: { delayMs: 5 } });
      const watch = collect(client.events(), (events) => events.length === 2);
      await until(() => streams.length === 1);
      expect(calls[0]!.headers.has('last-event-id')).to.equal(false);
      streams[0]!.write('retry: 1000\nid: 7\n\n: heartbeat\n\n'); // the hall's last event is 7
      streams[0]!.close(); // dropped before any event: events 8 and 9 happen meanwhile
      await until(() => streams.length === 2);
      expect(calls[1]!.headers.get('last-event-id')).to.equal('7');
      streams[1]!.write('retry: 1000\nid: 7\n\n');
      streams[1]!.write(sse({ id: 8, type: 'catalog.published' }) + sse({ id: 9, type: 'catalog.published' }));
      const events = await watch.until;
      watch.stop();
      expect(events.map((e) => e.id)).to.deep.equal([8, 9]);
    });

    it('follows a hall restored from a backup whose ids restart below the last one delivered', async () => {
      const streams: ReturnType<typeof eventStream>[] = [];
      const { fetch, calls } = fakeFetch((seen) => {
        const stream = eventStream(seen);
        streams.push(stream);
        return stream.response;
      });
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, reconnect: { delayMs: 5 } });
      const watch = collect(client.events(9), (events) => events.length === 4);
      await until(() => streams.length === 1);
      streams[0]!.write('retry: 1000\nid: 9\n\n' + sse({ id: 10, type: 'catalog.published' }));
      await until(() => watch.events.length === 1);
      streams[0]!.fail();
      await until(() => streams.length === 2);
      expect(calls[1]!.headers.get('last-event-id')).to.equal('10');
      // Restored from a backup taken at event 3: it clamps Last-Event-ID to 3 and says so, then goes on from there.
      streams[1]!.write('retry: 1000\nid: 3\n\n');
      streams[1]!.write(sse({ id: 4, type: 'catalog.published' }) + sse({ id: 5, type: 'catalog.published' }));
      await until(() => watch.events.length === 3);
      // Within the stream, an id at or below the last is still not believed.
      streams[1]!.write(sse({ id: 5, type: 'catalog.published' }) + 'id: 2\n\n');
      streams[1]!.close();
      await until(() => streams.length === 3);
      expect(calls[2]!.headers.get('last-event-id')).to.equal('5');
      // A hall that sends no position first: its first event, lower than the last, is followed too.
      streams[2]!.write(sse({ id: 1, type: 'catalog.published' }));
      const events = await watch.until;
      expect(events.map((e) => e.id)).to.deep.equal([10, 4, 5, 1]);
      streams[2]!.fail();
      await until(() => streams.length === 4);
      watch.stop();
      expect(calls[3]!.headers.get('last-event-id')).to.equal('1');
    });

    it('keeps trying through errors and wrong answers, and fails only on 401 or 403', async () => {
      const answers = [
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => json({ error: 'unavailable', message: 'restarting' }, 503),
        () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
        () => json({ error: 'not-found', message: '?' }, 404),
        () => json({ error: 'unauthenticated', message: '请先登录' }, 401),
      ];
      const { fetch, calls } = fakeFetch((_seen, n) => answers[n - 1]!());
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, reconnect: { delayMs: 5 } });
      const error = await hallErrorOf(collect(client.events(), () => false).until);
      expect([error.status, error.code]).to.deep.equal([401, 'unauthenticated']);
      expect(calls).to.have.length(5);

      const forbidden = fakeFetch(() => json({ error: 'forbidden', message: 'no' }, 403));
      const refused = await hallErrorOf(
        collect(new HttpHallClient({ baseUrl: '', fetch: forbidden.fetch }).events(), () => false).until,
      );
      expect(refused.status).to.equal(403);
    });

    it('backs off exponentially between failed attempts', async () => {
      const times: number[] = [];
      const { fetch } = fakeFetch(() => {
        times.push(performance.now());
        return Promise.reject(new TypeError('Failed to fetch'));
      });
      const client = new HttpHallClient({
        baseUrl: '',
        fetch,
        session: SESSION,
        reconnect: { delayMs: 20, maxDelayMs: 10_000 },
        random: () => 1,
      });
      const subscription = client.events().subscribe();
      await new Promise((resolve) => setTimeout(resolve, 700));
      subscription.unsubscribe();
      // 20, 40, 80, 160, 320 ms: about 5 attempts after the first, not 35.
      expect(times.length).to.be.within(4, 7);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(gaps[2]!).to.be.greaterThan(gaps[0]! * 2.5);
    });

    it('waits as long as the hall’s retry field asks when no delay is configured', async () => {
      const streams: ReturnType<typeof eventStream>[] = [];
      const { fetch } = fakeFetch((seen) => {
        const stream = eventStream(seen);
        streams.push(stream);
        return stream.response;
      });
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, random: () => 0 });
      const subscription = client.events().subscribe();
      await until(() => streams.length === 1);
      streams[0]!.write('retry: 10\n\n');
      streams[0]!.close();
      // Without the field the first wait would be 500–1000 ms.
      await until(() => streams.length === 2, 300);
      subscription.unsubscribe();
    });

    it('aborts the request when unsubscribed, and does not reconnect', async () => {
      const { fetch, calls } = fakeFetch((seen) => eventStream(seen).response);
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION, reconnect: { delayMs: 5 } });
      const subscription = client.events().subscribe();
      await until(() => calls.length === 1);
      expect(calls[0]!.signal?.aborted).to.equal(false);
      subscription.unsubscribe();
      expect(calls[0]!.signal?.aborted).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(calls).to.have.length(1);
    });

    it('reopens a stream that fell silent for the idle timeout', async () => {
      const streams: ReturnType<typeof eventStream>[] = [];
      const { fetch, calls } = fakeFetch((seen) => {
        const stream = eventStream(seen);
        streams.push(stream);
        return stream.response;
      });
      const client = new HttpHallClient({
        baseUrl: '',
        fetch,
        session: SESSION,
        reconnect: { delayMs: 5, idleTimeoutMs: 80 },
      });
      const subscription = client.events().subscribe();
      await until(() => streams.length === 1);
      // Heartbeats keep it open…
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        streams[0]!.write(': heartbeat\n\n');
      }
      expect(streams).to.have.length(1);
      // …silence does not.
      await until(() => streams.length === 2, 1000);
      expect(calls[0]!.signal?.aborted).to.equal(true);
      subscription.unsubscribe();
    });

    it('ignores messages that are not hall events', async () => {
      let stream: ReturnType<typeof eventStream> | undefined;
      const { fetch } = fakeFetch((seen) => (stream = eventStream(seen)).response);
      const client = new HttpHallClient({ baseUrl: '', fetch, session: SESSION });
      const watch = collect(client.events(), (events) => events.length === 1);
      await until(() => stream !== undefined);
      stream!.write('data: not json\n\n');
      stream!.write('id: 3\ndata: {"type":"unknown.kind","data":{}}\n\n');
      stream!.write('id: x\ndata: {"type":"ticket.issued"}\n\n');
      stream!.write(sse({ id: 4, type: 'catalog.published' }));
      const events = await watch.until;
      watch.stop();
      expect(events.map((e) => e.id)).to.deep.equal([4]);
    });
  });
});
