import { can, canSeeSite } from '../../platform/auth/actor.ts';
import type { Policy } from '../../platform/authz/policy.ts';

type StocktakeLike = { status: string; mode: string; sites: { siteId: string }[] };

const seesAll = (a: Parameters<typeof canSeeSite>[0], s: StocktakeLike) => s.sites.every((x) => canSeeSite(a, x.siteId));

export const stocktakePolicy: Policy<StocktakeLike> = {
  check: (a, s) => can(a, 'stocktake.manage') && s.status === 'open',
  // Closing corrects asset locations at every site of the campaign: the actor must see them all.
  close: (a, s) => can(a, 'stocktake.manage') && s.status === 'open' && seesAll(a, s),
  send: (a, s) => can(a, 'stocktake.manage') && s.status === 'open' && s.mode === 'remote' && seesAll(a, s),
  report: (a) => can(a, 'stocktake.read'),
};
