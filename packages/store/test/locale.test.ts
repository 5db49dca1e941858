import { expect } from '@open-wc/testing';
import { CaseNumberer, type Case } from '@yichuang/core';
import { hallMessage } from '@yichuang/hall-client';
import {
  CaseNumberConflictError,
  InvalidRecordError,
  NotFoundError,
  STORE_MESSAGES,
  StaleCaseError,
  StoreError,
  StoreLockedError,
  SyncEngine,
  WorkstationStore,
  WrongSecretError,
  storeMessage,
  type StoreLocale,
  type SyncEngineOptions,
} from '@yichuang/store';
import { FaultyHall } from './support/faulty-hall.js';
import { CLERK, Engines, Stores, failureOf, makeCase, resaved } from './support/fixtures.js';

const CJK = /[\u4e00-\u9fff]/;

describe('store: the clerk’s language', () => {
  const stores = new Stores();
  const engines = new Engines({ hints: null });
  afterEach(async () => {
    await engines.cleanup();
    await stores.cleanup();
  });

  /**
   * Parks one mutation of each reason the engine gives itself (a damaged file, a request refused alone, a file
   * refused, a file the hall asks for that is not here) and answers their messages by code.
   */
  async function parkedReasons(store: WorkstationStore, options: SyncEngineOptions = {}): Promise<Map<string, string>> {
    const hall = new FaultyHall();
    const damaged = await store.putAttachment(new Blob(['damaged scan']));
    const material = (sha: string) => [
      { materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan' as const, copies: 0, attachments: [sha] },
    ];
    await store.saveCase(makeCase({ materials: material(damaged) }));
    const row = (await store.db.attachments.get(damaged))!;
    const bytes = new Uint8Array(await row.data.arrayBuffer());
    bytes[0] = bytes[0]! ^ 0xff;
    await store.db.attachments.update(damaged, { data: new Blob([bytes]) });
    const absent = 'b'.repeat(64);
    await store.saveCase(makeCase({ materials: material(absent) }));
    const poison = makeCase();
    hall.poison = (mutation) =>
      mutation.kind === 'case.save' && mutation.payload.id === poison.id ? 'bad' : undefined;
    await store.saveCase(poison);
    await store.saveCase(makeCase());
    for (let i = 0; i < 4; i++) hall.syncFaults.push('bad-request');
    const engine = engines.make(store, hall, options);
    await engine.syncNow();
    const oversize = await store.putAttachment(new Blob(['a scan too large']));
    hall.uploadFaults.push('too-large');
    await store.saveCase(makeCase({ materials: material(oversize) }));
    await engine.syncNow();
    return new Map((await store.outbox.parked()).map((entry) => [entry.code, entry.message]));
  }

  it('parks with reasons in zh-CN by default', async () => {
    const store = await stores.open();
    expect(store.locale).to.equal('zh-CN');
    const reasons = await parkedReasons(store);
    expect(Object.fromEntries(reasons)).to.deep.equal({
      'attachment-unreadable': storeMessage('attachmentUnreadable', 'zh-CN'),
      'missing-attachments': storeMessage('attachmentsAbsent', 'zh-CN', { count: 1 }),
      'request-refused': '大厅拒收了发送这项变更的请求（HTTP 400）：mutations: one is not valid',
      'attachment-refused': '大厅拒收了这项变更所附的文件（HTTP 413）：The file is too large',
    });
    expect(reasons.get('missing-attachments')).to.equal(
      '大厅要求的 1 个附件不在本机上，请重新添加后重试，或放弃这项变更',
    );
  });

  for (const [how, storeLocale, engineLocale] of [
    ['the store was opened in it', 'en-US', undefined],
    ['the engine was given it', 'zh-CN', 'en-US'],
  ] as const) {
    it(`parks with reasons in en-US when ${how}`, async () => {
      const store = await stores.open({ locale: storeLocale });
      const reasons = await parkedReasons(store, engineLocale ? { locale: engineLocale } : {});
      expect(Object.fromEntries(reasons)).to.deep.equal({
        'attachment-unreadable':
          'A file attached to this change cannot be read on this workstation (damaged or lost). Attach the file ' +
          'again, then retry; or discard this change',
        'missing-attachments':
          '1 attachment(s) the hall asks for are not on this workstation: attach them again, then retry; or ' +
          'discard this change',
        'request-refused': 'The hall refused the request that sent this change (HTTP 400): mutations: one is not valid',
        'attachment-refused': 'The hall refused a file attached to this change (HTTP 413): The file is too large',
      });
    });
  }

  for (const locale of ['zh-CN', 'en-US'] as const) {
    it(`says why it cannot sync in ${locale}: locked, route refused, no answer, unreachable`, async () => {
      const store = await stores.open();
      const hall = new FaultyHall();
      const engine = engines.make(store, hall, { locale, requestTimeoutMs: 30 });
      expect(engine.locale).to.equal(locale);
      await store.saveCase(makeCase());
      store.lock();
      await engine.syncNow();
      expect(engine.status.error).to.include({ code: 'locked', message: storeMessage('locked', locale) });

      const other = await stores.open();
      const second = engines.make(other, hall, { locale, requestTimeoutMs: 30 });
      await other.saveCase(makeCase());
      hall.syncFaults.push('route-missing', 'hang', 'type-error', 'unavailable');
      await second.syncNow();
      expect(second.status.error?.message).to.equal(
        storeMessage('syncRouteRefused', locale, { status: 404, reason: 'Not Found' }),
      );
      await second.syncNow();
      expect(second.status.error?.message).to.equal(hallMessage('noAnswerInTime', locale, { ms: 30 }));
      await second.syncNow();
      expect(second.status.error).to.include({
        message: hallMessage('unreachable', locale),
        detail: 'Failed to fetch',
      });
      // The hall's own message, as its client gave it, passes as it is.
      await second.syncNow();
      expect(second.status.error).to.include({ code: 'unavailable', message: 'Hall restarting' });
      expect(second.status.error).to.not.have.property('detail');
      expect(await second.syncNow()).to.include({ outcome: 'done', acknowledged: 1 });
    });
  }

  it('says so when an upload route refuses, and when something unexpected fails', async () => {
    const store = await stores.open({ locale: 'en-US' });
    const hall = new FaultyHall();
    const engine = engines.make(store, hall);
    const sha = await store.putAttachment(new Blob(['the only scan']));
    await store.saveCase(
      makeCase({
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'scan', copies: 0, attachments: [sha] }],
      }),
    );
    hall.uploadFaults.push('bad-request');
    await engine.syncNow();
    expect(engine.status.error?.message).to.equal('The hall refused an attachment upload (HTTP 400): Request blocked');

    // The hall answers a sync with no results at all; then a failure that is neither the hall nor the network.
    const sync = hall.sync.bind(hall);
    hall.sync = async () => ({}) as never;
    await engine.syncNow();
    expect(engine.status.error).to.include({ code: 'internal', message: hallMessage('malformed', 'en-US') });
    hall.sync = async () => {
      throw new RangeError('something inside broke');
    };
    await engine.syncNow();
    expect(engine.status.error).to.include({
      code: 'internal',
      message: storeMessage('syncFailed', 'en-US'),
      detail: 'something inside broke',
    });
    hall.sync = sync;
    expect(await engine.syncNow()).to.include({ outcome: 'done', acknowledged: 1 });
  });

  it('lists a record’s problems in zh-CN by default, with an English message for logs', async () => {
    const store = await stores.open();
    const bad = { ...makeCase(), number: 'nope', items: [] } as unknown as Case;
    const error = (await failureOf(store.saveCase(bad))) as InvalidRecordError;
    expect(error).to.be.instanceOf(InvalidRecordError).and.instanceOf(StoreError);
    expect(error.issues.some((line) => line.startsWith('number: ') && CJK.test(line))).to.equal(true);
    expect(error.issues.some((line) => line.startsWith('items: '))).to.equal(true);
    expect(error.localized).to.match(/^办件不符合要求，未保存：number: /);
    expect(error.message).to.match(/^The case is not valid and was not saved: /);
    expect(error.message).to.not.match(CJK);
    expect(error.englishIssues.some((line) => line.startsWith('number: '))).to.equal(true);

    const nested = (await failureOf(
      store.saveCase({
        ...makeCase(),
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'paper', copies: -1 }],
      }),
    )) as InvalidRecordError;
    // The full path of the field, the message of the schema in the clerk's language.
    expect(nested.issues.some((line) => line.startsWith('materials.0.copies: ') && CJK.test(line))).to.equal(true);

    const numberer = new CaseNumberer({ hall: 'TJHP01', window: 'W09' });
    numberer.next();
    const other = (await failureOf(store.saveCase(makeCase(), { numberer: numberer.state! }))) as InvalidRecordError;
    expect(other.issues).to.deep.equal([STORE_MESSAGES.numbererOtherWindow.zh]);
    expect(other.englishIssues).to.deep.equal([STORE_MESSAGES.numbererOtherWindow.en]);
    const file = (await failureOf(store.putAttachment('not a file' as never))) as InvalidRecordError;
    expect(file.issues).to.deep.equal(['file: 须为文件（Blob 或 File）']);
    const audit = (await failureOf(store.saveCase(makeCase(), { audit: 'not a list' as never }))) as InvalidRecordError;
    expect(audit.issues).to.deep.equal(['audit: 应为办理记录列表']);
    expect(audit.localized).to.equal('办理记录不符合要求，未保存：audit: 应为办理记录列表');
  });

  it('lists a record’s problems in en-US when asked', async () => {
    const store = await stores.open({ locale: 'en-US' });
    const error = (await failureOf(store.saveCase({ ...makeCase(), number: 'nope' }))) as InvalidRecordError;
    expect(error.issues.length).to.be.above(0);
    expect(error.issues.every((line) => !CJK.test(line))).to.equal(true);
    expect(error.issues).to.deep.equal(error.englishIssues);
    expect(error.localized).to.equal(`The case is not valid and was not saved: ${error.issues.join('; ')}`);
    const ticket = (await failureOf(store.saveTickets([{ number: 'lower' } as never]))) as InvalidRecordError;
    expect(ticket.localized).to.match(/^The ticket is not valid/);
  });

  for (const locale of ['zh-CN', 'en-US'] as StoreLocale[]) {
    it(`gives every store error a localized text in ${locale}`, async () => {
      const store = await stores.open({ locale });
      const value = makeCase();
      await store.saveCase(resaved(value));
      const stale = (await failureOf(store.saveCase(value))) as StaleCaseError;
      expect(stale.localized).to.equal(storeMessage('staleCase', locale));
      const first = new CaseNumberer({ hall: 'TJHP01', window: 'W03' });
      const second = new CaseNumberer({ hall: 'TJHP01', window: 'W03' });
      await store.saveCase(makeCase({ number: first.next() }), { numberer: first.state! });
      const taken = (await failureOf(
        store.saveCase(makeCase({ number: second.next() }), { numberer: second.state! }),
      )) as CaseNumberConflictError;
      expect(taken.localized).to.equal(storeMessage('caseNumberConflict', locale, { window: 'W03' }));
      const missing = (await failureOf(store.outbox.retryParked('nothing'))) as NotFoundError;
      expect(missing).to.be.instanceOf(NotFoundError);
      expect((await failureOf(store.outbox.discardParked('nothing'))) as NotFoundError).to.be.instanceOf(NotFoundError);
      expect(missing.localized).to.equal(storeMessage('noParkedMutation', locale));
      const sent = await store.saveCase(makeCase());
      await store.outbox.settle({
        acknowledged: [{ id: sent.mutationId, status: 'applied', appliedAt: new Date().toISOString() }],
      });
      const gone = (await failureOf(
        store.outbox.payload((await store.db.outbox.get(sent.mutationId))!),
      )) as NotFoundError;
      expect(gone).to.be.instanceOf(NotFoundError);
      expect(gone.localized).to.equal(storeMessage('noPayload', locale));
      const wrong = (await failureOf(store.unlock(CLERK, 'not the secret'))) as WrongSecretError;
      expect(wrong.localized).to.equal(storeMessage('wrongSecret', locale, { user: CLERK }));
      store.lock();
      const locked = (await failureOf(store.getCase(value.id))) as StoreLockedError;
      expect(locked.localized).to.equal(storeMessage('storeLocked', locale));
      expect(locked.message).to.contain('locked');
    });
  }

  it('refuses a language it does not speak', () => {
    expect(() => new WorkstationStore({ name: 'yc-never-opened', locale: 'fr-FR' as never })).to.throw(RangeError);
  });

  it('refuses a language it does not speak for the engine', async () => {
    const store = await stores.open();
    expect(() => new SyncEngine(store, new FaultyHall(), { locale: 'de' as never })).to.throw(RangeError);
  });
});
