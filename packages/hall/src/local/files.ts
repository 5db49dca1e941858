import { Dexie, type Table } from 'dexie';
import type { FileStore } from '../engine/context.js';

/** A file at rest: its bytes sealed by the uploader's vault (see `Vault.sealBytes`). */
interface FileRow {
  sha256: string;
  size: number;
  data: Blob;
}

/** The attachment bytes of the hall inside one browser: a small IndexedDB database beside the hall's. */
export class LocalFiles implements FileStore {
  readonly #db: Dexie;
  readonly #files: Table<FileRow, string>;

  constructor(name: string) {
    this.#db = new Dexie(name);
    this.#db.version(1).stores({ files: 'sha256' });
    this.#files = this.#db.table('files');
  }

  /** Stores sealed bytes under a file's name (once: a file held is kept). Resolves whether they were new. */
  async put(sha256: string, size: number, sealed: Uint8Array<ArrayBuffer>): Promise<boolean> {
    return this.#db.transaction('rw', this.#files, async () => {
      if (await this.#files.get(sha256)) return false;
      await this.#files.add({ sha256, size, data: new Blob([sealed]) });
      return true;
    });
  }

  /** The sealed bytes of a file, or `undefined`. */
  async get(sha256: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const row = await this.#files.get(sha256);
    return row && new Uint8Array(await row.data.arrayBuffer());
  }

  async delete(sha256: string): Promise<void> {
    await this.#files.delete(sha256);
  }

  close(): void {
    this.#db.close();
  }

  static async delete(name: string): Promise<void> {
    await Dexie.delete(name);
  }
}
