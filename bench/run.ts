import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchAssets } from './assets.ts';
import { BENCH_SITE, createBenchDatabase, createBenchSite, createScratchPeople, generatePeople, importRows, rawInsert } from './generate.ts';
import { benchIncidents } from './incidents.ts';
import { benchInventory } from './inventory.ts';
import { exportCsv, importCsv, layoutFrom, probeExport, toCsv } from './io.ts';
import { benchList, type ListCase, type ListResult } from './list.ts';
import { benchMonitoring, countEventsByApi, loginHeaders, reportMonitoring } from './monitoring.ts';
import { BENCH_ADMIN, createToken, startServer } from './server.ts';
import { benchServiceDesk } from './servicedesk.ts';
import { benchSoftware, COMPLIANCE_TARGET_MS } from './software.ts';

const usage = `Usage: npm run bench -- [--people N] [--assets N] [--rows N] [--seconds S] [--connections C] [--tickets N] [--creates N] [--devices N] [--monitoring-seconds S] [--monitoring-only] [--incidents N] [--quick] [--keep]

  --people N       people in the database (demo agency + generated), default 200000 (--quick: 20000)
  --assets N       hardware assets in the database (demo + generated), default 200000 (--quick: 20000); 0 skips them
  --rows N         rows for the import and export measures, default 100000 (--quick: 10000)
  --seconds S      autocannon duration per list query, default 10 (--quick: 3)
  --connections C  concurrent connections for the list load and its raw floor, default 4
  --agents N       devices for the agent inventory intake (2 inventories each), default 300 (--quick: 60)
  --tickets N      service-desk tickets (demo + generated), default 1000000 (--quick: 50000); 0 skips the section
  --creates N      tickets created through POST /api/v1/tickets, default 5000 (--quick: 1000)
  --devices N      devices with 150 installed packages each for software compliance, default 10000 (--quick: 2000); 0 skips the section
  --monitoring-seconds S  Alertmanager webhooks posted for S seconds, default 60 (--quick: 10); 0 skips the section
  --incidents N    incidents in one month for the clock recomputation, default 100000 (--quick: 20000); 0 skips the section
  --monitoring-only       only the monitoring section (no people, lists, import/export, inventory or other sections)
  --keep           keep the bench database (its name is printed) instead of dropping it

PostgreSQL: UNYO_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created.`;

const { values: args } = parseArgs({
  options: {
    people: { type: 'string' },
    assets: { type: 'string' },
    rows: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    agents: { type: 'string' },
    tickets: { type: 'string' },
    creates: { type: 'string' },
    devices: { type: 'string' },
    'monitoring-seconds': { type: 'string' },
    incidents: { type: 'string' },
    'monitoring-only': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const num = (v: string | undefined, quick: number, full: number) => (v ? Number(v.replaceAll('_', '')) : args.quick ? quick : full);
const opts = {
  people: num(args.people, 20_000, 200_000),
  assets: num(args.assets, 20_000, 200_000),
  rows: num(args.rows, 10_000, 100_000),
  seconds: num(args.seconds, 3, 10),
  connections: num(args.connections, 4, 4),
  agents: num(args.agents, 60, 300),
  tickets: num(args.tickets, 50_000, 1_000_000),
  creates: num(args.creates, 1_000, 5_000),
  devices: num(args.devices, 2_000, 10_000),
  complianceRuns: args.quick ? 3 : 5,
  monitoringSeconds: num(args['monitoring-seconds'], 10, 60),
  incidents: num(args.incidents, 20_000, 100_000),
};
const monitoringOnly = args['monitoring-only'];
if (monitoringOnly) Object.assign(opts, { assets: 0, devices: 0, tickets: 0, incidents: 0 });
const adminUrl = process.env.UNYO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = { listP95Ms: 20, listRatio: 3, importRatio: 2, exportRssMb: 100, complianceMs: COMPLIANCE_TARGET_MS };

const t0 = performance.now();
// Other work on the machine skews every number: the load average goes into the results next to them.
const loadBefore = os.loadavg();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${s}`);
const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const s = performance.now();
  const r = await fn();
  return [r, performance.now() - s];
};

/** Why an import wrote nothing: its first row error, if the body is an ImportResult. */
function importFailure(body: unknown): string | null {
  const r = body as { errorCount?: number; errors?: { row: number; column: string; message: string }[]; committed?: boolean };
  if (typeof r?.errorCount !== 'number') return null;
  const first = r.errors?.[0];
  return first ? `${r.errorCount} row errors, e.g. row ${first.row} ${first.column}: ${first.message}` : `committed=${r.committed}`;
}

type Row = { measure: string; value: string; floor: string; ratio: string; target: string; pass: string };
const rows: Row[] = [];
const row = (measure: string, value: string, floor = '', ratio = '', target = '', pass = '') => rows.push({ measure, value, floor, ratio, target, pass });
const ms = (v: number) => `${v.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const results: Record<string, unknown> = {};

const database = await createBenchDatabase(adminUrl);
log(`database ${database.name}; starting the server (migrations, admin, demo agency)`);
const client = new pg.Client({ connectionString: database.url });
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  [server] = await time(() => startServer(database.url));
  await client.connect();
  const token = createToken(database.url);
  if (!monitoringOnly) {
    const demo = Number((await client.query('select count(*) from people')).rows[0].count);
    const extra = Math.max(0, opts.people - demo);
    log(`server ${server.url} (pid ${server.pid}); generating ${extra} more people`);
    const [, genMs] = await time(() => generatePeople(client, extra));
    const total = Number((await client.query('select count(*) from people')).rows[0].count);
    row(`generate ${extra.toLocaleString('en')} people (set-based SQL + analyze)`, `${(genMs / 1000).toFixed(1)} s`);
    results.generation = { demoPeople: demo, generated: extra, totalPeople: total, ms: genMs };

    // ---- List: the API under load vs the same statements through pg ----
    const tky = (await client.query(`select id from sites where code = 'TKY'`)).rows[0].id as string;
    const cases: ListCase[] = [
      { name: 'default page', query: { limit: '50' } },
      { name: 'site+status by kana', query: { siteId: tky, status: 'active', sort: 'nameKana', limit: '50' } },
      { name: 'search q=タカハシ', query: { q: 'タカハシ', limit: '50' } },
      { name: 'search q=山﨑 (2 chars)', query: { q: '山﨑', limit: '50' } },
    ];
    const list: ListResult[] = await benchList({ baseUrl: server.url, databaseUrl: database.url, token, cases, ...opts, log });
    for (const r of list) {
      const ok = r.api.p95 <= TARGET.listP95Ms && r.ratioP95 <= TARGET.listRatio;
      row(
        `list ${r.name}: p95 (p50/p99)`,
        `${ms(r.api.p95)} (${r.api.p50.toFixed(1)}/${r.api.p99.toFixed(1)})`,
        `${ms(r.raw.p95)} (${r.raw.p50.toFixed(1)}/${r.raw.p99.toFixed(1)})`,
        `${r.ratioP95.toFixed(1)}×`,
        `≤ ${TARGET.listP95Ms} ms, ≤ ${TARGET.listRatio}×`,
        verdict(ok),
      );
      const bad = r.api.non2xx + r.api.errors;
      row(`list ${r.name}: throughput`, `${r.api.perSecond.toFixed(0)} req/s${bad ? ` (${bad} errors!)` : ''}`, `${r.raw.perSecond.toFixed(0)} req/s`);
    }
    results.list = list;

    // In a block: the 100k rows and their CSV are garbage once exported, not live through the later sections.
    {
      // ---- Import: CSV through the API vs batched INSERT of the same rows ----
      const siteId = await createBenchSite(client);
      const probe = await probeExport(server.url, token);
      const layout = layoutFrom('header' in probe ? probe : null);
      const data = importRows(opts.rows);
      const csv = toCsv(data, layout);
      const scratch = await createScratchPeople(client);
      log(`import: raw floor (${opts.rows} rows into ${scratch}), then POST ${(csv.length / 2 ** 20).toFixed(1)} MB of CSV`);
      const rawMs = await rawInsert(client, scratch, data);
      await client.query(`drop table ${scratch}`);
      const imp = await importCsv(server.url, token, csv);
      const landed = Number((await client.query('select count(*) from people where site_id = $1', [siteId])).rows[0].count);
      const importTarget = `≤ ${TARGET.importRatio}× floor`;
      const importLabel = `import ${opts.rows.toLocaleString('en')} rows CSV`;
      if (!imp.available) row(importLabel, `not available yet (${imp.httpStatus})`, `${(rawMs / 1000).toFixed(2)} s`, '', importTarget, 'SKIP');
      else if (imp.httpStatus >= 300 || landed !== opts.rows) {
        const why = importFailure(imp.body) ?? server.lastError() ?? imp.detail;
        row(
          importLabel,
          `failed: HTTP ${imp.httpStatus}, ${landed} rows landed: ${why.slice(0, 90)}`,
          `${(rawMs / 1000).toFixed(2)} s`,
          '',
          importTarget,
          'FAIL',
        );
      } else {
        const ratio = imp.ms / rawMs;
        row(
          importLabel,
          `${(imp.ms / 1000).toFixed(2)} s`,
          `${(rawMs / 1000).toFixed(2)} s`,
          `${ratio.toFixed(1)}×`,
          importTarget,
          verdict(ratio <= TARGET.importRatio),
        );
      }
      results.import = { rows: opts.rows, csvBytes: Buffer.byteLength(csv), layout, rawMs, api: { ...imp, body: undefined, landed } };

      // ---- Export: download with the server's peak RSS growth ----
      let exportNote = '';
      if (landed !== opts.rows) {
        // The import did not land the rows: load them directly so the export still has its rows.
        await client.query('delete from people where site_id = $1', [siteId]);
        await rawInsert(client, 'people', data);
        exportNote = ' (rows loaded by SQL)';
      }
      await client.query('analyze people');
      log(`export: ${opts.rows} rows of site ${BENCH_SITE}`);
      const exp = await exportCsv(server.url, token, server.pid, { siteId });
      const exportLabel = `export ${opts.rows.toLocaleString('en')} rows: peak RSS growth${exportNote}`;
      if (!exp.available) row(exportLabel, `not available yet (${exp.httpStatus})`, '', '', `< ${TARGET.exportRssMb} MB`, 'SKIP');
      else if (exp.httpStatus !== 200) {
        const why = (exp.httpStatus >= 500 && server.lastError()) || exp.detail;
        row(exportLabel, `failed: HTTP ${exp.httpStatus}: ${why.slice(0, 90)}`, '', '', `< ${TARGET.exportRssMb} MB`, 'FAIL');
      } else {
        row(exportLabel, `${exp.peakGrowthMb.toFixed(0)} MB`, '', '', `< ${TARGET.exportRssMb} MB`, verdict(exp.peakGrowthMb < TARGET.exportRssMb));
        row(`export: duration, size`, `${(exp.ms / 1000).toFixed(2)} s, ${(exp.bytes / 2 ** 20).toFixed(1)} MB, ${exp.rows} rows`);
      }
      results.export = exp;
    }

    // ---- Agent inventory intake: full inventories (PROLOG + zlib INVENTORY, ~1,200 packages), new and re-runs ----
    const inv = await benchInventory({ baseUrl: server.url, token, client, devices: opts.agents, packages: 1200, concurrency: opts.connections, log });
    const invOk = inv.total.perSecond >= 20 && inv.phases.every((p) => p.errors === 0) && inv.check.agentAssets === opts.agents;
    row(
      `agent inventory: ${inv.total.inventories} full inventories (${inv.packages} packages, ${inv.compressedKb} KB zlib), ${inv.concurrency} agents`,
      `${inv.total.perSecond.toFixed(1)}/s (${inv.phases.map((p) => `${p.perSecond.toFixed(1)}/s ${p.name}`).join(', ')})`,
      '',
      '',
      '≥ 20/s, no duplicates',
      verdict(invOk),
    );
    for (const p of inv.phases) {
      row(
        `agent inventory ${p.name}: p95 (p50) per agent run`,
        `${ms(p.p95)} (${p.p50.toFixed(0)})${p.errors ? `, ${p.errors} errors: ${p.firstError?.slice(0, 80)}` : ''}`,
      );
    }
    row(
      `agent inventory: assets / software rows`,
      `${inv.check.agentAssets} / ${inv.check.softwareRows.toLocaleString('en')} (expected ${opts.agents} / ${inv.check.expectedSoftwareRows.toLocaleString('en')})`,
    );
    results.inventory = inv;
  }

  // Each issue's section starts on a fresh server process and a quiet database. The imports and inventories above
  // leave hundreds of MB of garbage that the next minutes of requests would pay for in collections (measured: +20 %
  // CPU per list request for ~10 s after a 100k-row import): the previous section's cost, not the list's. The tables
  // they filled (360k inventory rows, 100k people) are vacuumed now, not by an autovacuum worker in the middle of the
  // next section's measurements.
  const freshServer = async () => {
    await server?.stop();
    await client.query('vacuum analyze');
    await client.query('checkpoint');
    server = await startServer(database.url);
    log(`fresh server ${server.url} (pid ${server.pid})`);
    return server;
  };

  // ---- Hardware assets (issue #4): list at 200k, ledger import against its floor, streamed export ----
  if (opts.assets > 0) {
    server = await freshServer();
    results.assets = await benchAssets({
      client,
      baseUrl: server.url,
      databaseUrl: database.url,
      token,
      pid: server.pid,
      assets: opts.assets,
      rows: opts.rows,
      seconds: opts.seconds,
      connections: opts.connections,
      targets: TARGET,
      row,
      log,
    });
  }

  // ---- Software compliance (issue #5): the whole report over 1.5M installed packages ----
  if (opts.devices > 0) {
    server = await freshServer();
    results.software = await benchSoftware({
      client,
      baseUrl: server.url,
      databaseUrl: database.url,
      token,
      devices: opts.devices,
      runs: opts.complianceRuns,
      row,
      log,
    });
  }

  // ---- Service desk (issue #6): ticket list + search over 1M tickets, creation through the API ----
  if (opts.tickets > 0) {
    server = await freshServer();
    results.servicedesk = await benchServiceDesk({
      client,
      baseUrl: server.url,
      databaseUrl: database.url,
      token,
      pid: server.pid,
      tickets: opts.tickets,
      creates: opts.creates,
      seconds: opts.seconds,
      connections: opts.connections,
      row,
      log,
    });
  }

  // ---- Incident clocks (issue #7 item 10): a month of clocks over 100k incidents ----
  if (opts.incidents > 0) {
    server = await freshServer();
    results.incidents = await benchIncidents({
      client,
      baseUrl: server.url,
      databaseUrl: database.url,
      token,
      incidents: opts.incidents,
      runs: args.quick ? 3 : 5,
      row,
      log,
    });
  }

  // ---- Monitoring intake (issue #7 item 10): sustained Alertmanager webhooks, no notification lost, both engines ----
  if (opts.monitoringSeconds > 0) {
    const common = { seconds: opts.monitoringSeconds, concurrency: opts.connections, alertsPerRequest: 10, fingerprintsPerSender: 500, log };
    if (!monitoringOnly) server = await freshServer();
    await client.query('delete from monitoring_events');
    const pgResult = await benchMonitoring({
      ...common,
      baseUrl: server.url,
      auth: { authorization: `Bearer ${token}` },
      counts: async () => {
        const { rows } = await client.query<{ events: string; notifications: string }>(
          `select count(*) as events, coalesce(sum(notification_count), 0) as notifications from monitoring_events where source = 'alertmanager'`,
        );
        return { events: Number(rows[0].events), notifications: Number(rows[0].notifications) };
      },
    });
    reportMonitoring(row, verdict, 'PostgreSQL', pgResult);
    // The embedded engine: its own server process on a fresh data folder (demo agency seeded as on PostgreSQL).
    await server.stop();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-bench-pglite-'));
    try {
      server = await startServer({ dataDir });
      log(`PGlite server ${server.url} (pid ${server.pid}) on ${dataDir}`);
      const auth = await loginHeaders(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
      const url = server.url;
      const liteResult = await benchMonitoring({ ...common, baseUrl: url, auth, counts: () => countEventsByApi(url, auth) });
      reportMonitoring(row, verdict, 'PGlite', liteResult);
      results.monitoring = { postgres: pgResult, pglite: liteResult };
    } finally {
      await server.stop();
      server = null;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
} finally {
  await server?.stop();
  await client.end().catch(() => {});
  if (args.keep) log(`kept database ${database.url}`);
  else await database.drop();
}

// ---- Report ----
const cols: (keyof Row)[] = ['measure', 'value', 'floor', 'ratio', 'target', 'pass'];
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffdc]/.test(ch) && ch !== '×' && ch !== '≤' ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const widths = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(r[c]))));
const line = (r: Record<string, string>) => cols.map((c, i) => pad(r[c], widths[i])).join(' │ ');
console.log(`\n${line(Object.fromEntries(cols.map((c) => [c, c])))}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}`);
for (const r of rows) console.log(line(r));

const pgVersion = await (async () => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  const v = (await c.query('show server_version')).rows[0].server_version as string;
  await c.end();
  return v;
})();
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
} catch {}
const date = new Date().toISOString();
const file = path.join(import.meta.dirname, 'results', `${date.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  postgres: pgVersion,
  loadAverage: { before: loadBefore, after: os.loadavg() },
};
fs.writeFileSync(file, `${JSON.stringify({ date, commit, machine, options: opts, targets: TARGET, table: rows, ...results }, null, 2)}\n`);
log(`load average before/after: ${loadBefore[0].toFixed(1)} / ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
log(`wrote ${path.relative(process.cwd(), file)}`);
