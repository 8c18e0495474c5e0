import type { MonitoringExportCreateInput, MonitoringExportDto } from '@unyo/contracts';
import { and, desc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { type Actor, canSeeSite } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { users } from '../access/access.table.ts';
import { sites } from '../org/org.table.ts';
import { monitoringExports } from './monitoring.table.ts';

/**
 * The monthly export checklist (6.i): which medium the month's monitoring data went to, for which period and kinds.
 * A record of one site is seen by that site's readers; an organization-wide record (no site) by every reader.
 */

export type ExportRow = typeof monitoringExports.$inferSelect & {
  site: { id: string; code: string; nameJa: string; nameEn: string } | null;
  operator: { id: string; name: string } | null;
};

const selection = {
  ...getTableColumns(monitoringExports),
  site: sql<ExportRow['site']>`case when ${sites.id} is null then null
    else json_build_object('id', ${sites.id}, 'code', ${sites.code}, 'nameJa', ${sites.nameJa}, 'nameEn', ${sites.nameEn}) end`,
  operator: sql<ExportRow['operator']>`case when ${users.id} is null then null else json_build_object('id', ${users.id}, 'name', ${users.displayName}) end`,
};

const scopeOf = (actor: Actor): SQL | undefined => {
  const own = siteScope(actor, monitoringExports.siteId);
  return own ? or(sql`${monitoringExports.siteId} is null`, own) : undefined;
};

const base = (db: Db) =>
  db
    .select(selection)
    .from(monitoringExports)
    .leftJoin(sites, eq(sites.id, monitoringExports.siteId))
    .leftJoin(users, eq(users.id, monitoringExports.operatorId));

export async function findExports(db: Db, actor: Actor, month?: string): Promise<ExportRow[]> {
  return (await base(db)
    .where(and(scopeOf(actor), month ? eq(monitoringExports.month, month) : undefined))
    .orderBy(desc(monitoringExports.month), desc(monitoringExports.exportedAt), desc(monitoringExports.id))) as ExportRow[];
}

export async function findExportById(db: Db, id: string, actor: Actor): Promise<ExportRow | null> {
  const [row] = await base(db).where(and(eq(monitoringExports.id, id), scopeOf(actor)));
  return (row as ExportRow) ?? null;
}

export function presentExport(row: ExportRow): MonitoringExportDto {
  return {
    id: row.id,
    month: row.month,
    site: row.site,
    exportedAt: row.exportedAt.toISOString(),
    mediumId: row.mediumId,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    dataKinds: row.dataKinds as MonitoringExportDto['dataKinds'],
    operator: row.operator,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

const audited = ({ site, operator, ...row }: ExportRow) => ({ ...row, site: site?.code ?? null, operator: operator?.name ?? null });

export async function createExport(ctx: Ctx, input: MonitoringExportCreateInput): Promise<string> {
  if (input.siteId && !canSeeSite(ctx.actor, input.siteId)) throw invalidField('siteId', 'error.unknown_reference');
  return inTransaction(ctx.db, async ({ tx }) => {
    if (input.siteId && !(await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId))).length)
      throw invalidField('siteId', 'error.unknown_reference');
    const [{ id }] = await tx
      .insert(monitoringExports)
      .values({
        month: input.month,
        siteId: input.siteId ?? null,
        exportedAt: input.exportedAt ? new Date(input.exportedAt) : new Date(),
        mediumId: input.mediumId,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        dataKinds: [...new Set(input.dataKinds)],
        operatorId: ctx.actor.userId,
        note: input.note ?? null,
      })
      .returning({ id: monitoringExports.id });
    const row = (await findExportById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'monitoring-export.created',
      entityType: 'monitoring-export',
      entityId: id,
      siteId: row.siteId,
      after: audited(row),
    });
    return id;
  });
}

export async function deleteExport(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findExportById(tx, id, ctx.actor);
    if (!current) throw notFound();
    await tx.delete(monitoringExports).where(eq(monitoringExports.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'monitoring-export.deleted',
      entityType: 'monitoring-export',
      entityId: id,
      siteId: current.siteId,
      before: audited(current),
    });
  });
}
