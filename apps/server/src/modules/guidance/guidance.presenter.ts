import type { GuidanceLogDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import type { GuidanceLogWithSite } from './guidance.repo.ts';

export const guidanceLogPolicy: Policy<unknown> = {
  update: (a) => can(a, 'guidance-log.manage'),
  delete: (a) => can(a, 'guidance-log.manage'),
};

export function presentGuidanceLog(row: GuidanceLogWithSite, actor: Actor): GuidanceLogDto {
  return {
    id: row.id,
    heldAt: iso(row.heldAt)!,
    endsAt: iso(row.endsAt),
    site: presentSiteRef(row.site),
    timeZone: row.timeZone,
    place: row.place,
    audience: row.audience,
    attendees: row.attendees,
    attendeeCount: row.attendeeCount,
    content: row.content,
    topic: row.topic,
    staffAgreedBy: row.staffAgreedBy,
    staffAgreedOn: row.staffAgreedOn,
    note: row.note,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(guidanceLogPolicy, actor, row),
  };
}
