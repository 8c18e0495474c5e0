import type { Choice, ImportMapping, ImportRowError, Locale, MessageKey } from '@unyo/contracts';
import { type Column, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { unguardFormula } from './csv.ts';
import { type MessageParams, renderMessage } from './import-error.ts';
import { type CellValue, cellText, choiceKey, normalizeCode, normalizeText, type Parsed, parseBool, parseDate, parseInteger, parseYen } from './normalize.ts';

/**
 * A ledger's import/export definition: its columns (Japanese and English headings, type, how values
 * are read), its natural key, how existing rows are found and how rows are written. The engine in
 * ledger-import.ts / ledger-export.ts does the rest, the same way for every ledger.
 */

export type ColumnType = 'text' | 'code' | 'date' | 'enum' | 'bool' | 'int' | 'yen' | 'ref' | 'list' | 'json';
/**
 * A cell's stored form: text, ISO date, enum value, boolean, integer, a referenced record's code, the
 * items of a list column (IP addresses) or the structured value of a json column (NAPT rules).
 */
export type Value = string | number | boolean | null | readonly string[] | JsonValue;
export type JsonValue = readonly unknown[] | { readonly [k: string]: unknown };

/**
 * How a json column reads and writes its one-cell text form (e.g. `tcp 10.0.0.5:443=203.0.113.5:8443`).
 * `format(parse(x))` must read back to the same value, so an export re-imports unchanged.
 */
export type CellCodec = {
  parse(text: string): Parsed<unknown>;
  format(value: unknown): string;
};

/**
 * A record another column points at, by code. siteId decides whether it is in the actor's scope; `shared` marks
 * agency-wide reference data (a licence of the owned-licence ledger) that every importer may point at.
 */
export type RefTarget = { id: string; siteId: string | null; shared?: boolean; [extra: string]: unknown };

export type RefDef = {
  /** Code → target for the given codes, unscoped; the engine tells "unknown" from "out of scope". */
  load(db: Db, codes: string[]): Promise<Map<string, RefTarget>>;
  /** Points at the ledger's own natural key (a department's parent): codes of new rows in the same file count. */
  self?: boolean;
};

export type LedgerColumn = {
  key: string;
  ja: string;
  en: string;
  /** Other headings accepted on import (older ledgers, Excel templates). */
  aliases?: readonly string[];
  type: ColumnType;
  /** Needs a value on new rows and cannot be emptied. */
  required?: boolean;
  /** An empty cell keeps the stored value (or the default on new rows) instead of clearing it. */
  keepWhenEmpty?: boolean;
  choices?: readonly Choice[];
  /** The schema input field; defaults to key. For refs, the id field (siteId). */
  field?: string;
  ref?: RefDef;
  /** list columns: how one item is read (normalized); items are separated by , ; 、 newlines or spaces. */
  item?: (text: string) => Parsed<string>;
  /** json columns: the cell's text form. */
  codec?: CellCodec;
  width?: number;
};

export type SiteVisibility = { visibleSiteIds: string[] | null };
export const canSee = (scope: SiteVisibility, siteId: string | null | undefined) =>
  scope.visibleSiteIds === null || (!!siteId && scope.visibleSiteIds.includes(siteId));

export type Existing = { id: string; siteId: string | null; version: number; values: Record<string, Value> };

/** What a ledger's check hook sees for one row, after references were resolved. */
export type RowCheck = {
  status: 'create' | 'update';
  /** Stored values merged with the file's (refs as codes); a hook may fill derived values. */
  values: Record<string, Value>;
  refs: Record<string, RefTarget | null>;
  /** The schema input being built; a hook may fill derived fields. */
  input: Record<string, unknown>;
  scope: SiteVisibility;
  error(column: string, key: MessageKey, params?: MessageParams): void;
};

export type ChangedRow = { row: number; status: 'create' | 'update'; key: string; values: Record<string, Value> };
export type SqlType = 'text' | 'date' | 'uuid' | 'boolean' | 'integer' | 'bigint' | 'text[]' | 'jsonb';

export type LedgerIo<Q = unknown> = {
  /** URL segment and mapping name: 'people'. */
  name: string;
  /** Audit entity: 'person' → 'person.imported'. */
  entity: string;
  label: { ja: string; en: string };
  columns: LedgerColumn[];
  naturalKey: string;
  /**
   * A key made of several columns (a backup result is one job's run on one date; a patch status is one device ×
   * update): the row key built from the
   * parsed values, or null when a part is missing (reported on the natural-key column). Default: the natural key.
   */
  keyOf?(values: Record<string, Value>): string | null;
  /** The same input schema the create API validates with. */
  schema: z.ZodType;
  /** Stored rows by natural key, unscoped (out-of-scope rows become row errors), with the version read. */
  loadExisting(db: Db, keys: string[]): Promise<Map<string, Existing>>;
  check?(row: RowCheck): void;
  /** Checks across all changed rows (e.g. department cycles), after every row was validated. */
  checkAll?(db: Db, rows: ChangedRow[], error: (row: number, column: string, key: MessageKey, params?: MessageParams) => void): Promise<void>;
  /** The site a written row belongs to (for the import's audit record): its siteId, or its own id for sites. */
  siteOf(id: string, output: Record<string, unknown>): string | null;
  /** Target table: natural-key column and db column → [SQL type, schema output field]. Tables carry version/updated_at. */
  write: { table: string; key: string; columns: Record<string, [SqlType, string]> };
  /**
   * Replaces the generic insert/update of `write` for ledgers whose row is more than one table row (an imported
   * ticket is a ticket plus its event log). Gets every changed row with its schema output, inside the import's transaction.
   */
  writeRows?(db: Db, rows: (ChangedRow & { output: Record<string, unknown> })[], audit: AuditContext): Promise<void>;
  /** One page of the export, filtered and scoped like the ledger's list; `next` is the cursor of the following page. */
  exportPage(db: Db, query: Q, actor: Actor, cursor: string | null, limit: number): Promise<{ rows: Record<string, Value>[]; next: string | null }>;
};

/** `col in (values)` with the values as one JSON parameter, so a batch of thousands of keys is one bind. */
export const inJson = (col: Column, values: string[]) => sql`${col} in (select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

const IDENT = /^[a-z_][a-z0-9_]*$/;

export function defineLedgerIo<Q>(def: LedgerIo<Q>): LedgerIo<Q> {
  const keys = new Set(def.columns.map((c) => c.key));
  if (keys.size !== def.columns.length) throw new Error(`${def.name}: duplicate column keys`);
  if (!keys.has(def.naturalKey)) throw new Error(`${def.name}: natural key ${def.naturalKey} is not a column`);
  for (const c of def.columns) {
    if (c.type === 'enum' && !c.choices) throw new Error(`${def.name}.${c.key}: enum without choices`);
    if (c.type === 'ref' && (!c.ref || !c.field)) throw new Error(`${def.name}.${c.key}: ref without resolver or field`);
    if (c.type === 'json' && !c.codec) throw new Error(`${def.name}.${c.key}: json without codec`);
  }
  for (const id of [def.write.table, def.write.key, ...Object.keys(def.write.columns)]) {
    if (!IDENT.test(id)) throw new Error(`${def.name}: bad SQL identifier ${id}`);
  }
  return def;
}

export const columnLabel = (c: LedgerColumn, locale: Locale) => (locale === 'en' ? c.en : c.ja);

// ---------------------------------------------------------------------------------------------
// Headings

/** Headings compare without width, case, spaces and brackets: 氏名（カナ） = 氏名(カナ) = 氏名 カナ. */
export function headingKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・.()[\]「」【】:：]/g, '');
}

function headingIndex(io: LedgerIo<any>): Map<string, LedgerColumn> {
  const index = new Map<string, LedgerColumn>();
  for (const c of io.columns) for (const h of [c.key, c.ja, c.en, ...(c.aliases ?? [])]) index.set(headingKey(h), c);
  return index;
}

/** Heading → column key for a file's headings: the saved or sent mapping first, then the names. */
export function suggestMapping(io: LedgerIo<any>, headers: string[], mapping: ImportMapping | null): Record<string, string | null> {
  const index = headingIndex(io);
  const out: Record<string, string | null> = {};
  for (const h of headers) {
    if (!h.trim()) continue;
    if (mapping && Object.hasOwn(mapping, h) && (mapping[h] === null || io.columns.some((c) => c.key === mapping[h]))) out[h] = mapping[h];
    else out[h] = index.get(headingKey(h))?.key ?? null;
  }
  return out;
}

export type Binding = { index: number; header: string; column: LedgerColumn };

/** Which file column feeds which ledger column; problems are errors on row 1. */
export function bindHeaders(io: LedgerIo<any>, headerRow: { row: number; cells: CellValue[] }, mapping: ImportMapping | null, locale: Locale) {
  const headers = headerRow.cells.map((c) =>
    cellText(c)
      .replace(/^\uFEFF/, '')
      .trim(),
  );
  const index = headingIndex(io);
  const bindings: Binding[] = [];
  const ignored: string[] = [];
  const errors: ImportRowError[] = [];
  const err = (column: string, key: MessageKey, params?: MessageParams) =>
    errors.push({ row: headerRow.row, column, message: renderMessage(key, locale, params) });
  for (const [i, header] of headers.entries()) {
    if (!header) continue;
    const explicit = mapping && Object.hasOwn(mapping, header);
    const key = explicit ? mapping[header] : index.get(headingKey(header))?.key;
    if (key === null || key === undefined) {
      ignored.push(header);
      continue;
    }
    const column = io.columns.find((c) => c.key === key);
    if (!column) err(header, 'import.bad_mapping');
    else if (bindings.some((b) => b.column === column)) err(header, 'import.duplicate_column', { column: header });
    else bindings.push({ index: i, header, column });
  }
  const key = io.columns.find((c) => c.key === io.naturalKey)!;
  if (!bindings.some((b) => b.column === key)) err(columnLabel(key, locale), 'import.missing_column', { column: columnLabel(key, locale) });
  return { headers, bindings, ignored, errors };
}

// ---------------------------------------------------------------------------------------------
// Cells

type ChoiceIndex = Map<string, string>;
const choiceIndexes = new WeakMap<LedgerColumn, ChoiceIndex>();

function choiceIndex(c: LedgerColumn): ChoiceIndex {
  let index = choiceIndexes.get(c);
  if (!index) {
    index = new Map();
    for (const ch of c.choices ?? []) {
      for (const label of [ch.value, ch.ja, ch.en]) {
        index.set(label, ch.value);
        index.set(choiceKey(label), ch.value);
      }
    }
    choiceIndexes.set(c, index);
  }
  return index;
}

const emptyToNull = (s: string) => (s === '' ? null : s);
/** An XLSX date-time cell (Excel times carry no zone; readers deliver them as UTC) as 'YYYY-MM-DD HH:mm:ss'. */
const wallClockText = (d: Date) =>
  Number.isNaN(d.getTime()) ? '' : new Date(Math.round(d.getTime() / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
const LIST_SEPARATORS = /[,;、，；\s\u3000]+/;

/** A list cell: empty is an empty list; the first bad item is the error, named in the message. */
function parseList(c: LedgerColumn, cell: CellValue): Parsed<Value> {
  const items = cellText(cell)
    .split(LIST_SEPARATORS)
    .filter((s) => s !== '');
  const out: string[] = [];
  for (const raw of items) {
    const res = c.item ? c.item(raw) : { ok: true as const, value: normalizeCode(raw) };
    if (!res.ok) return { ok: false, error: res.error, params: { value: raw, ...res.params } };
    out.push(res.value);
  }
  return { ok: true, value: out };
}

/** One cell read as the column's type. */
export function parseCell(c: LedgerColumn, cell: CellValue, csv: boolean): Parsed<Value> {
  switch (c.type) {
    case 'text': {
      const text = cellText(cell);
      return { ok: true, value: emptyToNull(normalizeText(csv ? unguardFormula(text) : text)) };
    }
    case 'code':
    case 'ref':
      return { ok: true, value: emptyToNull(normalizeCode(cellText(cell))) };
    case 'date':
      return parseDate(cell);
    case 'bool':
      return parseBool(cell);
    case 'int':
      return parseInteger(cell);
    case 'yen':
      return parseYen(cell);
    case 'list':
      return parseList(c, cell);
    case 'json':
      // The codec decides what an empty cell means (NAPT: no rules). An XLSX date cell keeps its time of day here
      // (cellText keeps only the date), for codecs of date-and-time values.
      return c.codec!.parse(cell instanceof Date ? wallClockText(cell) : normalizeText(cellText(cell))) as Parsed<Value>;
    case 'enum': {
      const text = normalizeText(cellText(cell));
      if (!text) return { ok: true, value: null };
      const index = choiceIndex(c);
      const value = index.get(text) ?? index.get(choiceKey(text));
      return value ? { ok: true, value } : { ok: false, error: 'import.invalid_choice' };
    }
  }
}

export function choicesText(c: LedgerColumn, locale: Locale): string {
  return (c.choices ?? []).map((ch) => (locale === 'en' ? ch.en : ch.ja)).join(locale === 'en' ? ', ' : '、');
}

/** Stored and imported values are the same if they only differ in what the importer normalizes. */
export function sameValue(c: LedgerColumn, a: Value | undefined, b: Value | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  // Structured values compare in their text form: jsonb reorders keys and drops undefined members.
  if (c.type === 'json') return c.codec!.format(x) === c.codec!.format(y);
  if (x === null || y === null) return false;
  if (c.type === 'text') return normalizeText(String(x)) === normalizeText(String(y));
  if (c.type === 'code' || c.type === 'ref') return normalizeCode(String(x)) === normalizeCode(String(y));
  if (c.type === 'list') return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]);
  return false;
}
