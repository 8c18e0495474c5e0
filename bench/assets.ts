import { HardwareAssetListQuery } from '@unyo/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../apps/server/src/db/client.ts';
import * as schema from '../apps/server/src/db/schema.ts';
import { findAssetPage } from '../apps/server/src/modules/assets/assets.repo.ts';
import { csvLine } from './generate.ts';
import { adminActor, type Captured, explain, type ListCase, type ListResult, runAutocannon, runRaw, stats } from './list.ts';
import { rssOf } from './server.ts';

/**
 * Issue #4 item 11: the hardware asset list at 200k assets (API p95 next to the same SQL raw), a 100k-row
 * ledger import against a raw insert floor, and a 100k-row streamed export's memory.
 */

export const ASSET_BENCH_SITE = 'BHW';
const LIST_PATH = '/api/v1/hardware-assets';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const categories = ['notebook_pc', 'desktop_pc', 'monitor', 'ip_phone', 'mfp', 'switch', 'wireless_ap', 'server', 'virtual_server', 'mobile_device'];
const rooms = ['301会議室', '執務室A', '執務室B', 'サーバ室', '倉庫', '応接室', '第2会議室', 'EPS'];

/**
 * 200k-style ledgers in set-based SQL: assets spread over every site (users of the same site for
 * most), realistic categories, statuses and Japanese locations. setseed keeps the rows the same.
 */
export async function generateAssets(client: pg.Client, count: number, chunk = 50_000): Promise<void> {
  await client.query('select setseed(0.4242)');
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await client.query(
      `with s as (select array_agg(id order by code) ids, array_agg(kind order by code) kinds, count(*)::int n from sites),
            p as (select site_id, array_agg(id order by employee_number) ids, array_agg(department_id order by employee_number) ds, count(*)::int n
                  from people group by site_id),
            base as materialized (select g, random() r1, random() r2, random() r3, random() r4, random() r5 from generate_series($1::int, $2::int) g)
       insert into hardware_assets (asset_number, ledger, name, category, manufacturer, model, serial_number, site_id, building, floor, room,
                                    department_id, user_id, ip_addresses, mac_addresses, status, purchase_date, price_yen)
       select 'G' || lpad(g::text, 8, '0'), case when s.kinds[si] = 'overseas' then 'overseas' else 'domestic' end,
              'HOST-' || g, cat, 'メーカー' || (g % 7), 'MODEL-' || (g % 40), 'GSN' || g, s.ids[si],
              case when r3 < .7 then '本館' else '別館' end, (1 + floor(r3 * 12)::int) || 'F', ($3::text[])[1 + floor(r4 * 8)::int],
              case when has_user then p.ds[pi] end, case when has_user then p.ids[pi] end,
              array['10.' || (g / 65536 % 256) || '.' || (g / 256 % 256) || '.' || (g % 256)],
              case when cat = 'monitor' then '{}'::text[] else array['06:00:' || regexp_replace(lpad(to_hex(g), 8, '0'), '(..)(..)(..)(..)', '\\1:\\2:\\3:\\4')] end,
              case when has_user then 'in_use' when r5 < .5 then 'stock' when r5 < .7 then 'in_repair' else 'retired' end,
              date '2026-10-01' - floor(r2 * 2000)::int, 50000 + floor(r2 * 200)::int * 1000
       from base cross join s
       cross join lateral (select 1 + floor(r1 * s.n)::int si, ($4::text[])[1 + floor(r2 * 10)::int] cat) x
       left join p on p.site_id = s.ids[x.si]
       cross join lateral (select p.n is not null and r5 < .8 has_user, 1 + floor(r4 * coalesce(p.n, 1))::int pi) y`,
      [from, to, rooms, categories],
    );
  }
  await client.query('vacuum analyze hardware_assets');
  // Flush the load now: a checkpoint writing it out during the measurements would be measured with them.
  await client.query('checkpoint');
}

async function captureAssetSql(databaseUrl: string, query: Record<string, string>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    let capturing = false;
    const logQuery = (text: string, values: unknown[]) => capturing && captured.push({ text, values });
    const db = drizzle(pool, { schema, logger: { logQuery } }) as unknown as Db;
    // The second call, as a warm server runs it: the first also reads the sites and departments (org-refs.ts).
    await findAssetPage(db, HardwareAssetListQuery.parse(query), adminActor);
    capturing = true;
    await findAssetPage(db, HardwareAssetListQuery.parse(query), adminActor);
  } finally {
    await pool.end();
  }
  return captured;
}

/** The asset list under load next to its own captured statements run raw, like benchList for people. */
export async function benchAssetList(opts: {
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
    const path = `${LIST_PATH}?${new URLSearchParams(c.query)}`;
    const url = `${opts.baseUrl}${path}`;
    const probe = await fetch(url, { headers: auth(opts.token) });
    if (!probe.ok) throw new Error(`${path}: ${probe.status} ${await probe.text()}`);
    const statements = await captureAssetSql(opts.databaseUrl, c.query);
    opts.log(`asset list ${c.name}: warm-up, then ${opts.seconds} s × ${opts.connections} connections`);
    await runAutocannon(url, opts.token, Math.min(2, opts.seconds), opts.connections);
    const { latencies, result } = await runAutocannon(url, opts.token, opts.seconds, opts.connections);
    const api = { ...stats(latencies, result.duration), non2xx: result.non2xx, errors: result.errors };
    await runRaw(opts.databaseUrl, statements, Math.min(200, api.requests), opts.connections);
    const raw = await runRaw(opts.databaseUrl, statements, api.requests, opts.connections);
    results.push({ name: c.name, path, api, raw, ratioP95: api.p95 / raw.p95, plans: await explain(opts.databaseUrl, statements) });
  }
  return results;
}

export type AssetImportRow = {
  assetNumber: string;
  name: string;
  category: string;
  model: string;
  serial: string;
  room: string;
  ip: string;
  mac: string;
  purchaseDate: string;
  price: number;
};

const IMPORT_HEADER = [
  '台帳',
  '資産管理番号',
  '機器名',
  '機器種別',
  '型番',
  'シリアル番号',
  '拠点コード',
  '建物',
  '階',
  '部屋',
  'IPアドレス',
  'MACアドレス',
  '状態',
  '購入日',
  '価格',
];

export function assetImportRows(count: number, prefix = 'BI'): AssetImportRow[] {
  return Array.from({ length: count }, (_, i) => ({
    assetNumber: `${prefix}${String(i + 1).padStart(7, '0')}`,
    name: `BENCH-${i + 1}`,
    category: categories[i % categories.length],
    model: `MODEL-${i % 40}`,
    serial: `${prefix}SN${i + 1}`,
    room: rooms[i % rooms.length],
    ip: `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`,
    mac: `0a:${prefix === 'BI' ? '01' : '02'}:${(i + 1)
      .toString(16)
      .padStart(8, '0')
      .replace(/(..)(..)(..)(..)/, '$1:$2:$3:$4')}`,
    purchaseDate: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    price: 100000 + (i % 50) * 1000,
  }));
}

export function assetCsv(rows: AssetImportRow[]): string {
  return `\uFEFF${csvLine(IMPORT_HEADER)}${rows
    .map((r) =>
      csvLine([
        '国内',
        r.assetNumber,
        r.name,
        r.category,
        r.model,
        r.serial,
        ASSET_BENCH_SITE,
        '本館',
        '3F',
        r.room,
        r.ip,
        r.mac,
        '在庫',
        r.purchaseDate,
        String(r.price),
      ]),
    )
    .join('')}`;
}

/**
 * The floor: the same rows inserted into hardware_assets itself (same indexes and triggers) with batched
 * `insert … select from jsonb_to_recordset`, then rolled back. Returns milliseconds of the inserts.
 */
export async function rawAssetInsert(client: pg.Client, siteId: string, rows: AssetImportRow[], batch = 2000): Promise<number> {
  await client.query('begin');
  const started = performance.now();
  try {
    for (let i = 0; i < rows.length; i += batch) {
      await client.query(
        `insert into hardware_assets (asset_number, ledger, name, category, model, serial_number, site_id, building, floor, room,
                                      ip_addresses, mac_addresses, status, purchase_date, price_yen)
         select r."assetNumber", 'domestic', r.name, r.category, r.model, r.serial, $2::uuid, '本館', '3F', r.room,
                array[r.ip], array[r.mac], 'stock', r."purchaseDate"::date, r.price
         from jsonb_to_recordset($1::jsonb) as r("assetNumber" text, name text, category text, model text, serial text, room text,
              ip text, mac text, "purchaseDate" text, price bigint)`,
        [JSON.stringify(rows.slice(i, i + batch)), siteId],
      );
    }
    return performance.now() - started;
  } finally {
    await client.query('rollback');
  }
}

export async function importAssetCsv(base: string, token: string, csv: string) {
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'assets.csv');
  const res = await fetch(`${base}${LIST_PATH}/import?dryRun=false`, { method: 'POST', headers: auth(token), body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { httpStatus: res.status, ms: performance.now() - started, body, detail: text.slice(0, 300) };
}

/** Downloads the export while sampling the server's RSS; reports the peak growth over the start. */
export async function exportAssetCsv(base: string, token: string, pid: number, query: Record<string, string>) {
  const baseline = rssOf(pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 20);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  let httpStatus = 0;
  let detail = '';
  try {
    const res = await fetch(`${base}${LIST_PATH}/export?${new URLSearchParams({ format: 'csv', ...query })}`, { headers: auth(token) });
    httpStatus = res.status;
    if (!res.ok || !res.body) detail = (await res.text()).slice(0, 200);
    else
      for await (const chunk of res.body) {
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      }
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, rssOf(pid));
  return { httpStatus, detail, ms: performance.now() - started, bytes, rows: Math.max(0, lines - 1), peakGrowthMb: (peak - baseline) / 2 ** 20 };
}

type Row = (measure: string, value: string, floor?: string, ratio?: string, target?: string, pass?: string) => void;

/** The whole asset section of `npm run bench`: adds its rows to the report and returns its raw results. */
export async function benchAssets(opts: {
  client: pg.Client;
  baseUrl: string;
  databaseUrl: string;
  token: string;
  pid: number;
  assets: number;
  rows: number;
  seconds: number;
  connections: number;
  targets: { listP95Ms: number; listRatio: number; importRatio: number; exportRssMb: number };
  row: Row;
  log: (s: string) => void;
}) {
  const { client, row, log, targets } = opts;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const have = Number((await client.query('select count(*) from hardware_assets')).rows[0].count);
  const extra = Math.max(0, opts.assets - have);
  log(`assets: ${have} from the demo, generating ${extra} more`);
  const t0 = performance.now();
  await generateAssets(client, extra);
  row(`generate ${extra.toLocaleString('en')} assets (set-based SQL + analyze)`, `${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const probe = await fetch(`${opts.baseUrl}${LIST_PATH}?limit=1`, { headers: auth(opts.token) });
  if (!probe.ok) {
    row('asset list', `not available (${probe.status})`, '', '', '', 'SKIP');
    return { available: false };
  }
  const tky = (await client.query(`select id from sites where code = 'TKY'`)).rows[0].id as string;
  const cases: ListCase[] = [
    { name: 'default page', query: { limit: '50' } },
    { name: 'site+category+status by name', query: { siteId: tky, category: 'notebook_pc', status: 'in_use', sort: 'name', limit: '50' } },
    { name: 'overseas by location desc', query: { ledger: 'overseas', sort: 'location', order: 'desc', limit: '50' } },
    { name: 'sort by user', query: { sort: 'user', limit: '50' } },
    { name: 'search q=301会議室', query: { q: '301会議室', limit: '50' } },
    { name: 'search q=GSN12345', query: { q: 'GSN12345', limit: '50' } },
  ];
  const list = await benchAssetList({ ...opts, cases, baseUrl: opts.baseUrl });
  for (const r of list) {
    row(
      `asset list ${r.name}: p95 (p50/p99)`,
      `${ms(r.api.p95)} (${r.api.p50.toFixed(1)}/${r.api.p99.toFixed(1)})`,
      `${ms(r.raw.p95)} (${r.raw.p50.toFixed(1)}/${r.raw.p99.toFixed(1)})`,
      `${r.ratioP95.toFixed(1)}×`,
      `≤ ${targets.listP95Ms} ms, ≤ ${targets.listRatio}×`,
      verdict(r.api.p95 <= targets.listP95Ms && r.ratioP95 <= targets.listRatio),
    );
  }

  // Import: the floor first (rolled back), then the same rows through the API into an empty site.
  const { rows: siteRows } = await client.query(
    `insert into sites (code, kind, name_ja, name_en) values ($1, 'regional', 'ベンチマーク資産拠点', 'Asset Benchmark Site') returning id`,
    [ASSET_BENCH_SITE],
  );
  const siteId = siteRows[0].id as string;
  const data = assetImportRows(opts.rows);
  const csv = assetCsv(data);
  log(`asset import: raw floor (${opts.rows} rows), then POST ${(csv.length / 2 ** 20).toFixed(1)} MB of CSV`);
  const rawMs = await rawAssetInsert(client, siteId, data);
  const imp = await importAssetCsv(opts.baseUrl, opts.token, csv);
  const landed = Number((await client.query('select count(*) from hardware_assets where site_id = $1', [siteId])).rows[0].count);
  const label = `asset import ${opts.rows.toLocaleString('en')} rows CSV`;
  if (imp.httpStatus !== 200 || landed !== opts.rows) {
    row(
      label,
      `failed: HTTP ${imp.httpStatus}, ${landed} rows landed: ${imp.detail.slice(0, 90)}`,
      `${(rawMs / 1000).toFixed(2)} s`,
      '',
      `≤ ${targets.importRatio}× floor`,
      'FAIL',
    );
  } else {
    const ratio = imp.ms / rawMs;
    row(
      label,
      `${(imp.ms / 1000).toFixed(2)} s`,
      `${(rawMs / 1000).toFixed(2)} s`,
      `${ratio.toFixed(1)}×`,
      `≤ ${targets.importRatio}× floor`,
      verdict(ratio <= targets.importRatio),
    );
  }

  await client.query('analyze hardware_assets');
  log(`asset export: ${landed} rows of site ${ASSET_BENCH_SITE}`);
  const exp = await exportAssetCsv(opts.baseUrl, opts.token, opts.pid, { siteId });
  if (exp.httpStatus !== 200) row('asset export', `failed: HTTP ${exp.httpStatus}: ${exp.detail.slice(0, 90)}`, '', '', `< ${targets.exportRssMb} MB`, 'FAIL');
  else {
    row(
      `asset export ${exp.rows.toLocaleString('en')} rows: peak RSS growth`,
      `${exp.peakGrowthMb.toFixed(0)} MB`,
      '',
      '',
      `< ${targets.exportRssMb} MB`,
      verdict(exp.peakGrowthMb < targets.exportRssMb),
    );
    row('asset export: duration, size', `${(exp.ms / 1000).toFixed(2)} s, ${(exp.bytes / 2 ** 20).toFixed(1)} MB`);
  }
  return { available: true, generated: extra, list, import: { rows: opts.rows, rawMs, api: { ...imp, body: undefined }, landed }, export: exp };
}
