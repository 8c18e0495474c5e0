import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { AppError, invalidField } from '../../platform/http/errors.ts';
import type { AgentIdentity } from './agent-tokens.service.ts';
import { hardwareAssets } from './assets.table.ts';
import { findAgentSite, findInventoryMatch, findMacsHeldElsewhere, type MatchedBy, replaceAssetSoftware } from './inventory.repo.ts';
import { guessCategory, type InventoryReport } from './ocs-protocol.ts';

/** Serializes inventories of one device (the agent may retry while a slow run is still being written). */
const INVENTORY_LOCK = 72_5390_40;

export type InventoryResult = { assetId: string; created: boolean; matchedBy: MatchedBy | null; software: { added: number; seen: number; removed: number } };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Records one agent inventory: finds the device's asset (or creates one), updates its network, OS and hardware
 * facts, replaces its installed-software list and writes one audit record, all in one transaction.
 */
export async function applyInventory(
  db: Db,
  agent: AgentIdentity,
  report: InventoryReport,
  options: { siteCode?: string; requestId: string | null },
): Promise<InventoryResult> {
  const audit = { actor: { userId: null, label: `agent:${agent.name}` }, requestId: options.requestId };
  return inTransaction(db, async ({ tx }) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INVENTORY_LOCK}, hashtext(${report.deviceId}))`);
    const now = new Date();
    const match = await findInventoryMatch(tx, report);
    let assetId: string;
    let siteId: string;
    let before: Record<string, unknown> | null = null;
    let after: Record<string, unknown>;

    if (!match) {
      const site = await findAgentSite(tx, options.siteCode);
      if (!site) throw options.siteCode ? invalidField('site', 'error.unknown_reference') : new AppError(422, 'problem.validation');
      assetId = randomUUID();
      siteId = site;
      const values = {
        id: assetId,
        assetNumber: `AGT-${assetId.replaceAll('-', '').slice(0, 10).toUpperCase()}`,
        ledger: 'domestic',
        name: report.hostName ?? report.deviceId,
        category: guessCategory(report),
        manufacturer: report.manufacturer,
        model: report.model,
        serialNumber: report.serialNumber,
        siteId,
        ipAddresses: report.ipAddresses,
        macAddresses: report.macAddresses,
        osName: report.osName,
        osVersion: report.osVersion,
        agentDeviceId: report.deviceId,
        biosUuid: report.biosUuid,
      };
      await tx.insert(hardwareAssets).values({ ...values, status: 'in_use', inventoryFacts: report.facts, lastInventoryAt: now });
      const { id: _id, ...created } = values;
      after = created;
    } else {
      assetId = match.id;
      const [row] = await tx.select().from(hardwareAssets).where(eq(hardwareAssets.id, assetId)).for('update');
      siteId = row.siteId;
      // A MAC already active on another asset stays there (one asset per MAC); the findings page shows the rest.
      const heldElsewhere = await findMacsHeldElsewhere(tx, assetId, report.macAddresses);
      const macs = report.macAddresses.filter((m) => !heldElsewhere.has(m));
      const changes: Partial<typeof hardwareAssets.$inferInsert> = {};
      if (row.agentDeviceId !== report.deviceId) changes.agentDeviceId = report.deviceId;
      if (report.biosUuid && row.biosUuid !== report.biosUuid) changes.biosUuid = report.biosUuid;
      // Ledger fields people curate are only filled in, never overwritten.
      if (report.serialNumber && !row.serialNumber) changes.serialNumber = report.serialNumber;
      if (report.manufacturer && !row.manufacturer) changes.manufacturer = report.manufacturer;
      if (report.model && !row.model) changes.model = report.model;
      if (report.osName && row.osName !== report.osName) changes.osName = report.osName;
      if (report.osVersion && row.osVersion !== report.osVersion) changes.osVersion = report.osVersion;
      if (report.ipAddresses.length && !sameSet(row.ipAddresses, report.ipAddresses)) changes.ipAddresses = report.ipAddresses;
      if (macs.length && !sameSet(row.macAddresses, macs)) changes.macAddresses = macs;
      const changed = Object.keys(changes) as (keyof typeof changes)[];
      before = Object.fromEntries(changed.map((k) => [k, row[k as keyof typeof row]]));
      after = { ...changes };
      if (heldElsewhere.size) after.macsHeldElsewhere = Object.fromEntries(heldElsewhere);
      await tx
        .update(hardwareAssets)
        .set({
          ...changes,
          inventoryFacts: report.facts,
          lastInventoryAt: now,
          // The version guards people's edits (ETag): bump it only when a ledger field changed.
          ...(changed.length ? { version: sql`${hardwareAssets.version} + 1`, updatedAt: now } : {}),
        })
        .where(eq(hardwareAssets.id, assetId));
    }

    const software = await replaceAssetSoftware(tx, assetId, report.software, now);
    // A routine re-run that changed nothing is not a change to the record: only last-seen times moved.
    const changedSomething = !match || Object.keys(after).length > 0 || software.added > 0 || software.removed > 0;
    if (changedSomething)
      await writeAudit(tx, audit, {
        action: match ? 'asset.inventoried' : 'asset.created',
        entityType: 'asset',
        entityId: assetId,
        siteId,
        before,
        after: { ...after, matchedBy: match?.by ?? null, deviceId: report.deviceId, software },
      });
    return { assetId, created: !match, matchedBy: match?.by ?? null, software };
  });
}
