// What the end-to-end tests do in a page the way a clerk does it.
/* global window, document, KeyboardEvent -- in-page functions run in the browser */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

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
 * Takes in one case at an intake of the page, in the page, as the intake benchmark does: the 退休一件事 bundle, the
 * applicant, every material on paper, the application form, accepted. The intake is the page's `<yc-intake>`, or the
 * one inside the shadow root of `host` (a selector). Resolves the saved case's id and number.
 */
export function takeInCase(page, host) {
  return page.evaluate(async (host) => {
    const until = async (probe, what) => {
      for (let i = 0; i < 400; i++) {
        const value = probe();
        if (value) return value;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`waited in vain for ${what}`);
    };
    const inside = (host, selector) => host?.shadowRoot?.querySelector(selector) ?? null;
    const type = (input, text) => {
      input.focus();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    const intake = host ? inside(document.querySelector(host), 'yc-intake') : document.querySelector('yc-intake');
    const completed = new Promise((resolve) => intake.addEventListener('yc-intake-complete', resolve, { once: true }));
    const picker = await until(() => inside(intake, 'yc-item-picker'), 'the picker');
    await picker.catalogReady;
    const search = await until(() => inside(picker, 'input'), 'the search field');
    type(search, '退休一件事');
    await until(() => inside(picker, '[role="option"]'), 'a hit');
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await until(() => (intake.state?.data?.items.length ?? 0) > 0, 'the bundle chosen');
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
