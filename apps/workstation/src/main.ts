// The workstation's root config: which desk a path opens and who may open it. Devices (kiosk, call screen, rating
// pad) log in with their enrolment token (`#token=…`, never sent to a server by the browser); people sign in at the
// door (`<yc-clerk-login>`) and land on their desk. single-spa mounts the desk of the path and unmounts it on leaving;
// a device page loads no store, and each desk's code loads only when its route opens.
import { Workbox } from 'workbox-window';
import { WORKSTATION_ROUTES, routeOf, shellMessage } from '@yichuang/shell/routes.js';
import { say } from './page.js';

/** The service worker keeps the workstation loading without the network; a new version is offered, never forced. */
function serviceWorker(): void {
  if (!('serviceWorker' in navigator) || (window as { ycNoServiceWorker?: boolean }).ycNoServiceWorker) return;
  const workbox = new Workbox('/sw.js');
  const update = document.getElementById('update')!;
  workbox.addEventListener('waiting', () => {
    update.hidden = false;
  });
  document.getElementById('update-now')!.addEventListener('click', () => {
    // Drafts are saved on `pagehide`; the new version takes over and the page reloads with it.
    workbox.addEventListener('controlling', () => location.reload());
    workbox.messageSkipWaiting();
  });
  // A browser that refuses service workers (a policy, a private window) still runs the workstation online.
  workbox.register().catch(() => undefined);
}

const route = routeOf(location.pathname);
serviceWorker();
void (
  route && WORKSTATION_ROUTES[route].device
    ? import('./device.js').then(({ startDevice }) => startDevice(route))
    : import('./staff.js').then(({ startStaff }) => startStaff(route))
).catch((error: unknown) =>
  say(shellMessage('zh-CN', 'app.start-failed', { reason: error instanceof Error ? error.message : String(error) })),
);
