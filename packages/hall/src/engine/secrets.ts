import type { Vault } from '../vault/vault.js';

/**
 * How a hall keeps its secrets: password credentials, device-token verifiers and the keys that seal personal data.
 * The engine never sees a key or a password hash format; it stores what this port gives it and asks it back.
 *
 * - The hall server's (`apps/hall-server`): scrypt password hashes, SHA-256 device-token verifiers, one vault for
 *   the whole hall from a key file or the environment.
 * - The hall inside one browser's (`LocalSecrets`): the hall's keys exist only wrapped, once per person's password
 *   (PBKDF2 + AES-KW), so a person's login opens them; devices hold none (a rating pad seals ratings for the
 *   rating key, which it cannot open).
 */
export interface HallSecrets {
  /**
   * Sets up a new hall: the material to keep in its settings (public or wrapped: never a key in the clear) and the
   * vault that seeds it.
   */
  create(): Promise<{ material: unknown; vault: Vault }>;
  /** Loads the material of a hall set up before. */
  load(material: unknown): Promise<void>;
  /** The stored form of a password being set; `vault`: the vault of the session that sets it. */
  credential(password: string, vault: Vault): Promise<unknown>;
  /**
   * Checks a password against its stored form (`undefined` for an unknown user: it costs the same). On success, the
   * vault the login opens; `false` when the password is wrong.
   */
  verify(password: string, credential: unknown): Promise<Vault | false>;
  /** The verifier a device token is found by. */
  deviceVerifier(token: string): Promise<string>;
  /** The vault of a device's session (none, or seal-only, where devices may not read personal data). */
  deviceVault(): Vault | undefined;
  /** The vault for work no session does (sealing e-licences at startup, key rotation); none where only people hold keys. */
  hallVault(): Vault | undefined;
  /**
   * SHA-256 of text, lower-case hex, when the platform has a faster one than WebCrypto's (Node's `node:crypto` runs
   * synchronously; WebCrypto in Node sends every digest to the thread pool and back). The engine uses WebCrypto's
   * otherwise.
   */
  sha256?(text: string): string;
}
