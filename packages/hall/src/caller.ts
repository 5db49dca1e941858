import type { HallLocale } from '@yichuang/hall-client/protocol.js';
import type { SessionRow } from './storage/tables.js';
import type { Vault } from './vault/vault.js';

/** Who calls the engine: a session the engine authenticated, its vault, and the language to answer in. */
export interface Caller {
  readonly session: SessionRow;
  readonly tokenHash: string;
  /** What this session may seal and open with: none for a kiosk or display, seal-only for a local rating pad. */
  readonly vault: Vault | undefined;
  readonly locale: HallLocale;
}
