import { expect, fixture, html } from '@open-wc/testing';
import '@yichuang/assist/define.js';
import '@yichuang/intake/define.js';
import { ulid, type AssistVisit } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import { SimulatedSignaturePad } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import { IntakeSession, type IntakeDraftData } from '@yichuang/intake';
import type { WorkstationStore } from '@yichuang/store';
import type { AssistDesk, AssistHandOffEvent } from '@yichuang/assist';
import { HALL_CODE } from '../../hall-client/test/support/fixtures.js';
import { describeOnEveryHall, until } from '../../queue/test/support.js';
import { Engines, FAST_SYNC, Stores } from '../../store/test/support/fixtures.js';

const PERSON_ID = '11010519491231002X'; // born 1949: elderly
const PROXY_ID = '120101198506201519';
const NOW = new Date('2026-03-02T02:00:00Z'); // 10:00 in Beijing, 2026-03-02

const shadow = (el: AssistDesk) => el.shadowRoot!;
const part = (el: AssistDesk, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: AssistDesk, label: string) =>
  [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
const eventually = (check: () => boolean) => until(check, 10_000);

async function type(el: AssistDesk, name: string, value: string): Promise<void> {
  const input = shadow(el).querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  expect(input, name).to.not.equal(null);
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  await el.updateComplete;
}

async function tick(el: AssistDesk, name: string, value?: string): Promise<void> {
  const selector = value === undefined ? `input[name="${name}"]` : `input[name="${name}"][value="${value}"]`;
  const input = shadow(el).querySelector<HTMLInputElement>(selector)!;
  input.click();
  await el.updateComplete;
}

async function click(el: AssistDesk, label: string): Promise<void> {
  const found = button(el, label);
  expect(found, label).to.not.equal(undefined);
  found!.click();
  await el.updateComplete;
}

/** Fills the person: an elderly woman with a phone, reached by phone. */
async function fillPerson(el: AssistDesk): Promise<void> {
  await type(el, 'name', '王秀兰');
  await type(el, 'idNumber', PERSON_ID);
  await type(el, 'phone', '13812345678');
  await tick(el, 'groups', 'elderly');
}

/** Fills a proxy (her son) authorised by a power of attorney until `until`. */
async function fillProxy(el: AssistDesk, until: string): Promise<void> {
  await tick(el, 'proxyWanted');
  await type(el, 'proxyName', '李强');
  await type(el, 'proxyIdNumber', PROXY_ID);
  await type(el, 'proxyPhone', '13900001111');
  await type(el, 'proxyRelation', '儿子');
  await type(el, 'scope', '代为办理社会保障卡补领');
  await type(el, 'validUntil', until);
}

describeOnEveryHall('<yc-assist-desk>', (hall) => {
  const stores = new Stores();
  const engines = new Engines(FAST_SYNC);
  afterEach(async () => {
    await engines.cleanup();
    await stores.cleanup();
  });

  async function mounted(store: WorkstationStore, client?: HallClient): Promise<AssistDesk> {
    const el = await fixture<AssistDesk>(
      html`<yc-assist-desk
        .store=${store}
        .client=${client}
        .catalog=${demoCatalog}
        .now=${() => NOW}
        hall=${HALL_CODE}
        window="01"
        helper="clerk01"
      ></yc-assist-desk>`,
    );
    await eventually(() => el.state !== undefined);
    return el;
  }

  it('registers a person with a proxy and the scanned letter, logs help, and the hall stores the visit', async () => {
    const client = await hall.as('clerk');
    const store = await stores.open();
    const el = await mounted(store, client);

    await fillPerson(el);
    await fillProxy(el, '2026-06-30');
    // A power of attorney without its letter is not enough.
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain('请先扫描委托书或在签字板上签署');
    expect(el.state?.visit).to.equal(undefined);

    await el.controller!.addLetterFile(new Blob(['scanned letter'], { type: 'image/png' }));
    await el.updateComplete;
    expect(text(part(el, 'register'))).to.contain('已附 1 个文件');
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.visit !== undefined);
    await el.updateComplete;
    expect(text(part(el, 'visit'))).to.contain('正在服务：王秀兰');
    expect(text(part(el, 'visit'))).to.contain('李强（儿子，授权委托书，有效期至 2026-06-30）');

    // Help: a wrong number of minutes is refused with the reason, a right one is logged.
    await type(el, 'minutes', '0');
    await click(el, '记录本次服务');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain('至少 1 分钟');
    await type(el, 'helpKind', 'assisted-filling');
    await type(el, 'minutes', '25');
    await type(el, 'note', '协助填写申请表');
    await click(el, '记录本次服务');
    await eventually(() => el.state?.done?.includes('25') === true);
    await el.updateComplete;
    expect(text(part(el, 'help'))).to.contain('帮办 25 分钟 — 协助填写申请表');
    expect(text(part(el, 'ledger'))).to.contain('王秀兰');
    expect(text(part(el, 'ledger'))).to.contain('25 分钟');

    // The outbox uploads the letter and sends both saves, in order; the hall acknowledges them.
    const report = await engines.make(store, client).syncNow();
    expect(report.parked, JSON.stringify(report)).to.equal(0);
    const visit = el.state!.visit!;
    const held = await store.getAssistVisit(visit.id);
    expect(held?.help).to.have.length(1);
    expect(report.remaining).to.equal(0);
    expect(report.uploaded).to.equal(1);
  });

  it('takes the letter signed on the window’s pad, and says so when the pad gives nothing', async () => {
    const store = await stores.open();
    const pad = new SimulatedSignaturePad();
    const el = await mounted(store);
    el.signaturePad = pad;
    await fillPerson(el);
    await fillProxy(el, '2026-06-30');
    await tick(el, 'letterWay', 'pad');
    pad.failWith('cancelled');
    await click(el, '请代办人在签字板上签署委托书');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain('设备没有取得委托书');
    pad.failWith(undefined);
    await click(el, '请代办人在签字板上签署委托书');
    await eventually(() => el.state?.form.letterFiles.length === 1);
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.visit !== undefined);
    expect(el.state?.visit?.letter?.way).to.equal('pad');
  });

  it('refuses a proxy whose authorisation has lapsed, with the date, and saves nothing', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    await fillPerson(el);
    await fillProxy(el, '2026-02-28');
    await type(el, 'authorisation', 'guardian');
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain('代办人的授权已于 2026-02-28 到期（今天是 2026-03-02），不能代办');
    expect(el.state?.ledger).to.have.length(0);
    // What was typed stays, to be corrected.
    expect(el.state?.form.proxyName).to.equal('李强');
  });

  it('says what is wrong with the person typed, field by field', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    await type(el, 'name', '王秀兰');
    await type(el, 'idNumber', '110105194912310021');
    await tick(el, 'groups', 'disabled');
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.error !== undefined);
    const error = text(part(el, 'error'));
    expect(error).to.contain('登记信息还有问题');
    expect(error).to.contain('need');
    expect(error).to.match(/idNumber/);
    expect(el.state?.visit).to.equal(undefined);
  });

  it('issues a priority ticket for a person of a special group, and refuses one for anyone else', async () => {
    const client = await hall.as('clerk');
    const store = await stores.open();
    const el = await mounted(store, client);
    await fillPerson(el);
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.visit !== undefined);
    await el.updateComplete;
    await click(el, '为服务对象取优先号');
    await eventually(() => el.state?.ticketNumber !== undefined);
    const queue = await client.queue();
    const ticket = queue.tickets.find((t) => t.number === el.state!.ticketNumber);
    expect(ticket?.kind).to.equal('priority');
    expect(el.state?.visit?.ticketId).to.equal(ticket?.id);

    await click(el, '登记新的服务对象');
    await type(el, 'name', '张伟');
    await type(el, 'idNumber', '440524188001010014');
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.visit?.served.person.name === '张伟');
    await el.updateComplete;
    await click(el, '为服务对象取优先号');
    await eventually(() => el.state?.error !== undefined);
    expect(text(part(el, 'error'))).to.contain('不能取优先号');
  });

  it('hands the person over to an intake with applicant and proxy filled in, and the case records the visit', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    await fillPerson(el);
    await fillProxy(el, '2026-12-31');
    await type(el, 'authorisation', 'guardian');
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.visit !== undefined);
    await el.updateComplete;
    let handedOff: AssistHandOffEvent | undefined;
    el.addEventListener('yc-assist-hand-off', (event) => (handedOff = event));
    await click(el, '代为受理事项');
    await eventually(() => part(el, 'intake') !== null);
    expect(handedOff?.detail.visitId).to.equal(el.state!.visit!.id);
    expect(el.state!.visit!.cases).to.deep.equal([handedOff!.detail.caseId]);
    const intake = part(el, 'intake')!.querySelector('yc-intake')!;
    expect(intake.getAttribute('draft-id')).to.equal(handedOff!.detail.draftId);

    const draft = await store.getDraft<IntakeDraftData>(handedOff!.detail.draftId);
    expect(draft?.data.applicant?.name).to.equal('王秀兰');
    expect(draft?.data.proxy?.name).to.equal('李强');
    expect(draft?.data.assistVisit).to.equal(el.state!.visit!.id);
    // The ledger shows the case as being taken in until the intake decides it.
    await eventually(() => text(part(el, 'ledger')).includes('受理中'));

    // Escape goes back to the help log.
    part(el, 'intake')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(el, 'visit')).to.not.equal(null);
  });

  it('closes a visit: no more cases are taken in on it', async () => {
    const store = await stores.open();
    const el = await mounted(store);
    await fillPerson(el);
    await click(el, '登记并开始服务');
    await eventually(() => el.state?.visit !== undefined);
    await el.updateComplete;
    await click(el, '本次服务办结');
    await eventually(() => el.state?.visit?.status === 'closed');
    await el.updateComplete;
    expect(button(el, '代为受理事项')).to.equal(undefined);
    expect(await el.controller!.handOff()).to.equal(undefined);
    expect(el.state?.error?.message).to.contain('已经办结');
  });
});

describeOnEveryHall('the hall on assist.save', (hall) => {
  const at = NOW.toISOString();
  const visitOf = (patch: Partial<AssistVisit> = {}): AssistVisit => ({
    id: ulid(),
    hall: HALL_CODE,
    window: '01',
    helper: 'clerk01',
    served: {
      person: {
        kind: 'person',
        name: '王秀兰',
        idType: 'resident-id',
        idNumber: PERSON_ID,
        specialGroups: ['elderly'],
      },
      contact: 'phone',
      accompanied: true,
    },
    help: [{ kind: 'guidance', minutes: 10, at }],
    cases: [],
    status: 'open',
    createdAt: at,
    updatedAt: at,
    ...patch,
  });
  const send = (client: HallClient, payload: AssistVisit, base?: { version: number }) =>
    client.sync([{ id: ulid(), kind: 'assist.save', payload, ...(base ? { base } : {}) }]).then((r) => r[0]!);

  it('stores a visit of the clerk, and refuses forged helpers, other windows, lapsed proxies and shrinking logs', async () => {
    const clerk = await hall.as('clerk');
    const visit = visitOf();
    expect((await send(clerk, visit)).status).to.equal('applied');

    const forged = await send(clerk, visitOf({ helper: 'clerk02' }));
    expect(forged.status).to.equal('rejected');
    expect(forged.status === 'rejected' && forged.message).to.contain('clerk01');

    const other = await send(clerk, visitOf({ window: '02' }));
    expect(other.status === 'rejected' && other.code).to.equal('forbidden');

    const lapsed = await send(
      clerk,
      visitOf({
        proxy: {
          name: '李强',
          idType: 'resident-id',
          idNumber: PROXY_ID,
          phone: '13900001111',
          relation: '儿子',
          authorisation: { kind: 'guardian', validUntil: '2026-03-01' },
        },
      }),
    );
    expect(lapsed.status === 'rejected' && lapsed.message).to.contain('2026-03-01');

    const shrunk = await send(clerk, { ...visit, help: [] }, { version: 1 });
    expect(shrunk.status === 'rejected' && shrunk.code).to.equal('conflict');

    const closed = { ...visit, status: 'closed' as const };
    expect((await send(clerk, closed, { version: 1 })).status).to.equal('applied');
    const reopened = await send(clerk, { ...visit, status: 'open' }, { version: 2 });
    expect(reopened.status === 'rejected' && reopened.message).to.contain('已经办结');
  });
});

describe('IntakeSession started from a visit', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('carries the visit into the case it becomes', async () => {
    const store = await stores.open();
    const visitId = ulid();
    const session = await IntakeSession.start(store, {
      hall: HALL_CODE,
      window: '01',
      clerk: 'clerk01',
      assistVisit: visitId,
      applicant: { kind: 'person', name: '王秀兰', idType: 'resident-id', idNumber: PERSON_ID },
    });
    const item = demoCatalog.items[0]!;
    session.setItems([item]);
    const draft = await session.draftCase();
    expect(draft.assistVisit).to.equal(visitId);
    expect(draft.applicant.name).to.equal('王秀兰');
    await session.discard();
  });
});
