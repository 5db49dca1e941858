// A qiankun host page, as a district's portal built on qiankun is: it loads Yichuang's intake as a micro-app from its
// entry page (classic scripts in qiankun's sandbox) into its own container, passing where the hall is and which window
// this PC is; it can take it out and put it back (its buttons, or `window.ycHost.cycle(n)` for the memory test).
import { loadMicroApp, type MicroApp } from 'qiankun';

declare global {
  interface Window {
    ycHost: { app: MicroApp; cycle(times: number): Promise<void>; mounted(): boolean };
  }
}

const status = document.getElementById('micro-status')!;
const app = loadMicroApp(
  {
    name: 'ycIntake',
    entry: '/embed-demo/intake-app.html',
    container: '#micro-container',
    props: { hallUrl: '/', window: '03', catalog: '/catalog.json' },
  },
  // The sandbox without its "speedy" document proxy (qiankun ≥ 2.9 turns it on): Lit's templates walk the real
  // document's nodes, which a proxied document cannot hand them.
  { sandbox: { speedy: false } },
);
const say = () => {
  status.textContent = `受理模块：${app.getStatus() === 'MOUNTED' ? '已载入' : '未载入'}`;
};
void app.mountPromise.then(say);

document.getElementById('unmount')!.addEventListener('click', () => void app.unmount().then(say));
document.getElementById('mount')!.addEventListener('click', () => void app.mount().then(say));

window.ycHost = {
  app,
  mounted: () => app.getStatus() === 'MOUNTED',
  async cycle(times) {
    for (let i = 0; i < times; i++) {
      await app.unmount();
      await app.mount();
    }
    say();
  },
};
