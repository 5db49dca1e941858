import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore } from '@yichuang/hall';

/** A SHA-256 in lower-case hex. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What {@link AttachmentFiles.store} did. */
export type StoreOutcome =
  | { status: 'stored'; size: number }
  | { status: 'too-large' }
  | { status: 'hash-mismatch'; actual: string; size: number };

/**
 * Makes a folder's entries durable: after a file is created or renamed in it, the new name survives a power cut
 * only once the folder itself is synced (POSIX `fsync` on the directory). Windows cannot open a folder for this,
 * and its file system journals names: there it does nothing.
 */
async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Attachment files on disk, named by their SHA-256: `<dir>/ab/abcdef…` (the first two hex digits as a folder).
 * A file is written to `<dir>/tmp/` first, synced, checked against its name and only then renamed into place,
 * so a file under its final name is always complete and always hashes to its name. The folders it lands in are
 * synced too before {@link AttachmentFiles.store} resolves, so once the caller records the attachment in the
 * database, the file's name is as durable as that row.
 */
export class AttachmentFiles implements FileStore {
  readonly #dir: string;
  readonly #tmp: string;

  constructor(dir: string) {
    this.#dir = dir;
    this.#tmp = join(dir, 'tmp');
  }

  /** Creates the folders (owner-only) and removes temporary files a crash left behind. */
  async init(): Promise<void> {
    await mkdir(this.#tmp, { recursive: true, mode: 0o700 });
    await chmod(this.#dir, 0o700);
    for (const name of await readdir(this.#tmp)) await rm(join(this.#tmp, name), { force: true });
  }

  /** Where the file of `sha256` lives. */
  pathOf(sha256: string): string {
    return join(this.#dir, sha256.slice(0, 2), sha256);
  }

  /** Removes the file of `sha256` (nothing if there is none). */
  async delete(sha256: string): Promise<void> {
    if (SHA256_HEX.test(sha256)) await rm(this.pathOf(sha256), { force: true });
  }

  /** Reads the file of `sha256`. */
  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  /**
   * Streams `body` to a temporary file while hashing and counting it; keeps it under `sha256` only if it hashes
   * to that name and is at most `limit` bytes. Nothing is kept otherwise.
   */
  async store(body: Readable, sha256: string, limit: number): Promise<StoreOutcome> {
    const temp = join(this.#tmp, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let tooLarge = false;
    try {
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        body.once('error', reject);
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            tooLarge = true;
            body.pause();
            resolve();
            return;
          }
          hash.update(chunk);
          if (!out.write(chunk)) {
            body.pause();
            out.once('drain', () => body.resume());
          }
        });
        let ended = false;
        body.once('end', () => {
          ended = true;
          resolve();
        });
        body.once('close', () => {
          if (!ended && !tooLarge) reject(new Error('the upload was interrupted'));
        });
      });
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      if (tooLarge) {
        await rm(temp, { force: true });
        return { status: 'too-large' };
      }
      const actual = hash.digest('hex');
      if (actual !== sha256) {
        await rm(temp, { force: true });
        return { status: 'hash-mismatch', actual, size };
      }
      const handle = await open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const folder = join(this.#dir, sha256.slice(0, 2));
      // `ab/` is new: its own entry in the attachment folder must reach the disk too.
      if ((await mkdir(folder, { recursive: true, mode: 0o700 })) !== undefined) await syncFolder(this.#dir);
      await rename(temp, this.pathOf(sha256));
      // The rename is only durable once `ab/` is synced; until then a power cut can leave the database row
      // (committed with a synced log) pointing at a file that is gone.
      await syncFolder(folder);
      return { status: 'stored', size };
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }
}
