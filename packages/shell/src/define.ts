// Defines the elements of @yichuang/shell. The only module of the package with a side effect: a host page, or a
// second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { ClerkLogin } from './clerk-login/clerk-login.js';
import { SyncStatusBar } from './sync-status/sync-status.js';
import { WindowDesk } from './window-desk/window-desk.js';

export const SHELL_ELEMENTS = {
  'yc-clerk-login': ClerkLogin,
  'yc-sync-status': SyncStatusBar,
  'yc-window-desk': WindowDesk,
} as const;

for (const [tag, element] of Object.entries(SHELL_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-clerk-login': ClerkLogin;
    'yc-sync-status': SyncStatusBar;
    'yc-window-desk': WindowDesk;
  }
}
