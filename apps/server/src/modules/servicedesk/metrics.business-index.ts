import { addBusinessTime, type BusinessCalendar, businessDuration, businessIntervals } from '../../platform/calendar/business-time.ts';

/**
 * One site's business time over a reporting window, indexed once: the intervals with their running totals, so each
 * ticket's business duration or deadline is two binary searches instead of a walk through the calendar (30,000
 * tickets a month). Instants outside the window fall back to the calendar functions, with the same results.
 */
export class BusinessIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Business ms before interval i. */
  private readonly before: number[] = [];
  private readonly from: number;
  private readonly to: number;
  private readonly cal: BusinessCalendar;

  constructor(cal: BusinessCalendar, from: Date, to: Date) {
    this.cal = cal;
    this.from = from.getTime();
    this.to = to.getTime();
    let total = 0;
    for (const [s, e] of businessIntervals(from, to, cal)) {
      this.starts.push(s);
      this.ends.push(e);
      this.before.push(total);
      total += e - s;
    }
  }

  private inside(t: number) {
    return t >= this.from && t <= this.to;
  }

  /** Business ms from the window start to t. */
  private position(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= t) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return 0;
    return this.before[i] + Math.min(t, this.ends[i]) - this.starts[i];
  }

  /** Like businessDuration(from, to, cal). */
  duration(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (b <= a) return 0;
    if (!this.inside(a) || !this.inside(b)) return businessDuration(from, to, this.cal);
    return this.position(b) - this.position(a);
  }

  /** Like addBusinessTime(start, ms, cal) for ms > 0. */
  add(start: Date, ms: number): Date {
    const a = start.getTime();
    if (!this.inside(a) || ms <= 0) return addBusinessTime(start, ms, this.cal);
    const target = this.position(a) + ms;
    // The first interval whose end reaches the target: a deadline at closing time stays at closing time.
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.before[mid] + this.ends[mid] - this.starts[mid] >= target) {
        i = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    if (i < 0) return addBusinessTime(start, ms, this.cal);
    return new Date(this.starts[i] + target - this.before[i]);
  }
}
