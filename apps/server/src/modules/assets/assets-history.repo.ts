import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { people, sites } from '../org/org.table.ts';
import { assetMovements, assetPorts, assetRepairs, assetWorkLogs, hardwareAssets } from './assets.table.ts';

const fromSites = alias(sites, 'from_sites');
const toSites = alias(sites, 'to_sites');
const fromPeople = alias(people, 'from_people');
const toPeople = alias(people, 'to_people');
/** History rows of one asset; callers check the asset is visible first. */
export async function findMovements(db: Db, assetId: string) {
  return db
    .select({
      movement: assetMovements,
      fromSite: { id: fromSites.id, code: fromSites.code, nameJa: fromSites.nameJa, nameEn: fromSites.nameEn },
      toSite: { id: toSites.id, code: toSites.code, nameJa: toSites.nameJa, nameEn: toSites.nameEn },
      fromUser: {
        id: fromPeople.id,
        employeeNumber: fromPeople.employeeNumber,
        nameKanji: fromPeople.nameKanji,
        nameRomaji: fromPeople.nameRomaji,
        status: fromPeople.status,
      },
      toUser: {
        id: toPeople.id,
        employeeNumber: toPeople.employeeNumber,
        nameKanji: toPeople.nameKanji,
        nameRomaji: toPeople.nameRomaji,
        status: toPeople.status,
      },
    })
    .from(assetMovements)
    .leftJoin(fromSites, eq(fromSites.id, assetMovements.fromSiteId))
    .leftJoin(toSites, eq(toSites.id, assetMovements.toSiteId))
    .leftJoin(fromPeople, eq(fromPeople.id, assetMovements.fromUserId))
    .leftJoin(toPeople, eq(toPeople.id, assetMovements.toUserId))
    .where(eq(assetMovements.assetId, assetId))
    .orderBy(desc(assetMovements.movedOn), desc(assetMovements.createdAt));
}
export type MovementWithRefs = Awaited<ReturnType<typeof findMovements>>[number];

export async function findRepairs(db: Db, assetId: string) {
  return db.select().from(assetRepairs).where(eq(assetRepairs.assetId, assetId)).orderBy(desc(assetRepairs.reportedOn), desc(assetRepairs.createdAt));
}

export async function findWorkLogs(db: Db, assetId: string) {
  return db.select().from(assetWorkLogs).where(eq(assetWorkLogs.assetId, assetId)).orderBy(desc(assetWorkLogs.performedAt));
}

const connected = alias(hardwareAssets, 'connected_assets');
/** Ports of a device; the connected asset shows only when the actor can see it. */
export async function findPorts(db: Db, assetId: string, actor: Actor) {
  return db
    .select({ port: assetPorts, connected: { id: connected.id, assetNumber: connected.assetNumber, name: connected.name } })
    .from(assetPorts)
    .leftJoin(connected, and(eq(connected.id, assetPorts.connectedAssetId), siteScope(actor, connected.siteId)))
    .where(eq(assetPorts.assetId, assetId))
    .orderBy(assetPorts.port);
}
export type PortWithRefs = Awaited<ReturnType<typeof findPorts>>[number];

/** A work-log entry written by another module's use case (e.g. usage-ledger work, source 'software'), in its transaction. */
export async function insertWorkLog(
  tx: Db,
  entry: {
    assetId: string;
    performedAt: Date;
    content: string;
    worker: string;
    requestRef: string | null;
    source: string;
    createdById: string | null;
    createdByLabel: string;
  },
) {
  const [row] = await tx.insert(assetWorkLogs).values(entry).returning();
  return row;
}
