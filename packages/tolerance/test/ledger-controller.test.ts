// The ledger's rules without a view: what it says when a step cannot be done, on a real hall inside this browser and
// a real workstation store.
import { expect } from '@open-wc/testing';
import type { Case, ServiceItem } from '@yichuang/core';
import { demoCatalog } from '@yichuang/demo-catalog';
import { SimulatedDocumentCamera, SimulatedSmsGateway } from '@yichuang/devices';
import type { HallClient } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import { LedgerController, type LedgerHall, type LedgerOptions } from '@yichuang/tolerance';
import { chinaDayIn, saveCase, toleratedCase } from '../../hall-client/test/support/fixtures.js';
import { freshLocalHall, until } from '../../hall/test/local-hall-support.js';
import { SECRET, Stores } from '../../store/test/support/fixtures.js';

const ESCALATING: ServiceItem = demoCatalog.items.find((item) => item.id === 'hs-rental-subsidy')!;

describe('LedgerController', () => {
  const stores = new Stores();
  let hall: Awaited<ReturnType<typeof freshLocalHall>>;
  beforeEach(async () => {
    hall = await freshLocalHall();
  });
  afterEach(async () => {
    await stores.cleanup();
    await hall.dispose();
  });

  async function onHall(client: HallClient, value: Case): Promise<Case> {
    const [result] = await client.sync([saveCase(value)]);
    expect(result?.status, JSON.stringify(result)).to.equal('applied');
    return value;
  }

  async function ledger(client: LedgerHall, extra: Partial<LedgerOptions> = {}): Promise<LedgerController> {
    const store: WorkstationStore = await stores.open({ unlock: false });
    await store.unlock(client.session?.subject ?? 'clerk01', SECRET);
    const controller = new LedgerController({
      hall: client,
      store,
      catalog: demoCatalog,
      hallName: '和平区政务服务中心',
      ...extra,
    });
    await controller.load();
    return controller;
  }

  it('says why a reminder cannot go: no gateway, or no mobile number in the case', async () => {
    const clerk = await hall.as('clerk');
    const withPhone = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
    const base = toleratedCase(ESCALATING, chinaDayIn(1));
    const { phone: _phone, ...applicant } = base.applicant as Case['applicant'] & { phone?: string };
    const noPhone = await onHall(clerk, { ...base, applicant: applicant as Case['applicant'] });

    const silent = await ledger(clerk);
    await silent.open(withPhone.id);
    await silent.remind();
    expect(silent.state.error?.message).to.equal('未接入短信平台，无法发送提醒。');

    const gateway = new SimulatedSmsGateway();
    const controller = await ledger(clerk, { notifier: gateway });
    await controller.open(noPhone.id);
    await controller.remind();
    expect(controller.state.error?.message).to.equal('办件中没有申请人或代理人的手机号码，无法发送短信提醒。');
    expect(gateway.sent).to.have.length(0);
  });

  it('says on the material when the camera gives no page, and records nothing', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
    const camera = new SimulatedDocumentCamera();
    camera.failWith('no-device');
    const controller = await ledger(clerk, { camera });
    await controller.open(value.id);
    const [materialId] = Object.keys(controller.state.supply);
    await controller.capture(materialId!);
    expect(controller.state.camera?.materialId).to.equal(materialId);
    expect(controller.state.camera?.message).to.match(/^高拍仪没有拍到页面：/);
    expect(controller.state.supply[materialId!]?.pages).to.deep.equal([]);
  });

  it('refuses overdue handling before the deadline, in the core’s words', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(2)));
    const controller = await ledger(clerk);
    await controller.open(value.id);
    await controller.handleOverdue();
    expect(controller.state.error?.message).to.equal(`补齐期限 ${chinaDayIn(2)} 尚未届满，不能标记为逾期。`);
    expect((await clerk.getCase(value.id))?.status).to.equal('accepted-with-tolerance');
  });

  it('asks for the applicant’s document when the hall no longer lets the clerk read the case, then opens it', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
    // As a grant run out between the list and the opening: the hall lists the case but does not hand it over.
    const forgetful: LedgerHall = {
      get session() {
        return clerk.session;
      },
      commitments: (query) => clerk.commitments(query),
      getCase: async () => undefined,
      claimCase: (claim) => clerk.claimCase(claim),
      events: () => clerk.events(),
    };
    const controller = await ledger(forgetful);
    await controller.open(value.id);
    expect(controller.state.needsClaim).to.equal(true);
    await controller.claim('  ');
    expect(controller.state.error?.message).to.equal('请输入申请人或代理人的证件号码。');
    await controller.claim('120101198506201519');
    expect(controller.state.current?.value.id).to.equal(value.id);
    expect(controller.state.needsClaim).to.equal(false);
  });

  it('tells a clerk a claimed case that awaits nothing, and shows the hall’s refusal of the list as it is', async () => {
    const clerk = await hall.as('clerk');
    const clerk2 = await hall.as('clerk2');
    const plain = toleratedCase(ESCALATING, chinaDayIn(1));
    const done = await onHall(clerk, {
      ...plain,
      materials: plain.materials.map((m) => ({ ...m, receipt: 'paper' as const, copies: 1 })),
      status: 'accepted',
      audit: [{ ...plain.audit[0]!, action: 'accept', to: 'accepted' }],
    });
    const controller = await ledger(clerk2);
    await controller.claim('120101198506201519', done.number);
    expect(controller.state.error?.message).to.equal(`办件 ${done.number} 没有待补齐的容缺材料。`);

    const kiosk = await hall.as('kiosk');
    const refused = new LedgerController({
      hall: kiosk as unknown as LedgerHall,
      store: await stores.open(),
      catalog: demoCatalog,
      hallName: '和平区政务服务中心',
    });
    await refused.load();
    expect(refused.state.status).to.equal('failed');
    expect(refused.state.error?.message).to.equal('当前身份（自助取号机）无权进行此操作');
  });

  it('follows the hall’s case events: a supplement saved at another PC leaves the list', async () => {
    const clerk = await hall.as('clerk');
    const value = await onHall(clerk, toleratedCase(ESCALATING, chinaDayIn(1)));
    const controller = await ledger(clerk);
    controller.start();
    try {
      expect(controller.state.rows.map((r) => r.commitment.caseId)).to.deep.equal([value.id]);
      const awaited = value.materials.find((m) => m.receipt === 'tolerated')!;
      const supplied: Case = {
        ...value,
        status: 'supplemented',
        materials: value.materials.map((m) => (m === awaited ? { ...m, receipt: 'paper' as const, copies: 1 } : m)),
        updatedAt: new Date().toISOString(),
        audit: [
          ...value.audit,
          {
            at: new Date().toISOString(),
            actor: 'clerk01',
            window: '01',
            action: 'supplement',
            from: value.status,
            to: 'supplemented',
            materialIds: [awaited.materialId],
          },
        ],
      };
      const [result] = await clerk.sync([saveCase(supplied, undefined, { version: 1 })]);
      expect(result?.status, JSON.stringify(result)).to.equal('applied');
      await until(() => controller.state.rows.length === 0, 10_000);
    } finally {
      controller.stop();
    }
  });
});
