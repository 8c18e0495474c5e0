import type { BackupJobListQuery, BackupLedgerQuery, BackupResultListQuery, RestoreRequestListQuery } from '@unyo/contracts';
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { sites } from '../org/org.table.ts';
import { monthRange } from './backups.schedule.ts';
import { backupJobs, backupRestoreRequests, backupResults, backupTriages } from './backups.table.ts';

type SiteRefRow = { id: string; code: string; nameJa: string; nameEn: string; timeZone: string };
type AssetRefRow = { id: string; assetNumber: string; name: string };
const siteRef = { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn, timeZone: sites.timeZone };
const assetRef = { id: hardwareAssets.id, assetNumber: hardwareAssets.assetNumber, name: hardwareAssets.name };

export type JobWithRefs = typeof backupJobs.$inferSelect & { asset: AssetRefRow; site: SiteRefRow };

// Jobs, results and restores are scoped by the site of the target server.
const jobBase = (db: Db) =>
  db
    .select({ ...getTableColumns(backupJobs), asset: assetRef, site: siteRef })
    .from(backupJobs)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, backupJobs.assetId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId));

export async function findJobById(db: Db, id: string, actor: Actor | null, lock?: 'update'): Promise<JobWithRefs | null> {
  const q = jobBase(db).where(and(eq(backupJobs.id, id), actor ? siteScope(actor, hardwareAssets.siteId) : undefined));
  const [row] = lock ? await q.for('update', { of: backupJobs }) : await q;
  return row ?? null;
}

export async function findJobByName(db: Db, assetNumber: string, name: string, actor: Actor | null): Promise<JobWithRefs | null> {
  const [row] = await jobBase(db).where(
    and(eq(hardwareAssets.assetNumber, assetNumber), eq(backupJobs.name, name), actor ? siteScope(actor, hardwareAssets.siteId) : undefined),
  );
  return row ?? null;
}

export async function findJobPage(db: Db, q: BackupJobListQuery, actor: Actor) {
  const f: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.q) f.push(contains(sql`concat_ws(' ', ${backupJobs.name}, ${backupJobs.software}, ${hardwareAssets.assetNumber}, ${hardwareAssets.name})`, q.q));
  if (q.siteId) f.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.assetId) f.push(eq(backupJobs.assetId, q.assetId));
  if (q.active) f.push(eq(backupJobs.active, q.active === 'true'));
  if (q.reviewDue) f.push(sql`(${backupJobs.reviewedOn} is null or ${backupJobs.reviewedOn} <= current_date - interval '1 year')`);
  const where = and(...f);
  const key = sql`${hardwareAssets.assetNumber} || '/' || ${backupJobs.name}`;
  const rows = await jobBase(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), key, backupJobs.id, 'asc')))
    .orderBy(asc(key), asc(backupJobs.id))
    .limit(q.limit + 1);
  const [{ n }] = await db.select({ n: count() }).from(backupJobs).innerJoin(hardwareAssets, eq(hardwareAssets.id, backupJobs.assetId)).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: `${r.asset.assetNumber}/${r.name}`, id: r.id })), total: Number(n) };
}

/** Active jobs with their site's zone, unscoped: the deadline sweep, the mail rules and the monthly rate. */
export async function findActiveJobs(db: Db, actor: Actor | null = null, siteId?: string): Promise<JobWithRefs[]> {
  return jobBase(db)
    .where(
      and(eq(backupJobs.active, true), actor ? siteScope(actor, hardwareAssets.siteId) : undefined, siteId ? eq(hardwareAssets.siteId, siteId) : undefined),
    )
    .orderBy(asc(hardwareAssets.assetNumber), asc(backupJobs.name));
}

/** Active jobs with a mail rule, unscoped (the inbound mail pipeline has no actor). */
export async function findMailRuleJobs(db: Db): Promise<JobWithRefs[]> {
  return jobBase(db)
    .where(and(eq(backupJobs.active, true), isNotNull(backupJobs.mailSubjectPattern)))
    .orderBy(asc(hardwareAssets.assetNumber), asc(backupJobs.name));
}

// ---------------------------------------------------------------- results

type TriageRow = typeof backupTriages.$inferSelect;
export type ResultWithRefs = typeof backupResults.$inferSelect & {
  job: { id: string; name: string; backupType: string; destination: string; retentionGenerations: number; restoreNotes: string | null };
  asset: AssetRefRow;
  site: SiteRefRow;
  triage: TriageRow | null;
};

const resultBase = (db: Db) =>
  db
    .select({
      ...getTableColumns(backupResults),
      job: {
        id: backupJobs.id,
        name: backupJobs.name,
        backupType: backupJobs.backupType,
        destination: backupJobs.destination,
        retentionGenerations: backupJobs.retentionGenerations,
        restoreNotes: backupJobs.restoreNotes,
      },
      asset: assetRef,
      site: siteRef,
      triage: sql<TriageRow | null>`(select json_build_object('id', t.id, 'status', t.status, 'isolationNotes', t.isolation_notes,
        'staffNotifiedAt', t.staff_notified_at, 'vendor', t.vendor, 'vendorTicketRef', t.vendor_ticket_ref, 'escalatedAt', t.escalated_at,
        'resolvedAt', t.resolved_at, 'version', t.version) from backup_triages t where t.result_id = ${sql.raw('"backup_results"."id"')})`,
    })
    .from(backupResults)
    .innerJoin(backupJobs, eq(backupJobs.id, backupResults.jobId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, backupJobs.assetId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId));

export async function findResultById(db: Db, id: string, actor: Actor | null): Promise<ResultWithRefs | null> {
  const [row] = await resultBase(db).where(and(eq(backupResults.id, id), actor ? siteScope(actor, hardwareAssets.siteId) : undefined));
  return (row as ResultWithRefs) ?? null;
}

/** Unscoped, for the import (its scope check is the kit's, on the row's site). */
export async function findResultsByIds(db: Db, ids: string[]): Promise<ResultWithRefs[]> {
  if (!ids.length) return [];
  return (await resultBase(db).where(inArray(backupResults.id, ids))) as ResultWithRefs[];
}

export async function findResultByRun(db: Db, jobId: string, runDate: string) {
  const [row] = await db
    .select()
    .from(backupResults)
    .where(and(eq(backupResults.jobId, jobId), eq(backupResults.runDate, runDate)))
    .for('update');
  return row ?? null;
}

function resultFilters(q: Omit<BackupResultListQuery, 'limit' | 'cursor'>, actor: Actor): (SQL | undefined)[] {
  const f: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.jobId) f.push(eq(backupResults.jobId, q.jobId));
  if (q.siteId) f.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.status?.length) f.push(inArray(backupResults.status, q.status));
  if (q.month) {
    const { from, to } = monthRange(q.month);
    f.push(gte(backupResults.runDate, from), lte(backupResults.runDate, to));
  }
  if (q.from) f.push(gte(backupResults.runDate, q.from));
  if (q.to) f.push(lte(backupResults.runDate, q.to));
  if (q.q) f.push(contains(sql`concat_ws(' ', ${backupJobs.name}, ${hardwareAssets.assetNumber}, ${hardwareAssets.name}, ${backupResults.generation})`, q.q));
  return f;
}

const countResults = async (db: Db, where: SQL | undefined) => {
  const [{ n }] = await db
    .select({ n: count() })
    .from(backupResults)
    .innerJoin(backupJobs, eq(backupJobs.id, backupResults.jobId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, backupJobs.assetId))
    .where(where);
  return Number(n);
};

/** Newest run first; the key sorts by run date, then target and job name. */
export async function findResultPage(db: Db, q: BackupResultListQuery, actor: Actor) {
  const where = and(...resultFilters(q, actor));
  const key = sql`${backupResults.runDate}::text`;
  const rows = (await resultBase(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), key, backupResults.id, 'desc')))
    .orderBy(desc(key), desc(backupResults.id))
    .limit(q.limit + 1)) as ResultWithRefs[];
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.runDate, id: r.id })), total: await countResults(db, where) };
}

/** The backup ledger (3.1.1.p): successful runs only. */
export const findLedgerPage = (db: Db, q: BackupLedgerQuery, actor: Actor) => findResultPage(db, { ...q, status: ['success'] }, actor);

/** Results of the given jobs in a date range, for the monthly rate. */
export async function findResultsBetween(db: Db, jobIds: string[], from: string, to: string) {
  if (!jobIds.length) return [];
  return db
    .select({ jobId: backupResults.jobId, runDate: backupResults.runDate, status: backupResults.status })
    .from(backupResults)
    .where(and(inArray(backupResults.jobId, jobIds), gte(backupResults.runDate, from), lte(backupResults.runDate, to)));
}

export async function findTriageByResult(db: Db, resultId: string) {
  const [row] = await db.select().from(backupTriages).where(eq(backupTriages.resultId, resultId)).for('update');
  return row ?? null;
}

// ---------------------------------------------------------------- restore requests

export type RestoreWithRefs = typeof backupRestoreRequests.$inferSelect & {
  job: { id: string; name: string };
  asset: AssetRefRow;
  site: SiteRefRow;
  result: { id: string; runDate: string; generation: string | null } | null;
};

const restoreBase = (db: Db) =>
  db
    .select({
      ...getTableColumns(backupRestoreRequests),
      job: { id: backupJobs.id, name: backupJobs.name },
      asset: assetRef,
      site: siteRef,
      result: sql<RestoreWithRefs['result']>`(select json_build_object('id', r.id, 'runDate', r.run_date, 'generation', r.generation)
        from backup_results r where r.id = ${sql.raw('"backup_restore_requests"."result_id"')})`,
    })
    .from(backupRestoreRequests)
    .innerJoin(backupJobs, eq(backupJobs.id, backupRestoreRequests.jobId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, backupJobs.assetId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId));

export async function findRestoreById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<RestoreWithRefs | null> {
  const q = restoreBase(db).where(and(eq(backupRestoreRequests.id, id), siteScope(actor, hardwareAssets.siteId)));
  const [row] = lock ? await q.for('update', { of: backupRestoreRequests }) : await q;
  return (row as RestoreWithRefs) ?? null;
}

export async function findRestorePage(db: Db, q: RestoreRequestListQuery, actor: Actor) {
  const f: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.jobId) f.push(eq(backupRestoreRequests.jobId, q.jobId));
  if (q.siteId) f.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.status) f.push(eq(backupRestoreRequests.status, q.status));
  const where = and(...f);
  const key = sql`${backupRestoreRequests.requestedAt}`;
  const rows = (await restoreBase(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), key, backupRestoreRequests.id, 'desc')))
    .orderBy(desc(key), desc(backupRestoreRequests.id))
    .limit(q.limit + 1)) as RestoreWithRefs[];
  const [{ n }] = await db
    .select({ n: count() })
    .from(backupRestoreRequests)
    .innerJoin(backupJobs, eq(backupJobs.id, backupRestoreRequests.jobId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, backupJobs.assetId))
    .where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: new Date(r.requestedAt).toISOString(), id: r.id })), total: Number(n) };
}
