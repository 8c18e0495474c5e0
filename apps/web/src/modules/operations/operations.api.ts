import type { IncidentClockDto, IncidentDto } from '@unyo/contracts';
import dayjs from 'dayjs';
import { api, type PageOf } from '../../lib/api.ts';
import { japanDate } from '../backups/backups.api.ts';
import { listIncidents } from '../incidents/incidents.api.ts';

export const operationsKeys = {
  all: ['operations'] as const,
  widget: (name: string) => ['operations', name] as const,
};

/** How many rows each card lists; the count comes from the list's total. */
export const cardRows = 5;
export const chartDays = 30;

/** The clock of an incident that runs out first (breached ones first of all); null when none is running. */
export function mostUrgentClock(clocks: readonly IncidentClockDto[]): IncidentClockDto | null {
  const running = clocks.filter((c) => c.dueAt && (c.state === 'running' || c.state === 'breached'));
  running.sort((a, b) => Date.parse(a.dueAt ?? '') - Date.parse(b.dueAt ?? ''));
  return running[0] ?? null;
}

/** Open incidents, most urgent clock first. */
export async function fetchOpenIncidents(): Promise<{ total: number; items: IncidentDto[] }> {
  const page = await listIncidents({ status: 'open', limit: 200 });
  const due = (i: IncidentDto) => {
    const c = mostUrgentClock(i.clocks);
    return c?.dueAt ? Date.parse(c.dueAt) : Number.POSITIVE_INFINITY;
  };
  return { total: page.total, items: [...page.items].sort((a, b) => due(a) - due(b)) };
}

/** Incidents that occurred in the last `chartDays` days, counted per day in local time, oldest first. */
export async function fetchIncidentsPerDay(): Promise<{ day: string; count: number }[]> {
  const start = dayjs()
    .startOf('day')
    .subtract(chartDays - 1, 'day');
  const counts = new Map<string, number>();
  for (let i = 0; i < chartDays; i++) counts.set(start.add(i, 'day').format('YYYY-MM-DD'), 0);
  let cursor: string | undefined;
  // A few pages at most: the chart is a trend, not a report.
  for (let pageNo = 0; pageNo < 5; pageNo++) {
    const page: PageOf<IncidentDto> = await listIncidents({ from: start.toISOString(), limit: 500 }, cursor);
    for (const i of page.items) {
      const day = dayjs(i.milestones.occurred ?? i.createdAt).format('YYYY-MM-DD');
      if (counts.has(day)) counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return [...counts].map(([day, count]) => ({ day, count }));
}

/** Last night's and today's runs (the daily check) that failed or did not run. */
export const backupCheckRange = () => ({ from: japanDate(1), to: japanDate(0) });

export const fetchList = <T>(path: string, query: Record<string, string | number>) => api.get<PageOf<T>>(path, { limit: cardRows, ...query });
