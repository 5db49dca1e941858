// A @web/test-runner plugin that drives Chromium's real input-method path (through the DevTools protocol), so that
// a test sees the composition events a clerk's pinyin input method produces, in the order Chromium fires them.
//
// Register it in web-test-runner.config.mjs (`plugins: [imePlugin()]`). In a test, with the input focused:
//
//   import { executeServerCommand } from '@web/test-runner-commands';
//   await executeServerCommand('ime-compose', { text: "she'bao" }); // compositionstart/update, input (isComposing)
//   await executeServerCommand('ime-commit', { text: '社保' });      // the committed text, compositionend
//
// Both resolve once Chromium has dispatched the events.

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function imePlugin() {
  /** One DevTools session per test page, kept while a composition is open. */
  const sessions = new Map();
  return {
    name: 'ime',
    async executeCommand({ command, payload, session }) {
      if (command !== 'ime-compose' && command !== 'ime-commit') return undefined;
      const text = String(payload?.text ?? '');
      let cdp = sessions.get(session.id);
      if (!cdp) {
        const page = session.browser.getPage(session.id);
        cdp = await page.createCDPSession();
        sessions.set(session.id, cdp);
      }
      if (command === 'ime-compose') {
        await cdp.send('Input.imeSetComposition', {
          text,
          selectionStart: text.length,
          selectionEnd: text.length,
        });
      } else {
        await cdp.send('Input.insertText', { text });
      }
      return { ok: true };
    },
  };
}
