import type { ImportProgress } from '@unyo/contracts';
import type { ProgressReport } from './ledger-import.ts';

type Listener = (p: ImportProgress) => void;
type Entry = { userId: string; progress: ImportProgress; listeners: Set<Listener> };
type Waiter = { userId: string; listener: Listener };

/** How long a finished import's last state stays readable. */
const KEEP_FINISHED_MS = 10 * 60_000;

/**
 * Progress of running imports, in this process's memory (decision 0008): on the embedded database
 * the import's transaction holds the only connection, so progress cannot go through the database.
 * Only the user who started an import can read it; the id is chosen by the client (x-import-id).
 */
export class ImportProgressRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting = new Map<string, Set<Waiter>>();

  /** Registers an import; false if the id is already running. */
  start(id: string, ledger: string, userId: string): ImportTracker | null {
    const current = this.entries.get(id);
    if (current && !isFinished(current.progress)) return null;
    const entry: Entry = { userId, progress: { id, ledger, phase: 'parsing', processed: 0, total: 0 }, listeners: new Set() };
    this.entries.set(id, entry);
    for (const w of this.waiting.get(id) ?? []) if (w.userId === userId) entry.listeners.add(w.listener);
    this.waiting.delete(id);
    const update = (p: ProgressReport) => {
      entry.progress = { ...entry.progress, ...p };
      for (const l of entry.listeners) l(entry.progress);
      if (isFinished(entry.progress)) {
        entry.listeners.clear();
        setTimeout(() => this.entries.get(id) === entry && this.entries.delete(id), KEEP_FINISHED_MS).unref();
      }
    };
    return {
      report: update,
      fail: () => update({ phase: 'failed', processed: entry.progress.processed, total: entry.progress.total }),
    };
  }

  get(id: string, userId: string): ImportProgress | null {
    const e = this.entries.get(id);
    return e && e.userId === userId ? e.progress : null;
  }

  /**
   * Calls listener with the current state and every change until the import finishes. An id that
   * is not running yet is waited for (the client opens the stream before it posts the file).
   */
  subscribe(id: string, userId: string, listener: Listener): () => void {
    const e = this.entries.get(id);
    if (e) {
      if (e.userId !== userId) return () => {};
      listener(e.progress);
      if (isFinished(e.progress)) return () => {};
      e.listeners.add(listener);
      return () => e.listeners.delete(listener);
    }
    const w = { userId, listener };
    const set = this.waiting.get(id) ?? new Set();
    set.add(w);
    this.waiting.set(id, set);
    return () => {
      set.delete(w);
      if (!set.size && this.waiting.get(id) === set) this.waiting.delete(id);
      this.entries.get(id)?.listeners.delete(listener);
    };
  }
}

export type ImportTracker = { report(p: ProgressReport): void; fail(): void };

export const isFinished = (p: ImportProgress) => p.phase === 'done' || p.phase === 'failed';

/** One registry per process, shared by the import routes and the progress routes. */
export const importProgress = new ImportProgressRegistry();
