import fs from 'node:fs';
import { TicketListQuery } from '@unyo/contracts';
import autocannon, { type Options } from 'autocannon';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../apps/server/src/db/client.ts';
import * as schema from '../apps/server/src/db/schema.ts';
import { findTicketPage } from '../apps/server/src/modules/servicedesk/tickets.repo.ts';
import { adminActor, type Captured, explain, type ListCase, type ListResult, runAutocannon, runRaw, stats } from './list.ts';
import { generateTickets } from './servicedesk-generate.ts';
import { enTopics, jaTopics } from './servicedesk-text.ts';

/**
 * Issue #6 item 15: the ticket list and its text search over 1M tickets (API p95 next to the endpoint's own SQL run
 * raw, with the plans), and ticket creation through the API by 4 concurrent clients, each ticket checked for its
 * event log and its audit row afterwards.
 */

const LIST_PATH = '/api/v1/tickets';
async function captureTicketSql(databaseUrl: string, query: Record<string, string>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const db = drizzle(pool, { schema, logger: { logQuery: (text, values) => captured.push({ text, values }) } }) as unknown as Db;
    await findTicketPage(db, TicketListQuery.parse(query), adminActor, new Date());
  } finally {
    await pool.end();
  }
  // The search terms' frequencies are read from pg_stats once and kept ten minutes (gram-stats.ts): not per page.
  return captured.filter((s) => !/\bpg_stats\b/.test(s.text));
}

/** Which access path each statement took, read from its EXPLAIN ANALYZE (the issue asks for index-served search). */
export function accessPaths(plan: string): string[] {
  const found: string[] = [];
  const add = (re: RegExp, label: string) => re.test(plan) && !found.includes(label) && found.push(label);
  add(/Index (Only )?Scan( Backward)? using tickets_received_idx/, 'received_at index');
  add(/Bitmap Index Scan on tickets_grams_idx/, 'search_grams GIN');
  add(/Bitmap Index Scan on tickets_search_trgm_idx/, 'trigram GIN');
  add(/Index (Only )?Scan( Backward)? using tickets_(status|site_received|assignee|due)_idx/, 'filter index');
  add(/Index (Only )?Scan using (sites|ticket_categories|users|people)_pkey/, 'refs by key');
  add(/Seq Scan on tickets\b/, 'SEQ SCAN on tickets');
  const other = /Index Only Scan using (tickets_\w+)/.exec(plan);
  if (found.length === 0 && other) found.push(`index-only scan ${other[1]}`);
  return found;
}

export async function benchTicketList(opts: {
  baseUrl: string;
  databaseUrl: string;
  token: string;
  cases: ListCase[];
  seconds: number;
  connections: number;
  log: (s: string) => void;
}): Promise<(ListResult & { total: number | null; totalExact: boolean | null; paths: string[][] })[]> {
  const results = [];
  for (const c of opts.cases) {
    const path = `${LIST_PATH}?${new URLSearchParams(c.query)}`;
    const url = `${opts.baseUrl}${path}`;
    const probe = await fetch(url, { headers: { authorization: `Bearer ${opts.token}` } });
    if (!probe.ok) throw new Error(`${path}: ${probe.status} ${(await probe.text()).slice(0, 300)}`);
    const body = (await probe.json()) as { total?: number; totalExact?: boolean };
    const statements = await captureTicketSql(opts.databaseUrl, c.query);
    opts.log(`ticket list ${c.name}: warm-up, then ${opts.seconds} s × ${opts.connections} connections`);
    await runAutocannon(url, opts.token, Math.min(2, opts.seconds), opts.connections);
    const { latencies, result } = await runAutocannon(url, opts.token, opts.seconds, opts.connections);
    const api = { ...stats(latencies, result.duration), non2xx: result.non2xx, errors: result.errors };
    await runRaw(opts.databaseUrl, statements, Math.min(200, api.requests), opts.connections);
    const raw = await runRaw(opts.databaseUrl, statements, api.requests, opts.connections);
    const plans = await explain(opts.databaseUrl, statements);
    results.push({
      name: c.name,
      path,
      api,
      raw,
      ratioP95: api.p95 / raw.p95,
      plans,
      paths: plans.map(accessPaths),
      total: body.total ?? null,
      totalExact: body.totalExact ?? null,
    });
  }
  return results;
}

/** A varied but valid inquiry per request (subjects from the generator's vocabulary). */
function creationBodies(siteIds: { ja: string; en: string }) {
  let i = 0;
  const ja = jaTopics.flatMap((t) => t.subjects.map((s) => s.replace(/\{\w+\}/g, '3F')));
  const en = enTopics.flatMap((t) => t.subjects.map((s) => s.replace(/\{\w+\}/g, 'the 3rd floor')));
  return () => {
    i++;
    const english = i % 7 === 0;
    return JSON.stringify({
      channel: english ? 'mail' : 'phone',
      language: english ? 'en' : 'ja',
      requester: english ? { name: `Bench Requester ${i}`, email: `bench${i}@example.org` } : { name: `ベンチ 依頼者${i}`, phone: '03-1234-5678' },
      siteId: english ? siteIds.en : siteIds.ja,
      subject: english ? en[i % en.length] : ja[i % ja.length],
      description: english
        ? `Hello, since this morning: ${en[(i * 3) % en.length]}. Asset tag PC-${String(i).padStart(5, '0')}. Thank you.`
        : `お疲れ様です。本日から${ja[(i * 3) % ja.length]}という状態です。PC番号はPC-${String(i).padStart(5, '0')}です。よろしくお願いいたします。`,
    });
  };
}

export type CreateResult = {
  requests: number;
  created: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  check: { tickets: number; withReceivedEvent: number; events: number; auditRows: number; auditMissing: number };
  /** CPU per created ticket: what bounds the rate on a quiet machine (load-independent, unlike the rate). */
  cpuMsPerTicket: { server: number; postgres: number };
};

/** `amount` POST /tickets by `connections` clients; then every new ticket must have its received event and audit row. */
export async function benchTicketCreate(opts: {
  baseUrl: string;
  client: pg.Client;
  token: string;
  amount: number;
  connections: number;
  siteIds: { ja: string; en: string };
  serverPid: number;
}): Promise<CreateResult> {
  const { client } = opts;
  const before = new Date((await client.query(`select now() as t`)).rows[0].t);
  const next = creationBodies(opts.siteIds);
  const warm = await fetch(`${opts.baseUrl}${LIST_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
    body: next(),
  });
  if (warm.status !== 201) throw new Error(`POST ${LIST_PATH}: ${warm.status} ${(await warm.text()).slice(0, 300)}`);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const instance = autocannon({
    url: `${opts.baseUrl}${LIST_PATH}`,
    connections: opts.connections,
    amount: opts.amount,
    headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json', accept: 'application/json' },
    requests: [{ method: 'POST', setupRequest: (req: Record<string, unknown>) => ({ ...req, body: next() }) }],
  } as Options);
  instance.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    latencies.push(ms);
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
  });
  const cpu0 = await cpuSample(client, opts.serverPid);
  const result = await instance;
  const cpu1 = await cpuSample(client, opts.serverPid);
  const s = stats(latencies, result.duration);
  // Everything created since `before` (the warm-up ticket included): ticket, received event, audit row.
  const { rows } = await client.query(
    `with t as (select id from tickets where created_at >= $1)
     select (select count(*) from t)::int as tickets,
            (select count(*) from t where exists (select 1 from ticket_events e where e.ticket_id = t.id and e.seq = 1 and e.type = 'received'))::int as "withReceivedEvent",
            (select count(*) from ticket_events e where e.ticket_id in (select id from t))::int as events,
            (select count(*) from audit_log a where a.entity_type = 'ticket' and a.action = 'ticket.created' and a.entity_id in (select id::text from t))::int as "auditRows",
            (select count(*) from t where not exists (select 1 from audit_log a where a.entity_type = 'ticket' and a.action = 'ticket.created' and a.entity_id = t.id::text))::int as "auditMissing"`,
    [before],
  );
  return {
    requests: s.requests,
    created: statusCodes['201'] ?? 0,
    perSecond: (statusCodes['201'] ?? 0) / result.duration,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    check: rows[0],
    cpuMsPerTicket: { server: (cpu1.server - cpu0.server) / s.requests, postgres: backendCpu(cpu0.backends, cpu1.backends) / s.requests },
  };
}

/** CPU time (user + system) of a process in ms, from /proc (0 where unreadable). */
function cpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** CPU of the server process and of each PostgreSQL backend serving this database (same machine). */
async function cpuSample(client: pg.Client, serverPid: number) {
  const { rows } = await client.query(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  return { server: cpuMs(serverPid), backends: new Map(rows.map((r: { pid: number }) => [r.pid, cpuMs(r.pid)])) };
}

/** Backend CPU spent between two samples: backends that started since count whole; ones that ended were idle. */
function backendCpu(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

type Row = (measure: string, value: string, floor?: string, ratio?: string, target?: string, pass?: string) => void;

export const SD_TARGET = { listP95Ms: 50, createPerSecond: 500 };

/** The service-desk section of `npm run bench`: adds its rows to the report and returns its raw results. */
export async function benchServiceDesk(opts: {
  client: pg.Client;
  baseUrl: string;
  databaseUrl: string;
  token: string;
  pid: number;
  tickets: number;
  creates: number;
  seconds: number;
  connections: number;
  row: Row;
  log: (s: string) => void;
}) {
  const { client, row, log } = opts;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const probe = await fetch(`${opts.baseUrl}${LIST_PATH}?limit=1`, { headers: { authorization: `Bearer ${opts.token}` } });
  if (!probe.ok) {
    row('ticket list', `not available (${probe.status})`, '', '', '', 'SKIP');
    return { available: false };
  }
  const have = Number((await client.query('select count(*) from tickets')).rows[0].count);
  const extra = Math.max(0, opts.tickets - have);
  log(`tickets: ${have} from the demo, generating ${extra} more`);
  const gen = await generateTickets(client, opts.databaseUrl, extra, { log });
  row(
    `generate ${extra.toLocaleString('en')} tickets + ${gen.events.toLocaleString('en')} events (bulk path, search trigger)`,
    `${(gen.ms / 1000).toFixed(1)} s`,
    '',
    '',
    '',
    '',
  );
  row(
    '  of which: insert / GIN index builds / vacuum analyze',
    `${(gen.insertMs / 1000).toFixed(1)} s / ${(gen.indexMs / 1000).toFixed(1)} s / ${(gen.analyzeMs / 1000).toFixed(1)} s`,
  );

  const cases: ListCase[] = [
    { name: 'default page', query: { limit: '50' } },
    { name: 'q=印 (1 char)', query: { q: '印', limit: '50' } },
    { name: 'q=鬱 (1 char, no match)', query: { q: '鬱', limit: '50' } },
    { name: 'q=共有 (2 chars)', query: { q: '共有', limit: '50' } },
    { name: 'q=給与 (2 chars, rare)', query: { q: '給与', limit: '50' } },
    { name: 'q=パスワード (5 chars)', query: { q: 'パスワード', limit: '50' } },
    { name: 'q=printer (English)', query: { q: 'printer', limit: '50' } },
  ];
  const list = await benchTicketList({ ...opts, cases });
  for (const r of list) {
    const bad = r.api.non2xx + r.api.errors;
    row(
      `ticket list ${r.name}: p95 (p50/p99)${bad ? ` (${bad} errors!)` : ''}`,
      `${ms(r.api.p95)} (${r.api.p50.toFixed(1)}/${r.api.p99.toFixed(1)})`,
      `${ms(r.raw.p95)} (${r.raw.p50.toFixed(1)}/${r.raw.p99.toFixed(1)})`,
      `${r.ratioP95.toFixed(1)}×`,
      `≤ ${SD_TARGET.listP95Ms} ms`,
      verdict(r.api.p95 <= SD_TARGET.listP95Ms && bad === 0),
    );
    const total = r.total === null ? '?' : `${r.total.toLocaleString('en')}${r.totalExact ? '' : '+'}`;
    row(`  ${r.name}: total; plan of page | count`, `${total}; ${r.paths[0]?.join(' + ')} | ${r.paths[1]?.join(' + ')}`);
  }

  const site = async (where: string) => (await client.query(`select id from sites where ${where} order by code limit 1`)).rows[0].id as string;
  const siteIds = { ja: await site(`code = 'TKY'`), en: await site(`kind = 'overseas'`) };
  log(`ticket creation: ${opts.creates} × POST ${LIST_PATH} with ${opts.connections} clients`);
  let created: CreateResult;
  try {
    created = await benchTicketCreate({
      baseUrl: opts.baseUrl,
      client,
      token: opts.token,
      amount: opts.creates,
      connections: opts.connections,
      siteIds,
      serverPid: opts.pid,
    });
  } catch (err) {
    row(`ticket creation`, `failed: ${String((err as Error).message).slice(0, 120)}`, '', '', `≥ ${SD_TARGET.createPerSecond}/s`, 'FAIL');
    return { available: true, generated: extra, generation: gen, list, create: null };
  }
  const c = created.check;
  const complete = c.tickets === created.created + 1 && c.withReceivedEvent === c.tickets && c.auditRows === c.tickets && c.auditMissing === 0;
  row(
    `ticket creation: ${created.requests.toLocaleString('en')} POST ${LIST_PATH}, ${opts.connections} clients`,
    `${created.perSecond.toFixed(0)}/s (p95 ${created.p95.toFixed(1)} ms, p50 ${created.p50.toFixed(1)})${created.non2xx + created.errors ? `, ${created.non2xx + created.errors} failed: ${JSON.stringify(created.statusCodes)}` : ''}`,
    '',
    '',
    `≥ ${SD_TARGET.createPerSecond}/s`,
    verdict(created.perSecond >= SD_TARGET.createPerSecond && created.non2xx + created.errors === 0),
  );
  row('  CPU per created ticket: server / PostgreSQL', `${created.cpuMsPerTicket.server.toFixed(2)} ms / ${created.cpuMsPerTicket.postgres.toFixed(2)} ms`);
  row(
    '  created tickets / received events / audit rows',
    `${c.tickets} / ${c.withReceivedEvent} / ${c.auditRows} (${c.events} events)`,
    '',
    '',
    'all equal',
    verdict(complete),
  );
  return { available: true, generated: extra, generation: gen, list, create: created };
}
