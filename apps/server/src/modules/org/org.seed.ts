import { count, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { hashPassword } from '../../platform/auth/crypto.ts';
import { inTransaction } from '../../platform/http/context.ts';
// The demo seed spans modules (org data + access logins) the way bootstrap does; it is not a use case.
import { users } from '../access/access.table.ts';
import { seedDemoAssets } from '../assets/assets.demo.ts';
import { seedDemoBackups } from '../backups/backups.demo.ts';
import { seedDemoCloneImages } from '../endpoint-security/clone-images.demo.ts';
import { seedDemoAntivirusWork, seedDemoPatchPlans } from '../endpoint-security/endpoint-security.demo.ts';
import { seedDemoIncidents } from '../incidents/incidents.demo.ts';
import { seedDemoKnowledge } from '../knowledge/knowledge.demo.ts';
import { seedDemoMonitoring } from '../monitoring/monitoring.demo.ts';
import { seedDemoOpsDocuments } from '../opsdocs/opsdocs.demo.ts';
import { seedDemoSecurity } from '../security/security.demo.ts';
import { seedDemoServicedesk } from '../servicedesk/servicedesk.demo.ts';
import { seedDemoSoftware } from '../software/software.demo.ts';
import { buildDemoAgency, DEMO_PASSWORD, type DemoAccount, demoAccounts } from './demo-data.ts';
import { sites } from './org.table.ts';

export { DEMO_PASSWORD, demoAccounts };

const DEMO_SEED_LOCK = 72_5390_04;
const BATCH = 1000;

/** `insert … select from jsonb_to_recordset`: one statement per batch instead of one bind per column value. */
function recordset(rows: object[], columns: string) {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(columns)})`;
}

/** How a demo account is scoped, in words, for the start-up banner. */
export function describeDemoAccount(a: DemoAccount): string {
  const scope = a.siteScope === 'all' ? 'all sites' : a.siteScope === 'own' ? 'own site' : `site ${a.siteScope}`;
  return `${a.email} (${a.role}, ${scope})`;
}

/**
 * Loads the demo agency (3 HQ/institute sites, 40 regional and 75 overseas offices, 60 departments, 2,000
 * people) and the demo logins, in one transaction with one audit row. Returns false when the database
 * already has sites and `onlyIfEmpty` is set. The logins are only created once an administrator exists:
 * the first-admin bootstrap runs only on a database without users.
 */
export async function seedDemo(
  db: Db,
  opts: {
    onlyIfEmpty: boolean;
    /** Also a year of service-desk inquiries (~30,000 × scale); the start-up and CLI seeds ask for it, unit tests mostly not. */
    servicedesk?: { scale?: number };
  },
): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(sites);
  if (opts.onlyIfEmpty && n > 0) return false;
  const agency = buildDemoAgency();
  const hashes = await Promise.all(agency.accounts.map(() => hashPassword(DEMO_PASSWORD)));

  return inTransaction(db, async ({ tx }) => {
    // Several instances may start on one empty PostgreSQL database: one of them seeds.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const [again] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sites`);
    if (opts.onlyIfEmpty && again.n > 0) return false;

    const siteRows = agency.sites.map((s) => ({
      code: s.code,
      kind: s.kind,
      name_ja: s.nameJa,
      name_en: s.nameEn,
      country: s.country,
      time_zone: s.timeZone,
      office_code: s.officeCode,
      account_code: s.accountCode,
    }));
    await tx.execute(sql`
      insert into sites (code, kind, name_ja, name_en, country, time_zone, office_code, account_code)
      select code, kind, name_ja, name_en, country, time_zone, office_code, account_code
      from ${recordset(siteRows, 'code text, kind text, name_ja text, name_en text, country text, time_zone text, office_code text, account_code text')}`);

    const deptRows = agency.departments.map((d) => ({ code: d.code, site_code: d.siteCode, name_ja: d.nameJa, name_en: d.nameEn, mail: d.mail }));
    await tx.execute(sql`
      insert into departments (code, site_id, name_ja, name_en, mail)
      select r.code, s.id, r.name_ja, r.name_en, r.mail
      from ${recordset(deptRows, 'code text, site_code text, name_ja text, name_en text, mail text')}
      join sites s on s.code = r.site_code`);

    for (let i = 0; i < agency.people.length; i += BATCH) {
      const batch = agency.people.slice(i, i + BATCH).map((p) => ({
        employee_number: p.employeeNumber,
        name_kanji: p.nameKanji,
        name_kana: p.nameKana,
        name_romaji: p.nameRomaji,
        staff_type: p.staffType,
        status: p.status,
        site_code: p.siteCode,
        department_code: p.departmentCode,
        email: p.email,
        extension: p.extension,
        start_date: p.startDate,
        end_date: p.endDate,
      }));
      await tx.execute(sql`
        insert into people (employee_number, name_kanji, name_kana, name_romaji, staff_type, status, site_id, department_id,
                            email, extension, start_date, end_date)
        select r.employee_number, r.name_kanji, r.name_kana, r.name_romaji, r.staff_type, r.status, s.id, d.id,
               r.email, r.extension, r.start_date, r.end_date
        from ${recordset(
          batch,
          'employee_number text, name_kanji text, name_kana text, name_romaji text, staff_type text, status text, site_code text, department_code text, email text, extension text, start_date date, end_date date',
        )}
        join sites s on s.code = r.site_code
        left join departments d on d.code = r.department_code`);
    }

    const assets = await seedDemoAssets(tx);
    const software = await seedDemoSoftware(tx);
    // A year of operations records (issue #7): incidents, security cases, monitoring, backups, documents, patch plans.
    const operations = {
      incidents: await seedDemoIncidents(tx),
      securityCases: await seedDemoSecurity(tx),
      monitoring: await seedDemoMonitoring(tx),
      backups: await seedDemoBackups(tx),
      opsDocuments: await seedDemoOpsDocuments(tx),
      patchPlans: await seedDemoPatchPlans(tx),
    };
    const servicedesk = opts.servicedesk ? await seedDemoServicedesk(tx, opts.servicedesk) : null;
    // The FAQ articles come with the desk demo (they reference its categories).
    const knowledge = opts.servicedesk ? await seedDemoKnowledge(tx) : null;
    const logins = await seedDemoLogins(tx, agency.accounts, hashes);
    // After the logins: the antivirus work records and clone-image updates name their operator.
    const antivirusWork = await seedDemoAntivirusWork(tx);
    const cloneImages = await seedDemoCloneImages(tx);
    await writeAudit(
      tx,
      { actor: { userId: null, label: 'system' }, requestId: null },
      {
        action: 'demo.seeded',
        entityType: 'system',
        after: {
          sites: agency.sites.length,
          departments: agency.departments.length,
          people: agency.people.length,
          users: logins,
          assets,
          software,
          operations: { ...operations, antivirusWork, cloneImages },
          servicedesk,
          knowledge,
        },
      },
    );
    return true;
  });
}

async function seedDemoLogins(tx: Db, accounts: (DemoAccount & { employeeNumber: string })[], hashes: string[]): Promise<number> {
  const [admin] = await queryRows(tx, sql`select 1 from users where 'admin' = any(roles) and active limit 1`);
  if (!admin) return 0;
  const personRows = await queryRows<{ id: string; employee_number: string; name_kanji: string }>(
    tx,
    sql`select id, employee_number, name_kanji from people where employee_number in (${sql.join(
      accounts.map((a) => sql`${a.employeeNumber}`),
      sql`, `,
    )})`,
  );
  const siteRows = await queryRows<{ id: string; code: string }>(tx, sql`select id, code from sites`);
  const siteId = new Map(siteRows.map((s) => [s.code, s.id]));
  const person = new Map(personRows.map((p) => [p.employee_number, p]));
  const inserted = await tx
    .insert(users)
    .values(
      accounts.map((a, i) => {
        const p = person.get(a.employeeNumber)!;
        const scoped = a.siteScope !== 'all' && a.siteScope !== 'own';
        return {
          email: a.email,
          displayName: p.name_kanji,
          personId: p.id,
          passwordHash: hashes[i],
          roles: [a.role],
          siteScopeKind: scoped ? 'sites' : a.siteScope,
          siteScopeIds: scoped ? [siteId.get(a.siteScope)!] : [],
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length;
}
