import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { login, startTestApp, type TestApp } from '../../test/harness.ts';
import { buildDemoAgency, DEMO_PASSWORD, demoAccounts, demoFamilyNames, demoGivenNames } from './demo-data.ts';
import { seedDemo } from './org.seed.ts';

const agency = buildDemoAgency();
const KANA = /^[ァ-ヶー\s　]+$/;
const ROMAJI = /^[A-Z][a-z]+ [A-Z][a-z]+$/;
const unique = (xs: unknown[]) => new Set(xs).size === xs.length;

describe('demo agency data (in memory)', () => {
  test('has the HQs and the institute, 40 regional and 75 overseas offices, about 60 departments and 2,000 people', () => {
    const byKind = (k: string) => agency.sites.filter((s) => s.kind === k).map((s) => s.code);
    assert.deepEqual(byKind('hq'), ['TKY', 'OSA']);
    assert.deepEqual(byKind('institute'), ['IDE']);
    assert.equal(byKind('regional').length, 40);
    assert.equal(byKind('overseas').length, 75);
    assert.equal(agency.sites.find((s) => s.code === 'TKY')?.nameJa, '本部（東京）');
    assert.ok(agency.departments.length >= 55 && agency.departments.length <= 65, `${agency.departments.length} departments`);
    assert.equal(agency.people.length, 2000);
    assert.ok(demoFamilyNames.length >= 100 && demoGivenNames.length >= 100);
  });

  test('every time zone is a valid IANA zone; overseas offices are not on Tokyo time, domestic ones are', () => {
    for (const s of agency.sites) {
      assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: s.timeZone }), `${s.code} ${s.timeZone}`);
      if (s.kind === 'overseas') assert.notEqual(s.timeZone, 'Asia/Tokyo', s.code);
      else assert.equal(s.timeZone, 'Asia/Tokyo', s.code);
      assert.match(s.country, /^[A-Z]{2}$/);
    }
    const zone = (code: string) => agency.sites.find((s) => s.code === code)?.timeZone;
    assert.equal(zone('HAN'), 'Asia/Ho_Chi_Minh');
    assert.equal(zone('BUE'), 'America/Argentina/Buenos_Aires');
    assert.equal(zone('IEV'), 'Europe/Kyiv');
  });

  test('site, office, account, department codes and employee numbers are unique', () => {
    const abroad = agency.sites.filter((s) => s.kind === 'overseas');
    assert.ok(unique(agency.sites.map((s) => s.code)));
    assert.ok(abroad.every((s) => s.officeCode === `${s.country}-${s.code}` && /^\d{4}$/.test(s.accountCode ?? '')));
    assert.ok(unique(abroad.map((s) => s.officeCode)));
    assert.ok(unique(abroad.map((s) => s.accountCode)));
    assert.ok(unique(agency.departments.map((d) => d.code)));
    assert.ok(agency.departments.every((d) => d.mail.endsWith('@example.go.jp')));
    assert.ok(unique(agency.people.map((p) => p.employeeNumber)));
    assert.ok(unique(agency.people.map((p) => p.email)));
  });

  test('names have kanji, katakana and Hepburn romaji; some use CP932 extension kanji', () => {
    for (const p of agency.people) {
      assert.match(p.nameKana, KANA, p.nameKana);
      assert.match(p.nameRomaji, ROMAJI, p.nameRomaji);
      assert.equal(p.nameKanji.split(' ').length, 2, p.nameKanji);
      assert.match(p.email, /^[a-z]+\.[a-z]+\d*@example\.go\.jp$/);
      assert.ok(p.endDate === null || p.startDate <= p.endDate, p.employeeNumber);
    }
    assert.ok(agency.people.some((p) => /[髙﨑德]/.test(p.nameKanji)));
  });

  test('staff types, statuses and sizes are distributed like a real agency, and the build is deterministic', () => {
    const share = (f: (p: (typeof agency.people)[number]) => boolean) => agency.people.filter(f).length / agency.people.length;
    assert.ok(share((p) => p.staffType === 'regular') > 0.5);
    assert.ok(share((p) => p.staffType === 'contract') > share((p) => p.staffType === 'project'));
    assert.ok(share((p) => p.staffType === 'guest') > 0);
    assert.ok(share((p) => p.status === 'active') > 0.8);
    for (const status of ['on_leave', 'transferred', 'retired']) assert.ok(share((p) => p.status === status) > 0, status);
    assert.ok(agency.people.filter((p) => p.status === 'retired' || p.status === 'transferred').every((p) => p.endDate));
    const staff = new Map(agency.sites.map((s) => [s.code, s.staff]));
    assert.ok(Math.max(...staff.values()) === staff.get('TKY'));
    assert.deepEqual(buildDemoAgency(), agency);
  });
});

describe('seedDemo', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('seeds an empty database once, with one audit row', async () => {
    const started = performance.now();
    assert.equal(await seedDemo(t.db, { onlyIfEmpty: true }), true);
    // Timing is reported, not asserted: speed targets belong in `npm run bench` (a loaded CI machine took 10–15 s
    // on PGlite where a quiet one takes ~5 s).
    console.log(`# seedDemo on ${t.database.kind}: ${Math.round(performance.now() - started)} ms`);
    assert.equal(await seedDemo(t.db, { onlyIfEmpty: true }), false);

    const [c] = await queryRows<Record<string, number>>(
      t.db,
      sql`select (select count(*)::int from sites) as sites, (select count(*)::int from departments) as departments,
                 (select count(*)::int from people) as people, (select count(*)::int from people where department_id is not null) as placed,
                 (select count(*)::int from users where email like '%@demo.unyo.local') as users,
                 (select count(*)::int from audit_log where action = 'demo.seeded') as audits`,
    );
    assert.deepEqual(c, {
      sites: agency.sites.length,
      departments: agency.departments.length,
      people: 2000,
      placed: agency.people.filter((p) => p.departmentCode).length,
      users: 5,
      audits: 1,
    });
    // The database's own zone list agrees (PGlite ships its own tz data, PostgreSQL uses the system's).
    const unknown = await queryRows(t.db, sql`select code from sites where time_zone not in (select name from pg_timezone_names)`);
    assert.deepEqual(unknown, []);
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  test('demo logins work with the password and see what their role and scope allow', async () => {
    const total = async (email: string) => {
      const c = await login(t.app, email, DEMO_PASSWORD);
      const res = await c.get('/api/v1/people?limit=1');
      return res.statusCode === 200 ? (res.json().total as number) : res.statusCode;
    };
    const osaka = agency.people.filter((p) => p.siteCode === 'OSA').length;
    assert.equal(await total('operator@demo.unyo.local'), 2000);
    assert.equal(await total('supervisor@demo.unyo.local'), 2000);
    assert.equal(await total('auditor@demo.unyo.local'), 2000);
    assert.equal(await total('osaka-operator@demo.unyo.local'), osaka);
    assert.equal(await total('requester@demo.unyo.local'), 403);

    const auditor = await login(t.app, 'auditor@demo.unyo.local', DEMO_PASSWORD);
    const [site] = await queryRows<{ id: string }>(t.db, sql`select id from sites where code = 'TKY'`);
    const denied = await auditor.post('/api/v1/people', { employeeNumber: 'X1', nameKanji: '試験', staffType: 'regular', siteId: site.id });
    assert.equal(denied.statusCode, 403);

    const sitesByCode = new Map((await queryRows<{ id: string; code: string }>(t.db, sql`select id, code from sites`)).map((r) => [r.code, r.id]));
    for (const a of demoAccounts) {
      const me = await (await login(t.app, a.email, DEMO_PASSWORD)).get('/api/v1/me');
      assert.equal(me.statusCode, 200, me.body);
      const expected = a.siteScope === 'all' ? null : [sitesByCode.get(a.siteScope === 'own' ? 'TKY' : a.siteScope)];
      assert.deepEqual(me.json().visibleSiteIds, expected, a.email);
      assert.deepEqual(me.json().roles, [a.role]);
      assert.ok(me.json().personId, a.email);
      assert.equal(me.json().mustChangePassword, false);
    }
    assert.equal(demoAccounts.length, 5);
  });
});
