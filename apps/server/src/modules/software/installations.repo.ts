import type { SoftwareInstallationListQuery } from '@unyo/contracts';
import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { sites } from '../org/org.table.ts';
import { softwareInstallations, softwareLicenses } from './software.table.ts';

export type InstallationRow = typeof softwareInstallations.$inferSelect;
export type InstallationWithRefs = InstallationRow & {
  license: { id: string; assetNumber: string; softwareName: string };
  device: { id: string; assetNumber: string; name: string };
  site: { id: string; code: string; nameJa: string; nameEn: string };
  department: { id: string; code: string; nameJa: string; nameEn: string } | null;
};

const selection = {
  ...getTableColumns(softwareInstallations),
  license: { id: softwareLicenses.id, assetNumber: softwareLicenses.assetNumber, softwareName: softwareLicenses.softwareName },
  device: { id: hardwareAssets.id, assetNumber: hardwareAssets.assetNumber, name: hardwareAssets.name },
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  department: sql<InstallationWithRefs['department']>`(select json_build_object('id', d.id, 'code', d.code, 'nameJa', d.name_ja, 'nameEn', d.name_en)
    from departments d where d.id = ${sql.raw('"software_installations"."department_id"')})`,
};

/** Usage-ledger rows are scoped by the site of the device they are on. */
function base(db: Db) {
  return db
    .select(selection)
    .from(softwareInstallations)
    .innerJoin(softwareLicenses, eq(softwareLicenses.id, softwareInstallations.licenseId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, softwareInstallations.deviceId))
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId));
}

export async function findInstallationById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<InstallationWithRefs | null> {
  const q = base(db).where(and(eq(softwareInstallations.id, id), siteScope(actor, hardwareAssets.siteId)));
  const [row] = lock ? await q.for('update', { of: softwareInstallations }) : await q;
  return (row as InstallationWithRefs) ?? null;
}

export function installationFilters(q: Partial<SoftwareInstallationListQuery>, actor: Actor): SQL | undefined {
  const f: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.q)
    f.push(
      contains(
        sql`concat_ws(' ', ${softwareLicenses.assetNumber}, ${softwareLicenses.softwareName}, ${hardwareAssets.assetNumber}, ${hardwareAssets.name}, ${softwareInstallations.applicant}, ${softwareInstallations.operator}, ${softwareInstallations.note})`,
        q.q,
      ),
    );
  if (q.licenseId) f.push(eq(softwareInstallations.licenseId, q.licenseId));
  if (q.deviceId) f.push(eq(softwareInstallations.deviceId, q.deviceId));
  if (q.siteId) f.push(eq(hardwareAssets.siteId, q.siteId));
  if (q.status) f.push(eq(softwareInstallations.status, q.status));
  return and(...f);
}

const createdMs = sql`to_char(${softwareInstallations.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

/** Newest entries first. */
export async function findInstallationPage(db: Db, q: SoftwareInstallationListQuery, actor: Actor) {
  const where = installationFilters(q, actor);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), createdMs, softwareInstallations.id, 'desc')))
    .orderBy(desc(createdMs), desc(softwareInstallations.id))
    .limit(q.limit + 1)) as InstallationWithRefs[];
  const [{ n }] = await db
    .select({ n: count() })
    .from(softwareInstallations)
    .innerJoin(softwareLicenses, eq(softwareLicenses.id, softwareInstallations.licenseId))
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, softwareInstallations.deviceId))
    .where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: new Date(r.createdAt).toISOString().slice(0, 23), id: r.id }));
  return { ...page, total: Number(n) };
}
