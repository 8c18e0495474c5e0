import type { StocktakeDto, StocktakeItemDto, StocktakeLocationDto } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { stocktakePolicy } from './stocktakes.policy.ts';
import type { StocktakeItemWithRefs, StocktakeWithRefs } from './stocktakes.repo.ts';

export function presentLocation(v: unknown): StocktakeLocationDto | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const s = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
  return { building: s(o.building), floor: s(o.floor), room: s(o.room), rack: s(o.rack) };
}

export function presentStocktake(row: StocktakeWithRefs, actor: Actor): StocktakeDto {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode as StocktakeDto['mode'],
    status: row.status as StocktakeDto['status'],
    dueOn: row.dueOn,
    startedAt: iso(row.startedAt)!,
    closedAt: iso(row.closedAt),
    note: row.note,
    sites: row.sites.map((s) => ({
      site: presentSiteRef(s.site),
      mailedTo: s.mailedTo,
      mailedAt: iso(s.mailedAt),
      answeredAt: iso(s.answeredAt),
      answeredBy: s.answeredBy,
      progress: s.progress,
    })),
    progress: row.progress,
    version: row.version,
    abilities: abilitiesOf(stocktakePolicy, actor, { ...row, sites: row.allSiteIds.map((siteId) => ({ siteId })) }),
  };
}

export function presentStocktakeItem(row: StocktakeItemWithRefs): StocktakeItemDto {
  return {
    id: row.id,
    assetId: row.assetId,
    assetNumber: row.assetNumber,
    expectedName: row.expectedName,
    expectedSite: row.expectedSite ? presentSiteRef(row.expectedSite) : null,
    expectedLocation: presentLocation(row.expectedLocation),
    result: row.result as StocktakeItemDto['result'],
    actualSite: row.actualSite ? presentSiteRef(row.actualSite) : null,
    actualLocation: presentLocation(row.actualLocation),
    method: row.method as StocktakeItemDto['method'],
    note: row.note,
    checkedAt: iso(row.checkedAt),
    checkedBy: row.checkedBy,
    appliedAt: iso(row.appliedAt),
    draft: row.draft,
  };
}
