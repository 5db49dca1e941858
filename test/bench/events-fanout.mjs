// Event fan-out, measured in Node on loopback: a trigger request makes a server emit one event to N Server-Sent
// Events subscribers. Two times per subscriber and event: from the event (the server stamps each with an SSE comment
// `: t=<ns>`, the monotonic clock when it committed the event; Linux's monotonic clock is the same in every
// process) to the subscriber reading it, and from the trigger request to that read. The same measurement runs
// against the hall server (EVENT_TIMING=1) and a bare SSE echo server (the baseline), in the same run.
import { createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentileMs } from './percentile.mjs';

/**
 * Opens an SSE stream and calls `onEvent({ type, data, stamp })` for every event of it (`stamp`: the server's
 * `: t=<ns>` comment, as a BigInt, when it sent one). Resolves, when connected, with a function that closes it.
 */
export function subscribe(url, headers, onEvent) {
  return new Promise((connected, failed) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) return failed(new Error(`${url}: HTTP ${response.statusCode}`));
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = 'message';
          let stamp;
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) type = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            else if (line.startsWith(': t=')) stamp = BigInt(line.slice(4));
          }
          if (data.length) onEvent({ type, data: data.join('\n'), stamp });
        }
      });
      connected(() => req.destroy());
    });
    req.on('error', (error) => (error.code === 'ECONNRESET' ? undefined : failed(error)));
    req.end();
  });
}

/**
 * Measures fan-out: `subscribers` streams on `eventsUrl`, `rounds` triggers one after another (each waits until
 * every subscriber has the event, or `timeoutMs`). Only events of `type` count. `headers`: the request headers of
 * every stream, or a function of the stream's index (0 to `subscribers - 1`) giving each its own (a session each).
 * Returns p50/p95 (ms) from the event's stamp, p50/p95 from the trigger request, how many deliveries were expected
 * and how many arrived.
 */
export async function measureFanout({
  eventsUrl,
  headers = {},
  type,
  trigger,
  subscribers = 20,
  rounds = 200,
  timeoutMs = 5000,
}) {
  const received = Array.from({ length: subscribers }, () => 0);
  let roundStart = 0;
  let round = 0;
  let waiting;
  const samples = [];
  const fromRequest = [];
  const closers = [];
  let unstamped = 0;
  let sample;
  for (let i = 0; i < subscribers; i++) {
    closers.push(
      await subscribe(eventsUrl, typeof headers === 'function' ? headers(i) : headers, (event) => {
        if (event.type !== type) return;
        const now = process.hrtime.bigint();
        received[i]++;
        sample = event.data;
        if (received[i] === round) {
          fromRequest.push(performance.now() - roundStart);
          if (event.stamp === undefined) unstamped++;
          else samples.push(Number(now - event.stamp) / 1e6);
        }
        if (waiting && received.every((count) => count >= round)) waiting();
      }),
    );
  }
  let delivered = 0;
  try {
    for (round = 1; round <= rounds; round++) {
      const all = new Promise((done) => {
        waiting = done;
        setTimeout(done, timeoutMs).unref();
      });
      roundStart = performance.now();
      await trigger(round);
      await all;
      waiting = undefined;
    }
  } finally {
    for (const close of closers) close();
  }
  if (unstamped) throw new Error(`${eventsUrl}: ${unstamped} events came without a ': t=' stamp`);
  delivered = received.reduce((sum, count) => sum + Math.min(count, rounds), 0);
  return {
    p50: percentileMs(samples, 50),
    p95: percentileMs(samples, 95),
    requestP50: percentileMs(fromRequest, 50),
    requestP95: percentileMs(fromRequest, 95),
    expected: subscribers * rounds,
    delivered,
    /** The data of the last event, for an echo of the same bytes. */
    sample,
  };
}

/** A bare SSE echo server: `GET /events` streams, `POST /emit` sends its body as one event to every stream. */
export async function startRawSseServer() {
  const streams = new Set();
  let id = 0;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'POST' && req.url === '/emit') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        id++;
        const frame = `: t=${process.hrtime.bigint()}\nid: ${id}\nevent: echo\ndata: ${body.replace(/\n/g, '')}\n\n`;
        for (const stream of streams) stream.write(frame);
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    close: () =>
      new Promise((done) => {
        for (const stream of streams) stream.destroy();
        server.close(done);
      }),
  };
}

/** POSTs `body` (JSON) to `url`; resolves with the parsed answer, rejects on a non-2xx status. */
export function postJson(url, body, headers = {}) {
  return new Promise((done, failed) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          res.statusCode >= 200 && res.statusCode < 300
            ? done(text ? JSON.parse(text) : undefined)
            : failed(new Error(`${url}: HTTP ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', failed);
    req.end(payload);
  });
}
