// The person at a workstation, on the hall inside this browser: sign-in at a window, the window taken elsewhere, the
// lock screen, inactivity, a reload that keeps the hall's session but not the key, sign-in without the hall, sign-out.
import { expect } from '@open-wc/testing';
import { firstValueFrom, filter } from 'rxjs';
import { HallError, type HallClient, type Session } from '@yichuang/hall-client';
import { generateRecoveryKeyPair } from '@yichuang/store';
import { WorkstationSession, SESSION_STORAGE_KEY, personLine, type SessionState } from '@yichuang/shell';
import { freshLocalHall } from '../../hall/test/local-hall-support.js';
import { Stores, makeCase } from '../../store/test/support/fixtures.js';

/** A tab's sessionStorage, in memory. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** A hall that cannot be reached: every call fails as the network does. */
function unreachable(): HallClient {
  const down = () => Promise.reject(new HallError('网络连接失败', 'network', 0));
  return new Proxy({} as HallClient, {
    get: (_target, name) => (name === 'session' ? undefined : down),
  });
}

const phase = (session: WorkstationSession, wanted: SessionState['phase']) =>
  firstValueFrom(session.state$.pipe(filter((state) => state.phase === wanted)));

describe('WorkstationSession', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('signs a clerk in at a window: the hall checks the password, the store opens with it, the tab keeps the session', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const storage = new MemoryStorage();
    const session = new WorkstationSession({ hall: hall.client(), store, storage, lockAfterMs: 0 });
    expect(session.state.phase).to.equal('signed-out');
    await session.signIn({ user: ' clerk01 ', password: 'yichuang-demo', window: '01' });
    expect(session.state).to.include({
      phase: 'active',
      hall: 'TJHP01',
      user: 'clerk01',
      name: '王晓雨',
      role: 'clerk',
      window: '01',
    });
    expect(session.state.offline).to.equal(false);
    expect(store.user).to.equal('clerk01');
    const kept = JSON.parse(storage.getItem(SESSION_STORAGE_KEY)!) as Session;
    expect(kept.subject).to.equal('clerk01');
    expect(WorkstationSession.saved(storage)?.token).to.equal(kept.token);
    // An expired or unreadable kept session is no session.
    expect(WorkstationSession.saved(storage, Date.parse(kept.expiresAt) + 1)).to.equal(undefined);
    storage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(WorkstationSession.saved(storage)).to.equal(undefined);
  });

  it('refuses a wrong password or an empty form with the reason, and opens nothing', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    await session.signIn({ user: 'clerk01', password: '', window: '01' });
    expect(session.state.problem).to.equal('请填写账号和密码。');
    await session.signIn({ user: 'clerk01', password: 'not-the-password', window: '01' });
    expect(session.state.phase).to.equal('signed-out');
    expect(session.state.problem).to.be.a('string').and.not.equal('');
    expect(session.state.user).to.equal('clerk01');
    expect(store.locked).to.equal(true);
  });

  it('asks before taking over a window with a live session elsewhere; going back leaves it alone', async () => {
    const hall = await freshLocalHall();
    const elsewhere = hall.client();
    await elsewhere.login({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    expect(session.state).to.include({ phase: 'window-taken', window: '01' });
    expect(store.locked).to.equal(true);
    session.cancel();
    expect(session.state.phase).to.equal('signed-out');
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    await session.takeOver();
    expect(session.state).to.include({ phase: 'active', window: '01' });
    // The other session ended.
    const other = await elsewhere.queue().then(
      () => 'still working',
      (error: HallError) => error.code,
    );
    expect(other).to.equal('unauthenticated');
  });

  it('locks: the store forgets its key; the password (checked on this PC) opens it again, a wrong one does not', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    await session.signIn({ user: 'manager01', password: 'yichuang-manager' });
    expect(session.state).to.include({ phase: 'active', role: 'manager' });
    session.lock();
    expect(session.state.phase).to.equal('locked');
    expect(store.locked).to.equal(true);
    await session.unlock('');
    expect(session.state.problem).to.equal('请输入密码。');
    await session.unlock('wrong');
    expect(session.state).to.include({ phase: 'locked', problem: '密码不对。', user: 'manager01' });
    await session.unlock('yichuang-manager');
    expect(session.state.phase).to.equal('active');
    expect(session.state.problem).to.equal(undefined);
    expect(store.locked).to.equal(false);
  });

  it('locks after the time without activity, and activity puts it off', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 300 });
    await session.signIn({ user: 'clerk02', password: 'yichuang-demo', window: '02' });
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      session.noteActivity();
    }
    expect(session.state.phase).to.equal('active');
    await phase(session, 'locked');
    expect(Date.now() - started).to.be.greaterThan(800);
    expect(store.locked).to.equal(true);
    expect(() => new WorkstationSession({ hall: hall.client(), store, lockAfterMs: -1 })).to.throw(RangeError);
    session.dispose();
  });

  it('after a reload the hall’s session is kept but the screen is locked until the password', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const storage = new MemoryStorage();
    const first = new WorkstationSession({ hall: hall.client(), store, storage, lockAfterMs: 0 });
    await first.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    store.lock();
    const kept = WorkstationSession.saved(storage)!;
    const reloaded = new WorkstationSession({
      hall: new Proxy(hall.client(), {
        get: (tab, name) => (name === 'session' ? kept : Reflect.get(tab, name, tab)),
      }),
      store,
      storage,
      lockAfterMs: 0,
    });
    expect(reloaded.state).to.include({ phase: 'locked', user: 'clerk01', name: '王晓雨', window: '01' });
    await reloaded.unlock('yichuang-demo');
    expect(reloaded.state.phase).to.equal('active');
  });

  it('without the hall, only a clerk who signed in on this PC before signs in, and the hall login follows later', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const offline = new WorkstationSession({ hall: unreachable(), store, lockAfterMs: 0, hallCode: 'TJHP01' });
    await offline.signIn({ user: 'clerk03', password: 'yichuang-demo', window: '03' });
    expect(offline.state.problem).to.match(/只有在本机登录过的窗口人员才能离线登录/);
    // Once signed in here with the hall, the clerk can sign in on the PC's keyring alone.
    const online = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    await online.signIn({ user: 'clerk03', password: 'yichuang-demo', window: '03' });
    await online.signOut({ purge: false });
    await offline.signIn({ user: 'clerk03', password: 'wrong', window: '03' });
    expect(offline.state.problem).to.equal('密码不对。');
    await offline.signIn({ user: 'clerk03', password: 'yichuang-demo', window: '03' });
    expect(offline.state).to.include({ phase: 'active', offline: true, hall: 'TJHP01', window: '03' });
    expect(personLine(offline.state)).to.equal('clerk03 · 03 号窗口（离线登录）');
    expect(await offline.reconnect()).to.equal(false);
    expect(offline.state.offline).to.equal(true);
  });

  it('reconnects a session signed in on this PC once the hall answers', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    await new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 }).signIn({
      user: 'clerk01',
      password: 'yichuang-demo',
      window: '01',
    });
    store.lock();
    let reachable = false;
    const client = hall.client();
    const flaky = new Proxy(client, {
      get: (target, name) => {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          reachable
            ? (value as (...a: unknown[]) => unknown).apply(target, args)
            : Promise.reject(new HallError('网络连接失败', 'network', 0));
      },
    });
    const storage = new MemoryStorage();
    const session = new WorkstationSession({ hall: flaky, store, storage, lockAfterMs: 0 });
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    expect(session.state.offline).to.equal(true);
    reachable = true;
    expect(await session.reconnect()).to.equal(true);
    expect(session.state).to.include({ phase: 'active', offline: false, name: '王晓雨' });
    expect(storage.getItem(SESSION_STORAGE_KEY)).to.not.equal(null);
    expect(await session.reconnect()).to.equal(true);
  });

  it('signs out on a shared PC: what the hall holds leaves this PC, unsynced cases stay sealed, the tab forgets', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const storage = new MemoryStorage();
    const session = new WorkstationSession({ hall: hall.client(), store, storage, lockAfterMs: 0 });
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    await store.saveCase(makeCase());
    const report = await session.signOut();
    expect(report).to.not.equal(undefined);
    expect(Object.values(report!.kept).reduce((sum: number, n) => sum + Number(n), 0)).to.be.greaterThan(0);
    expect(session.state.phase).to.equal('signed-out');
    expect(store.locked).to.equal(true);
    expect(storage.getItem(SESSION_STORAGE_KEY)).to.equal(null);
  });

  it('after a password reset, recovers this PC’s cases with the hall’s recovery key, and never opens a new empty key', async function () {
    this.timeout(60_000);
    const [hallKey, otherKey] = await Promise.all([generateRecoveryKeyPair(), generateRecoveryKeyPair()]);
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    // This PC kept the clerk's cases under the password before the reset, wrapped for the hall's recovery key.
    await store.unlock('clerk01', 'before-the-reset', { recoveryKey: hallKey.publicKey });
    const kept = makeCase();
    await store.saveCase(kept);
    store.lock();
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    expect(session.state).to.include({ phase: 'recovery', user: 'clerk01' });
    expect(session.state.problem).to.match(/恢复密钥文件/);
    expect(store.locked).to.equal(true);
    await session.recover('this is not a key');
    expect(session.state).to.include({ phase: 'recovery', problem: '这个文件不是恢复密钥文件。' });
    await session.recover(JSON.stringify(otherKey.privateKey));
    expect(session.state.phase).to.equal('recovery');
    expect(session.state.problem)
      .to.be.a('string')
      .and.not.match(/恢复密钥文件/);
    await session.recover(JSON.stringify(hallKey.privateKey));
    expect(session.state.phase).to.equal('active');
    expect((await store.getCase(kept.id))?.applicant).to.deep.equal(kept.applicant);
    // From now on the new password opens this PC's key.
    session.lock();
    await session.unlock('yichuang-demo');
    expect(session.state.phase).to.equal('active');
  });

  it('a person who does not recover now signs out, and this PC’s key stays as it was', async function () {
    this.timeout(60_000);
    const hallKey = await generateRecoveryKeyPair();
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    await store.unlock('clerk02', 'before-the-reset', { recoveryKey: hallKey.publicKey });
    store.lock();
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    await session.signIn({ user: 'clerk02', password: 'yichuang-demo', window: '02' });
    expect(session.state.phase).to.equal('recovery');
    session.cancel();
    expect(session.state.phase).to.equal('signed-out');
    await store.unlock('clerk02', 'before-the-reset');
    expect(store.user).to.equal('clerk02');
  });
});
