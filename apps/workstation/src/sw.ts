// The workstation's service worker (Workbox): every file of the built workstation is precached at install, so the
// workstation starts with the network off; a navigation to any of its pages is answered with the precached page. A new
// version installs beside the running one and waits until the clerk chooses to update (the page asks it to skip
// waiting); the hall's API is never cached here (the store keeps the data).
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The first version takes the open pages at once (there is no older one to wait for).
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    allowlist: [/^\/$/, /^\/(window|board|kiosk|display|pad)(\/.*)?$/],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
