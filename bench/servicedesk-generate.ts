import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../apps/server/src/db/client.ts';
import * as schema from '../apps/server/src/db/schema.ts';
import { seededRandom } from '../apps/server/src/modules/org/demo-data.ts';
import { type BulkTicketItem, bulkInsertTickets } from '../apps/server/src/modules/servicedesk/tickets.bulk.ts';
import type { NewTicketEvent } from '../apps/server/src/modules/servicedesk/tickets.kernel.ts';
import { systemActor } from '../apps/server/src/platform/auth/actor.ts';
import * as text from './servicedesk-text.ts';

/**
 * 1M-ticket service desk for the bench: three years of ja/en inquiries over the agency's sites, each with an event
 * log (received; answered ones a public reply or an answered call; resolutions, closures, vendor escalations).
 * Tickets go through the same bulk path as the history import (`bulkInsertTickets`: derived fields from
 * deriveTicket, first-answer due time from the site calendar, search columns from the trigger), a day at a time in
 * received order, as a live desk would have written them. A fixed seed gives the same rows on every run.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The window ends before any run date, so no ticket lies in the future. */
export const SD_END = Date.UTC(2026, 10, 1);
const SD_START = SD_END - 1096 * DAY;
const JST = 9 * HOUR;

type Site = { id: string; kind: string; people: { id: string; name: string; email: string | null }[] };
type Rnd = () => number;

const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const digits = (rnd: Rnd, n: number) => String(Math.floor(rnd() * 10 ** n)).padStart(n, '0');

function weighted<T extends { weight: number }>(xs: readonly T[]): (r: number) => T {
  const total = xs.reduce((s, x) => s + x.weight, 0);
  return (r) => {
    let acc = 0;
    for (const x of xs) {
      acc += x.weight / total;
      if (r < acc) return x;
    }
    return xs[xs.length - 1];
  };
}

function fill(rnd: Rnd, s: string, name: string): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k === 'name') return name;
    if (k === 'code')
      return `0x${Math.floor(rnd() * 0xffff)
        .toString(16)
        .toUpperCase()
        .padStart(4, '0')}`;
    if (k === 'pc') return `PC-${digits(rnd, 5)}`;
    if (k === 'ext') return digits(rnd, 4);
    if (k === 'h') return String(8 + Math.floor(rnd() * 10));
    if (k === 'm') return String(1 + Math.floor(rnd() * 12));
    if (k === 'y') return String(2020 + Math.floor(rnd() * 6));
    if (k === 'user') return `u${digits(rnd, 6)}`;
    const xs = (text.slots as Record<string, string[]>)[k];
    return xs ? pick(rnd, xs) : k;
  });
}

const channels = weighted([
  { v: 'phone', weight: 45 },
  { v: 'mail', weight: 30 },
  { v: 'portal', weight: 15 },
  { v: 'walk_in', weight: 5 },
  { v: 'remote', weight: 3 },
  { v: 'chat', weight: 2 },
]);
const priorities = weighted([
  { v: 'normal', weight: 80 },
  { v: 'high', weight: 10 },
  { v: 'low', weight: 7 },
  { v: 'urgent', weight: 3 },
]);
const jaTopic = weighted(text.jaTopics);
const enTopic = weighted(text.enTopics);

/** Minutes to the first answer: most within the hour, a tail beyond the 2 h target. */
function answerDelay(rnd: Rnd): number {
  const r = rnd();
  if (r < 0.7) return (2 + rnd() * 58) * MINUTE;
  if (r < 0.95) return (60 + rnd() * 180) * MINUTE;
  return (4 + rnd() * 44) * HOUR;
}

/** The event log after `received` for a ticket of this age (recent ones may still be open). */
function eventsOf(rnd: Rnd, at: number, channel: string, lang: 'ja' | 'en'): NewTicketEvent[] {
  const d = (t: number) => new Date(t);
  const agent = lang === 'ja' ? 'ヘルプデスク' : 'Service desk';
  const base = { actorLabel: agent, actorUserId: null };
  const reply = (t: number): NewTicketEvent => ({ ...base, type: 'public_reply', at: d(t), body: pick(rnd, lang === 'ja' ? text.jaReplies : text.enReplies) });
  const status = (t: number, from: string, to: string): NewTicketEvent => ({ ...base, type: 'status_changed', at: d(t), data: { from, to } });
  const r = rnd();
  if (SD_END - at < 3 * DAY) {
    if (r < 0.4) return [];
    if (r < 0.75) {
      const a = at + answerDelay(rnd);
      return [reply(a), status(a, 'new', 'in_progress')];
    }
  }
  if (channel === 'phone' && r < 0.55) {
    const wait = Math.floor(3 + rnd() * 25);
    const talk = Math.floor(60 + rnd() * 900);
    const call: NewTicketEvent = { ...base, type: 'call', at: d(at), data: { answered: true, direction: 'inbound', waitSeconds: wait, talkSeconds: talk } };
    return [call, status(at + talk * 1000, 'new', 'resolved')];
  }
  const a = at + answerDelay(rnd);
  if (r > 0.93) {
    const start = a + 30 * MINUTE;
    const end = start + (1 + rnd() * 5) * DAY;
    return [
      reply(a),
      { ...base, type: 'escalation_started', at: d(start), data: { vendor: pick(rnd, text.vendors) } },
      { ...base, type: 'escalation_ended', at: d(end) },
      status(end + HOUR, 'new', 'resolved'),
    ];
  }
  const resolved = a + 5 * MINUTE;
  if (r < 0.5) return [reply(a), status(resolved, 'new', 'resolved'), status(resolved + 3 * DAY, 'resolved', 'closed')];
  return [reply(a), status(resolved, 'new', 'resolved')];
}

type Context = { domestic: Site[]; domesticWeights: (r: number) => Site; overseas: Site[]; categories: Map<string, string> };

function makeTicket(rnd: Rnd, ctx: Context, at: number, lang: 'ja' | 'en'): BulkTicketItem {
  const channel = channels(rnd()).v;
  const topic = (lang === 'ja' ? jaTopic : enTopic)(rnd());
  const si = Math.floor(rnd() * topic.subjects.length);
  const site = lang === 'en' ? pick(rnd, ctx.overseas) : ctx.domesticWeights(rnd());
  const person = lang === 'ja' && site.people.length > 0 && rnd() < 0.9 ? pick(rnd, site.people) : null;
  const enName = `${pick(rnd, text.enGiven)} ${pick(rnd, text.enFamily)}`;
  const name = person?.name ?? (lang === 'ja' ? `${pick(rnd, text.slots.name)} ${pick(rnd, ['太郎', '花子', '健', '由美'])}` : enName);
  const short = lang === 'ja' ? name.split(' ')[0] : name;
  const details = [pick(rnd, topic.details), ...(rnd() < 0.5 ? [pick(rnd, topic.details)] : [])];
  const parts =
    lang === 'ja'
      ? [pick(rnd, text.jaOpenings), pick(rnd, text.jaContexts), ...details, pick(rnd, text.jaInfos), pick(rnd, text.jaClosings)]
      : [pick(rnd, text.enOpenings), pick(rnd, text.enContexts), ...details, pick(rnd, text.enClosings), rnd() < 0.5 ? enName : ''];
  const description = parts
    .map((p) => fill(rnd, p, short))
    .filter(Boolean)
    .join(lang === 'ja' ? '' : ' ');
  return {
    values: {
      channel,
      language: lang,
      requesterPersonId: person?.id ?? null,
      requesterName: name,
      requesterEmail: person?.email ?? (lang === 'en' ? `${enName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org` : null),
      requesterPhone: channel === 'phone' ? `03-${digits(rnd, 4)}-${digits(rnd, 4)}` : null,
      siteId: site.id,
      categoryId: ctx.categories.get(topic.category) ?? null,
      priority: priorities(rnd()).v,
      subject: fill(rnd, topic.subjects[si], short),
      description,
      team: lang === 'en' ? 'overseas' : 'helpdesk',
      installRequest: topic.installFrom !== undefined && si >= topic.installFrom,
      receivedAt: new Date(at),
    },
    events: eventsOf(rnd, at, channel, lang),
  };
}

async function loadContext(client: pg.Client): Promise<Context> {
  const { rows } = await client.query<{ id: string; kind: string; people: Site['people'] | null }>(
    `select s.id, s.kind, (select jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name_kanji, 'email', p.email) order by p.employee_number)
                          from (select * from people p where p.site_id = s.id and p.status = 'active' order by employee_number limit 200) p) people
     from sites s order by s.code`,
  );
  const sites = rows.map((r) => ({ id: r.id, kind: r.kind, people: r.people ?? [] }));
  const domestic = sites.filter((s) => s.kind !== 'overseas');
  const overseas = sites.filter((s) => s.kind === 'overseas');
  // Bigger offices ask more: weight by staff (at least 1 so every site appears).
  const domesticWeights = weighted(domestic.map((s) => ({ ...s, weight: Math.max(1, s.people.length) })));
  const cats = await client.query<{ code: string; id: string }>('select code, id from ticket_categories');
  return { domestic, domesticWeights, overseas, categories: new Map(cats.rows.map((c) => [c.code, c.id])) };
}

/** Tickets per day: weekdays carry the load, weekends a trickle; the counts add up to exactly `count`. */
function dayCounts(count: number): number[] {
  const weights = Array.from({ length: 1096 }, (_, d) => {
    const wd = new Date(SD_START + d * DAY + JST).getUTCDay();
    return wd === 0 || wd === 6 ? 0.08 : 1;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  let given = 0;
  return weights.map((w) => {
    acc += (w / total) * count;
    const n = Math.round(acc) - given;
    given += n;
    return n;
  });
}

export type GenerateResult = { tickets: number; events: number; ms: number; insertMs: number; indexMs: number; analyzeMs: number };

/**
 * Inserts `count` tickets. The two GIN search indexes are dropped during the load and rebuilt afterwards (one
 * sorted build instead of a million pending-list merges); the per-row search trigger stays on, so the search
 * columns are exactly what live inserts produce.
 */
export async function generateTickets(
  client: pg.Client,
  databaseUrl: string,
  count: number,
  opts: { chunk?: number; workers?: number; log?: (s: string) => void } = {},
): Promise<GenerateResult> {
  const t0 = performance.now();
  const chunk = opts.chunk ?? 10_000;
  const ctx = await loadContext(client);
  const { rows: idx } = await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where tablename = 'tickets' and indexname in ('tickets_grams_idx', 'tickets_search_trgm_idx')`,
  );
  for (const i of idx) await client.query(`drop index ${i.name}`);

  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.workers ?? 2 });
  const db = drizzle(pool, { schema }) as unknown as Db;
  const rnd = seededRandom(20261101);
  const counts = dayCounts(count);
  let events = 0;
  let done = 0;
  let pending: BulkTicketItem[] = [];
  const inFlight = new Set<Promise<void>>();
  const flush = async (items: BulkTicketItem[]) => {
    const p = db
      .transaction(async (tx) => {
        await bulkInsertTickets(tx as unknown as Db, { actor: systemActor, requestId: null }, items, { auditAction: null, batchSize: 1000 });
      })
      .then(() => {
        done += items.length;
        if (opts.log && done % (chunk * 10) < items.length) opts.log(`tickets: ${done.toLocaleString('en')} / ${count.toLocaleString('en')}`);
      });
    inFlight.add(p);
    void p.catch(() => {}).then(() => inFlight.delete(p));
    if (inFlight.size >= (opts.workers ?? 2)) await Promise.race(inFlight);
  };
  try {
    for (let d = 0; d < counts.length; d++) {
      const day = SD_START + d * DAY;
      const times: { at: number; lang: 'ja' | 'en' }[] = [];
      for (let k = 0; k < counts[d]; k++) {
        const lang = rnd() < 0.15 ? 'en' : 'ja';
        // Domestic inquiries in Japanese office hours (a few after hours); overseas ones around the clock.
        const at = lang === 'en' ? day + rnd() * DAY : day - JST + (rnd() < 0.97 ? 8.5 * HOUR + rnd() * 9.5 * HOUR : rnd() * DAY);
        times.push({ at: Math.floor(at), lang });
      }
      times.sort((a, b) => a.at - b.at);
      for (const t of times) {
        const item = makeTicket(rnd, ctx, t.at, t.lang);
        events += 1 + (item.events?.length ?? 0);
        pending.push(item);
        if (pending.length >= chunk) {
          await flush(pending);
          pending = [];
        }
      }
    }
    if (pending.length > 0) await flush(pending);
    await Promise.all(inFlight);
  } finally {
    await pool.end();
  }
  const t1 = performance.now();
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const i of idx) await client.query(i.def);
  const t2 = performance.now();
  await client.query('vacuum analyze tickets');
  await client.query('vacuum analyze ticket_events');
  // Flush the load now: a checkpoint writing it out during the measurements would be measured with them.
  await client.query('checkpoint');
  const t3 = performance.now();
  return { tickets: count, events, ms: t3 - t0, insertMs: t1 - t0, indexMs: t2 - t1, analyzeMs: t3 - t2 };
}
