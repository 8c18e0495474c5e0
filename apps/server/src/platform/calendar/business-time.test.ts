import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addBusinessDays,
  addBusinessTime,
  agencyCalendarDefaults,
  alwaysCalendar,
  type BusinessCalendar,
  businessDayMs,
  businessDuration,
  isBusinessDay,
  NoBusinessTimeError,
  nextBusinessStart,
  overseasDefaultCalendar,
} from './business-time.ts';
import { isJapaneseHoliday, japaneseHoliday, japaneseHolidaysOf } from './japanese-holidays.ts';
import { dayNumberOf, instantOf, isoWeekdayOf, localDateOf, offsetAt } from './zoned-time.ts';

const M = 60_000;
const H = 60 * M;
const at = (iso: string) => new Date(iso);
/** Asserts an instant, printing both sides in UTC when it differs. */
const same = (actual: Date, expectedIso: string) => assert.equal(actual.toISOString(), new Date(expectedIso).toISOString());

const agency: BusinessCalendar = { ...agencyCalendarDefaults, holidays: new Set() };
const newYork = overseasDefaultCalendar('America/New_York');
const paris = overseasDefaultCalendar('Europe/Paris');
const lunch: BusinessCalendar = {
  ...agency,
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:45' },
  ],
};

describe('zoned time helper', () => {
  test('wall-clock times resolve to instants, with spring gaps moved forward and autumn overlaps taking the earlier instant', () => {
    const day = (d: string) => dayNumberOf(d);
    assert.equal(new Date(instantOf(day('2024-07-01'), 9 * 60, 'Asia/Tokyo')).toISOString(), '2024-07-01T00:00:00.000Z');
    // New York, 10 March 2024: 02:00–03:00 does not exist; 02:30 is read as 03:30 EDT.
    assert.equal(new Date(instantOf(day('2024-03-10'), 150, 'America/New_York')).toISOString(), '2024-03-10T07:30:00.000Z');
    // 3 November 2024: 01:30 happens twice; the first (EDT) is taken.
    assert.equal(new Date(instantOf(day('2024-11-03'), 90, 'America/New_York')).toISOString(), '2024-11-03T05:30:00.000Z');
    assert.equal(new Date(instantOf(day('2024-11-03'), 24 * 60, 'America/New_York')).toISOString(), '2024-11-04T05:00:00.000Z');
    // Half- and quarter-hour zones.
    assert.equal(new Date(instantOf(day('2024-01-15'), 9 * 60, 'Asia/Kathmandu')).toISOString(), '2024-01-15T03:15:00.000Z');
    assert.equal(offsetAt(Date.parse('2024-01-15T00:00:00Z'), 'Asia/Kolkata'), 5.5 * H);
  });

  test('local dates and ISO weekdays', () => {
    assert.equal(localDateOf(Date.parse('2024-12-31T15:00:00Z'), 'Asia/Tokyo'), '2025-01-01');
    assert.equal(localDateOf(Date.parse('2024-12-31T15:00:00Z'), 'America/New_York'), '2024-12-31');
    assert.equal(isoWeekdayOf(dayNumberOf('1970-01-01')), 4);
    assert.equal(isoWeekdayOf(dayNumberOf('2024-03-10')), 7);
    assert.equal(isoWeekdayOf(dayNumberOf('2024-03-11')), 1);
    assert.throws(() => dayNumberOf('2023-02-29'), RangeError);
  });
});

describe('Japanese national holidays (package data)', () => {
  test('substitute holidays (振替休日) and citizens’ holidays (国民の休日) are included', () => {
    assert.equal(japaneseHoliday('2024-05-06')?.name, 'こどもの日 振替休日');
    for (const d of ['2019-04-30', '2019-05-01', '2019-05-02', '2026-09-22']) assert.ok(isJapaneseHoliday(d), d);
    assert.equal(japaneseHoliday('2026-09-22')?.nameEn, "Citizen's Holiday");
    // The 2020 Olympics moved Marine, Sports and Mountain Day.
    for (const d of ['2020-07-23', '2020-07-24', '2020-08-10']) assert.ok(isJapaneseHoliday(d), d);
    assert.equal(isJapaneseHoliday('2020-10-12'), false);
    assert.equal(isJapaneseHoliday('2024-05-07'), false);
    const y2019 = japaneseHolidaysOf(2019).map((h) => h.date);
    assert.ok(y2019.includes('2019-10-22'), 'enthronement ceremony day');
    assert.deepEqual(y2019, [...y2019].sort());
  });

  test('isBusinessDay on the agency calendar: weekends, national holidays, the 12/29–1/3 closure and entered holidays', () => {
    const cases: [string, boolean][] = [
      ['2024-05-06', false], // substitute holiday
      ['2024-05-07', true],
      ['2019-04-30', false], // citizens' holiday before the enthronement
      ['2019-05-02', false],
      ['2026-09-22', false], // citizens' holiday between 敬老の日 and 秋分の日
      ['2026-09-24', true],
      ['2024-03-09', false], // Saturday
      ['2027-12-29', false], // Wednesday in the closure
      ['2027-12-28', true],
      ['2028-01-03', false],
      ['2028-01-04', true],
    ];
    for (const [date, expected] of cases) assert.equal(isBusinessDay(date, agency), expected, date);
    const withAnniversary = { ...agency, holidays: new Set(['2024-10-01']) };
    assert.equal(isBusinessDay('2024-10-01', withAnniversary), false);
    const byFunction = { ...agency, holidays: (d: string) => d.endsWith('-10-01') };
    assert.equal(isBusinessDay('2025-10-01', byFunction), false);
    assert.equal(isBusinessDay('2025-10-02', byFunction), true);
    assert.equal(isBusinessDay('2024-05-06', alwaysCalendar), true);
  });
});

describe('the agency calendar (Mon–Fri 9:00–17:45 Asia/Tokyo)', () => {
  test('Friday 17:00 + 2 h is Monday 10:15', () => {
    same(addBusinessTime(at('2024-03-08T17:00:00+09:00'), 2 * H, agency), '2024-03-11T10:15:00+09:00');
  });

  test('a duration ending at closing time ends then, not at the next opening', () => {
    same(addBusinessTime(at('2024-03-08T17:00:00+09:00'), 45 * M, agency), '2024-03-08T17:45:00+09:00');
    same(addBusinessTime(at('2024-03-08T17:00:00+09:00'), 45 * M + 1, agency), '2024-03-11T09:00:00.001+09:00');
  });

  test('a start outside business hours counts from the next opening', () => {
    same(addBusinessTime(at('2024-03-09T11:00:00+09:00'), 1 * H, agency), '2024-03-11T10:00:00+09:00'); // Saturday
    same(addBusinessTime(at('2024-03-10T23:59:00+09:00'), 1 * H, agency), '2024-03-11T10:00:00+09:00'); // Sunday night
    same(addBusinessTime(at('2024-03-12T07:00:00+09:00'), 2 * H, agency), '2024-03-12T11:00:00+09:00'); // 07:00
    same(addBusinessTime(at('2024-03-12T20:00:00+09:00'), 30 * M, agency), '2024-03-13T09:30:00+09:00'); // 20:00
    same(addBusinessTime(at('2024-03-12T17:45:00+09:00'), 1 * M, agency), '2024-03-13T09:01:00+09:00'); // at closing
    assert.equal(businessDuration(at('2024-03-09T00:00:00+09:00'), at('2024-03-11T09:00:00+09:00'), agency), 0);
  });

  test('durations of several days: 2 business days of 4 h SLA spill over correctly', () => {
    same(addBusinessTime(at('2024-03-12T15:00:00+09:00'), 4 * H, agency), '2024-03-13T10:15:00+09:00');
    same(addBusinessTime(at('2024-03-11T09:00:00+09:00'), 5 * 8.75 * H, agency), '2024-03-15T17:45:00+09:00');
    same(addBusinessDays(at('2024-03-12T10:00:00+09:00'), 1, agency), '2024-03-13T10:00:00+09:00');
    same(addBusinessDays(at('2024-03-12T20:00:00+09:00'), 1, agency), '2024-03-13T17:45:00+09:00');
    assert.equal(businessDayMs(agency), 8.75 * H);
  });

  test('Golden Week 2024: Friday 5/2 … Monday 5/6 (substitute holiday) are skipped', () => {
    same(addBusinessTime(at('2024-05-02T17:00:00+09:00'), 2 * H, agency), '2024-05-07T10:15:00+09:00');
    // 4/26, 4/30, 5/1, 5/2, 5/7: five business days between the two Fridays' mornings and the Wednesday.
    assert.equal(businessDuration(at('2024-04-26T09:00:00+09:00'), at('2024-05-08T09:00:00+09:00'), agency), 5 * 8.75 * H);
  });

  test('Golden Week 2019: ten days off including the citizens’ holidays around the enthronement', () => {
    same(addBusinessTime(at('2019-04-26T17:00:00+09:00'), 2 * H, agency), '2019-05-07T10:15:00+09:00');
    assert.equal(businessDuration(at('2019-04-26T17:45:00+09:00'), at('2019-05-07T09:00:00+09:00'), agency), 0);
  });

  test('the 2026 Silver Week citizens’ holiday', () => {
    // 9/19 Sat … 9/23 Wed 秋分の日, with 9/22 a citizens' holiday.
    same(addBusinessTime(at('2026-09-18T17:00:00+09:00'), 2 * H, agency), '2026-09-24T10:15:00+09:00');
  });

  test('year end: 12/28 16:00 + 4 h runs past the 12/29–1/3 closure (and a weekend after it)', () => {
    same(addBusinessTime(at('2023-12-28T16:00:00+09:00'), 4 * H, agency), '2024-01-04T11:15:00+09:00');
    // 2025-12-26 is a Friday and 2026-01-04 a Sunday: the next business day is Monday 1/5.
    same(addBusinessTime(at('2025-12-26T16:00:00+09:00'), 4 * H, agency), '2026-01-05T11:15:00+09:00');
    assert.equal(businessDuration(at('2024-12-27T17:45:00+09:00'), at('2025-01-06T09:00:00+09:00'), agency), 0);
  });

  test('nextBusinessStart', () => {
    same(nextBusinessStart(at('2024-03-12T10:30:00+09:00'), agency), '2024-03-12T10:30:00+09:00');
    same(nextBusinessStart(at('2024-03-09T10:30:00+09:00'), agency), '2024-03-11T09:00:00+09:00');
    same(nextBusinessStart(at('2024-03-12T17:45:00+09:00'), agency), '2024-03-13T09:00:00+09:00');
    same(nextBusinessStart(at('2023-12-28T18:00:00+09:00'), agency), '2024-01-04T09:00:00+09:00');
  });
});

describe('a lunch break (9:00–12:00, 13:00–17:45)', () => {
  test('time stops over lunch', () => {
    same(addBusinessTime(at('2024-03-12T11:30:00+09:00'), 1 * H, lunch), '2024-03-12T13:30:00+09:00');
    same(addBusinessTime(at('2024-03-12T12:30:00+09:00'), 15 * M, lunch), '2024-03-12T13:15:00+09:00');
    same(addBusinessTime(at('2024-03-12T11:00:00+09:00'), 1 * H, lunch), '2024-03-12T12:00:00+09:00');
    assert.equal(businessDuration(at('2024-03-12T09:00:00+09:00'), at('2024-03-12T17:45:00+09:00'), lunch), 7.75 * H);
    assert.equal(businessDuration(at('2024-03-12T12:10:00+09:00'), at('2024-03-12T12:50:00+09:00'), lunch), 0);
    same(nextBusinessStart(at('2024-03-12T12:10:00+09:00'), lunch), '2024-03-12T13:00:00+09:00');
    assert.equal(businessDayMs(lunch), 7.75 * H);
  });
});

describe('overseas offices with daylight saving time', () => {
  test('New York, March: Friday 17:00 EST + 2 h is Monday 10:15 EDT, and the DST Monday is 8 h 45 min long', () => {
    same(addBusinessTime(at('2024-03-08T17:00:00-05:00'), 2 * H, newYork), '2024-03-11T10:15:00-04:00');
    assert.equal(businessDuration(at('2024-03-11T00:00:00-04:00'), at('2024-03-12T00:00:00-04:00'), newYork), 8.75 * H);
    assert.equal(businessDuration(at('2024-03-08T09:00:00-05:00'), at('2024-03-11T17:45:00-04:00'), newYork), 17.5 * H);
    // Friday 16:00 + 8 h 45 min: one full business day later is Monday 16:00 local although the offset changed.
    same(addBusinessTime(at('2024-03-08T16:00:00-05:00'), 8.75 * H, newYork), '2024-03-11T16:00:00-04:00');
  });

  test('New York, November: Friday 17:00 EDT + 2 h is Monday 10:15 EST', () => {
    same(addBusinessTime(at('2024-11-01T17:00:00-04:00'), 2 * H, newYork), '2024-11-04T10:15:00-05:00');
    assert.equal(businessDuration(at('2024-11-01T09:00:00-04:00'), at('2024-11-04T17:45:00-05:00'), newYork), 17.5 * H);
  });

  test('the same instant is a different local day in Tokyo and New York', () => {
    // Monday 09:30 in Tokyo is Sunday 20:30 in New York: New York's clock starts on Monday 9:00 EDT.
    same(addBusinessTime(at('2024-03-11T09:30:00+09:00'), 1 * H, newYork), '2024-03-11T10:00:00-04:00');
    same(addBusinessTime(at('2024-03-11T09:30:00+09:00'), 1 * H, agency), '2024-03-11T10:30:00+09:00');
  });

  test('a clock running around the clock sees the 23-hour and 25-hour days', () => {
    const allDay: BusinessCalendar = { ...newYork, workdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ start: '00:00', end: '24:00' }] };
    assert.equal(businessDuration(at('2024-03-10T00:00:00-05:00'), at('2024-03-11T00:00:00-04:00'), allDay), 23 * H);
    assert.equal(businessDuration(at('2024-11-03T00:00:00-04:00'), at('2024-11-04T00:00:00-05:00'), allDay), 25 * H);
    same(addBusinessTime(at('2024-03-10T00:00:00-05:00'), 23 * H, allDay), '2024-03-11T00:00:00-04:00');
    // Hours inside the skipped hour do not exist that day.
    const night: BusinessCalendar = { ...allDay, hours: [{ start: '02:00', end: '03:00' }] };
    assert.equal(businessDuration(at('2024-03-10T00:00:00-05:00'), at('2024-03-11T00:00:00-04:00'), night), 0);
    assert.equal(businessDuration(at('2024-03-11T00:00:00-04:00'), at('2024-03-12T00:00:00-04:00'), night), 1 * H);
  });

  test('Paris, last Sunday of March and of October', () => {
    same(addBusinessTime(at('2024-03-29T17:00:00+01:00'), 2 * H, paris), '2024-04-01T10:15:00+02:00');
    same(addBusinessTime(at('2024-10-25T17:00:00+02:00'), 2 * H, paris), '2024-10-28T10:15:00+01:00');
    assert.equal(businessDuration(at('2024-03-31T00:00:00+01:00'), at('2024-04-02T00:00:00+02:00'), paris), 8.75 * H);
    // An office holiday entered for the site (Easter Monday) moves the due time to Tuesday.
    const parisOffice = overseasDefaultCalendar('Europe/Paris', new Set(['2024-04-01']));
    same(addBusinessTime(at('2024-03-29T17:00:00+01:00'), 2 * H, parisOffice), '2024-04-02T10:15:00+02:00');
  });

  test('overseas defaults ignore Japanese holidays', () => {
    assert.equal(isBusinessDay('2024-05-06', newYork), true);
    assert.equal(isBusinessDay('2024-12-30', newYork), true);
  });
});

describe('24×7', () => {
  test('business time is wall-clock time, across weekends, holidays and DST', () => {
    const start = at('2024-05-03T03:00:00Z');
    same(addBusinessTime(start, 50 * H, alwaysCalendar), '2024-05-05T05:00:00Z');
    assert.equal(businessDuration(at('2024-03-09T00:00:00Z'), at('2024-03-12T12:34:56Z'), alwaysCalendar), (3 * 24 + 12) * H + 34 * M + 56_000);
    same(nextBusinessStart(at('2024-12-31T18:00:00Z'), alwaysCalendar), '2024-12-31T18:00:00Z');
    assert.equal(businessDayMs(alwaysCalendar), 24 * H);
  });
});

describe('guards', () => {
  test('a calendar with no business time throws a clear error instead of looping', () => {
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), H, { ...agency, workdays: [] }), NoBusinessTimeError);
    assert.throws(() => businessDuration(at('2024-03-12T10:00:00Z'), at('2024-03-13T10:00:00Z'), { ...agency, hours: [] }), NoBusinessTimeError);
    const closedAllYear = { ...agency, closures: [{ from: '01-01', to: '12-31' }] };
    const t0 = performance.now();
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), H, closedAllYear), /no business time in 400 consecutive days/);
    assert.throws(() => nextBusinessStart(at('2024-03-12T10:00:00Z'), closedAllYear), NoBusinessTimeError);
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(businessDuration(at('2024-03-12T10:00:00Z'), at('2024-03-13T10:00:00Z'), closedAllYear), 0);
  });

  test('bad input is refused', () => {
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), -1, agency), RangeError);
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), Number.NaN, agency), RangeError);
    assert.throws(() => addBusinessTime(new Date('nonsense'), H, agency), /start is not a valid date/);
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), H, { ...agency, timeZone: 'Mars/Olympus' }), /Unknown time zone/);
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), H, { ...agency, hours: [{ start: '18:00', end: '09:00' }] }), RangeError);
    const overlapping = [
      { start: '09:00', end: '13:00' },
      { start: '12:00', end: '17:00' },
    ];
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), H, { ...agency, hours: overlapping }), /overlap/);
    assert.throws(() => addBusinessTime(at('2024-03-12T10:00:00Z'), H, { ...agency, workdays: [0] }), RangeError);
    assert.throws(() => isBusinessDay('2024-13-01', agency), RangeError);
  });

  test('zero and negative spans', () => {
    same(addBusinessTime(at('2024-03-09T10:00:00Z'), 0, agency), '2024-03-09T10:00:00Z');
    assert.equal(businessDuration(at('2024-03-12T03:00:00Z'), at('2024-03-12T03:00:00Z'), agency), 0);
    assert.equal(businessDuration(at('2024-03-12T05:00:00Z'), at('2024-03-12T03:00:00Z'), agency), 0);
  });

  test('a one-year span is computed quickly (whole non-business days are skipped)', () => {
    const fresh = (): BusinessCalendar => ({ ...agency, holidays: new Set(['2024-10-01']) });
    let t0 = performance.now();
    const year = businessDuration(at('2024-01-01T00:00:00+09:00'), at('2025-01-01T00:00:00+09:00'), fresh());
    const durationMs = performance.now() - t0;
    // 366 days − 104 weekend days − 19 weekdays off (14 national holidays; 1/2, 1/3, 12/30, 12/31; the entered 10/1) = 243.
    assert.equal(year, 243 * 8.75 * H);
    t0 = performance.now();
    same(addBusinessTime(at('2024-01-01T00:00:00+09:00'), year, fresh()), '2024-12-27T17:45:00+09:00');
    assert.ok(durationMs < 250 && performance.now() - t0 < 250, `took ${durationMs} ms`);
  });
});

/** mulberry32: a small seeded PRNG so the property runs are reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('properties over 500 random cases (seeded)', () => {
  const calendars: [string, BusinessCalendar][] = [
    ['agency', agency],
    ['lunch', lunch],
    ['New York', newYork],
    ['Paris', paris],
    ['Sydney', { ...overseasDefaultCalendar('Australia/Sydney'), holidays: new Set(['2024-01-26', '2025-01-27']) }],
    ['Kathmandu Sun–Fri', { ...overseasDefaultCalendar('Asia/Kathmandu'), workdays: [7, 1, 2, 3, 4, 5] }],
    ['24x7', alwaysCalendar],
  ];
  const from = Date.parse('2018-11-01T00:00:00Z');
  const to = Date.parse('2027-03-01T00:00:00Z');

  test('businessDuration(s, addBusinessTime(s, d)) = d, the due time is never early, and durations add up', () => {
    const rnd = prng(20240310);
    for (let i = 0; i < 500; i++) {
      const [name, cal] = calendars[Math.floor(rnd() * calendars.length)];
      const start = new Date(from + Math.floor(rnd() * (to - from)));
      // Mostly SLA-sized durations (minutes to a few days), sometimes weeks, sometimes not whole minutes.
      const scale = rnd() < 0.8 ? 30 * H : 400 * H;
      const d = rnd() < 0.2 ? Math.floor(rnd() * scale) : Math.floor(rnd() * (scale / M)) * M;
      const due = addBusinessTime(start, d, cal);
      const label = `${name} ${start.toISOString()} + ${d} ms → ${due.toISOString()}`;
      assert.equal(businessDuration(start, due, cal), d, label);
      assert.ok(due.getTime() >= start.getTime() + (cal.always ? d : 0), label);
      if (d > 0) assert.ok(businessDuration(start, new Date(due.getTime() - 1), cal) === d - 1, `${label}: due is the first instant`);
      const mid = new Date(start.getTime() + Math.floor(rnd() * (due.getTime() - start.getTime() + 1)));
      assert.equal(businessDuration(start, mid, cal) + businessDuration(mid, due, cal), d, `${label} split at ${mid.toISOString()}`);
      const opening = nextBusinessStart(start, cal);
      assert.equal(businessDuration(start, opening, cal), 0, label);
    }
  });
});
