import type { DamageReportDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import { presentPersonRef } from './assets.presenter.ts';
import type { DamageReportWithRefs } from './damage-reports.repo.ts';

/**
 * Operators record and follow up reports; the flag is for the staff in charge (担当職員, the
 * supervisor role), who clear it once they have taken the report in.
 */
export const damageReportPolicy: Policy<{ supervisorFlag: boolean }> = {
  update: (a) => can(a, 'damage-report.create'),
  confirm: (a, r) => r.supervisorFlag && can(a, 'damage-report.confirm'),
};

export function presentDamageReport(row: DamageReportWithRefs, actor: Actor): DamageReportDto {
  return {
    id: row.id,
    kind: row.kind as DamageReportDto['kind'],
    asset: {
      id: row.asset.id,
      assetNumber: row.asset.assetNumber,
      name: row.asset.name,
      status: row.asset.status,
      category: row.asset.category as DamageReportDto['asset']['category'],
    },
    site: presentSiteRef(row.site),
    occurredAt: iso(row.occurredAt)!,
    place: row.place,
    circumstances: row.circumstances,
    person: presentPersonRef(row.person?.id ? row.person : null),
    userNotifiedAt: iso(row.userNotifiedAt),
    noticeMailId: row.noticeMailId,
    reportedToStaffAt: iso(row.reportedToStaffAt),
    userReportReceivedAt: iso(row.userReportReceivedAt),
    supervisorFlag: row.supervisorFlag,
    notes: row.notes,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: abilitiesOf(damageReportPolicy, actor, row),
  };
}
