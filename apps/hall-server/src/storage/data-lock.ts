import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Another hall server runs on this data folder. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/** Whether a process of that id runs on this machine. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds a data folder for one server: `server.lock` holds the process id. SQLite would let two servers share the
 * database, but each would hold its own event log fan-out and session bookkeeping, blind to the other's: a second
 * server on the same folder is refused. A lock left by a process that died (killed, crashed) is taken over.
 *
 * @returns the function that lets the folder go.
 * @throws DataDirInUseError when a running process holds it (this process too: one server per folder).
 */
export function lockDataDir(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && running(pid)) {
        throw new DataDirInUseError(
          `${file}: another hall server (process ${pid}) uses this data folder; stop it, or set DATA_DIR to another folder`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`${file}: could not take the data folder`);
}
