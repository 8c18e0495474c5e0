import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addBusinessTime, agencyCalendarDefaults, businessDuration, overseasDefaultCalendar } from '../../platform/calendar/business-time.ts';
import { toBusinessCalendar } from '../../platform/calendar/calendar.service.ts';
import { BusinessIndex } from './metrics.business-index.ts';

test('the indexed business clock gives the calendar functions’ results (holidays, year-end closure, DST, outside the window)', () => {
  const calendars = [toBusinessCalendar(agencyCalendarDefaults, []), overseasDefaultCalendar('America/New_York')];
  // A deterministic spread of instants from mid-December (year-end closure) into March (US DST starts 3/8).
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = new Date('2025-12-15T00:00:00Z');
  const to = new Date('2026-03-31T00:00:00Z');
  for (const cal of calendars) {
    const index = new BusinessIndex(cal, from, to);
    for (let i = 0; i < 400; i++) {
      const a = new Date(from.getTime() - 5 * 86_400_000 + rand() * (to.getTime() - from.getTime()));
      const b = new Date(a.getTime() + rand() * 20 * 86_400_000);
      assert.equal(index.duration(a, b), businessDuration(a, b, cal), `${cal.timeZone} ${a.toISOString()} → ${b.toISOString()}`);
      const ms = Math.round(rand() * 30) * 15 * 60_000 + 60_000;
      assert.equal(index.add(a, ms).toISOString(), addBusinessTime(a, ms, cal).toISOString(), `${cal.timeZone} ${a.toISOString()} + ${ms}`);
    }
    // Exactly two hours before closing on a Friday ends at closing time, as addBusinessTime does.
    const friday = new Date('2026-03-06T06:45:00Z');
    assert.equal(index.add(friday, 2 * 3_600_000).toISOString(), addBusinessTime(friday, 2 * 3_600_000, cal).toISOString());
  }
});
