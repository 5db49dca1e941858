import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One key of the hall: its id and 32 bytes or more of secret. */
export interface HallKey {
  id: string;
  secret: Uint8Array<ArrayBuffer>;
}

/** A key file or `HALL_KEY` value that cannot be used. */
export class KeyError extends Error {
  override readonly name = 'KeyError';
}

const LINE = /^([A-Za-z0-9]{1,32})[ :]([A-Za-z0-9_\-+/=]{43,})$/;

/**
 * Reads keys written one per line as `<id> <secret>` (or `<id>:<secret>`), the secret 32 bytes or more in base64 or
 * base64url; blank lines and `#` comments are skipped. The first key seals; every key opens (rotation: put the new key
 * first, restart — rows sealed under an older key are sealed again under the new one — then drop the old line).
 *
 * @throws KeyError naming what is wrong (never the secret).
 */
export function parseKeys(text: string, where: string): HallKey[] {
  const keys: HallKey[] = [];
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new KeyError(`${where}, line ${n + 1}: expected "<id> <base64 secret of 32 bytes or more>"`);
    const secret = new Uint8Array(Buffer.from(match[2]!.replaceAll('-', '+').replaceAll('_', '/'), 'base64'));
    if (secret.byteLength < 32)
      throw new KeyError(`${where}, line ${n + 1}: the secret of key ${match[1]} is shorter than 32 bytes`);
    if (keys.some((key) => key.id === match[1]))
      throw new KeyError(`${where}, line ${n + 1}: key ${match[1]} appears twice`);
    keys.push({ id: match[1]!, secret });
  }
  if (keys.length === 0) throw new KeyError(`${where}: no key`);
  return keys;
}

/** A new key line: a fresh id and 32 random bytes. */
export function newKeyLine(id = `k${Date.now().toString(36)}`): string {
  return `${id} ${randomBytes(32).toString('base64url')}`;
}

/**
 * The hall's keys: from `HALL_KEY` (the lines themselves, `;` between them), else from `keyFile`; a key file that does
 * not exist is created with one new key, readable by the server's user only — unless `database` exists already. A key file readable by others is refused.
 */
export function loadKeys(options: { keyFile: string; key?: string; database?: string }): HallKey[] {
  if (options.key !== undefined && options.key.trim() !== '')
    return parseKeys(options.key.split(';').join('\n'), 'HALL_KEY');
  const file = options.keyFile;
  if (!existsSync(file)) {
    // A new key only for a new hall: a database without its key file is a lost key, not a fresh start (a new key
    // would leave every sealed field of the hall unreadable).
    if (options.database !== undefined && existsSync(options.database)) {
      throw new KeyError(
        `${file} is missing but ${options.database} exists: restore the key file from its backup (or set HALL_KEY)`,
      );
    }
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `# Yichuang hall key: keep it secret, back it up apart from the data.\n${newKeyLine()}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  if (process.platform !== 'win32') {
    chmodSync(file, 0o600);
  }
  return parseKeys(readFileSync(file, 'utf8'), file);
}
