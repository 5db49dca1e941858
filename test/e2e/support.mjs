// What the end-to-end tests share: the hall server the README starts (a fresh one per test file), the hall's own count
// of cases, axe, and what a clerk does in a page.
/* global window, document, KeyboardEvent -- in-page functions run in the browser */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { createHallServer } = await import('../../apps/hall-server/dist/index.js');

/** A fresh demo hall server (built by the repository's build) on a free port, with its data folder. */
export async function startDemoHall(label) {
  const dataDir = await mkdtemp(join(tmpdir(), `yichuang-${label}-`));
  const server = await createHallServer({ dataDir, port: 0, seed: 'demo', logLevel: 'silent', passwordCost: 10 });
  return {
    url: server.url.replace(/\/$/, ''),
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON to the hall at `url`, with a session token if given; resolves the answer's JSON. */
export async function postJson(url, body, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return response.json();
}

/** The hall's count of cases, as its manager reads it, and the manager's token. */
export async function casesOnHall(hallUrl) {
  const login = await postJson(`${hallUrl}/api/v1/session`, { user: 'manager01', password: 'yichuang-manager' });
  const response = await fetch(`${hallUrl}/api/v1/stats`, { headers: { authorization: `Bearer ${login.token}` } });
  return { total: (await response.json()).cases.total, token: login.token };
}

/** Until the page is controlled by the workstation's service worker. */
export function untilServiceWorker(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe on the whole page, or on the elements `selector` finds (open shadow roots included): no violation. */
export async function assertAccessible(page, what, selector) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  const { violations } = await page.evaluate(
    (selector) => window.axe.run(selector ? { include: [[selector]] } : document),
    selector,
  );
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${what}`,
  );
}

/**
 * What the in-page steps below use, installed in the page once: `until` (a probe becomes truthy, or fails saying what
 * was awaited), `inside` (a query in an element's shadow root), `type` (a value typed into a field) and `intakeOf`
 * (the page's `<yc-intake>`, or the one in the shadow root of `host`).
 */
function installHelpers(page) {
  return page.evaluate(() => {
    window.ycTest ??= {
      async until(probe, what) {
        for (let i = 0; i < 400; i++) {
          const value = probe();
          if (value) return value;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error(`waited in vain for ${what}`);
      },
      inside: (element, selector) => element?.shadowRoot?.querySelector(selector) ?? null,
      type(input, text) {
        input.focus();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      },
      intakeOf: (host) =>
        host
          ? document.querySelector(host)?.shadowRoot?.querySelector('yc-intake')
          : document.querySelector('yc-intake'),
    };
  });
}

/**
 * Chooses the 退休一件事 bundle in an intake of the page (the page's `<yc-intake>`, or the one in the shadow root of
 * `host`), leaving the intake open. Resolves the number of items chosen.
 */
export async function chooseBundle(page, host) {
  await installHelpers(page);
  return page.evaluate(async (host) => {
    const { until, inside, type, intakeOf } = window.ycTest;
    const intake = intakeOf(host);
    const picker = await until(() => inside(intake, 'yc-item-picker'), 'the picker');
    await picker.catalogReady;
    const search = await until(() => inside(picker, 'input'), 'the search field');
    type(search, '退休一件事');
    await until(() => inside(picker, '[role="option"]'), 'a hit');
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => (intake.state?.data?.items.length ?? 0) > 0, 'the bundle chosen');
    return intake.state.data.items.length;
  }, host);
}

/**
 * Takes in one case at an intake of the page, as the intake benchmark does: the 退休一件事 bundle ({@link
 * chooseBundle}), the applicant, every material on paper, the application form, accepted. Resolves the saved case's id
 * and number.
 */
export async function takeInCase(page, host) {
  await chooseBundle(page, host);
  return page.evaluate(async (host) => {
    const { until, inside, type, intakeOf } = window.ycTest;
    const intake = intakeOf(host);
    const completed = new Promise((resolve) => intake.addEventListener('yc-intake-complete', resolve, { once: true }));
    await intake.updateComplete;
    inside(intake, '[part~="next"]').click();
    const form = await until(() => inside(intake, 'yc-applicant-form'), 'the applicant form');
    await form.updateComplete;
    type(inside(form, '[data-field="name"] input'), '王建国');
    type(inside(form, '[data-field="idNumber"] input'), '11010519491231002X');
    await until(() => intake.state?.data?.applicant, 'the applicant recorded');
    await intake.updateComplete;
    inside(intake, '[part~="next"]').click();
    const checklist = await until(() => inside(intake, 'yc-material-checklist'), 'the checklist');
    await checklist.updateComplete;
    const rows = [...checklist.shadowRoot.querySelectorAll('li[data-material]')];
    for (const row of rows) {
      row.querySelector('input[value="paper"], input[value="scan"]').click();
      await checklist.updateComplete;
    }
    await until(() => intake.state?.data?.materials.length === rows.length, 'the materials recorded');
    await intake.updateComplete;
    inside(intake, '[part~="next"]').click();
    const itemForm = await until(() => inside(intake, 'yc-item-form'), 'the application form');
    await itemForm.updateComplete;
    type(inside(itemForm, '[data-field="contact-phone"] input'), '13812345678');
    await until(() => intake.state?.data?.form?.['contact-phone'], 'the form recorded');
    await intake.updateComplete;
    inside(intake, '[part~="next"]').click();
    const decision = await until(() => inside(intake, 'yc-intake-decision'), 'the decision');
    await decision.updateComplete;
    decision.choose('accept');
    await decision.updateComplete;
    inside(decision, '[part~="confirm"]').click();
    const event = await completed;
    return { id: event.detail.case.id, number: event.detail.case.number };
  }, host);
}
