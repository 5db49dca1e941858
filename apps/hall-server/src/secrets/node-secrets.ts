import { createHash } from 'node:crypto';
import type { HallSecrets, Vault } from '@yichuang/hall';
import { DEFAULT_PASSWORD_COST, hashPassword, verifyPassword } from './passwords.js';
import type { HallKey } from './key-file.js';
import { NodeVault } from './node-vault.js';

/**
 * The hall server's secrets: scrypt password hashes, SHA-256 verifiers of device tokens (random 32-byte tokens need no
 * slow hash), and one vault for the whole hall whose keys come from the key file or `HALL_KEY`.
 */
export class NodeSecrets implements HallSecrets {
  readonly #vault: Vault;
  readonly #cost: number;

  private constructor(vault: Vault, cost: number) {
    this.#vault = vault;
    this.#cost = cost;
  }

  /** Secrets over the hall's keys (the first seals, all open). @param cost log2 of scrypt's N for new passwords. */
  static async open(keys: readonly HallKey[], cost = DEFAULT_PASSWORD_COST): Promise<NodeSecrets> {
    return new NodeSecrets(new NodeVault(keys), cost);
  }

  async create(): Promise<{ material: unknown; vault: Vault }> {
    return { material: { scheme: 'server' }, vault: this.#vault };
  }

  async load(): Promise<void> {}

  credential(password: string): Promise<unknown> {
    return hashPassword(password, this.#cost);
  }

  #decoy: Promise<string> | undefined;

  async verify(password: string, credential: unknown): Promise<Vault | false> {
    // An unknown user costs the same hash as a known one.
    this.#decoy ??= hashPassword('decoy', this.#cost);
    const stored = typeof credential === 'string' ? credential : await this.#decoy;
    const matches = await verifyPassword(password, stored);
    return matches && typeof credential === 'string' ? this.#vault : false;
  }

  async deviceVerifier(token: string): Promise<string> {
    return this.sha256(token);
  }

  sha256(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }

  deviceVault(): Vault {
    return this.#vault;
  }

  hallVault(): Vault {
    return this.#vault;
  }
}
