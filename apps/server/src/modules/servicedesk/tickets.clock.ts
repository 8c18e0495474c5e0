import type { TicketClock, TicketClockState } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import { addBusinessTime, type BusinessCalendar, businessDuration } from '../../platform/calendar/business-time.ts';
import { resolveCalendar, resolveCalendars } from '../org/site-calendars.service.ts';
import { FIRST_ANSWER_TARGET_MS } from './tickets.kernel.ts';

/** Share of the 2 h target after which the assignee is warned (issue #6 item 3). */
export const AT_RISK_RATIO = 0.75;

export type ClockFacts = {
  siteId: string;
  receivedAt: Date;
  firstAnswerDueAt: Date | null;
  firstAnsweredAt: Date | null;
  installRequest: boolean;
  noResponse: boolean;
};

/** How long a loaded site calendar is reused across requests: clocks are display, a holiday edit shows within a minute. */
const SHARED_TTL_MS = 60_000;
const shared = new Map<string, { loadedAt: number; calendar: Promise<BusinessCalendar> }>();

/**
 * Site calendars for one request or one sweep. A page of tickets spans many sites and each calendar takes a few
 * queries to load, so loaded calendars are also kept for a minute across requests (the list stays a handful of
 * queries). The first-answer due time itself is computed by the kernel from the database, never from this cache.
 */
export class CalendarCache {
  private readonly bySite = new Map<string, Promise<BusinessCalendar>>();
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  get(siteId: string): Promise<BusinessCalendar> {
    let c = this.bySite.get(siteId);
    if (c) return c;
    const hit = shared.get(siteId);
    if (hit && Date.now() - hit.loadedAt < SHARED_TTL_MS) c = hit.calendar;
    else {
      c = resolveCalendar(this.db, siteId).then((r) => r.calendar);
      const entry = { loadedAt: Date.now(), calendar: c };
      shared.set(siteId, entry);
      c.catch(() => shared.get(siteId) === entry && shared.delete(siteId));
    }
    this.bySite.set(siteId, c);
    return c;
  }
  /** Loads every calendar this page needs that is not cached yet in one query. */
  async preload(siteIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(siteIds)];
    const missing = ids.filter((id) => {
      if (this.bySite.has(id)) return false;
      const hit = shared.get(id);
      return !(hit && Date.now() - hit.loadedAt < SHARED_TTL_MS);
    });
    if (missing.length > 1) {
      const loaded = await resolveCalendars(this.db, missing);
      for (const [id, r] of loaded) {
        const calendar = Promise.resolve(r.calendar);
        shared.set(id, { loadedAt: Date.now(), calendar });
        this.bySite.set(id, calendar);
      }
    }
    await Promise.all(ids.map((id) => this.get(id)));
  }
  /** Forget shared calendars (after a calendar change in tests). */
  static clearShared(): void {
    shared.clear();
  }
}

/** Install requests are outside S-4-6-1-1; an unavoidable no-response has no answer to time. */
export function isClockExcluded(t: Pick<ClockFacts, 'installRequest' | 'noResponse'>): boolean {
  return t.installRequest || t.noResponse;
}

/**
 * The first-answer clock of one ticket at `now`, in business time of the site's calendar: a ticket received on
 * Friday evening has used none of its 2 h over the weekend. Once answered the clock stops and shows the margin
 * it was answered with.
 */
export function computeClock(t: ClockFacts, calendar: BusinessCalendar, now: Date): TicketClock {
  const computedAt = now.toISOString();
  if (isClockExcluded(t)) return { dueAt: null, state: 'excluded', remainingMs: null, elapsedRatio: null, computedAt };
  const due = t.firstAnswerDueAt ?? addBusinessTime(t.receivedAt, FIRST_ANSWER_TARGET_MS, calendar);
  const stop = t.firstAnsweredAt ?? now;
  const elapsed = businessDuration(t.receivedAt, stop, calendar);
  let state: TicketClockState;
  if (t.firstAnsweredAt) state = t.firstAnsweredAt.getTime() <= due.getTime() ? 'met' : 'missed';
  else if (now.getTime() > due.getTime()) state = 'breached';
  else if (elapsed >= AT_RISK_RATIO * FIRST_ANSWER_TARGET_MS) state = 'at_risk';
  else state = 'running';
  return {
    dueAt: due.toISOString(),
    state,
    remainingMs: FIRST_ANSWER_TARGET_MS - elapsed,
    elapsedRatio: Math.round((elapsed / FIRST_ANSWER_TARGET_MS) * 1000) / 1000,
    computedAt,
  };
}

/** Clocks for many tickets, loading each site's calendar once. */
export async function computeClocks<T extends ClockFacts>(cache: CalendarCache, rows: readonly T[], now = new Date()): Promise<TicketClock[]> {
  await cache.preload(rows.filter((r) => !isClockExcluded(r)).map((r) => r.siteId));
  return Promise.all(
    rows.map(async (r) =>
      isClockExcluded(r)
        ? { dueAt: null, state: 'excluded' as const, remainingMs: null, elapsedRatio: null, computedAt: now.toISOString() }
        : computeClock(r, await cache.get(r.siteId), now),
    ),
  );
}
