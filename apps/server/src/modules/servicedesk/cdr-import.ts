import type { CallRecordImportResult, ImportMapping, ImportRowError } from '@unyo/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import type { RawRow } from '../../platform/files/csv.ts';
import { ImportFileError, renderMessage } from '../../platform/files/import-error.ts';
import { inJson } from '../../platform/files/ledger-io.ts';
import { cellText, isBlank } from '../../platform/files/normalize.ts';
import type { OpenedSource } from '../../platform/files/source.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { appendCallEvents, lockTickets, withDurations } from './call-records.service.ts';
import { isTypeRow, type ParsedCall, readCdrRows, suggestCdrMapping } from './cdr-parse.ts';
import { loadServicedeskSettings } from './metrics.settings.ts';
import { callImportMappings, callRecords, tickets } from './tickets.table.ts';

/** Errors returned in full up to this many; errorCount has the total. */
const MAX_ERRORS = 1000;
const BATCH = 500;

/** The header row (trimmed) and the data rows of a CDR file; the CUCM type row and blank rows are skipped. */
export async function readCdrFile(source: OpenedSource, maxRows: number) {
  let headers: string[] | null = null;
  const rows: RawRow[] = [];
  for await (const raw of source.rows()) {
    if (raw.cells.every(isBlank)) continue;
    if (!headers) {
      headers = raw.cells.map((c) =>
        cellText(c)
          .replace(/^\uFEFF/, '')
          .trim(),
      );
      continue;
    }
    if (rows.length === 0 && isTypeRow(raw.cells)) continue;
    rows.push(raw);
    if (rows.length > maxRows) throw new ImportFileError(413, 'import.too_many_rows', { max: maxRows });
  }
  if (!headers) throw new ImportFileError(422, 'import.no_header');
  return { headers, rows };
}

export async function findCallImportMapping(db: Db, by: { id?: string; name?: string }) {
  const where = by.id ? eq(callImportMappings.id, by.id) : eq(callImportMappings.name, by.name ?? 'default');
  const [row] = await db.select().from(callImportMappings).where(where).orderBy(desc(callImportMappings.createdAt)).limit(1);
  return row ?? null;
}

export async function listCallImportMappings(db: Db) {
  return db.select().from(callImportMappings).orderBy(callImportMappings.name);
}

/** Saves (replaces) a named mapping, audited: it changes how the next CDR file is read. */
export async function saveCallImportMapping(ctx: Ctx, name: string, mapping: ImportMapping) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const before = await findCallImportMapping(tx, { name });
    const [row] = before
      ? await tx.update(callImportMappings).set({ mapping }).where(eq(callImportMappings.id, before.id)).returning()
      : await tx.insert(callImportMappings).values({ name, mapping }).returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'call-import-mapping.saved',
      entityType: 'call-import-mapping',
      entityId: row.id,
      before: before ? { name, mapping: before.mapping } : null,
      after: { name, mapping },
    });
    return row;
  });
}

export type CdrImportOptions = {
  dryRun: boolean;
  fileName: string;
  mapping: ImportMapping | null;
  /** Site of the calls that are not linked to a ticket (the site whose call manager exported the file). */
  siteId: string | null;
};

/** Tickets of the file's ticket-number column, inside the actor's scope. */
async function ticketsByNumber(db: Db, ctx: Ctx, numbers: string[]) {
  if (numbers.length === 0) return new Map<string, { id: string; siteId: string }>();
  const rows = await db
    .select({ id: tickets.id, number: tickets.number, siteId: tickets.siteId })
    .from(tickets)
    .where(and(inJson(tickets.number, numbers), siteScope(ctx.actor, tickets.siteId)));
  return new Map(rows.map((r) => [r.number, r]));
}

/**
 * Imports a CDR file all-or-nothing: any row error writes nothing and returns every error by row and column.
 * Calls whose external id is already stored are skipped (`unchanged`), so re-importing a file never double-counts.
 * Linked calls append a `call` event to their ticket through the kernel.
 */
export async function importCdr(ctx: Ctx, source: OpenedSource, opts: CdrImportOptions): Promise<CallRecordImportResult> {
  const settings = await loadServicedeskSettings(ctx.db);
  const { headers, rows } = await readCdrFile(source, ctx.config.imports.maxRows);
  const mapping = suggestCdrMapping(headers, opts.mapping);
  const read = readCdrRows(headers, rows, mapping, {
    locale: ctx.locale,
    timeZone: ctx.config.metrics.reportingTimeZone,
    voiceSystemNumbers: settings.voiceSystemNumbers,
    deskNumbers: settings.deskNumbers,
    operatorExtensions: settings.operatorExtensions,
    operatorDevicePrefixes: settings.operatorDevicePrefixes,
  });
  const errors: ImportRowError[] = [...read.errors];
  const numbers = [...new Set(read.calls.map((c) => c.ticketNumber).filter((n): n is string => !!n))];
  const linked = await ticketsByNumber(ctx.db, ctx, numbers);
  for (const c of read.calls) {
    if (c.ticketNumber && !linked.has(c.ticketNumber)) {
      const column = Object.keys(mapping).find((h) => mapping[h] === 'ticketNumber') ?? 'ticketNumber';
      errors.push({ row: c.row, column, message: renderMessage('import.unknown_reference', ctx.locale, { value: c.ticketNumber }) });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const ids = read.calls.map((c) => c.externalId);
  const existing = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const part = await ctx.db
      .select({ externalId: callRecords.externalId })
      .from(callRecords)
      .where(inJson(callRecords.externalId, ids.slice(i, i + 5000)));
    for (const r of part) existing.add(r.externalId!);
  }
  const fresh = read.calls.filter((c) => !existing.has(c.externalId));
  const result: CallRecordImportResult = {
    dryRun: opts.dryRun,
    committed: false,
    format: source.format,
    encoding: source.encoding,
    rows: rows.length,
    created: fresh.length,
    updated: 0,
    unchanged: read.calls.length - fresh.length,
    errors: errors.slice(0, MAX_ERRORS),
    errorCount: errors.length,
    ignoredColumns: read.ignored,
    deskFilter: settings.deskNumbers.length > 0,
    notDeskCalls: read.notDeskCalls,
  };
  if (errors.length > 0 || opts.dryRun) return errors.length > 0 ? { ...result, created: 0, unchanged: 0 } : result;

  const created = await inTransaction(ctx.db, async ({ tx }) => {
    const importId = crypto.randomUUID();
    const values = fresh.map((c: ParsedCall) => {
      const t = c.ticketNumber ? linked.get(c.ticketNumber) : undefined;
      return withDurations({
        externalId: c.externalId,
        ticketId: t?.id ?? null,
        siteId: t?.siteId ?? opts.siteId,
        direction: c.direction,
        callerNumber: c.callerNumber,
        calledNumber: c.calledNumber,
        queuedAt: c.queuedAt,
        answeredAt: c.answeredAt,
        endedAt: c.endedAt,
        operatorLabel: c.operatorLabel,
        voiceCallback: c.voiceCallback,
        callbackAt: c.callbackAt,
        importId,
      });
    });
    // The linked tickets are locked before their call rows are inserted (see lockTickets).
    await lockTickets(
      tx,
      values.map((v) => v.ticketId).filter((id): id is string => !!id),
    );
    const inserted: (typeof callRecords.$inferSelect)[] = [];
    for (let i = 0; i < values.length; i += BATCH) {
      // A concurrent import of the same file may have stored some: those are skipped, not doubled.
      inserted.push(
        ...(await tx
          .insert(callRecords)
          .values(values.slice(i, i + BATCH))
          .onConflictDoNothing({ target: callRecords.externalId })
          .returning()),
      );
    }
    await appendCallEvents(tx, auditCtx(ctx), inserted);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'call-record.imported',
      entityType: 'call-record',
      entityId: importId,
      siteId: opts.siteId,
      after: {
        file: opts.fileName,
        rows: rows.length,
        created: inserted.length,
        skipped: read.calls.length - inserted.length,
        linked: inserted.filter((c) => c.ticketId).length,
        notDeskCalls: read.notDeskCalls,
      },
    });
    return inserted.length;
  });
  return { ...result, committed: true, created, unchanged: read.calls.length - created };
}
