import { DAY_MS, dateOfDayNumber, dayNumberOf, instantOf, isoWeekdayOf, localDayNumberOf } from '../../platform/calendar/zoned-time.ts';

/** What the due rule needs of a job (decision 0021). */
export type JobSchedule = {
  schedule: string;
  weekdays: number[];
  monthDay: number | null;
  dueTime: string;
  dueDayOffset: number;
  startsOn: string;
};

const lastDayOfMonth = (dayNumber: number) => {
  const d = new Date(dayNumber * DAY_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
};

/**
 * Whether a run is planned on a local date. Weekdays are Monday–Friday (holidays are not skipped: a server's
 * backup software runs on holidays too); a monthly day past the month's end falls on its last day.
 */
export function isRunDue(job: JobSchedule, dayNumber: number): boolean {
  if (dayNumber < dayNumberOf(job.startsOn)) return false;
  const weekday = isoWeekdayOf(dayNumber);
  switch (job.schedule) {
    case 'daily':
      return true;
    case 'weekdays':
      return weekday <= 5;
    case 'weekly':
      return job.weekdays.includes(weekday);
    case 'monthly': {
      if (!job.monthDay) return false;
      const day = new Date(dayNumber * DAY_MS).getUTCDate();
      return day === Math.min(job.monthDay, lastDayOfMonth(dayNumber));
    }
    default:
      return false;
  }
}

/** The instant a run's result is due: `dueTime` in the site's zone, `dueDayOffset` days after the run date. */
export function deadlineOf(job: JobSchedule, runDate: string, timeZone: string): Date {
  const [h, m] = job.dueTime.split(':').map(Number);
  return new Date(instantOf(dayNumberOf(runDate) + job.dueDayOffset, h * 60 + m, timeZone));
}

/** Planned run dates in [from, to] (inclusive, 'YYYY-MM-DD'). */
export function runDatesBetween(job: JobSchedule, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumberOf(from); d <= dayNumberOf(to); d++) if (isRunDue(job, d)) out.push(dateOfDayNumber(d));
  return out;
}

/**
 * Planned runs whose deadline passed by `now`, looking back `lookbackDays` from the site's local today. A
 * longer outage of the sweep than the look-back leaves older gaps to the monthly rate, which counts them anyway.
 */
export function overdueRunDates(job: JobSchedule, timeZone: string, now: Date, lookbackDays: number): string[] {
  const today = localDayNumberOf(now.getTime(), timeZone);
  const from = Math.max(today - lookbackDays, dayNumberOf(job.startsOn));
  const out: string[] = [];
  for (let d = from; d <= today; d++) {
    if (!isRunDue(job, d)) continue;
    const date = dateOfDayNumber(d);
    if (deadlineOf(job, date, timeZone).getTime() <= now.getTime()) out.push(date);
  }
  return out;
}

/** First and last date of a 'YYYY-MM' month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
