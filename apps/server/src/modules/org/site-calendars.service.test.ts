import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isBusinessDay } from '../../platform/calendar/business-time.ts';
import { businessCalendars, calendarHolidays } from '../../platform/calendar/calendar.table.ts';
import { makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { resolveCalendar, resolveCalendars } from './site-calendars.service.ts';
import { siteCalendars } from './site-calendars.table.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('calendars of many sites in one query match each site resolved alone (agency, overseas default, assigned with holidays)', async () => {
  const domestic = await makeSite(t, { kind: 'regional' });
  const overseas = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
  const assigned = await makeSite(t, { kind: 'overseas', country: 'FR', timeZone: 'Europe/Paris' });
  const [cal] = await t.db
    .insert(businessCalendars)
    .values({
      code: `paris-${assigned.code}`,
      nameJa: 'パリ事務所',
      nameEn: 'Paris office',
      timeZone: 'Europe/Paris',
      hours: [{ start: '09:00', end: '17:00' }],
    })
    .returning();
  await t.db.insert(calendarHolidays).values({ calendarId: cal.id, date: '2024-07-15', name: 'Pont du 14 juillet' });
  await t.db.insert(siteCalendars).values({ siteId: assigned.id, calendarId: cal.id });

  const ids = [domestic.id, overseas.id, assigned.id, '00000000-0000-4000-8000-000000000000'];
  const many = await resolveCalendars(t.db, ids);
  assert.equal(many.size, 3, 'an unknown site is left out');
  assert.deepEqual(
    [domestic.id, overseas.id, assigned.id].map((id) => many.get(id)?.source),
    ['agency', 'overseas', 'site'],
  );
  // Same source, stored row and calendar (hours, zone, holidays) as resolving each site alone.
  for (const id of [domestic.id, overseas.id, assigned.id]) assert.deepEqual(many.get(id), await resolveCalendar(t.db, id));
  const paris = many.get(assigned.id)!;
  assert.equal(paris.row?.id, cal.id);
  assert.equal(isBusinessDay('2024-07-15', paris.calendar), false, 'the entered holiday is closed');
  assert.equal(isBusinessDay('2024-07-16', paris.calendar), true);
  assert.equal(isBusinessDay('2024-05-06', many.get(domestic.id)!.calendar), false, 'Japanese substitute holiday on the agency calendar');
  assert.equal(isBusinessDay('2024-05-06', many.get(overseas.id)!.calendar), true);
});
