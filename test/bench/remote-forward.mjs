// remote.forward.ms: a 10-material cross-province package (跨省通办) from a window of hall A to hall B, two hall server
// processes on loopback: from the clerk's POST /sync of its remote.save to A's remote.updated event saying B received
// it (A checked and stored it, signed it, sent it with its scans; B checked the signature, the scans' hashes and the
// item, numbered it and answered). Baseline in the same run: the same request bytes (the package and its scans in
// base64) POSTed to a bare HTTP server that reads them, hashes each scan and answers, and the sync POST alone.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { startHall } from './hall-process.mjs';
import { percentile } from './percentile.mjs';

const ROUNDS = 10;
const MATERIALS = 10;
/** Bytes of one scanned page (a compressed A4 JPEG is some 100 to 300 KB). */
const PAGE_BYTES = 150 * 1024;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function call(url, method, path, { token, body, raw, headers = {} } = {}) {
  const response = await fetch(new URL(path, url), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : raw !== undefined ? { body: raw } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const login = async (url, user, password) =>
  (await call(url, 'POST', '/api/v1/session', { body: { user, password, takeOver: true } })).token;

/** The demo catalog with one more item of ten materials, the version B publishes for the benchmark. */
function benchCatalog(catalog) {
  const base = catalog.items.reduce((a, b) => (b.materials.length > a.materials.length ? b : a));
  const materials = Array.from({ length: MATERIALS }, (_, i) => ({
    ...base.materials[i % base.materials.length],
    id: `bench-material-${i + 1}`,
    name: `材料${i + 1}`,
    necessity: 'required',
  }));
  const item = { ...base, id: 'bench-ten-materials', name: '十项材料的跨省事项', materials };
  return { ...catalog, version: `${catalog.version}-bench`, items: [...catalog.items, item] };
}

/** The same bytes as A's request to B, to a bare server that reads, hashes the scans and answers. */
async function rawBaseline(body) {
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const file of parsed.files) sha256(Buffer.from(file.data, 'base64'));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"received"}');
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const times = [];
  const text = JSON.stringify(body);
  try {
    for (let i = 0; i < ROUNDS + 2; i++) {
      const started = performance.now();
      await call(url, 'POST', '/exchange', { raw: text, headers: { 'content-type': 'application/json' } });
      if (i >= 2) times.push(performance.now() - started);
    }
  } finally {
    server.close();
  }
  return times;
}

/** Waits for A's event saying the case `id` reached `state`. */
function eventOf(stream, id, state) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${state} event for ${id}`)), 20_000);
    stream.waiters.push((event) => {
      if (event.type === 'remote.updated' && event.data.caseId === id && event.data.state === state) {
        clearTimeout(timer);
        resolve(performance.now());
        return true;
      }
      return false;
    });
  });
}

/** A's event stream for the clerk, read as it comes. */
async function openStream(url, token) {
  const controller = new AbortController();
  const response = await fetch(new URL('/api/v1/events', url), {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const stream = { waiters: [], close: () => controller.abort() };
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += Buffer.from(chunk).toString('utf8');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const event = JSON.parse(data.slice(6));
          stream.waiters = stream.waiters.filter((waiter) => !waiter(event));
        }
      }
    } catch {
      // closed
    }
  })();
  return stream;
}

export async function measureRemoteForward({ catalog }) {
  const [a, b] = await Promise.all([
    startHall(),
    startHall({ env: { HALL_CODE: 'GDNS01', HALL_NAME: '深圳市南山区政务服务中心' } }),
  ]);
  try {
    const tokens = {
      aManager: await login(a.url, 'manager01', 'yichuang-manager'),
      bManager: await login(b.url, 'manager01', 'yichuang-manager'),
      aClerk: await login(a.url, 'clerk01', 'yichuang-demo'),
    };
    const published = benchCatalog(catalog);
    await call(b.url, 'POST', '/api/v1/catalog', { token: tokens.bManager, body: published });
    const [aId, bId] = await Promise.all([
      call(a.url, 'GET', '/api/v1/exchange/identity'),
      call(b.url, 'GET', '/api/v1/exchange/identity'),
    ]);
    await call(b.url, 'POST', '/api/v1/peers', {
      token: tokens.bManager,
      body: { hall: aId.hall, name: aId.name, url: a.url, region: '120101', publicKey: aId.publicKey },
    });
    const peer = await call(a.url, 'POST', '/api/v1/peers', {
      token: tokens.aManager,
      body: { hall: 'GDNS01', name: bId.name, url: b.url, region: '440305', publicKey: bId.publicKey },
    });
    if (peer.catalogVersion !== published.version) throw new Error('bench: A has no copy of B’s catalog');
    const item = published.items.at(-1);
    const stream = await openStream(a.url, tokens.aClerk);
    const times = [];
    const syncTimes = [];
    let lastBody;
    for (let round = 0; round < ROUNDS + 2; round++) {
      const files = [];
      for (let i = 0; i < MATERIALS; i++) {
        const page = randomBytes(PAGE_BYTES);
        await call(a.url, 'PUT', `/api/v1/attachments/${sha256(page)}`, { token: tokens.aClerk, raw: page });
        files.push(page);
      }
      const collectedAt = new Date().toISOString();
      const pkg = {
        id: ulid(),
        number: `TJHP01-${collectedAt.slice(0, 10).replaceAll('-', '')}-01-${String(9000 + round)}`,
        hall: 'TJHP01',
        window: '01',
        clerk: 'clerk01',
        target: { hall: 'GDNS01', region: '440305', authority: '深圳市南山区住房和建设局' },
        mode: 'collect',
        item: { itemId: item.id, version: item.version },
        applicant: { kind: 'person', name: '陈晓明', idType: 'resident-id', idNumber: '11010519491231002X' },
        materials: item.materials.map((material, i) => ({ materialId: material.id, files: [sha256(files[i])] })),
        returnWay: 'pickup',
        collectedAt,
      };
      const received = eventOf(stream, pkg.id, 'received');
      const started = performance.now();
      const [result] = (
        await call(a.url, 'POST', '/api/v1/sync', {
          token: tokens.aClerk,
          body: { mutations: [{ id: ulid(), kind: 'remote.save', payload: pkg }] },
        })
      ).results;
      const synced = performance.now();
      if (result.status !== 'applied') throw new Error(`bench: remote.save ${JSON.stringify(result)}`);
      const arrived = await received;
      if (round >= 2) {
        times.push(arrived - started);
        syncTimes.push(synced - started);
      }
      lastBody = {
        package: pkg,
        files: files.map((page) => ({ sha256: sha256(page), data: page.toString('base64') })),
      };
    }
    stream.close();
    const baseline = await rawBaseline(lastBody);
    const round = (ms) => Math.round(ms * 10) / 10;
    return {
      'remote.forward.ms': round(percentile(times, 50)),
      'remote.forward.p95_ms': round(percentile(times, 95)),
      'remote.forward.sync_ms': round(percentile(syncTimes, 50)),
      'remote.forward.baseline_raw_post_ms': round(percentile(baseline, 50)),
      'remote.forward.package_bytes': Buffer.byteLength(JSON.stringify(lastBody)),
      'remote.forward.materials': MATERIALS,
    };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(time = Date.now()) {
  let text = '';
  let rest = time;
  for (let i = 0; i < 10; i++) {
    text = CROCKFORD[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  for (const byte of randomBytes(16)) text += CROCKFORD[byte & 31];
  return text;
}
