import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one folder silently lose data. The embedded
 * database is therefore guarded by an exclusive lock file holding the owner's pid and host.
 */
export class DataDirLockedError extends Error {
  readonly pid: number;
  readonly dataDir: string;
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another Unyo process (pid ${pid}).\n` +
        'Only one process may open it. Stop that process first (for example the running `npm start`),\n' +
        'or run this command through the running server, or use a PostgreSQL server via DATABASE_URL.',
    );
    this.name = 'DataDirLockedError';
    this.pid = pid;
    this.dataDir = dataDir;
  }
}

export type DataDirLock = { release(): void; file: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFilePath(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
}

/** Reads the pid of the process holding the lock, or null when the folder is free. */
export function lockHolder(dataDir: string): number | null {
  try {
    const { pid, host } = JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8'));
    if (host === os.hostname() && !isAlive(pid)) return null;
    return pid;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = lockFilePath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const { pid } = JSON.parse(fs.readFileSync(file, 'utf8'));
          if (pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release, file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = lockHolder(dataDir);
      if (holder !== null) throw new DataDirLockedError(dataDir, holder);
      // Stale lock from a process that died: remove it and try once more.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, lockHolder(dataDir) ?? -1);
}
