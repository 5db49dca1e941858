// Runs in Chromium (bundled and served by scripts/bench.mjs): `intake.flow`, a scripted intake of a 10-material bundle
// through the elements a clerk uses (items, applicant, materials, application form, decision), from the item pick to
// the print view of its documents rendered; against the same clerk's work done on a bare page in the same run.
/* global document */
import '@yichuang/intake/define.js';
import { caseDocument, documentDigest, mergeItemMaterials, type Case, type Catalog } from '@yichuang/core';
import { SimulatedDocumentPrinter, documentHtml, DOCUMENT_STYLES } from '@yichuang/devices';
import type {
  ApplicantForm,
  CaseDocuments,
  Intake,
  IntakeDecisionElement,
  ItemForm,
  MaterialChecklist,
} from '@yichuang/intake';
import { WorkstationStore } from '@yichuang/store';
import type { ItemPicker } from '@yichuang/ui';
import { firstValueFrom } from 'rxjs';
import { LOGINS } from '../../packages/hall-client/test/support/fixtures.js';
import { percentileMs } from './percentile.mjs';

/** 退休一件事: three items, ten materials once each. */
const BUNDLE = 'retirement';
const QUERY = '退休一件事';
const RUNS = 12;
const WARM_UP = 2;
const APPLICANT = { name: '王建国', idNumber: '11010519491231002X', phone: '13812345678' };

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Waits, a frame at a time, until `check` gives something. */
async function until<T>(check: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const found = check();
    if (found) return found;
    await frame();
  }
  throw new Error(`intake.flow: ${what} never came`);
}

const inside = <T extends Element>(host: Element | null | undefined, selector: string) =>
  host?.shadowRoot?.querySelector<T>(selector) ?? null;

function type(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** One intake through the elements, timed from the pick to the documents' sheets on screen. */
async function oneIntake(store: WorkstationStore, catalog: Catalog, host: HTMLElement): Promise<number> {
  const intake = document.createElement('yc-intake') as Intake;
  Object.assign(intake, {
    hall: 'TJHP01',
    window: '03',
    clerk: 'clerk01',
    hallName: '示范区政务服务中心',
    statusBase: 'https://hall.example.gov.cn/case/',
    store,
    catalog,
    printer: new SimulatedDocumentPrinter(),
  });
  host.append(intake);
  const picker = await until(() => inside<ItemPicker>(intake, 'yc-item-picker'), 'the picker');
  await picker.catalogReady;
  const search = await until(() => inside<HTMLInputElement>(picker, 'input'), 'the search field');
  type(search, QUERY);
  await until(() => inside(picker, '[role="option"]'), 'a hit');

  const started = performance.now();
  search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  await until(() => (intake.state?.data?.items.length ?? 0) > 0, 'the bundle chosen');
  await intake.updateComplete;
  inside<HTMLButtonElement>(intake, '[part~="next"]')!.click();

  const form = await until(() => inside<ApplicantForm>(intake, 'yc-applicant-form'), 'the applicant form');
  await form.updateComplete;
  type(inside<HTMLInputElement>(form, '[data-field="name"] input')!, APPLICANT.name);
  type(inside<HTMLInputElement>(form, '[data-field="idNumber"] input')!, APPLICANT.idNumber);
  await until(() => intake.state?.data?.applicant, 'the applicant recorded');
  await intake.updateComplete;
  inside<HTMLButtonElement>(intake, '[part~="next"]')!.click();

  const checklist = await until(() => inside<MaterialChecklist>(intake, 'yc-material-checklist'), 'the checklist');
  await checklist.updateComplete;
  const materials = [...checklist.shadowRoot!.querySelectorAll<HTMLElement>('li[data-material]')];
  for (const row of materials) {
    row.querySelector<HTMLInputElement>('input[value="paper"], input[value="scan"]')!.click();
    await checklist.updateComplete;
  }
  await until(
    () => intake.state?.data?.materials.length === materials.length,
    `the materials recorded (${intake.state?.data?.materials.length} of ${materials.length})`,
  );
  await intake.updateComplete;
  inside<HTMLButtonElement>(intake, '[part~="next"]')!.click();

  // The application form: the name and number pre-filled from the applicant, the phone typed.
  const itemForm = await until(() => inside<ItemForm>(intake, 'yc-item-form'), 'the application form');
  await itemForm.updateComplete;
  type(inside<HTMLInputElement>(itemForm, '[data-field="contact-phone"] input')!, APPLICANT.phone);
  await until(() => intake.state?.data?.form?.['contact-phone'], 'the form recorded');
  await intake.updateComplete;
  inside<HTMLButtonElement>(intake, '[part~="next"]')!.click();

  const decision = await until(() => inside<IntakeDecisionElement>(intake, 'yc-intake-decision'), 'the decision');
  await decision.updateComplete;
  decision.choose('accept');
  await decision.updateComplete;
  inside<HTMLButtonElement>(decision, '[part~="confirm"]')!.click();
  const documents = await until(() => inside<CaseDocuments>(intake, 'yc-case-documents'), 'the documents');
  await until(() => documents.shadowRoot?.querySelectorAll('[part~="sheet"] .yc-document').length === 2, 'the sheets');
  await frame();
  const elapsed = performance.now() - started;
  if (materials.length !== 10) throw new Error(`intake.flow: ${materials.length} materials, not 10`);
  intake.remove();
  return elapsed;
}

function idb<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The same clerk's work on a bare page, the least a browser must do for it: a plain form (name, number, one select per
 * material) filled in, the case put as JSON with the raw IndexedDB API in one transaction, the same documents hashed
 * and their markup set into the page. No validation, no rules, no encryption, no draft, no framework.
 */
async function oneBareIntake(db: IDBDatabase, catalog: Catalog, host: HTMLElement, template: Case, n: number) {
  const bundle = catalog.bundles.find((b) => b.id === BUNDLE)!;
  const items = bundle.items.map((id) => catalog.items.find((i) => i.id === id)!);
  const started = performance.now();
  const merged = mergeItemMaterials(items);
  const form = document.createElement('form');
  form.innerHTML =
    `<label>姓名 <input name="name"></label><label>证件号码 <input name="id"></label>` +
    `<label>联系电话 <input name="phone"></label>` +
    merged
      .map(
        (m) =>
          `<label>${m.material.name} <select name="${m.material.id}"><option>missing</option><option>paper</option></select></label>`,
      )
      .join('') +
    '<button>受理</button>';
  host.append(form);
  await frame();
  (form.elements.namedItem('name') as HTMLInputElement).value = APPLICANT.name;
  (form.elements.namedItem('id') as HTMLInputElement).value = APPLICANT.idNumber;
  (form.elements.namedItem('phone') as HTMLInputElement).value = APPLICANT.phone;
  for (const m of merged) (form.elements.namedItem(m.material.id) as HTMLSelectElement).value = 'paper';
  const kase: Case = {
    ...template,
    id: `bare-${n}`,
    status: 'accepted',
    materials: merged.map((m) => ({ materialId: m.material.id, itemIds: m.itemIds, receipt: 'paper', copies: 1 })),
  };
  const tx = db.transaction('cases', 'readwrite');
  tx.objectStore('cases').put(JSON.parse(JSON.stringify(kase)));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const context = {
    hallName: '示范区政务服务中心',
    issuedAt: new Date().toISOString(),
    statusUrl: `https://hall.example.gov.cn/case/${kase.id}`,
    items,
  };
  const sheets = await Promise.all(
    (['acceptance-notice', 'material-receipt'] as const).map(async (kind) => {
      const document = caseDocument(kind, kase, context);
      return documentHtml({ document, digest: await documentDigest(document) });
    }),
  );
  form.remove();
  const view = document.createElement('div');
  view.innerHTML = `<style>${DOCUMENT_STYLES}</style>${sheets.join('')}`;
  host.append(view);
  await frame();
  const elapsed = performance.now() - started;
  view.remove();
  return elapsed;
}

export async function intakeFlow(): Promise<Record<string, number>> {
  const catalog = (await (await fetch('/catalog.json')).json()) as Catalog;
  const host = document.createElement('div');
  host.style.cssText = 'width: 1366px';
  document.body.append(host);
  const name = 'yichuang-bench-intake';
  await WorkstationStore.open({ name, persist: false }).then((old) => old.deleteDatabase());
  const store = await WorkstationStore.open({ name, persist: false });
  await store.unlock(LOGINS.clerk.user, LOGINS.clerk.password);
  const ours: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const ms = await oneIntake(store, catalog, host);
    if (run >= WARM_UP) ours.push(ms);
  }
  const saved = (await firstValueFrom(store.cases$())).at(-1)!;
  store.close();

  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('yichuang-bench-bare');
    request.onsuccess = request.onerror = resolve;
  });
  const open = indexedDB.open('yichuang-bench-bare', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('cases', { keyPath: 'id' });
  const db = await idb(open);
  const bare: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const ms = await oneBareIntake(db, catalog, host, saved, run);
    if (run >= WARM_UP) bare.push(ms);
  }
  db.close();
  host.remove();
  return {
    'intake.flow.ms': percentileMs(ours, 50),
    'intake.flow.p95_ms': percentileMs(ours, 95),
    'intake.flow.baseline_ms': percentileMs(bare, 50),
    'intake.flow.materials': 10,
  };
}
