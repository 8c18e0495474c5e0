import { can, canSeeSite } from '../../platform/auth/actor.ts';
import type { Policy } from '../../platform/authz/policy.ts';

export const sitePolicy: Policy<{ id: string }> = {
  update: (a, s) => can(a, 'site.update') && canSeeSite(a, s.id),
  delete: (a, s) => can(a, 'site.delete') && canSeeSite(a, s.id),
};

export const departmentPolicy: Policy<{ siteId: string }> = {
  update: (a, d) => can(a, 'department.update') && canSeeSite(a, d.siteId),
  delete: (a, d) => can(a, 'department.delete') && canSeeSite(a, d.siteId),
};

export const personPolicy: Policy<{ siteId: string }> = {
  update: (a, p) => can(a, 'person.update') && canSeeSite(a, p.siteId),
  delete: (a, p) => can(a, 'person.delete') && canSeeSite(a, p.siteId),
};
