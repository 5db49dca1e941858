// What a host page embeds of @yichuang/shell (its standalone bundle): the provider, the sign-in that connects a
// `<yc-provider hall-url=…>` to its hall, and the sync status. Loaded before the other elements' bundles, the provider
// is there when they ask it for their configuration. Elements already defined are left alone (two copies of the SDK on
// one page do not clash).
import { YcProvider } from '@yichuang/ui';
import { ClerkLogin } from './clerk-login/clerk-login.js';
import { SyncStatusBar } from './sync-status/sync-status.js';

export const EMBED_ELEMENTS = {
  'yc-provider': YcProvider,
  'yc-clerk-login': ClerkLogin,
  'yc-sync-status': SyncStatusBar,
} as const;

for (const [tag, element] of Object.entries(EMBED_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
