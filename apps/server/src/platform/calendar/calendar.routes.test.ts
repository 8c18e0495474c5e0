import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { resolveCalendar } from '../../modules/org/site-calendars.service.ts';
import { siteCalendars } from '../../modules/org/site-calendars.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.table.ts';
import { addBusinessTime, agencyCalendarDefaults, alwaysCalendar, isBusinessDay } from './business-time.ts';
import { calendarHolidays } from './calendar.table.ts';

const H = 3_600_000;

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0].n;
const holidayCount = async (calendarId: string) =>
  (await t.db.select({ n: count() }).from(calendarHolidays).where(eq(calendarHolidays.calendarId, calendarId)))[0].n;

async function seeded(code: string) {
  const list = await admin.get('/api/v1/calendars?limit=500');
  assert.equal(list.statusCode, 200, list.body);
  const found = list.json().items.find((c: { code: string }) => c.code === code);
  assert.ok(found, `seeded calendar ${code}`);
  return found as { id: string; [k: string]: unknown };
}

let n = 0;
async function makeCalendar(over: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/calendars', { code: `CAL-${++n}`, nameJa: `カレンダー${n}`, nameEn: `Calendar ${n}`, ...over });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

/** A multipart/form-data body with one `file` field, as the import dialog sends it. */
function upload(client: Client, url: string, file: { name: string; type: string; text: string }) {
  const boundary = `----unyo${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    Buffer.from(file.text, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrf) headers['x-csrf-token'] = client.csrf;
  return t.app.inject({ method: 'POST', url, headers, payload: body });
}

const ics = (...events: string[][]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

describe('seeded calendars', () => {
  test('the agency and 24×7 calendars exist with the built-in defaults', async () => {
    const agency = await seeded('agency');
    assert.equal(agency.timeZone, agencyCalendarDefaults.timeZone);
    assert.deepEqual(agency.workdays, [...agencyCalendarDefaults.workdays]);
    assert.deepEqual(agency.hours, agencyCalendarDefaults.hours);
    assert.equal(agency.japaneseHolidays, true);
    assert.deepEqual(agency.closures, agencyCalendarDefaults.closures);
    assert.equal(agency.always, false);
    const always = await seeded('24x7');
    assert.equal(always.always, true);
    assert.deepEqual(always.workdays, [...alwaysCalendar.workdays]);
  });

  test('a year of the agency calendar lists national holidays and the year-end closure', async () => {
    const agency = await seeded('agency');
    const res = await admin.get(`/api/v1/calendars/${agency.id}?year=2024`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, `"v${agency.version}"`);
    const body = res.json();
    assert.equal(body.year, 2024);
    const byDate = new Map(body.holidays.map((h: { date: string }) => [h.date, h]));
    assert.deepEqual(byDate.get('2024-05-06'), { date: '2024-05-06', name: 'こどもの日 振替休日', nameEn: 'Holiday in lieu', source: 'japan' });
    assert.equal((byDate.get('2024-01-01') as { source: string }).source, 'japan');
    for (const d of ['2024-01-02', '2024-01-03', '2024-12-29', '2024-12-30', '2024-12-31']) {
      assert.deepEqual(byDate.get(d), { date: d, name: '年末年始', nameEn: null, source: 'closure' });
    }
    assert.equal(byDate.has('2024-01-04'), false);
    assert.deepEqual(
      body.holidays.map((h: { date: string }) => h.date),
      [...byDate.keys()].sort(),
    );
  });
});

describe('calendar administration', () => {
  test('an admin creates an office calendar, adds and removes holidays; each change is audited', async () => {
    const audits = await auditCount();
    const cal = await makeCalendar({ timeZone: 'America/New_York', workdays: [5, 1, 2, 3, 4, 1] });
    assert.deepEqual(cal.workdays, [1, 2, 3, 4, 5]);
    assert.deepEqual(cal.hours, [{ start: '09:00', end: '17:45' }]);
    assert.equal(cal.japaneseHolidays, false);
    assert.deepEqual(cal.abilities, { update: true });

    const add = await admin.post(`/api/v1/calendars/${cal.id}/holidays`, { date: '2024-07-04', name: 'Independence Day' });
    assert.equal(add.statusCode, 201, add.body);
    assert.deepEqual(add.json(), { date: '2024-07-04', name: 'Independence Day', nameEn: null, source: 'calendar' });
    const dup = await admin.post(`/api/v1/calendars/${cal.id}/holidays`, { date: '2024-07-04', name: 'Again' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().errors[0].path, 'date');
    const year = (await admin.get(`/api/v1/calendars/${cal.id}?year=2024`)).json();
    assert.deepEqual(year.holidays, [{ date: '2024-07-04', name: 'Independence Day', nameEn: null, source: 'calendar' }]);

    assert.equal((await admin.delete(`/api/v1/calendars/${cal.id}/holidays/2024-07-04`)).statusCode, 204);
    assert.equal((await admin.delete(`/api/v1/calendars/${cal.id}/holidays/2024-07-04`)).statusCode, 404);
    assert.equal(await auditCount(), audits + 3);
    const trail = (await admin.get(`/api/v1/audit?entityType=calendar&entityId=${cal.id}`)).json().items.map((a: { action: string }) => a.action);
    assert.deepEqual(trail, ['calendar.holiday_removed', 'calendar.holiday_added', 'calendar.created']);
  });

  test('bad calendars are refused field by field and write nothing', async () => {
    const audits = await auditCount();
    const bad = await admin.post('/api/v1/calendars', {
      code: 'bad code!',
      nameJa: 'x',
      nameEn: 'x',
      timeZone: 'Tokyo',
      workdays: [0, 8],
      hours: [
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '25:00' },
      ],
      closures: [{ from: '02-30', to: '03-01' }],
    });
    assert.equal(bad.statusCode, 422);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    for (const p of ['code', 'timeZone', 'workdays.0', 'workdays.1', 'hours.1.end', 'closures.0.from']) assert.ok(paths.includes(p), `${p} in ${paths}`);
    const noTime = await admin.post('/api/v1/calendars', { code: 'NO-TIME', nameJa: 'x', nameEn: 'x', workdays: [] });
    assert.equal(noTime.statusCode, 422);
    assert.deepEqual(noTime.json().errors, [{ path: 'workdays', message: '必須項目です' }]);
    const closedAllYear = await admin.post('/api/v1/calendars', { code: 'CLOSED', nameJa: 'x', nameEn: 'x', closures: [{ from: '01-01', to: '12-31' }] });
    assert.equal(closedAllYear.statusCode, 422);
    assert.equal(closedAllYear.json().errors[0].path, 'closures');
    const dupCode = await admin.post('/api/v1/calendars', { code: 'agency', nameJa: 'x', nameEn: 'x' });
    assert.equal(dupCode.statusCode, 409);
    assert.equal(dupCode.json().errors[0].path, 'code');
    assert.equal(await auditCount(), audits);
  });

  test('PATCH changes only what it names, honours If-Match and re-checks the combination', async () => {
    const cal = await makeCalendar({ timeZone: 'Europe/Paris', closures: [{ from: '08-01', to: '08-15', name: 'Summer' }] });
    const first = await admin.get(`/api/v1/calendars/${cal.id}`);
    const etag = String(first.headers.etag);
    const lunch = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:45' },
    ];
    const ok = await admin.patch(`/api/v1/calendars/${cal.id}`, { hours: lunch }, { 'if-match': etag });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers.etag, '"v2"');
    assert.deepEqual(ok.json().hours, lunch);
    assert.equal(ok.json().timeZone, 'Europe/Paris');
    assert.deepEqual(ok.json().closures, [{ from: '08-01', to: '08-15', name: 'Summer' }]);
    const stale = await admin.patch(`/api/v1/calendars/${cal.id}`, { nameEn: 'Stale' }, { 'if-match': etag });
    assert.equal(stale.statusCode, 412);
    const empty = await admin.patch(`/api/v1/calendars/${cal.id}`, { hours: [] });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json().errors[0].path, 'hours');
    // Turning 24×7 off again with no hours left is refused on the merged record.
    const always = await makeCalendar({ always: true, hours: [] });
    const off = await admin.patch(`/api/v1/calendars/${always.id}`, { always: false });
    assert.equal(off.statusCode, 422);
    assert.equal(off.json().errors[0].path, 'hours');
    const audit = (await admin.get(`/api/v1/audit?entityType=calendar&entityId=${cal.id}`)).json().items[0];
    assert.equal(audit.action, 'calendar.updated');
    assert.deepEqual(audit.after.hours, lunch);
  });

  test('compute: a due time from a duration, business minutes between two instants', async () => {
    const agency = await seeded('agency');
    const q = (s: string) => encodeURIComponent(s);
    const due = await admin.get(`/api/v1/calendars/${agency.id}/compute?from=${q('2024-03-08T17:00:00+09:00')}&durationMinutes=120`);
    assert.equal(due.statusCode, 200, due.body);
    assert.deepEqual(due.json(), { due: '2024-03-11T01:15:00.000Z' });
    const minutes = await admin.get(`/api/v1/calendars/${agency.id}/compute?from=${q('2024-05-02T17:00:00+09:00')}&to=${q('2024-05-07T10:15:00+09:00')}`);
    assert.deepEqual(minutes.json(), { businessMinutes: 120 });
    const neither = await admin.get(`/api/v1/calendars/${agency.id}/compute?from=${q('2024-05-02T17:00:00+09:00')}`);
    assert.equal(neither.statusCode, 422);
    assert.equal(neither.json().errors[0].path, 'durationMinutes');
    const always = await seeded('24x7');
    const wall = await admin.get(`/api/v1/calendars/${always.id}/compute?from=${q('2024-05-03T00:00:00Z')}&durationMinutes=${72 * 60}`);
    assert.deepEqual(wall.json(), { due: '2024-05-06T00:00:00.000Z' });
  });
});

describe('iCal import', () => {
  const usHolidays = ics(
    ['DTSTART;VALUE=DATE:20240704', 'DTEND;VALUE=DATE:20240705', 'SUMMARY:Independence Day'],
    ['DTSTART;VALUE=DATE:20241128', 'SUMMARY:Thanksgiving Day'],
    ['DTSTART;VALUE=DATE:20241225', 'RRULE:FREQ=YEARLY;COUNT=2', 'SUMMARY:Christmas Day'],
  );

  test('dry run, import, re-import, rename: counts match and only real changes are written and audited', async () => {
    const cal = await makeCalendar({ timeZone: 'America/New_York' });
    const url = `/api/v1/calendars/${cal.id}/ical`;
    const file = { name: 'us-holidays.ics', type: 'text/calendar', text: usHolidays };
    const audits = await auditCount();

    const dry = await upload(admin, `${url}?dryRun=true`, file);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.deepEqual(dry.json(), { dryRun: true, created: 4, updated: 0, unchanged: 0, errors: [] });
    assert.equal(await holidayCount(cal.id), 0);
    assert.equal(await auditCount(), audits);

    const real = await upload(admin, url, file);
    assert.deepEqual(real.json(), { dryRun: false, created: 4, updated: 0, unchanged: 0, errors: [] });
    assert.equal(await holidayCount(cal.id), 4);
    assert.equal(await auditCount(), audits + 1);
    const audit = (await admin.get(`/api/v1/audit?entityType=calendar&entityId=${cal.id}`)).json().items[0];
    assert.equal(audit.action, 'calendar.holidays_imported');
    assert.equal(audit.after.file, 'us-holidays.ics');
    assert.equal(audit.after.created.length, 4);

    const again = await upload(admin, url, file);
    assert.deepEqual(again.json(), { dryRun: false, created: 0, updated: 0, unchanged: 4, errors: [] });
    assert.equal(await auditCount(), audits + 1);

    const renamed = await upload(admin, url, { ...file, text: usHolidays.replace('Thanksgiving Day', 'Thanksgiving') });
    assert.deepEqual(renamed.json(), { dryRun: false, created: 0, updated: 1, unchanged: 3, errors: [] });
    const year = (await admin.get(`/api/v1/calendars/${cal.id}?year=2025`)).json();
    assert.deepEqual(
      year.holidays.map((h: { date: string; name: string }) => `${h.date} ${h.name}`),
      ['2025-12-25 Christmas Day'],
    );
  });

  test('a bad row is reported by row and column, in the user’s language, and nothing is imported', async () => {
    const cal = await makeCalendar({ timeZone: 'Europe/Paris' });
    const text = ics(['DTSTART;VALUE=DATE:20240501', 'SUMMARY:Fête du Travail'], ['DTSTART;VALUE=DATE:20240532', 'SUMMARY:Broken']);
    const audits = await auditCount();
    const res = await upload(admin, `/api/v1/calendars/${cal.id}/ical`, { name: 'fr.ics', type: 'text/calendar', text });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      dryRun: false,
      created: 1,
      updated: 0,
      unchanged: 0,
      errors: [{ row: 8, column: 'DTSTART', message: '値が不正です' }], // line 8: the second DTSTART
    });
    assert.equal(await holidayCount(cal.id), 0);
    assert.equal(await auditCount(), audits);
  });

  test('a file that is not iCalendar is refused', async () => {
    const cal = await makeCalendar();
    const url = `/api/v1/calendars/${cal.id}/ical`;
    assert.equal((await upload(admin, url, { name: 'holidays.csv', type: 'text/csv', text: 'date,name\n2024-01-01,x' })).statusCode, 415);
    assert.equal((await admin.post(url, { file: 'x' })).statusCode, 415);
    const missing = await upload(admin, `/api/v1/calendars/00000000-0000-4000-8000-000000000000/ical`, {
      name: 'x.ics',
      type: 'text/calendar',
      text: ics(),
    });
    assert.equal(missing.statusCode, 404);
  });
});

describe('permissions', () => {
  test('operators read calendars but get 403 on every write; auditors read', async () => {
    const agency = await seeded('agency');
    const site = await makeSite(t);
    const { client: operator } = await clientFor(t, ['operator']);
    assert.equal((await operator.get('/api/v1/calendars')).statusCode, 200);
    assert.equal((await operator.get(`/api/v1/calendars/${agency.id}`)).json().abilities.update, false);
    assert.equal((await operator.get(`/api/v1/sites/${site.id}/calendar`)).statusCode, 200);
    const writes = [
      operator.post('/api/v1/calendars', { code: 'OPS', nameJa: 'x', nameEn: 'x' }),
      operator.patch(`/api/v1/calendars/${agency.id}`, { nameEn: 'x' }),
      operator.post(`/api/v1/calendars/${agency.id}/holidays`, { date: '2024-10-01', name: 'x' }),
      operator.delete(`/api/v1/calendars/${agency.id}/holidays/2024-10-01`),
      upload(operator, `/api/v1/calendars/${agency.id}/ical`, { name: 'x.ics', type: 'text/calendar', text: ics() }),
      operator.request('PUT', `/api/v1/sites/${site.id}/calendar`, { calendarId: agency.id }),
    ];
    for (const res of await Promise.all(writes)) assert.equal(res.statusCode, 403, res.body);
    const { client: auditor } = await clientFor(t, ['auditor']);
    assert.equal((await auditor.get(`/api/v1/calendars/${agency.id}/compute?from=2024-01-01T00:00:00Z&durationMinutes=1`)).statusCode, 200);
  });
});

describe('a site’s calendar', () => {
  test('domestic sites use the agency calendar; overseas sites in New York and Paris their own zone without Japanese holidays', async () => {
    const regional = await makeSite(t, { kind: 'regional' });
    const domestic = await resolveCalendar(t.db, regional.id);
    assert.equal(domestic.source, 'agency');
    assert.equal(domestic.row?.code, 'agency');
    assert.equal(isBusinessDay('2024-05-06', domestic.calendar), false);

    const nySite = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
    const ny = await resolveCalendar(t.db, nySite.id);
    assert.equal(ny.source, 'overseas');
    assert.equal(ny.row, null);
    assert.equal(ny.calendar.timeZone, 'America/New_York');
    assert.equal(ny.calendar.japaneseHolidays, false);
    assert.equal(isBusinessDay('2024-05-06', ny.calendar), true);
    assert.equal(addBusinessTime(new Date('2024-03-08T17:00:00-05:00'), 2 * H, ny.calendar).toISOString(), '2024-03-11T14:15:00.000Z');

    const parisSite = await makeSite(t, { kind: 'overseas', country: 'FR', timeZone: 'Europe/Paris' });
    const paris = await resolveCalendar(t.db, parisSite.id);
    assert.equal(paris.calendar.timeZone, 'Europe/Paris');
    assert.equal(addBusinessTime(new Date('2024-03-29T17:00:00+01:00'), 2 * H, paris.calendar).toISOString(), '2024-04-01T08:15:00.000Z');

    const view = await admin.get(`/api/v1/sites/${nySite.id}/calendar`);
    assert.deepEqual(view.json(), { siteId: nySite.id, source: 'overseas', calendar: null, timeZone: 'America/New_York' });
    await assert.rejects(resolveCalendar(t.db, '00000000-0000-4000-8000-000000000000'), /problem.not_found/);
  });

  test('assigning an office calendar with imported holidays, then returning to the default', async () => {
    const site = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
    const cal = await makeCalendar({ timeZone: 'America/New_York', nameEn: 'New York office' });
    await upload(admin, `/api/v1/calendars/${cal.id}/ical`, {
      name: 'ny.ics',
      type: 'text/calendar',
      text: ics(['DTSTART;VALUE=DATE:20240704', 'SUMMARY:Independence Day']),
    });
    const put = await admin.request('PUT', `/api/v1/sites/${site.id}/calendar`, { calendarId: cal.id });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().source, 'site');
    assert.equal(put.json().calendar.id, cal.id);
    const resolved = await resolveCalendar(t.db, site.id);
    assert.equal(resolved.source, 'site');
    assert.equal(isBusinessDay('2024-07-04', resolved.calendar), false);
    // Wednesday 3 July 17:00 + 2 h skips the 4th.
    assert.equal(addBusinessTime(new Date('2024-07-03T17:00:00-04:00'), 2 * H, resolved.calendar).toISOString(), '2024-07-05T14:15:00.000Z');

    const audit = (await admin.get(`/api/v1/audit?entityType=site&entityId=${site.id}`)).json().items[0];
    assert.equal(audit.action, 'site.calendar_assigned');
    assert.deepEqual([audit.before, audit.after], [{ calendarId: null }, { calendarId: cal.id }]);

    const unknown = await admin.request('PUT', `/api/v1/sites/${site.id}/calendar`, { calendarId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].path, 'calendarId');

    const back = await admin.request('PUT', `/api/v1/sites/${site.id}/calendar`, { calendarId: null });
    assert.equal(back.json().source, 'overseas');
    assert.equal((await resolveCalendar(t.db, site.id)).source, 'overseas');
  });

  test('a site-scoped reader sees only their sites’ calendars; deleting a site drops its assignment', async () => {
    const mine = await makeSite(t);
    const other = await makeSite(t);
    const me = await makePerson(t, mine.id);
    const { client } = await clientFor(t, ['operator'], { kind: 'own' }, me.id);
    assert.equal((await client.get(`/api/v1/sites/${mine.id}/calendar`)).json().source, 'agency');
    assert.equal((await client.get(`/api/v1/sites/${other.id}/calendar`)).statusCode, 404);

    const agency = await seeded('agency');
    assert.equal((await admin.request('PUT', `/api/v1/sites/${other.id}/calendar`, { calendarId: agency.id })).statusCode, 200);
    assert.equal((await admin.delete(`/api/v1/sites/${other.id}`)).statusCode, 204);
    assert.equal((await t.db.select().from(siteCalendars).where(eq(siteCalendars.siteId, other.id))).length, 0);
  });
});
