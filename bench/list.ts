import { PersonListQuery } from '@unyo/contracts';
import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../apps/server/src/db/client.ts';
import * as schema from '../apps/server/src/db/schema.ts';
import { findPersonPage } from '../apps/server/src/modules/org/people.repo.ts';
import type { Actor } from '../apps/server/src/platform/auth/actor.ts';

/** The people list API under load (autocannon) next to the very same SQL run raw through `pg`. */

export type LatencyStats = { requests: number; p50: number; p95: number; p99: number; perSecond: number };
export type ListCase = { name: string; query: Record<string, string> };
export type ListResult = {
  name: string;
  path: string;
  api: LatencyStats & { non2xx: number; errors: number };
  raw: LatencyStats;
  ratioP95: number;
  /** EXPLAIN ANALYZE of each statement after the load, for reading a slow result. */
  plans: string[];
};

export function stats(latencies: number[], seconds: number): LatencyStats {
  const s = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : Number.NaN);
  return { requests: s.length, p50: at(50), p95: at(95), p99: at(99), perSecond: s.length / seconds };
}

// The list endpoint scopes by the actor; an admin token sees every site, so the captured SQL has no scope clause.
export const adminActor = { visibleSiteIds: null, permissions: new Set(), roles: ['admin'] } as unknown as Actor;

export type Captured = { text: string; values: unknown[] };

/**
 * The statements the repository runs for one page (rows + total), captured through Drizzle's logger from the
 * real `findPersonPage`, so the raw floor can never drift from what the endpoint executes.
 */
export async function captureListSql(databaseUrl: string, query: Record<string, string>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const db = drizzle(pool, { schema, logger: { logQuery: (text, values) => captured.push({ text, values }) } }) as unknown as Db;
    await findPersonPage(db, PersonListQuery.parse(query), adminActor);
  } finally {
    await pool.end();
  }
  return captured;
}

export async function runAutocannon(url: string, token: string, seconds: number, connections: number) {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  // autocannon's own histogram has whole-millisecond buckets and no p95: keep every response time instead.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  return { latencies, result };
}

/** `requests` page loads with `concurrency` clients in parallel, each load being the captured statements in order. */
export async function runRaw(databaseUrl: string, statements: Captured[], requests: number, concurrency: number): Promise<LatencyStats> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const client = await pool.connect();
        try {
          while (next++ < requests) {
            const t0 = performance.now();
            for (const s of statements) await client.query(s.text, s.values);
            latencies.push(performance.now() - t0);
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  return stats(latencies, (performance.now() - started) / 1000);
}

export async function explain(databaseUrl: string, statements: Captured[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const plans: string[] = [];
    for (const s of statements) {
      const { rows } = await client.query(`explain (analyze) ${s.text}`, s.values);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans;
  } finally {
    await client.end();
  }
}

export async function benchList(opts: {
  baseUrl: string;
  databaseUrl: string;
  token: string;
  cases: ListCase[];
  seconds: number;
  connections: number;
  log: (s: string) => void;
}): Promise<ListResult[]> {
  const results: ListResult[] = [];
  for (const c of opts.cases) {
    const path = `/api/v1/people?${new URLSearchParams(c.query)}`;
    const url = `${opts.baseUrl}${path}`;
    const probe = await fetch(url, { headers: { authorization: `Bearer ${opts.token}` } });
    if (!probe.ok) throw new Error(`${path}: ${probe.status} ${await probe.text()}`);
    const statements = await captureListSql(opts.databaseUrl, c.query);
    opts.log(`list ${c.name}: warm-up, then ${opts.seconds} s × ${opts.connections} connections`);
    await runAutocannon(url, opts.token, Math.min(2, opts.seconds), opts.connections);
    const { latencies, result } = await runAutocannon(url, opts.token, opts.seconds, opts.connections);
    const api = { ...stats(latencies, result.duration), non2xx: result.non2xx, errors: result.errors };
    await runRaw(opts.databaseUrl, statements, Math.min(200, api.requests), opts.connections);
    const raw = await runRaw(opts.databaseUrl, statements, api.requests, opts.connections);
    results.push({ name: c.name, path, api, raw, ratioP95: api.p95 / raw.p95, plans: await explain(opts.databaseUrl, statements) });
  }
  return results;
}
