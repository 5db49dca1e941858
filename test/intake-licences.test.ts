// E-licences at the material check, on both halls: the hall inside this browser and a real hall server, each seeded
// with the demo hall's licence issuer. The clerk looks up the applicant's licences and the materials they satisfy are
// taken as those licences, cited by hash; with the network down the look-up says so and nothing changes.
import { expect, fixture, html } from '@open-wc/testing';
import '@yichuang/intake/define.js';
import { HttpHallClient } from '@yichuang/hall-client';
import type { MaterialChecklist, MaterialsChangeEvent } from '@yichuang/intake';
import demoCatalog from '../packages/demo-catalog/generated/catalog.js';
import { describeOnEveryHall, textOf, until } from '../packages/queue/test/support.js';

/** 公共租赁住房申请: ID card, household register and marriage certificate can each be an e-licence. */
const rental = demoCatalog.items.filter((item) => item.id === 'hs-public-rental');
/** 张秀兰 of the demo hall: her ID card and household register are in the issuer; she has no marriage certificate. */
const HOLDER = '120101195803120025';
const now = () => new Date('2026-12-07T01:30:00.000Z');
const row = (el: MaterialChecklist, id: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`li[data-material="${id}"]`)!;

describeOnEveryHall('e-licences at the material check', (hall) => {
  it('takes the applicant’s valid licences for the materials that name them, citing each', async () => {
    const clerk = await hall.as('clerk');
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist
        .items=${rental}
        .licences=${clerk}
        .holderId=${HOLDER}
        .now=${now}
      ></yc-material-checklist>`,
    );
    // The household register is already in hand on paper: the clerk's record stands.
    row(el, 'household-register').querySelector<HTMLInputElement>('input[value="paper"]')!.click();
    await el.updateComplete;
    const changes: MaterialsChangeEvent[] = [];
    el.addEventListener('yc-materials-change', (event) => changes.push(event));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="licence-lookup"]')!.click();
    await until(() => el.state.lookup.phase === 'done');
    await el.updateComplete;

    const taken = changes.at(-1)!.detail.materials;
    const card = taken.find((m) => m.materialId === 'resident-id-card')!;
    expect(card.receipt).to.equal('e-licence');
    expect(card.licence).to.deep.include({ type: 'resident-id-card', number: HOLDER, issuer: '天津市公安局和平分局' });
    expect(card.licence!.sha256).to.match(/^[0-9a-f]{64}$/);
    expect(taken.find((m) => m.materialId === 'household-register')!.receipt).to.equal('paper');
    expect(taken.find((m) => m.materialId === 'marriage-certificate')).to.equal(undefined);
    expect(textOf(el.shadowRoot!.querySelector('[part~="licence-status"]')!)).to.equal('已调取电子证照：居民身份证。');
    // On the clerk's screen the licence number is masked like any identity number.
    expect(textOf(row(el, 'resident-id-card').querySelector('[part~="licence"]')!)).to.equal(
      '电子证照 120101********0025（天津市公安局和平分局）',
    );
    expect(row(el, 'resident-id-card').querySelector<HTMLInputElement>('input[value="e-licence"]')!.checked).to.equal(
      true,
    );
    await expect(el).to.be.accessible();
  });

  it('finds nothing for a holder the issuer does not know, and says so', async () => {
    const clerk = await hall.as('clerk');
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist
        .items=${rental}
        .licences=${clerk}
        .holderId=${'11010519491231002X'}
        .now=${now}
      ></yc-material-checklist>`,
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="licence-lookup"]')!.click();
    await until(() => el.state.lookup.phase === 'done');
    await el.updateComplete;
    expect(el.state.materials).to.deep.equal([]);
    expect(textOf(el.shadowRoot!.querySelector('[part~="licence-status"]')!)).to.contain('未查到可用的电子证照');
  });
});

describe('e-licences with the network down', () => {
  it('says the look-up is unavailable and changes nothing: the clerk takes paper', async () => {
    // Nothing listens on port 9 (discard): the fetch fails as it does with the network down.
    const offline = new HttpHallClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    const el = await fixture<MaterialChecklist>(
      html`<yc-material-checklist
        .items=${rental}
        .licences=${offline}
        .holderId=${HOLDER}
        .now=${now}
      ></yc-material-checklist>`,
    );
    row(el, 'household-register')
      .querySelector<HTMLInputElement>('input[value="tolerated"], input[value="paper"]')!
      .click();
    await el.updateComplete;
    const before = el.state.materials;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="licence-lookup"]')!.click();
    await until(() => el.state.lookup.phase !== 'looking' && el.state.lookup.phase !== 'idle');
    await el.updateComplete;
    expect(el.state.lookup.phase).to.equal('unavailable');
    expect(el.state.materials).to.equal(before);
    const status = el.shadowRoot!.querySelector('[part~="licence-status"]')!;
    expect(textOf(status)).to.equal('电子证照库暂时无法连接（可能已断网），请收取纸质材料或扫描件。');
    expect(row(el, 'resident-id-card').querySelector<HTMLInputElement>('input[value="paper"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
