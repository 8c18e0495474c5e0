import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/http/context.ts';

// Two sweeps (the cron and a "run now") must not interleave their upserts.
const FINDINGS_SWEEP_LOCK = 72_5390_41;

export type FindingCheckOptions = {
  agentStaleDays: number;
  audit?: AuditContext;
  /** The sites the returned counts are about (the acting user's); null or absent: every site. The sweep itself always covers every site. */
  siteIds?: string[] | null;
};
export type FindingCheckResult = { detected: number; opened: number; reopened: number; resolved: number };

/**
 * The condition of every finding kind, for every asset still in service (not retired, disposed or
 * lost), as rows (asset_id, kind, key, detail). One set-based statement, whatever the ledger's size.
 *
 * duplicate_mac: the database keeps a MAC active on one asset only, so a duplicate can only involve an
 * asset out of service (a stolen notebook's MAC showing up on a new asset, a NIC moved from a retired
 * device). Every asset that is not disposed counts; the finding is raised on the in-service asset(s).
 */
function detectionQuery(now: Date, staleDays: number) {
  // A person's end date is a date of the calendar where they work: "today" is taken in their site's zone.
  const today = sql`(${now.toISOString()}::timestamptz at time zone s.time_zone)::date`;
  const staleBefore = sql`${now.toISOString()}::timestamptz - make_interval(days => ${staleDays}::int)`;
  return sql`
    with active as (
      select * from hardware_assets where status not in ('retired','disposed','lost')
    ),
    users_of as (
      select a.id as asset_id, a.department_id as asset_department_id, p.id as person_id, p.employee_number, p.name_kanji,
             p.status as person_status, p.end_date, p.department_id as person_department_id, ${today} as person_today
      from active a join people p on p.id = a.user_id join sites s on s.id = p.site_id
    ),
    serials as (
      select id, upper(btrim(serial_number)) as serial, asset_number from active where coalesce(btrim(serial_number), '') <> ''
    ),
    dup_serials as (
      select id, serial, count(*) over w as n, array_agg(asset_number) over w as numbers
      from serials window w as (partition by serial order by asset_number rows between unbounded preceding and unbounded following)
    ),
    macs as (
      select distinct a.id, a.asset_number, a.status, m.mac
      from hardware_assets a cross join lateral unnest(a.mac_addresses) as m(mac) where a.status <> 'disposed'
    ),
    dup_macs as (
      select id, status, mac, count(*) over w as n, array_agg(asset_number) over w as numbers
      from macs window w as (partition by mac order by asset_number rows between unbounded preceding and unbounded following)
    )
    select asset_id, 'user_retired' as kind, '' as key,
           jsonb_build_object('personId', person_id, 'employeeNumber', employee_number, 'name', name_kanji, 'personStatus', person_status, 'endDate', end_date) as detail
      from users_of where person_status = 'retired' or (end_date is not null and end_date < person_today)
    union all
    select asset_id, 'user_transferred', '',
           jsonb_build_object('personId', person_id, 'employeeNumber', employee_number, 'name', name_kanji, 'personStatus', person_status)
      from users_of where person_status = 'transferred'
    union all
    select u.asset_id, 'user_department_mismatch', '',
           jsonb_build_object('personId', u.person_id, 'employeeNumber', u.employee_number, 'name', u.name_kanji,
                              'assetDepartment', da.code, 'userDepartment', dp.code)
      from users_of u
      join departments da on da.id = u.asset_department_id
      join departments dp on dp.id = u.person_department_id
      where u.asset_department_id <> u.person_department_id
    union all
    select id, 'no_user', '', '{}'::jsonb from active where status = 'in_use' and user_id is null
    union all
    select id, 'no_purpose', '', '{}'::jsonb from active where status = 'in_use' and coalesce(btrim(purpose), '') = ''
    union all
    select id, 'duplicate_serial', serial, jsonb_build_object('assetNumbers', to_jsonb(numbers)) from dup_serials where n > 1
    union all
    select id, 'duplicate_mac', mac, jsonb_build_object('assetNumbers', to_jsonb(numbers))
      from dup_macs where n > 1 and status not in ('retired','disposed','lost')
    union all
    select id, 'agent_stale', '', jsonb_build_object('lastInventoryAt', last_inventory_at, 'days', ${staleDays}::int)
      from active where last_inventory_at is not null and last_inventory_at < ${staleBefore}
  `;
}

type Changed = { id: string; asset_id: string; kind: string; key: string; site_id: string };

/**
 * Runs every data-quality check and brings asset_findings up to date in one transaction:
 * new conditions open a finding; open and acknowledged findings still seen are refreshed (an
 * acknowledgement holds while its condition does); a resolved finding whose condition is back is
 * reopened; open or acknowledged findings whose condition is gone are resolved with reason 'auto'.
 */
export async function runFindingChecks(db: Db, now: Date, opts: FindingCheckOptions): Promise<FindingCheckResult> {
  const audit = opts.audit ?? { actor: systemActor, requestId: null };
  const at = sql`${now.toISOString()}::timestamptz`;
  return inTransaction(db, async ({ tx }) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FINDINGS_SWEEP_LOCK})`);
    await tx.execute(
      sql`create temp table if not exists finding_detected (asset_id uuid not null, kind text not null, key text not null, detail jsonb not null) on commit drop`,
    );
    await tx.execute(sql`insert into finding_detected (asset_id, kind, key, detail) ${detectionQuery(now, opts.agentStaleDays)}`);
    const siteIds = opts.siteIds ?? null;
    const inScope = (r: { site_id: string }) => siteIds === null || siteIds.includes(r.site_id);
    const siteFilter =
      siteIds === null
        ? sql`true`
        : siteIds.length === 0
          ? sql`false`
          : sql`h.site_id in (${sql.join(
              siteIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`;
    const [{ n: detected }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from finding_detected d join hardware_assets h on h.id = d.asset_id where ${siteFilter}`,
    );

    const reopened = await queryRows<Changed>(
      tx,
      sql`update asset_findings f
          set status = 'open', reason = null, closed_at = null, closed_by_id = null, detail = d.detail,
              last_detected_at = ${at}, version = f.version + 1, updated_at = ${at}
          from finding_detected d
          where f.asset_id = d.asset_id and f.kind = d.kind and f.key = d.key and f.status = 'resolved'
          returning f.id, f.asset_id, f.kind, f.key, (select site_id from hardware_assets h where h.id = f.asset_id) as site_id`,
    );
    await tx.execute(sql`update asset_findings f
        set detail = d.detail, last_detected_at = ${at}
        from finding_detected d
        where f.asset_id = d.asset_id and f.kind = d.kind and f.key = d.key and f.status in ('open','acknowledged')`);
    const opened = await queryRows<{ id: string; site_id: string }>(
      tx,
      sql`insert into asset_findings (asset_id, kind, key, detail, status, first_detected_at, last_detected_at, created_at, updated_at)
          select asset_id, kind, key, detail, 'open', ${at}, ${at}, ${at}, ${at} from finding_detected
          on conflict (asset_id, kind, key) do nothing
          returning id, (select site_id from hardware_assets h where h.id = asset_findings.asset_id) as site_id`,
    );
    const resolved = await queryRows<Changed & { previous: string }>(
      tx,
      sql`update asset_findings f
          set status = 'resolved', reason = 'auto', closed_at = ${at}, closed_by_id = null, version = f.version + 1, updated_at = ${at}
          from asset_findings prev
          where prev.id = f.id and f.status in ('open','acknowledged')
            and not exists (select 1 from finding_detected d where d.asset_id = f.asset_id and d.kind = f.kind and d.key = f.key)
          returning f.id, f.asset_id, f.kind, f.key, prev.status as previous,
                    (select site_id from hardware_assets h where h.id = f.asset_id) as site_id`,
    );

    for (const r of reopened) {
      await writeAudit(tx, audit, {
        action: 'asset-finding.reopened',
        entityType: 'asset-finding',
        entityId: r.id,
        siteId: r.site_id,
        before: { status: 'resolved', assetId: r.asset_id, kind: r.kind, key: r.key },
        after: { status: 'open', reason: null, assetId: r.asset_id, kind: r.kind, key: r.key },
      });
    }
    for (const r of resolved) {
      await writeAudit(tx, audit, {
        action: 'asset-finding.resolved',
        entityType: 'asset-finding',
        entityId: r.id,
        siteId: r.site_id,
        before: { status: r.previous, assetId: r.asset_id, kind: r.kind, key: r.key },
        after: { status: 'resolved', reason: 'auto', assetId: r.asset_id, kind: r.kind, key: r.key },
      });
    }
    await tx.execute(sql`drop table if exists finding_detected`);
    return {
      detected,
      opened: opened.filter(inScope).length,
      reopened: reopened.filter(inScope).length,
      resolved: resolved.filter(inScope).length,
    };
  });
}
