import { can, canSeeSite } from '../../platform/auth/actor.ts';
import type { Policy } from '../../platform/authz/policy.ts';

export const assetPolicy: Policy<{ siteId: string }> = {
  update: (a, r) => can(a, 'asset.update') && canSeeSite(a, r.siteId),
  delete: (a, r) => can(a, 'asset.delete') && canSeeSite(a, r.siteId),
  /** Movements, repairs, work logs and ports are part of keeping the record. */
  recordHistory: (a, r) => can(a, 'asset.update') && canSeeSite(a, r.siteId),
  reportDamage: (a, r) => can(a, 'damage-report.create') && canSeeSite(a, r.siteId),
};
