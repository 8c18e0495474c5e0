import { can } from '../auth/actor.ts';
import type { Policy } from '../authz/policy.ts';

/** Calendars are agency-wide (not site-bound): one permission decides. */
export const calendarPolicy: Policy<{ id: string }> = {
  update: (a) => can(a, 'calendar.update'),
};
