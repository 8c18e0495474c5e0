import { randomUUID } from 'node:crypto';
import type { ImportMapping, ImportProgress, ImportResult, ImportRowError, Locale, MessageKey } from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../audit/audit.service.ts';
import { inTransaction } from '../http/context.ts';
import { issueMessage } from '../i18n/locale.ts';
import { ImportFileError, type MessageParams, renderMessage } from './import-error.ts';
import {
  type Binding,
  bindHeaders,
  type ChangedRow,
  canSee,
  choicesText,
  columnLabel,
  type Existing,
  type LedgerColumn,
  type LedgerIo,
  parseCell,
  type RefTarget,
  type SiteVisibility,
  sameValue,
  type Value,
} from './ledger-io.ts';
import { isBlank } from './normalize.ts';
import type { OpenedSource } from './source.ts';

export type ProgressReport = Omit<ImportProgress, 'id' | 'ledger'>;

export type ImportOptions = {
  db: Db;
  scope: SiteVisibility;
  audit: AuditContext;
  locale: Locale;
  dryRun: boolean;
  fileName: string;
  mapping: ImportMapping | null;
  maxRows: number;
  /** Errors listed in the result (errorCount has them all). */
  maxErrors?: number;
  batchSize?: number;
  onProgress?: (p: ProgressReport) => void;
};

type ParsedRow = { row: number; key: string; values: Record<string, Value> };
type Change = ChangedRow & { id: string; version: number; output: Record<string, unknown>; deferred: [field: string, code: string][] };

/** Stands in for a reference to a row created by the same import until that row's id is known. */
const PENDING_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Imports a file into a ledger: parse and normalize every row, validate all of them (references,
 * scope, the ledger's schema and checks) against the database, then — unless it is a dry run or any
 * row has an error — insert new rows and update changed ones with set-based SQL and write one audit record, all in
 * one transaction. Every error is reported with its Excel row number and the column as headed in the file.
 */
export async function runImport(io: LedgerIo<any>, source: OpenedSource, opts: ImportOptions): Promise<ImportResult> {
  const errors: (ImportRowError & { order: number })[] = [];
  const base = { dryRun: opts.dryRun, format: source.format, encoding: source.encoding };
  const progress = (phase: ProgressReport['phase'], processed: number, total: number) => opts.onProgress?.({ phase, processed, total });

  // 1. Parse: stream the rows, read every cell as its column's type.
  progress('parsing', 0, source.size);
  const parsed = await parseRows(io, source, opts, errors, (read) => progress('parsing', read, source.size));
  if (!parsed.rows) {
    progress('done', 0, 0);
    return { ...base, committed: false, rows: 0, created: 0, updated: 0, unchanged: 0, ...listErrors(errors, opts), ignoredColumns: parsed.ignored };
  }

  // 2. Validate against the database; 3. write. A commit does both in one transaction; updates are
  // guarded by the version read while validating (optimistic, as for single edits).
  const work = async (db: Db) => {
    const v = await validate(io, parsed.rows!, parsed.bindings, db, opts, errors);
    if (opts.dryRun || errors.length) return v;
    if (io.writeRows) await io.writeRows(db, v.changes, opts.audit);
    else await writeChanges(io, db, v.changes, opts);
    const counts = { created: v.created, updated: v.updated, unchanged: v.unchanged };
    // Site-scoped readers of the audit log see an import that touched only their site.
    const sites = new Set(v.changes.map((c) => io.siteOf(c.id, c.output)));
    await writeAudit(db, opts.audit, {
      action: `${io.entity}.imported`,
      entityType: io.entity,
      siteId: sites.size === 1 ? [...sites][0] : null,
      after: { file: opts.fileName, format: source.format, encoding: source.encoding, rows: parsed.rows!.length, ...counts },
    });
    return { ...v, committed: true };
  };
  const v = opts.dryRun ? await work(opts.db) : await inTransaction(opts.db, ({ tx }) => work(tx));
  progress('done', parsed.rows.length, parsed.rows.length);
  return {
    ...base,
    committed: 'committed' in v && v.committed === true,
    rows: parsed.rows.length,
    created: v.created,
    updated: v.updated,
    unchanged: v.unchanged,
    ...listErrors(errors, opts),
    ignoredColumns: parsed.ignored,
  };
}

function listErrors(errors: (ImportRowError & { order: number })[], opts: ImportOptions) {
  errors.sort((a, b) => a.row - b.row || a.order - b.order);
  return { errors: errors.slice(0, opts.maxErrors ?? 10_000).map(({ row, column, message }) => ({ row, column, message })), errorCount: errors.length };
}

async function parseRows(
  io: LedgerIo<any>,
  source: OpenedSource,
  opts: ImportOptions,
  errors: (ImportRowError & { order: number })[],
  onBytes: (n: number) => void,
) {
  const keyColumn = io.columns.find((c) => c.key === io.naturalKey)!;
  const csv = source.format === 'csv';
  let bindings: Binding[] | null = null;
  let keyBinding: Binding | null = null;
  let ignored: string[] = [];
  const rows: ParsedRow[] = [];
  const firstRowOfKey = new Map<string, number>();
  for await (const raw of source.rows(onBytes)) {
    if (raw.cells.every(isBlank)) continue;
    if (!bindings) {
      const bound = bindHeaders(io, raw, opts.mapping, opts.locale);
      ignored = bound.ignored;
      if (bound.errors.length) {
        errors.push(...bound.errors.map((e) => ({ ...e, order: -1 })));
        return { rows: null, bindings: [], ignored };
      }
      bindings = bound.bindings;
      keyBinding = bindings.find((b) => b.column === keyColumn)!;
      continue;
    }
    if (rows.length >= opts.maxRows) throw new ImportFileError(413, 'import.too_many_rows', { max: opts.maxRows });
    const kb = keyBinding!;
    const errorsBefore = errors.length;
    const values: Record<string, Value> = {};
    for (const b of bindings) {
      const cell = raw.cells[b.index] ?? null;
      const res = parseCell(b.column, cell, csv);
      if (res.ok) {
        if (res.value !== null || !b.column.keepWhenEmpty) values[b.column.key] = res.value;
      } else {
        const params = res.error === 'import.invalid_choice' ? { choices: choicesText(b.column, opts.locale) } : res.params;
        errors.push({ row: raw.row, column: b.header, message: renderMessage(res.error, opts.locale, params), order: b.index });
      }
    }
    const key = io.keyOf ? io.keyOf(values) : values[io.naturalKey];
    if (key === null || key === undefined) {
      if (!errors.slice(errorsBefore).some((e) => e.column === kb.header)) {
        errors.push({ row: raw.row, column: kb.header, message: renderMessage('error.required', opts.locale), order: kb.index });
      }
      continue;
    }
    const first = firstRowOfKey.get(String(key));
    if (first !== undefined) {
      errors.push({
        row: raw.row,
        column: kb.header,
        message: renderMessage('import.duplicate_key', opts.locale, { row: first }),
        order: kb.index,
      });
      continue;
    }
    firstRowOfKey.set(String(key), raw.row);
    rows.push({ row: raw.row, key: String(key), values });
  }
  if (!bindings) throw new ImportFileError(422, 'import.no_header');
  if (rows.length === 0 && errors.length === 0) throw new ImportFileError(422, 'import.no_rows');
  return { rows, bindings, ignored };
}

type Validated = { created: number; updated: number; unchanged: number; changes: Change[] };
type Errors = (ImportRowError & { order: number })[];

async function validate(io: LedgerIo<any>, rows: ParsedRow[], bindings: Binding[], db: Db, opts: ImportOptions, errors: Errors): Promise<Validated> {
  const batchSize = opts.batchSize ?? 2000;
  const checker = rowChecker(io, rows, bindings, opts, errors);
  const out: Validated = { created: 0, updated: 0, unchanged: 0, changes: [] };
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const existing = await io.loadExisting(
      db,
      batch.map((r) => r.key),
    );
    const merged = batch.map((r) => ({ ...existing.get(r.key)?.values, ...r.values }));
    await resolveRefs(db, checker.refColumns, checker.caches, merged);
    for (const [i, r] of batch.entries()) {
      const outcome = checker.check(r, existing.get(r.key), merged[i]);
      if (outcome === 'same') out.unchanged++;
      else if (outcome) {
        out.changes.push(outcome);
        if (outcome.status === 'update') out.updated++;
        else out.created++;
      }
    }
    opts.onProgress?.({ phase: 'validating', processed: Math.min(start + batchSize, rows.length), total: rows.length });
  }
  await io.checkAll?.(db, out.changes, checker.pushError);
  return out;
}

/** Checks one row: scope, references, the ledger's own checks, required values, the schema; then compares with the stored row. */
function rowChecker(io: LedgerIo<any>, rows: ParsedRow[], bindings: Binding[], opts: ImportOptions, errors: Errors) {
  const headerOf = new Map(bindings.map((b) => [b.column.key, b]));
  const columnOrder = (key: string) => headerOf.get(key)?.index ?? 1000 + io.columns.findIndex((c) => c.key === key);
  const display = (key: string) => {
    const col = io.columns.find((c) => c.key === key);
    return headerOf.get(key)?.header ?? (col ? columnLabel(col, opts.locale) : key);
  };
  const pushMessage = (row: number, column: string, message: string) => errors.push({ row, column: display(column), message, order: columnOrder(column) });
  const pushError = (row: number, column: string, key: MessageKey, params?: MessageParams) => pushMessage(row, column, renderMessage(key, opts.locale, params));
  const refColumns = io.columns.filter((c) => c.type === 'ref');
  const caches = new Map(refColumns.map((c) => [c.key, new Map<string, RefTarget | null>()]));
  const fileKeys = new Set(rows.map((r) => r.key));
  const keyColumn = io.columns.find((c) => c.key === io.naturalKey)!;
  const byField = new Map(io.columns.map((c) => [c.field ?? c.key, c]));
  // Columns that already failed to parse, per row: one error per cell is enough.
  const parseFailures = new Map<number, Set<string>>();
  for (const e of errors) parseFailures.set(e.row, (parseFailures.get(e.row) ?? new Set()).add(e.column));

  function check(r: ParsedRow, ex: Existing | undefined, values: Record<string, Value>): Change | 'same' | null {
    // Cells of this row that already have an error (most rows have none: no Set for them).
    let failed = parseFailures.has(r.row) ? new Set(parseFailures.get(r.row)) : null;
    const report = (column: string, message: string) => {
      failed ??= new Set();
      if (failed.has(display(column))) return;
      failed.add(display(column));
      pushMessage(r.row, column, message);
    };
    const error = (column: string, key: MessageKey, params?: MessageParams) => report(column, renderMessage(key, opts.locale, params));
    if (ex && !canSee(opts.scope, ex.siteId)) {
      error(io.naturalKey, 'import.out_of_scope');
      return null;
    }
    const refs: Record<string, RefTarget | null> = {};
    const input: Record<string, unknown> = {};
    const deferred: [string, string][] = [];
    for (const c of io.columns) {
      if (!(c.key in values)) continue;
      const field = c.field ?? c.key;
      const v = values[c.key];
      if (c.type !== 'ref') {
        input[field] = v;
        continue;
      }
      refs[c.key] = null;
      input[field] = v === null ? null : PENDING_ID;
      if (v === null) continue;
      const target = caches.get(c.key)!.get(String(v));
      if (target) {
        if (!target.shared && !canSee(opts.scope, target.siteId)) error(c.key, 'import.out_of_scope');
        refs[c.key] = target;
        input[field] = target.id;
      } else if (c.ref!.self && fileKeys.has(String(v))) deferred.push([field, String(v)]);
      else error(c.key, 'import.unknown_reference', { value: String(v) });
    }
    const status = ex ? 'update' : 'create';
    io.check?.({ status, values, refs, input, scope: opts.scope, error });
    for (const c of io.columns) if (c.required && (values[c.key] ?? null) === null) error(c.key, 'error.required');
    const parsed = io.schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report((byField.get(String(issue.path[0] ?? '')) ?? keyColumn).key, issueMessage(issue as never, opts.locale));
    }
    if (failed || !parsed.success) return null;
    const output = parsed.data as Record<string, unknown>;
    const final: Record<string, Value> = {};
    for (const c of io.columns) final[c.key] = c.type === 'ref' ? (values[c.key] ?? null) : ((output[c.field ?? c.key] as Value | undefined) ?? null);
    if (ex && io.columns.every((c) => sameValue(c, ex.values[c.key], final[c.key]))) return 'same';
    return { row: r.row, status, key: r.key, values: final, id: ex?.id ?? randomUUID(), version: ex?.version ?? 0, output, deferred };
  }

  return { check, pushError, refColumns, caches };
}

/** One query per reference column per batch, only for codes not seen in earlier batches. */
async function resolveRefs(db: Db, refColumns: LedgerColumn[], caches: Map<string, Map<string, RefTarget | null>>, rows: Record<string, Value>[]) {
  for (const c of refColumns) {
    const cache = caches.get(c.key)!;
    const missing = [...new Set(rows.map((r) => r[c.key]).filter((v): v is string => typeof v === 'string' && !cache.has(v)))];
    if (!missing.length) continue;
    const found = await c.ref!.load(db, missing);
    for (const code of missing) cache.set(code, found.get(code) ?? null);
  }
}

/** Parents before children when rows point at rows created by the same import (foreign keys hold per statement). */
function writeOrder(changes: Change[]): Change[] {
  if (!changes.some((c) => c.deferred.length)) return changes;
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const depth = new Map<Change, number>();
  const depthOf = (c: Change, seen = 0): number => {
    if (depth.has(c)) return depth.get(c)!;
    let d = 0;
    for (const [, code] of c.deferred) {
      const parent = byKey.get(code);
      if (parent && parent !== c && seen < 1000) d = Math.max(d, depthOf(parent, seen + 1) + 1);
    }
    depth.set(c, d);
    return d;
  };
  return [...changes].sort((a, b) => depthOf(a) - depthOf(b));
}

async function writeChanges(io: LedgerIo<any>, db: Db, changes: Change[], opts: ImportOptions) {
  const idByKey = new Map(changes.map((c) => [c.key, c.id]));
  for (const c of changes) for (const [field, code] of c.deferred) c.output[field] = idByKey.get(code);
  const ordered = writeOrder(changes);
  const batchSize = opts.batchSize ?? 2000;
  const recordOf = (c: Change) => {
    const rec: Record<string, unknown> = { id: c.id };
    for (const [col, [, field]] of Object.entries(io.write.columns)) rec[col] = c.output[field] ?? null;
    return rec;
  };
  for (let start = 0; start < ordered.length; start += batchSize) {
    const batch = ordered.slice(start, start + batchSize);
    const creates = batch.filter((c) => c.status === 'create').map(recordOf);
    const updates = batch.filter((c) => c.status === 'update').map((c) => ({ ...recordOf(c), version: c.version }));
    if (creates.length) await db.execute(insertSql(io, creates));
    if (updates.length && affectedRows(await db.execute(updateSql(io, updates))) !== updates.length) {
      throw new ImportFileError(409, 'import.concurrent_change');
    }
    opts.onProgress?.({ phase: 'writing', processed: Math.min(start + batchSize, ordered.length), total: ordered.length });
  }
}

const q = (c: string) => `"${c}"`;

/** Rows changed by a statement, from either driver (pg: rowCount, PGlite: affectedRows). */
const affectedRows = (res: unknown) => Number((res as { rowCount?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? -1);

function recordset(io: LedgerIo<any>, records: Record<string, unknown>[], extra: Record<string, string> = {}) {
  const types: Record<string, string> = { id: 'uuid', ...Object.fromEntries(Object.entries(io.write.columns).map(([c, [t]]) => [c, t])) };
  const cols = Object.keys(types);
  const all = { ...types, ...extra };
  const from = sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${sql.raw(
    Object.entries(all)
      .map(([c, t]) => `${q(c)} ${t}`)
      .join(', '),
  )})`;
  return { cols, from };
}

/**
 * New rows: one INSERT … SELECT FROM jsonb_to_recordset per batch, values as one JSON parameter.
 * They were checked to be new inside this transaction; a row another user inserts meanwhile makes
 * the unique key fail and the whole import roll back. Identifiers come from the ledger definition,
 * checked by defineLedgerIo.
 */
export function insertSql(io: LedgerIo<any>, records: Record<string, unknown>[]) {
  const { cols, from } = recordset(io, records);
  const list = sql.raw(cols.map(q).join(', '));
  return sql`insert into ${sql.raw(q(io.write.table))} (${list}) select ${list} from ${from}`;
}

/**
 * Changed rows: one UPDATE … FROM jsonb_to_recordset per batch, bumping the version, only where the
 * version is still the one read while validating — the caller checks every row was updated.
 */
export function updateSql(io: LedgerIo<any>, records: Record<string, unknown>[]) {
  const { cols, from } = recordset(io, records, { version: 'integer' });
  const set = cols.filter((c) => c !== 'id' && c !== io.write.key);
  return sql`update ${sql.raw(q(io.write.table))} as t set ${sql.raw(set.map((c) => `${q(c)} = r.${q(c)}`).join(', '))},
      "version" = t."version" + 1, "updated_at" = now()
    from ${from} where t."id" = r."id" and t."version" = r."version"`;
}
