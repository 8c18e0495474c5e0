import type { AssetFindingDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { type FindingWithRefs, findingKindsNamingAssets } from './findings.repo.ts';

/** A finding is acted on while it is open; an acknowledged one can still be resolved. */
export const findingPolicy: Policy<{ status: string }> = {
  resolve: (a, f) => can(a, 'asset-finding.update') && f.status !== 'resolved',
  acknowledge: (a, f) => can(a, 'asset-finding.update') && f.status === 'open',
};

/**
 * A duplicate's detail names the other assets with the same serial or MAC: a reader limited to some
 * sites sees the numbers of the assets at their sites only, and how many others there are
 * (`outsideCount`, "n other assets outside your sites").
 */
function presentDetail(row: FindingWithRefs, visible: Set<string> | null): Record<string, unknown> {
  const detail = { ...((row.detail ?? {}) as Record<string, unknown>) };
  if (!findingKindsNamingAssets.has(row.kind)) return detail;
  const numbers = Array.isArray(detail.assetNumbers) ? (detail.assetNumbers as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  const shown = visible === null ? numbers : numbers.filter((n) => n === row.asset.assetNumber || visible.has(n));
  return { ...detail, assetNumbers: shown, outsideCount: numbers.length - shown.length };
}

/** `visible`: the asset numbers the actor can see, from visibleAssetNumbers (null: every site). */
export function presentFinding(row: FindingWithRefs, actor: Actor, visible: Set<string> | null): AssetFindingDto {
  return {
    id: row.id,
    kind: row.kind as AssetFindingDto['kind'],
    key: row.key,
    detail: presentDetail(row, visible),
    status: row.status as AssetFindingDto['status'],
    reason: row.reason,
    firstDetectedAt: iso(row.firstDetectedAt)!,
    lastDetectedAt: iso(row.lastDetectedAt)!,
    closedAt: iso(row.closedAt),
    closedBy: row.closedByLabel ?? (row.closedAt ? 'system' : null),
    asset: {
      id: row.asset.id,
      assetNumber: row.asset.assetNumber,
      name: row.asset.name,
      status: row.asset.status,
      category: row.asset.category as AssetFindingDto['asset']['category'],
    },
    site: presentSiteRef(row.site),
    version: row.version,
    abilities: abilitiesOf(findingPolicy, actor, row),
  };
}
