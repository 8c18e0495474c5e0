import { personStatuses, staffTypes } from '@unyo/contracts';
import { csvLine, type ImportRow, importColumns } from './generate.ts';
import { rssOf } from './server.ts';

/**
 * Import and export through the API (the import kit's routes). Either may be missing while the kit is being
 * built: a 404 is reported as "not available yet" instead of failing the run.
 */

export const IMPORT_PATH = '/api/v1/people/import';
export const EXPORT_PATH = '/api/v1/people/export';

export type Outcome = { available: boolean; httpStatus: number; detail: string };

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** Not there yet: a 404, or `/people/:id` answering for `/people/export` with an invalid-id 422. */
const missing = (status: number, body: string) => status === 404 || (status === 422 && body.includes('params.id'));

/** Splits one CSV record (quotes, doubled quotes); enough for a header and a sample row. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') cur += line[i++];
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

function decode(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  return utf8.includes('\uFFFD') ? new TextDecoder('shift_jis').decode(bytes) : utf8;
}

/** The export's header and first row, so the import CSV can use the same layout (exports are meant to round-trip). */
export async function probeExport(base: string, token: string): Promise<{ header: string[]; sample: string[] } | Outcome> {
  const ac = new AbortController();
  const res = await fetch(`${base}${EXPORT_PATH}?format=csv`, { headers: auth(token), signal: ac.signal });
  if (!res.ok || !res.body) {
    const text = await res.text();
    return { available: !missing(res.status, text), httpStatus: res.status, detail: text.slice(0, 200) };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    chunks.push(chunk);
    size += chunk.length;
    const text = decode(Buffer.concat(chunks));
    if (text.split('\n').length > 2 || size > 65_536) break;
  }
  ac.abort();
  const [header, sample] = decode(Buffer.concat(chunks))
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  return { header: parseCsvLine(header), sample: sample ? parseCsvLine(sample) : [] };
}

// Header words by field, checked in this order ("氏名（カナ）" must be kana, not kanji).
const headerWords: [keyof ImportRow, string[]][] = [
  ['employeeNumber', ['employeenumber', 'employeeno', '職員番号', '社員番号']],
  ['nameKana', ['namekana', 'kana', 'カナ', 'かな']],
  ['nameRomaji', ['nameromaji', 'romaji', 'ローマ字']],
  ['nameKanji', ['namekanji', 'name', '氏名', '漢字']],
  ['staffType', ['stafftype', '職員区分', '雇用区分', '区分']],
  ['status', ['status', '在籍', '状態', 'ステータス']],
  ['department', ['departmentcode', 'department', '部署', '所属']],
  ['site', ['sitecode', 'site', '拠点']],
  ['email', ['email', 'mail', 'メール']],
  ['extension', ['extension', '内線']],
  ['startDate', ['startdate', '開始', '着任', '入職']],
  ['endDate', ['enddate', '終了', '退職']],
];

type Layout = { header: string[]; fields: (keyof ImportRow | null)[]; labels: 'value' | 'ja' | 'en' };

/** Maps our fields onto the export's header; choice values follow the export's style (code, ja or en label). */
export function layoutFrom(probe: { header: string[]; sample: string[] } | null): Layout {
  if (!probe) return { header: importColumns, fields: importColumns, labels: 'value' };
  const norm = (s: string) => s.toLowerCase().replace(/[\s_\-()（）・]/g, '');
  const fields = probe.header.map((h) => {
    const n = norm(h);
    if (/(^id$|version|created|updated|sitename|departmentname|拠点名|部署名)/.test(n)) return null;
    return headerWords.find(([, words]) => words.some((w) => n.includes(w)))?.[0] ?? null;
  });
  const staffCell = probe.sample[fields.indexOf('staffType')];
  const labels = !staffCell || staffTypes.items.some((i) => i.value === staffCell) ? 'value' : staffTypes.items.some((i) => i.ja === staffCell) ? 'ja' : 'en';
  return { header: probe.header, fields, labels };
}

export function toCsv(rows: ImportRow[], layout: Layout): string {
  const label = (set: typeof staffTypes | typeof personStatuses, v: string) =>
    layout.labels === 'value' ? v : ((set.items as readonly { value: string; ja: string; en: string }[]).find((i) => i.value === v)?.[layout.labels] ?? v);
  const cell = (r: ImportRow, f: keyof ImportRow | null) => {
    if (!f) return '';
    if (f === 'staffType') return label(staffTypes, r.staffType);
    if (f === 'status') return label(personStatuses, r.status);
    return r[f];
  };
  return `\uFEFF${csvLine(layout.header)}${rows.map((r) => csvLine(layout.fields.map((f) => cell(r, f)))).join('')}`;
}

/** POSTs the CSV as multipart; follows a 202 (Location or `statusUrl`) until the job reports an end state. */
export async function importCsv(base: string, token: string, csv: string): Promise<Outcome & { ms: number; body: unknown }> {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'people.csv');
  // The kit's import is a dry run unless told otherwise.
  const res = await fetch(`${base}${IMPORT_PATH}?dryRun=false`, { method: 'POST', headers: auth(token), body: form });
  let body: unknown = await res.text();
  try {
    body = JSON.parse(body as string);
  } catch {}
  let status = res.status;
  const poll = res.headers.get('location') ?? (body as { statusUrl?: string })?.statusUrl;
  if (status === 202 && poll) {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const p = await fetch(new URL(poll, base), { headers: auth(token) });
      body = await p.json();
      const state = String((body as { status?: string }).status ?? '');
      if (!/^(queued|pending|running|active|created|retry)$/.test(state)) {
        status = /fail|error/.test(state) ? 500 : 200;
        break;
      }
    }
  }
  const detail = typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body).slice(0, 300);
  return { available: !missing(status, detail), httpStatus: status, detail, ms: performance.now() - started, body };
}

/** Downloads the export while sampling the server's resident set size; reports the peak growth over the start. */
export async function exportCsv(base: string, token: string, pid: number, query: Record<string, string>) {
  const baseline = rssOf(pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 20);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let httpStatus = 0;
  let detail = '';
  try {
    const res = await fetch(`${base}${EXPORT_PATH}?${new URLSearchParams({ format: 'csv', ...query })}`, { headers: auth(token) });
    httpStatus = res.status;
    if (!res.ok || !res.body) detail = (await res.text()).slice(0, 200);
    else
      for await (const chunk of res.body) {
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      }
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, rssOf(pid));
  return {
    available: !missing(httpStatus, detail),
    httpStatus,
    detail,
    ms: performance.now() - started,
    bytes,
    rows: Math.max(0, lines - 1),
    baselineMb: baseline / 2 ** 20,
    peakGrowthMb: (peak - baseline) / 2 ** 20,
  };
}
