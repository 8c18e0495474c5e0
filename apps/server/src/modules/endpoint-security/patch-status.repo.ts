import type { PatchInstallState, PatchPlanApplication, PatchStatusDto } from '@unyo/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { contains } from '../../platform/http/search.ts';
import { siteScopeSql } from './scope-sql.ts';

export type PatchStatusFilter = {
  siteId?: string;
  kb?: string;
  state?: PatchInstallState;
  q?: string;
  limit: number;
  offset?: number;
  /** Every state; by default only what is not installed (not installed, failed, downloaded). */
  all?: boolean;
};

type Row = {
  id: string;
  computer_name: string;
  kb: string;
  title: string | null;
  classification: string | null;
  approval: string | null;
  state: PatchInstallState;
  last_status_on: string | Date | null;
  imported_at: string | Date;
  asset_id: string | null;
  asset_number: string | null;
  asset_name: string | null;
  site_id: string | null;
  total: string;
};

/** The newest imported row of every device × update, with the matched asset's site. */
const latestSql = sql`select p.*, i.imported_at
  from patch_status_current c join patch_statuses p on p.id = c.status_id join patch_status_imports i on i.id = p.import_id`;

const UNAPPLIED = sql`('notinstalled','failed','downloaded')`;
const dateText = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The unapplied list (3.3.1.k): devices × updates not installed, scoped by the matched asset's site. */
export async function findPatchStatus(db: Db, f: PatchStatusFilter, actor: Actor) {
  const where: SQL[] = [siteScopeSql(actor, sql`h.site_id`)];
  if (f.state) where.push(sql`l.state = ${f.state}`);
  else if (!f.all) where.push(sql`l.state in ${UNAPPLIED}`);
  if (f.siteId) where.push(sql`h.site_id = ${f.siteId}::uuid`);
  if (f.kb)
    where.push(
      sql`l.kb = ${f.kb
        .normalize('NFKC')
        .trim()
        .toUpperCase()
        .replace(/^(\d{6,8})$/, 'KB$1')}`,
    );
  if (f.q) where.push(contains(sql`concat_ws(' ', l.computer_name, l.kb, l.title, h.asset_number)`, f.q));
  const rows = await queryRows<Row>(
    db,
    sql`select l.id, l.computer_name, l.kb, l.title, l.classification, l.approval, l.state, l.last_status_on, l.imported_at, l.asset_id,
          h.asset_number, h.name as asset_name, h.site_id, count(*) over () as total
        from (${latestSql}) l left join hardware_assets h on h.id = l.asset_id
        where ${sql.join(where, sql` and `)}
        order by l.kb, l.computer_name, l.id
        limit ${f.limit} offset ${f.offset ?? 0}`,
  );
  const items: PatchStatusDto[] = rows.map((r) => ({
    id: r.id,
    computerName: r.computer_name,
    kb: r.kb,
    title: r.title,
    classification: r.classification,
    approval: r.approval,
    state: r.state,
    lastStatusOn: dateText(r.last_status_on),
    importedAt: new Date(r.imported_at).toISOString(),
    asset: r.asset_id ? { id: r.asset_id, assetNumber: r.asset_number!, name: r.asset_name! } : null,
    siteId: r.site_id,
  }));
  return { items, total: Number(rows[0]?.total ?? 0) };
}

/**
 * Application rate of a plan (3.3.1.k): per target update, installed ÷ applicable devices, where applicable is
 * every reported state but "not applicable". Devices of the plan's sites only when it names sites (unmatched
 * devices then do not count); every device otherwise.
 */
export async function patchPlanApplication(db: Db, plan: { id: string; targetPatches: string[]; targetSiteIds: string[] }): Promise<PatchPlanApplication> {
  const kbs = plan.targetPatches.map((k) => k.toUpperCase());
  const siteFilter = plan.targetSiteIds.length
    ? sql`h.site_id in (select jsonb_array_elements_text(${JSON.stringify(plan.targetSiteIds)}::jsonb)::uuid)`
    : sql`true`;
  const rows = kbs.length
    ? await queryRows<{ kb: string; applicable: string; installed: string }>(
        db,
        sql`select l.kb, count(*) filter (where l.state <> 'notapplicable') as applicable, count(*) filter (where l.state = 'installed') as installed
            from (${latestSql}) l left join hardware_assets h on h.id = l.asset_id
            where l.kb in (select jsonb_array_elements_text(${JSON.stringify(kbs)}::jsonb)) and ${siteFilter}
            group by l.kb`,
      )
    : [];
  const byKb = new Map(rows.map((r) => [r.kb, { applicable: Number(r.applicable), installed: Number(r.installed) }]));
  const rate = (i: number, a: number) => (a ? Math.round((i / a) * 1000) / 10 : null);
  const items = kbs.map((kb) => {
    const c = byKb.get(kb) ?? { applicable: 0, installed: 0 };
    return { kb, ...c, rate: rate(c.installed, c.applicable) };
  });
  const applicable = items.reduce((n, i) => n + i.applicable, 0);
  const installed = items.reduce((n, i) => n + i.installed, 0);
  return { planId: plan.id, items, applicable, installed, rate: rate(installed, applicable) };
}
