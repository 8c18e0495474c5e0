import type { DamageReportListQuery } from '@unyo/contracts';
import { and, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { people, sites } from '../org/org.table.ts';
import { assetDamageReports, hardwareAssets } from './assets.table.ts';

const selection = {
  ...getTableColumns(assetDamageReports),
  asset: {
    id: hardwareAssets.id,
    assetNumber: hardwareAssets.assetNumber,
    name: hardwareAssets.name,
    status: hardwareAssets.status,
    category: hardwareAssets.category,
    siteId: hardwareAssets.siteId,
  },
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  person: { id: people.id, employeeNumber: people.employeeNumber, nameKanji: people.nameKanji, nameRomaji: people.nameRomaji, status: people.status },
};

export type DamageReportRow = typeof assetDamageReports.$inferSelect;
export type DamageReportWithRefs = DamageReportRow & {
  asset: { id: string; assetNumber: string; name: string; status: string; category: string; siteId: string };
  site: { id: string; code: string; nameJa: string; nameEn: string };
  person: { id: string; employeeNumber: string; nameKanji: string; nameRomaji: string | null; status: string } | null;
};

function base(db: Db) {
  return db
    .select(selection)
    .from(assetDamageReports)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, assetDamageReports.assetId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId))
    .leftJoin(people, eq(people.id, assetDamageReports.personId));
}

export async function findDamageReportById(db: Db, id: string, actor: Actor): Promise<DamageReportWithRefs | null> {
  const [row] = await base(db).where(and(eq(assetDamageReports.id, id), siteScope(actor, hardwareAssets.siteId)));
  return (row as DamageReportWithRefs) ?? null;
}

const occurredMs = sql`to_char(${assetDamageReports.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

/** Newest first by when it happened; scoped by the asset's site. */
export async function findDamageReportPage(db: Db, q: DamageReportListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.kind) filters.push(eq(assetDamageReports.kind, q.kind));
  if (q.siteId) filters.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.assetId) filters.push(eq(assetDamageReports.assetId, q.assetId));
  if (q.supervisorFlag) filters.push(eq(assetDamageReports.supervisorFlag, q.supervisorFlag === 'true'));
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const rows = (await base(db)
    .where(and(where, afterCursor(cursor, occurredMs, assetDamageReports.id, 'desc')))
    .orderBy(desc(occurredMs), desc(assetDamageReports.id))
    .limit(q.limit + 1)) as DamageReportWithRefs[];
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assetDamageReports)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, assetDamageReports.assetId))
    .where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: new Date(r.occurredAt).toISOString().slice(0, 23), id: r.id })), total: Number(n) };
}

/** Who gets the notice, and in which language: the person's address, names and the kind of their site. */
export async function findNoticeRecipient(db: Db, personId: string) {
  const [row] = await db
    .select({
      id: people.id,
      email: people.email,
      nameKanji: people.nameKanji,
      nameRomaji: people.nameRomaji,
      siteKind: sites.kind,
      timeZone: sites.timeZone,
    })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .where(eq(people.id, personId));
  return row ?? null;
}
