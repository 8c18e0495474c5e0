import type { ImportMapping, ImportMappingDto, ImportPreview, ImportProgress, ImportResult } from '@unyo/contracts';
import { api, apiUrl } from '../../lib/api.ts';

/** Headings, sample rows, detected encoding and the suggested (or saved) mapping of a file. */
export function previewImport(ledger: string, file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file);
  return api.postForm<ImportPreview>(`/${ledger}/import/preview`, form);
}

export function fetchImportMapping(ledger: string): Promise<ImportMappingDto> {
  return api.get<ImportMappingDto>(`/imports/mappings/${ledger}`);
}

type RunOptions = { dryRun: boolean; mapping: ImportMapping; saveMapping?: boolean; importId?: string };

/** A dry run (nothing is written) or the commit; `importId` lets the progress routes follow it. */
export function runImport(ledger: string, file: File, opts: RunOptions): Promise<ImportResult> {
  const form = new FormData();
  form.append('mapping', JSON.stringify(opts.mapping));
  if (opts.saveMapping) form.append('saveMapping', 'true');
  form.append('file', file);
  return api.postForm<ImportResult>(`/${ledger}/import`, form, {
    query: { dryRun: opts.dryRun },
    headers: opts.importId ? { 'x-import-id': opts.importId } : undefined,
  });
}

/** A v4 UUID; crypto.randomUUID needs a secure context, which an intranet http:// address is not. */
export function newImportId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const isFinished = (p: ImportProgress | null) => p?.phase === 'done' || p?.phase === 'failed';

const pollMs = 300;
const openTimeoutMs = 2000;

/**
 * Follows an import's progress: Server-Sent Events, or polling every 300 ms where the stream
 * cannot be opened (a proxy that buffers it, an old browser). `ready` resolves once the stream is
 * listening (or polling took over), so the upload can start without missing the first events.
 */
export function watchImportProgress(id: string, onProgress: (p: ImportProgress) => void): { ready: Promise<void>; stop: () => void } {
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const deliver = (p: ImportProgress) => {
    if (stopped) return;
    onProgress(p);
    if (isFinished(p)) stop();
  };

  const poll = async () => {
    if (stopped) return;
    try {
      const res = await fetch(apiUrl(`/imports/${id}/progress`), { credentials: 'same-origin', headers: { accept: 'application/json' } });
      // 404 until the upload has reached the server.
      if (res.ok) deliver((await res.json()) as ImportProgress);
    } catch {
      // a dropped poll; the next one follows
    }
    if (!stopped) timer = setTimeout(poll, pollMs);
  };

  const fallBackToPolling = () => {
    source?.close();
    source = null;
    markReady();
    if (!stopped && timer === undefined) void poll();
  };

  function stop() {
    stopped = true;
    source?.close();
    clearTimeout(timer);
    markReady();
  }

  if (typeof EventSource === 'undefined') {
    fallBackToPolling();
  } else {
    let opened = false;
    source = new EventSource(apiUrl(`/imports/${id}/events`), { withCredentials: true });
    const openTimer = setTimeout(() => !opened && fallBackToPolling(), openTimeoutMs);
    source.onopen = () => {
      opened = true;
      clearTimeout(openTimer);
      markReady();
    };
    source.addEventListener('progress', (e) => deliver(JSON.parse((e as MessageEvent<string>).data) as ImportProgress));
    // The server closes the stream after the last event; a reconnect would only repeat it.
    source.onerror = () => {
      clearTimeout(openTimer);
      if (!stopped) fallBackToPolling();
    };
  }
  return { ready, stop };
}
