import type { SoftwareCompliance, SoftwareComplianceDetail, SoftwareComplianceItem } from '@unyo/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { computeProductCompliance, effectiveCounts, type LicenseInput, type ProductCompliance } from './compliance.engine.ts';
import { type BucketRow, readBoundUses, readComplianceBuckets, readComplianceDevices, readVersionLabels } from './compliance.repo.ts';
import { findAllLicensesForCompliance } from './licenses.repo.ts';
import { findAllProducts } from './products.repo.ts';
import { softwareSettings } from './software.table.ts';
import { syncSoftwareMapping } from './software-sync.ts';

export async function readNearPercent(db: Db): Promise<{ nearPercent: number; version: number }> {
  const [row] = await db.select().from(softwareSettings).where(eq(softwareSettings.id, 1));
  return { nearPercent: row?.nearPercent ?? 90, version: row?.version ?? 1 };
}

type Computed = {
  product: { id: string; publisher: string | null; name: string };
  result: ProductCompliance;
  counts: { recorded: number; detected: number; distributed: number; detOnly: number; recOnly: number };
  licenses: Awaited<ReturnType<typeof findAllLicensesForCompliance>>;
};

/**
 * Compliance of every product (or one): licences and their upgrade chains, HQ distributions, OEM bindings and the
 * devices using each product (agent-detected through the normalization rules, or recorded in the usage ledger).
 */
export async function computeCompliance(
  db: Db,
  productId: string | null = null,
): Promise<{ nearPercent: number; items: Computed[]; labels: Map<string, string> }> {
  await syncSoftwareMapping(db);
  const [{ nearPercent }, licenses, products, buckets, distributions, labels] = await Promise.all([
    readNearPercent(db),
    findAllLicensesForCompliance(db),
    findAllProducts(db),
    readComplianceBuckets(db, productId),
    queryRows<{ license_id: string; n: number }>(
      db,
      sql`select license_id, sum(license_count)::int as n from software_distributions where origin = 'hq' and license_id is not null group by license_id`,
    ),
    readVersionLabels(db),
  ]);
  const effective = effectiveCounts(licenses.map(toInput));
  const boundIds = [...new Set(licenses.flatMap((l) => (l.boundDeviceId ? [l.boundDeviceId] : [])))];
  const boundUses = await readBoundUses(db, boundIds);
  const bucketsOf = new Map<string, BucketRow[]>();
  for (const b of buckets) bucketsOf.set(b.product_id, [...(bucketsOf.get(b.product_id) ?? []), b]);
  const distributedOf = new Map(distributions.map((d) => [d.license_id, d.n]));

  const items: Computed[] = [];
  for (const product of products) {
    if (productId && product.id !== productId) continue;
    const own = licenses.filter((l) => l.productIds.includes(product.id));
    const rows = bucketsOf.get(product.id) ?? [];
    const dists = own.flatMap((l) => (distributedOf.get(l.id) ? [{ licenseId: l.id, count: distributedOf.get(l.id)! }] : []));
    const result = computeProductCompliance({
      licenses: own.map(toInput),
      effective,
      buckets: rows.map((b) => ({ version: b.pk, devices: b.devices })),
      boundUses: boundUses.filter((u) => u.product_id === product.id).map((u) => ({ deviceId: u.device_id, version: u.pk })),
      distributions: dists,
      nearPercent,
    });
    const sum = (k: keyof BucketRow) => rows.reduce((s, b) => s + Number(b[k]), 0);
    items.push({
      product,
      result,
      licenses: own,
      counts: {
        recorded: sum('recorded'),
        detected: sum('detected'),
        distributed: dists.reduce((s, d) => s + d.count, 0),
        detOnly: sum('det_only'),
        recOnly: sum('rec_only'),
      },
    });
  }
  return { nearPercent, items, labels };
}

// Versions travel as sortable keys (unyo_version_key); the engine compares keys, so licences use keys too.
const toInput = (l: Awaited<ReturnType<typeof findAllLicensesForCompliance>>[number]): LicenseInput => ({
  id: l.id,
  assetNumber: l.assetNumber,
  licenseForm: l.licenseForm,
  licensedVersion: l.licensedVersion,
  downgradeAllowed: l.downgradeAllowed,
  ownedCount: l.ownedCount,
  upgradeFromId: l.upgradeFromId,
  boundDeviceId: l.boundDeviceId,
});

function itemOf(c: Computed): SoftwareComplianceItem {
  return {
    product: c.product,
    entitled: c.result.entitled,
    consumed: c.result.consumed,
    shortfall: c.result.shortfall,
    recorded: c.counts.recorded,
    detected: c.counts.detected,
    distributed: c.counts.distributed,
    detectedUnrecorded: c.counts.detOnly,
    recordedUndetected: c.counts.recOnly,
    utilization: c.result.utilization,
    status: c.result.status,
  };
}

export async function complianceReport(db: Db, status?: string): Promise<SoftwareCompliance> {
  const { nearPercent, items } = await computeCompliance(db);
  const all = items.filter((c) => c.licenses.length > 0 || c.result.consumed > 0).map(itemOf);
  const summary = { ok: 0, near: 0, over: 0 };
  for (const i of all) summary[i.status]++;
  const order = { over: 0, near: 1, ok: 2 } as const;
  const shown = all
    .filter((i) => !status || i.status === status)
    .sort((a, b) => order[a.status] - order[b.status] || a.product.name.localeCompare(b.product.name));
  return { items: shown, nearPercent, computedAt: new Date().toISOString(), summary };
}

export async function complianceDetail(db: Db, productId: string): Promise<SoftwareComplianceDetail | null> {
  const { items, labels } = await computeCompliance(db, productId);
  const c = items[0];
  if (!c) return null;
  const label = (pk: string | null) => (pk === null ? null : (labels.get(pk) ?? pk.replace(/(^|\.)0+(?=\d)/g, '$1')));
  const devices = await readComplianceDevices(db, productId);
  const uncovered = new Map(c.result.uncoveredByVersion);
  const bound = new Set(c.licenses.flatMap((l) => (l.boundDeviceId ? [l.boundDeviceId] : [])));
  // The last devices of an under-licensed version (in asset-number order) are the ones shown as uncovered.
  const lines = [...devices].reverse().map((d) => {
    const left = uncovered.get(d.pk) ?? 0;
    const covered = left === 0 || bound.has(d.device_id);
    if (!covered) uncovered.set(d.pk, left - 1);
    return {
      device: { id: d.device_id, assetNumber: d.asset_number, name: d.name },
      version: label(d.pk),
      recorded: d.recorded,
      detected: d.detected,
      covered,
    };
  });
  const used = new Map(c.result.licenses.map((l) => [l.id, l]));
  return {
    ...itemOf(c),
    licenses: c.licenses.map((l) => ({
      license: { id: l.id, assetNumber: l.assetNumber, softwareName: l.softwareName },
      licenseType: l.licenseType,
      licenseForm: l.licenseForm,
      licensedVersion: l.licensedVersion,
      downgradeAllowed: l.downgradeAllowed,
      ownedCount: l.ownedCount,
      effectiveCount: used.get(l.id)?.effectiveCount ?? 0,
      used: used.get(l.id)?.used ?? 0,
      boundDevice: l.boundDevice,
    })),
    devices: lines.reverse(),
  };
}
