import { type CdrField, cdrFields, cucmCdrMapping, type ImportMapping, type ImportRowError, type Locale, type MessageKey } from '@unyo/contracts';
import { instantOf } from '../../platform/calendar/zoned-time.ts';
import type { RawRow } from '../../platform/files/csv.ts';
import { type MessageParams, renderMessage } from '../../platform/files/import-error.ts';
import { headingKey } from '../../platform/files/ledger-io.ts';
import { type CellValue, cellText, isBlank, normalizeText, parseBool, parseInteger } from '../../platform/files/normalize.ts';

/**
 * Reading call detail records: headings → fields through a mapping, CUCM's epoch seconds (0 = never connected) or
 * date-time text, one call per external id. Pure: the import (cdr-import.ts) does the database part.
 */

export type ParsedCall = {
  row: number;
  externalId: string;
  queuedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  callerNumber: string | null;
  calledNumber: string | null;
  operatorLabel: string | null;
  direction: 'inbound' | 'outbound';
  voiceCallback: boolean;
  callbackAt: Date | null;
  ticketNumber: string | null;
  /** A help-desk call (always true when no desk numbers are set); other calls are skipped by the import. */
  deskCall: boolean;
};

const fieldKeys = new Set<string>(cdrFields.map((f) => f.key));
const labelIndex = new Map<string, CdrField>();
for (const f of cdrFields) for (const h of [f.key, f.ja, f.en]) labelIndex.set(headingKey(h), f.key);
for (const [h, k] of Object.entries(cucmCdrMapping)) labelIndex.set(headingKey(h), k);

/** Heading → field for a file: an explicit mapping wins, then CUCM names, field keys and labels. */
export function suggestCdrMapping(headers: string[], mapping: ImportMapping | null): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const h of headers) {
    if (!h) continue;
    if (mapping && Object.hasOwn(mapping, h)) out[h] = mapping[h] && fieldKeys.has(mapping[h]) ? mapping[h] : null;
    else out[h] = labelIndex.get(headingKey(h)) ?? null;
  }
  return out;
}

/** CUCM flat files carry a second heading row with the column types (INTEGER, VARCHAR(50)…). */
const TYPE_CELL = /^(integer|bigint|smallint|uniqueidentifier|varchar\(\d+\)|char\(\d+\)|datetime|text)$/i;
export const isTypeRow = (cells: CellValue[]) => cells.some((c) => !isBlank(c)) && cells.every((c) => isBlank(c) || TYPE_CELL.test(cellText(c).trim()));

const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** PBX exports without separators: YYYYMMDDHHMM[SS] on the local wall clock. */
const COMPACT_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/;

/**
 * Epoch seconds (0 or empty: none; 9–10 digits), epoch milliseconds (13 digits), ISO 8601 with an offset, or local
 * 'YYYY-MM-DD HH:MM[:SS]' / 'YYYYMMDDHHMM[SS]' in `timeZone`. Any other number is refused: read as epoch seconds it
 * would be a date thousands of years away (or no date at all), which the import could not store.
 */
export function parseCdrTime(cell: CellValue, timeZone: string): { ok: true; value: Date | null } | { ok: false } {
  if (isBlank(cell)) return { ok: true, value: null };
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false } : { ok: true, value: cell };
  const s = normalizeText(cellText(cell));
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n === 0) return { ok: true, value: null };
    if (s.length === 9 || s.length === 10) return { ok: true, value: new Date(n * 1000) };
    if (s.length === 13) return { ok: true, value: new Date(n) };
  }
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && s.includes('T')) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? { ok: false } : { ok: true, value: new Date(t) };
  }
  const m = LOCAL_TIME.exec(s) ?? COMPACT_TIME.exec(s);
  if (!m) return { ok: false };
  const [, y, mo, d, h, mi, se] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || (se || 0) > 59) return { ok: false };
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const dayNumber = Date.UTC(y, mo - 1, d) / 86_400_000;
  if (new Date(dayNumber * 86_400_000).toISOString().slice(0, 10) !== date) return { ok: false };
  return { ok: true, value: new Date(instantOf(dayNumber, h * 60 + mi, timeZone) + (se || 0) * 1000) };
}

const OUT_WORDS = new Set(['out', 'outbound', 'outgoing', '発信', 'o']);
const IN_WORDS = new Set(['in', 'inbound', 'incoming', '着信', 'i']);

export type CdrReadOptions = {
  locale: Locale;
  timeZone: string;
  voiceSystemNumbers: readonly string[];
  /** Help-desk numbers; empty: no filter, every row is an inbound desk call (the file names no direction otherwise). */
  deskNumbers?: readonly string[];
  operatorExtensions?: readonly string[];
  operatorDevicePrefixes?: readonly string[];
};

/**
 * A CUCM export holds every call of the cluster and no direction. With desk numbers set: called (original or final)
 * a desk or voice-system number → inbound; made from an operator's extension or device → outbound (a call-back);
 * anything else is another department's call → null (skipped).
 */
function deskDirection(opts: CdrReadOptions, called: (string | null)[], caller: string | null, device: string | null): CallDirection | null {
  const desk = new Set([...(opts.deskNumbers ?? []), ...opts.voiceSystemNumbers]);
  if (called.some((n) => n && desk.has(n))) return 'inbound';
  if (caller && opts.operatorExtensions?.includes(caller)) return 'outbound';
  if (device && opts.operatorDevicePrefixes?.some((p) => device.toUpperCase().startsWith(p.toUpperCase()))) return 'outbound';
  return null;
}
type CallDirection = 'inbound' | 'outbound';

/** Reads the data rows; every problem is a row error (the caller writes nothing when there is one). */
export function readCdrRows(headerCells: string[], rows: RawRow[], mapping: Record<string, string | null>, opts: CdrReadOptions) {
  const errors: ImportRowError[] = [];
  const col = new Map<CdrField, { index: number; header: string }>();
  const ignored: string[] = [];
  for (const [i, h] of headerCells.entries()) {
    const key = mapping[h] as CdrField | null | undefined;
    if (!h) continue;
    if (!key) ignored.push(h);
    else if (col.has(key)) errors.push({ row: 1, column: h, message: renderMessage('import.duplicate_column', opts.locale, { column: h }) });
    else col.set(key, { index: i, header: h });
  }
  const label = (k: CdrField) => {
    const f = cdrFields.find((x) => x.key === k)!;
    return opts.locale === 'en' ? f.en : f.ja;
  };
  for (const f of cdrFields) {
    if (f.required && !col.has(f.key))
      errors.push({ row: 1, column: label(f.key), message: renderMessage('import.missing_column', opts.locale, { column: label(f.key) }) });
  }
  if (errors.length > 0) return { calls: [], errors, ignored, notDeskCalls: 0 };

  const byId = new Map<string, ParsedCall>();
  for (const raw of rows) {
    const rowErrors: ImportRowError[] = [];
    const err = (k: CdrField, key: MessageKey, params?: MessageParams) =>
      rowErrors.push({ row: raw.row, column: col.get(k)?.header ?? label(k), message: renderMessage(key, opts.locale, params) });
    const cell = (k: CdrField): CellValue => {
      const c = col.get(k);
      return c ? (raw.cells[c.index] ?? null) : null;
    };
    const text = (k: CdrField) => normalizeText(cellText(cell(k))) || null;
    const time = (k: CdrField) => {
      const r = parseCdrTime(cell(k), opts.timeZone);
      if (!r.ok) err(k, 'import.invalid_datetime');
      return r.ok ? r.value : null;
    };
    const callId = text('callId');
    if (!callId) err('callId', 'error.required');
    const queuedAt = time('queuedAt');
    if (!queuedAt && !rowErrors.some((e) => e.column === col.get('queuedAt')?.header)) err('queuedAt', 'error.required');
    const answeredAt = time('answeredAt');
    let endedAt = time('endedAt');
    const duration = parseInteger(cell('duration'));
    if (!duration.ok) err('duration', duration.error);
    else if (!endedAt && answeredAt && duration.value !== null) endedAt = new Date(answeredAt.getTime() + duration.value * 1000);
    const finalCalled = text('finalCalledNumber');
    const callerDevice = text('callerDevice');
    const filtered = (opts.deskNumbers?.length ?? 0) > 0;
    const desk = filtered ? deskDirection(opts, [text('calledNumber'), finalCalled], text('callerNumber'), callerDevice) : 'inbound';
    // A direction column, where the call manager has one, is the truth; else the desk rule (or inbound) decides.
    let direction: CallDirection = desk ?? 'inbound';
    const dir = text('direction')?.toLowerCase();
    if (dir && OUT_WORDS.has(dir)) direction = 'outbound';
    else if (dir && IN_WORDS.has(dir)) direction = 'inbound';
    else if (dir) err('direction', 'import.invalid_choice', { choices: 'in, out, 着信, 発信' });
    const flag = parseBool(cell('voiceCallback'));
    if (!flag.ok) err('voiceCallback', flag.error);
    const voiceCallback = (flag.ok && flag.value === true) || (!!finalCalled && opts.voiceSystemNumbers.includes(finalCalled));
    const callbackAt = time('callbackAt');
    if (callbackAt && !voiceCallback) err('callbackAt', 'import.requires_column', { column: label('voiceCallback') });
    if (queuedAt && answeredAt && answeredAt < queuedAt) err('answeredAt', 'import.time_before', { column: label('queuedAt') });
    if (endedAt && (answeredAt ?? queuedAt) && endedAt < (answeredAt ?? queuedAt)!)
      err('endedAt', 'import.time_before', { column: label(answeredAt ? 'answeredAt' : 'queuedAt') });
    if (queuedAt && callbackAt && callbackAt < queuedAt) err('callbackAt', 'import.time_before', { column: label('queuedAt') });
    if (rowErrors.length > 0 || !callId || !queuedAt) {
      errors.push(...rowErrors);
      continue;
    }
    const cm = text('callManagerId');
    const externalId = cm ? `${cm}:${callId}` : callId;
    const call: ParsedCall = {
      row: raw.row,
      externalId,
      queuedAt,
      answeredAt,
      endedAt,
      callerNumber: text('callerNumber'),
      calledNumber: text('calledNumber') ?? finalCalled,
      // A call-back's operator is its caller (CUCM's destDeviceName is then the requester's line).
      operatorLabel: desk === 'outbound' && !text('direction') ? (callerDevice ?? text('callerNumber')) : text('operator'),
      direction,
      voiceCallback,
      callbackAt,
      ticketNumber: text('ticketNumber'),
      deskCall: desk !== null,
    };
    const first = byId.get(externalId);
    // CUCM writes one record per leg (a transferred call has two with the same globalCallID): one call, whose wait is
    // the first leg's and which ends with the last leg.
    if (first) {
      if (!first.deskCall && call.deskCall) Object.assign(first, { deskCall: true, direction: call.direction, operatorLabel: call.operatorLabel });
      if (endedAt && (!first.endedAt || endedAt > first.endedAt)) first.endedAt = endedAt;
      first.answeredAt ??= answeredAt;
      first.operatorLabel ??= call.operatorLabel;
    } else byId.set(externalId, call);
  }
  const all = [...byId.values()];
  const calls = all.filter((c) => c.deskCall);
  return { calls, errors, ignored, notDeskCalls: all.length - calls.length };
}
