import type { ComplianceStatus } from '@unyo/contracts';
import { compareVersions, versionKey } from './versions.ts';

/**
 * Licence compliance of one product (2.2.m), pure so that a hand-computed fixture can check it to the unit.
 *
 * 1. Upgrade chains: an upgrade licence is granted at most as many units as its base licence has left, and every
 *    unit granted is taken from the base (A 10 → B 4 → C 1 leaves A 6, B 3, C 1).
 * 2. HQ distributions overseas consume the licence they name.
 * 3. OEM licences bound to a device cover that device only.
 * 4. The remaining installations, highest version first, use a licence of exactly their version, then one with
 *    downgrade rights for a higher version (the lowest such first), then a licence for any version.
 * Whatever stays uncovered is the shortfall.
 */

export type LicenseInput = {
  id: string;
  assetNumber: string;
  licenseForm: string;
  licensedVersion: string | null;
  downgradeAllowed: boolean;
  ownedCount: number;
  upgradeFromId: string | null;
  boundDeviceId: string | null;
};
/** Devices using the product, by the version they use (null = unknown). */
export type VersionBucket = { version: string | null; devices: number };
export type BoundDeviceUse = { deviceId: string; version: string | null };
export type DistributionUse = { licenseId: string; count: number };

export type LicenseResult = { id: string; effectiveCount: number; used: number };
export type ProductCompliance = {
  entitled: number;
  consumed: number;
  shortfall: number;
  utilization: number | null;
  status: ComplianceStatus;
  licenses: LicenseResult[];
  /** Uncovered devices per version, to mark device lines. */
  uncoveredByVersion: Map<string | null, number>;
};

/** Units each licence keeps after its upgrades took theirs, for every licence of the ledger (chains can span products). */
export function effectiveCounts(all: LicenseInput[]): Map<string, number> {
  const byId = new Map(all.map((l) => [l.id, l]));
  const children = new Map<string, LicenseInput[]>();
  for (const l of all) {
    if (l.upgradeFromId && byId.has(l.upgradeFromId)) {
      const list = children.get(l.upgradeFromId) ?? [];
      list.push(l);
      children.set(l.upgradeFromId, list);
    }
  }
  const granted = new Map<string, number>();
  const effective = new Map<string, number>();
  const visit = (l: LicenseInput, grant: number, seen: Set<string>) => {
    if (seen.has(l.id)) return; // a cycle in bad data: stop rather than loop
    seen.add(l.id);
    granted.set(l.id, grant);
    let left = grant;
    const kids = (children.get(l.id) ?? []).sort((a, b) => a.assetNumber.localeCompare(b.assetNumber));
    for (const k of kids) {
      const g = Math.min(k.ownedCount, left);
      left -= g;
      visit(k, g, seen);
    }
    effective.set(l.id, left);
  };
  for (const l of all) if (!l.upgradeFromId || !byId.has(l.upgradeFromId)) visit(l, l.ownedCount, new Set());
  for (const l of all) if (!effective.has(l.id)) effective.set(l.id, 0);
  return effective;
}

const covers = (l: LicenseInput, version: string | null) =>
  l.licensedVersion === null || version === null
    ? true
    : versionKey(l.licensedVersion) === versionKey(version) || (l.downgradeAllowed && compareVersions(l.licensedVersion, version) > 0);

export function computeProductCompliance(input: {
  licenses: LicenseInput[];
  effective: Map<string, number>;
  buckets: VersionBucket[];
  boundUses: BoundDeviceUse[];
  distributions: DistributionUse[];
  nearPercent: number;
}): ProductCompliance {
  const left = new Map(input.licenses.map((l) => [l.id, input.effective.get(l.id) ?? 0]));
  const used = new Map(input.licenses.map((l) => [l.id, 0]));
  const take = (id: string, n: number) => {
    left.set(id, (left.get(id) ?? 0) - n);
    used.set(id, (used.get(id) ?? 0) + n);
  };
  let shortfall = 0;
  let distributed = 0;
  for (const d of input.distributions) {
    if (!left.has(d.licenseId)) continue;
    distributed += d.count;
    const n = Math.min(d.count, Math.max(0, left.get(d.licenseId) ?? 0));
    take(d.licenseId, n);
    shortfall += d.count - n;
  }

  const buckets = new Map<string | null, number>();
  for (const b of input.buckets) buckets.set(b.version, (buckets.get(b.version) ?? 0) + b.devices);
  const devices = [...buckets.values()].reduce((s, n) => s + n, 0);

  const bound = input.licenses.filter((l) => l.boundDeviceId);
  for (const l of bound) {
    const use = input.boundUses.find((u) => u.deviceId === l.boundDeviceId);
    if (!use || (left.get(l.id) ?? 0) < 1 || !covers(l, use.version) || (buckets.get(use.version) ?? 0) < 1) continue;
    take(l.id, 1);
    buckets.set(use.version, (buckets.get(use.version) ?? 0) - 1);
  }

  const pool = input.licenses.filter((l) => !l.boundDeviceId);
  const uncoveredByVersion = new Map<string | null, number>();
  const versions = [...buckets.keys()].sort((a, b) => -compareVersions(a, b));
  for (const v of versions) {
    let need = buckets.get(v) ?? 0;
    const candidates = pool
      .filter((l) => covers(l, v))
      .sort((a, b) => rank(a, v) - rank(b, v) || compareVersions(a.licensedVersion, b.licensedVersion) || a.assetNumber.localeCompare(b.assetNumber));
    for (const l of candidates) {
      if (need === 0) break;
      const n = Math.min(need, Math.max(0, left.get(l.id) ?? 0));
      if (n > 0) take(l.id, n);
      need -= n;
    }
    if (need > 0) uncoveredByVersion.set(v, need);
    shortfall += need;
  }

  const entitled = input.licenses.reduce((s, l) => s + (input.effective.get(l.id) ?? 0), 0);
  const consumed = devices + distributed;
  const utilization = entitled > 0 ? Math.round((consumed * 1000) / entitled) / 10 : null;
  const status: ComplianceStatus =
    shortfall > 0 || consumed > entitled ? 'over' : entitled > 0 && consumed * 100 >= input.nearPercent * entitled ? 'near' : 'ok';
  return {
    entitled,
    consumed,
    shortfall,
    utilization,
    status,
    licenses: input.licenses.map((l) => ({ id: l.id, effectiveCount: input.effective.get(l.id) ?? 0, used: used.get(l.id) ?? 0 })),
    uncoveredByVersion,
  };
}

/** Exact version first, then downgrade rights, then "any version". */
function rank(l: LicenseInput, v: string | null): number {
  if (l.licensedVersion === null) return 2;
  return v !== null && versionKey(l.licensedVersion) === versionKey(v) ? 0 : 1;
}
