import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one folder silently lose data. The embedded
 * database is therefore guarded by an exclusive lock file holding the owner's pid and host.
 */
export class DataDirLockedError extends Error {
  readonly pid: number;
  readonly host: string | null;
  readonly dataDir: string;
  constructor(dataDir: string, pid: number, host: string | null = null) {
    const where = host && host !== os.hostname() ? ` on ${host}` : '';
    super(
      `The embedded database in ${dataDir} is in use by another Unyo process (pid ${pid}${where}).\n` +
        'Only one process may open it. Stop that process first (for example the running `npm start`),\n' +
        'or run this command through the running server, or use a PostgreSQL server via DATABASE_URL.\n' +
        `If that process is gone for good (another machine or container that no longer runs), delete ${lockFilePath(dataDir)}.`,
    );
    this.name = 'DataDirLockedError';
    this.pid = pid;
    this.host = host;
    this.dataDir = dataDir;
  }
}

export type DataDirLock = { release(): void; file: string };

type Holder = { pid: number; host: string };

/** Lock files this process holds: a lock naming our own pid but not listed here was left by an earlier process. */
const heldHere = new Set<string>();

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

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const { pid, host } = JSON.parse(text);
    return Number.isInteger(pid) && pid > 0 ? { pid, host: String(host) } : null;
  } catch {
    return null;
  }
}

/** A lock file that cannot be read yet may be one another process has just created and not yet written. */
function isFresh(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < 5000;
  } catch {
    return false;
  }
}

/**
 * The live holder named by a lock file's text, or null when it is stale: written on this host by a process
 * that is gone — including one that had our pid (a container restarts its app as pid 1 every time) — or
 * unreadable and not brand new. A holder on another host cannot be checked and counts as live.
 */
function liveHolder(file: string, text: string): Holder | null {
  const holder = parseHolder(text);
  if (!holder) return isFresh(file) ? { pid: -1, host: os.hostname() } : null;
  if (holder.host !== os.hostname()) return holder;
  if (holder.pid === process.pid) return heldHere.has(file) ? holder : null;
  return isAlive(holder.pid) ? holder : null;
}

/** Reads the pid of the process holding the lock, or null when the folder is free. */
export function lockHolder(dataDir: string): number | null {
  const file = lockFilePath(dataDir);
  const text = readText(file);
  return text === null ? null : (liveHolder(file, text)?.pid ?? null);
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = lockFilePath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const text = readText(file);
      if (text === null) continue; // released meanwhile
      const holder = liveHolder(file, text);
      if (holder) throw new DataDirLockedError(dataDir, holder.pid, holder.host);
      // Stale lock from a process that died: remove it, unless another process replaced it meanwhile, and retry.
      if (readText(file) === text) fs.rmSync(file, { force: true });
      continue;
    }
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }));
    fs.closeSync(fd);
    heldHere.add(file);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      heldHere.delete(file);
      process.removeListener('exit', release);
      const text = readText(file);
      if (text !== null && parseHolder(text)?.pid === process.pid) fs.rmSync(file, { force: true });
    };
    process.once('exit', release);
    return { release, file };
  }
  const text = readText(file);
  const holder = text === null ? null : liveHolder(file, text);
  throw new DataDirLockedError(dataDir, holder?.pid ?? -1, holder?.host ?? null);
}
