import { expect } from '@open-wc/testing';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { isCaseNumber, mergeItemMaterials, ulid, type Applicant, type CaseMaterial } from '@yichuang/core';
import { IntakeDecisionController, IntakeIncompleteError, IntakeSession } from '@yichuang/intake';
import { DraftLockedError } from '@yichuang/store';
import { PERSON, Stores } from '../../store/test/support/fixtures.js';
import { findInClear, rawDump } from '../../store/test/support/raw.js';
import { NOW, demoBundle, demoItem, rentalHousing } from './support.js';

const applicant: Applicant = {
  kind: 'person',
  name: PERSON.name,
  idType: 'resident-id',
  idNumber: PERSON.idNumber,
  phone: PERSON.phone,
};
const start = { hall: 'TJHP01', window: '03', clerk: 'clerk01' };
const now = () => NOW;

/** Every material of `items` received on paper. */
const allOnPaper = (items: ReturnType<typeof rentalHousing>): CaseMaterial[] =>
  mergeItemMaterials(items).map((m) => ({
    materialId: m.material.id,
    itemIds: m.itemIds,
    receipt: 'paper',
    copies: 1,
  }));

describe('IntakeSession', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('keeps an intake in an encrypted draft that a reload resumes', async () => {
    const store = await stores.open();
    const items = rentalHousing();
    const session = await IntakeSession.start(store, { ...start, ticketId: ulid() }, { now, debounceMs: 20 });
    session.setItems(items, 'public-rental-housing');
    session.setApplicant(applicant);
    session.setMaterials(allOnPaper(items).slice(0, 3));
    await firstValueFrom(
      session.saveState$.pipe(
        filter((state) => state === 'saved'),
        timeout(2000),
      ),
    );
    // Another tab cannot open it meanwhile.
    const twin = await stores.twin(store);
    let refused: unknown;
    await IntakeSession.resume(twin, session.draftId).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(DraftLockedError);
    await session.close();

    // The page reloads: a new store instance, the same database.
    const reloaded = await IntakeSession.resume(await stores.twin(store), session.draftId, { now });
    expect(reloaded.data).to.deep.include({ bundleId: 'public-rental-housing', hall: 'TJHP01', window: '03' });
    expect(reloaded.data.items.map((i) => i.id)).to.deep.equal(['hs-public-rental', 'hs-rental-subsidy']);
    expect(reloaded.data.materials).to.have.length(3);
    expect(reloaded.data.applicant?.name).to.equal(PERSON.name);
    expect(await findInClear(await rawDump(store.name), [PERSON.name, PERSON.idNumber])).to.deep.equal([]);
    await reloaded.close();
  });

  it('is stored as soon as it begins, before any change', async () => {
    const store = await stores.open();
    const session = await IntakeSession.start(store, start, { now });
    expect((await store.getDraft(session.draftId))?.data).to.deep.include({ window: '03', clerk: 'clerk01' });
    await session.discard();
    expect(await store.getDraft(session.draftId)).to.equal(undefined);
  });

  it('lets go of checked materials no item lists any more when the items change', async () => {
    const store = await stores.open();
    const session = await IntakeSession.start(store, start, { now });
    const items = rentalHousing();
    session.setItems(items, 'public-rental-housing');
    session.setMaterials(allOnPaper(items));
    session.setItems([demoItem('hs-public-rental')]);
    expect(session.data.bundleId).to.equal(undefined);
    expect(session.data.materials.map((m) => m.materialId)).to.not.include('bank-account');
    expect(session.data.materials.map((m) => m.materialId)).to.include('resident-id-card');
    await session.discard();
  });

  it('pre-fills the application form from the applicant, follows the applicant until the clerk types, keeps it through a reload', async () => {
    const store = await stores.open();
    const items = demoBundle('newborn');
    const session = await IntakeSession.start(store, start, { now, debounceMs: 20 });
    session.setItems(items, 'newborn');
    session.setApplicant(applicant);
    expect(session.data.form).to.deep.include({
      'applicant-name': PERSON.name,
      'applicant-id-number': PERSON.idNumber,
      'contact-phone': PERSON.phone,
    });
    expect(session.data.formPrefilled).to.include.members(['applicant-name', 'applicant-id-number', 'contact-phone']);

    // The certificate cited as an e-licence fills in its number.
    session.setMaterials([
      {
        materialId: 'birth-medical-certificate',
        itemIds: ['hr-birth-registration'],
        receipt: 'e-licence',
        copies: 0,
        licence: {
          type: 'birth-medical-certificate',
          number: 'Q120345678',
          issuer: '天津市卫生健康委员会',
          sha256: 'b'.repeat(64),
        },
      },
    ]);
    expect(session.data.form?.['birth-certificate-number']).to.equal('Q120345678');

    // The clerk types a landline instead: a corrected applicant no longer overwrites it; the name still follows.
    session.setForm({ ...session.data.form, 'contact-phone': '022-23456789', 'child-name': '王小满' }, [
      'contact-phone',
      'child-name',
    ]);
    session.setApplicant({ ...applicant, name: '王秀英', phone: '13900000000' });
    expect(session.data.form).to.deep.include({ 'applicant-name': '王秀英', 'contact-phone': '022-23456789' });
    expect(session.data.formPrefilled).to.not.include('contact-phone');

    // Dropping the items that ask for the child leaves no answer about the child.
    session.setItems([demoItem('si-card-application')]);
    expect(Object.keys(session.data.form ?? {})).to.not.include('child-name');
    expect(session.data.formEdited).to.deep.equal(['contact-phone']);
    session.setItems(items, 'newborn');
    session.setForm({ ...session.data.form, 'child-name': '王小满', 'household-size': 3 }, ['child-name']);
    expect(session.data.form, 'a key no item asks is let go').to.not.have.property('household-size');
    await firstValueFrom(
      session.saveState$.pipe(
        filter((state) => state === 'saved'),
        timeout(2000),
      ),
    );
    await session.close();

    const reloaded = await IntakeSession.resume(await stores.twin(store), session.draftId, { now });
    expect(reloaded.data.form).to.deep.include({ 'child-name': '王小满', 'contact-phone': '022-23456789' });
    expect(reloaded.data.formEdited).to.have.members(['contact-phone', 'child-name']);
    expect((await reloaded.draftCase()).form).to.deep.include({ 'child-name': '王小满' });
    expect(await findInClear(await rawDump(store.name), ['王小满', '022-23456789'])).to.deep.equal([]);
    await reloaded.close();
  });

  it('refuses a draft case without items or applicant, saying which', async () => {
    const store = await stores.open();
    const session = await IntakeSession.start(store, start, { now });
    let error: unknown;
    await session.draftCase().catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(IntakeIncompleteError).and.to.have.property('missing', 'items');
    session.setItems([demoItem('mi-relocation-filing')]);
    await session.draftCase().catch((caught: unknown) => (error = caught));
    expect(error).to.have.property('missing', 'applicant');
    await session.discard();
  });

  it('saves the decided case with the window’s next number and its mutation, offline, then drops the draft', async () => {
    const store = await stores.open();
    const items = [demoItem('mi-relocation-filing')];
    const ticketId = ulid();
    const session = await IntakeSession.start(store, { ...start, ticketId }, { now });
    session.setItems(items);
    session.setApplicant(applicant);
    session.setMaterials(allOnPaper(items));
    const draft = await session.draftCase();
    expect(draft).to.deep.include({ status: 'draft', responsibleClerk: 'clerk01', ticketId });
    const decision = new IntakeDecisionController({ actor: 'clerk01', window: '03', now });
    decision.load(draft, items);
    decision.choose('accept');
    const saved = await session.complete(decision.decide({ promisedDate: '2026-12-07' }));
    expect(saved.case.number).to.equal('TJHP01-20261207-03-0001');
    expect(isCaseNumber(saved.case.number)).to.equal(true);
    expect(saved.case.status).to.equal('accepted');
    expect(await store.getCase(saved.case.id)).to.deep.include({ number: 'TJHP01-20261207-03-0001' });
    expect((await store.outbox.entries()).map((entry) => entry.id)).to.include(saved.mutationId);
    expect(await store.getDraft(session.draftId)).to.equal(undefined);

    // The next intake at the window gets the next number.
    const next = await IntakeSession.start(store, start, { now });
    next.setItems(items);
    next.setApplicant(applicant);
    expect((await next.draftCase()).number).to.equal('TJHP01-20261207-03-0002');
    await next.discard();
  });

  it('refuses to save a case that is not this intake’s, or not decided', async () => {
    const store = await stores.open();
    const items = [demoItem('mi-relocation-filing')];
    const session = await IntakeSession.start(store, start, { now });
    session.setItems(items);
    session.setApplicant(applicant);
    const draft = await session.draftCase();
    let error: unknown;
    await session.complete(draft).catch((caught: unknown) => (error = caught));
    expect(String(error)).to.contain('not an intake decision');
    await session.complete({ ...draft, id: ulid(), status: 'accepted' }).catch((caught: unknown) => (error = caught));
    expect(String(error)).to.contain('is not this intake');
    expect(await store.getDraft(session.draftId)).to.not.equal(undefined);
    await session.discard();
  });
});
