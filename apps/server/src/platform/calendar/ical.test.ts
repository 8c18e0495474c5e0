import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIcalHolidays } from './ical.ts';

const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
const ny = { timeZone: 'America/New_York', untilYear: 2026 };
const dates = (r: ReturnType<typeof parseIcalHolidays>) => r.holidays.map((h) => `${h.date} ${h.name}`);

describe('iCalendar holiday import parser', () => {
  test('all-day events, with DTEND exclusive, CRLF line ends and folded lines', () => {
    const text = ics(
      ...event('UID:1', 'DTSTART;VALUE=DATE:20240704', 'DTEND;VALUE=DATE:20240705', 'SUMMARY:Independence', '  Day'),
      ...event('UID:2', 'DTSTART;VALUE=DATE:20241224', 'DTEND;VALUE=DATE:20241227', 'SUMMARY:Winter break\\, office closed'),
      ...event('UID:3', 'DTSTART:20241128', 'SUMMARY:Thanksgiving'),
    );
    const r = parseIcalHolidays(text, ny);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(dates(r), [
      '2024-07-04 Independence Day',
      '2024-11-28 Thanksgiving',
      '2024-12-24 Winter break, office closed',
      '2024-12-25 Winter break, office closed',
      '2024-12-26 Winter break, office closed',
    ]);
    assert.equal(r.holidays[0].row, 6); // the DTSTART line
  });

  test('bare LF and CR line ends, a BOM, tab folding and nested alarms', () => {
    const text = `\uFEFF${ics(...event('DTSTART;VALUE=DATE:20250101', 'SUMMARY:New', '\tYear', 'BEGIN:VALARM', 'SUMMARY:not this one', 'END:VALARM'))}`;
    assert.deepEqual(dates(parseIcalHolidays(text.replaceAll('\r\n', '\n'), ny)), ['2025-01-01 NewYear']);
    assert.deepEqual(dates(parseIcalHolidays(text.replaceAll('\r\n', '\r'), ny)), ['2025-01-01 NewYear']);
  });

  test('date-times become local dates of the calendar: UTC, TZID and floating', () => {
    const text = ics(
      // 2024-12-31 20:00 UTC is already New Year's Day in Tokyo.
      ...event('DTSTART:20241231T200000Z', 'DTEND:20241231T210000Z', 'SUMMARY:UTC'),
      ...event('DTSTART;TZID="America/New_York":20240902T000000', 'DTEND;TZID=America/New_York:20240903T000000', 'SUMMARY:Labor Day'),
      ...event('DTSTART:20240219T090000', 'DTEND:20240220T120000', 'SUMMARY:Two days'),
    );
    const tokyo = parseIcalHolidays(text, { timeZone: 'Asia/Tokyo', untilYear: 2026 });
    assert.deepEqual(tokyo.errors, []);
    // New York's 2 September (midnight to midnight) is 13:00 on 2 September to 13:00 on 3 September in Tokyo.
    assert.deepEqual(dates(tokyo), ['2024-02-19 Two days', '2024-02-20 Two days', '2024-09-02 Labor Day', '2024-09-03 Labor Day', '2025-01-01 UTC']);
    // In New York itself it covers 2 September only: the end is exclusive.
    assert.deepEqual(
      dates(parseIcalHolidays(text, ny)).filter((d) => d.includes('Labor')),
      ['2024-09-02 Labor Day'],
    );
  });

  test('yearly rules: COUNT, UNTIL, INTERVAL, the expansion horizon and 29 February', () => {
    const text = ics(
      ...event('DTSTART;VALUE=DATE:20230704', 'RRULE:FREQ=YEARLY;COUNT=2', 'SUMMARY:Fourth'),
      ...event('DTSTART;VALUE=DATE:20231225', 'RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', 'SUMMARY:Christmas'),
      ...event('DTSTART;VALUE=DATE:20221111', 'RRULE:FREQ=YEARLY;UNTIL=20241111', 'SUMMARY:Veterans'),
      ...event('DTSTART;VALUE=DATE:20200601', 'RRULE:FREQ=YEARLY;INTERVAL=3', 'SUMMARY:Every third'),
      ...event('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY', 'SUMMARY:Leap'),
    );
    const r = parseIcalHolidays(text, ny);
    assert.deepEqual(r.errors, []);
    const got = dates(r);
    assert.deepEqual(
      got.filter((d) => d.endsWith('Fourth')),
      ['2023-07-04 Fourth', '2024-07-04 Fourth'],
    );
    assert.deepEqual(
      got.filter((d) => d.endsWith('Christmas')),
      ['2023-12-25 Christmas', '2024-12-25 Christmas', '2025-12-25 Christmas', '2026-12-25 Christmas'],
    );
    assert.deepEqual(
      got.filter((d) => d.endsWith('Veterans')),
      ['2022-11-11 Veterans', '2023-11-11 Veterans', '2024-11-11 Veterans'],
    );
    assert.deepEqual(
      got.filter((d) => d.endsWith('third')),
      ['2020-06-01 Every third', '2023-06-01 Every third', '2026-06-01 Every third'],
    );
    assert.deepEqual(
      got.filter((d) => d.endsWith('Leap')),
      ['2024-02-29 Leap'],
    );
  });

  test('cancelled events are skipped and the first event wins a date', () => {
    const text = ics(
      ...event('DTSTART;VALUE=DATE:20240101', 'SUMMARY:First'),
      ...event('DTSTART;VALUE=DATE:20240101', 'SUMMARY:Second'),
      ...event('DTSTART;VALUE=DATE:20240102', 'STATUS:CANCELLED', 'SUMMARY:Cancelled'),
    );
    assert.deepEqual(dates(parseIcalHolidays(text, ny)), ['2024-01-01 First']);
  });

  test('every bad row is reported with its line number and property', () => {
    const text = ics(
      ...event('DTSTART;VALUE=DATE:20240230', 'SUMMARY:No such day'), // rows 4–7
      ...event('SUMMARY:No start'), // rows 8–10
      ...event('DTSTART;VALUE=DATE:20240301'), // rows 11–13
      ...event('DTSTART;VALUE=DATE:20240310', 'DTEND;VALUE=DATE:20240305', 'SUMMARY:Backwards'), // rows 14–18
      ...event('DTSTART;VALUE=DATE:20240401', 'RRULE:FREQ=MONTHLY', 'SUMMARY:Monthly'), // rows 19–23, RRULE on 21
      ...event('DTSTART;VALUE=DATE:20240501', 'DTEND:20240502T100000', 'SUMMARY:Mixed'), // rows 24–28
      'this line has no colon', // row 29
      ...event('DTSTART;VALUE=DATE:20240601', 'SUMMARY:Good'), // rows 30–33
    );
    const r = parseIcalHolidays(text, ny);
    assert.deepEqual(
      r.errors.map((e) => `${e.row} ${e.column} ${e.key}`),
      [
        '5 DTSTART error.invalid',
        '8 DTSTART error.required',
        '11 SUMMARY error.required',
        '16 DTEND error.end_before_start',
        '21 RRULE error.invalid',
        '26 DTEND error.invalid',
        '29 THIS LINE HAS NO COLON error.invalid',
      ],
    );
    assert.deepEqual(dates(r), ['2024-06-01 Good']);
  });

  test('a file that is not a calendar, and an event left open', () => {
    assert.deepEqual(parseIcalHolidays('date,name\n2024-01-01,New Year', ny).errors, [{ row: 1, column: 'BEGIN', key: 'error.invalid' }]);
    const open = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20240101', 'SUMMARY:x'].join('\r\n');
    assert.deepEqual(parseIcalHolidays(open, ny).errors, [{ row: 2, column: 'END', key: 'error.required' }]);
    assert.deepEqual(parseIcalHolidays(ics(), ny), { holidays: [], errors: [] });
  });
});
