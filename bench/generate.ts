import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { demoFamilyNames, demoGivenNames, seededRandom } from '../apps/server/src/modules/org/demo-data.ts';

/** Bench data: a fresh database, bulk people over the demo agency, and CSV rows for the import measure. */

export const BENCH_SITE = 'BIM';
const REFERENCE_DATE = '2026-10-01';

export type BenchDatabase = { url: string; name: string; drop(): Promise<void> };

/** A new C.UTF-8 database (trigrams for Japanese need a UTF-8 ctype), as the test harness creates. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `unyo_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  return {
    name,
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const nameArray = (names: typeof demoFamilyNames) => JSON.stringify(names.map((n) => [n.kanji, n.kana, n.romaji]));

/**
 * Adds `count` people in one set-based statement: names from the demo tables (common family names more
 * often), site and department drawn from the demo people so sizes stay proportional (HQ Tokyo biggest),
 * staff types and statuses in the demo mix. setseed makes the rows the same on every run.
 */
export async function generatePeople(client: pg.Client, count: number, chunk = 50_000): Promise<void> {
  await client.query('select setseed(0.2026)');
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await client.query(
      `with src as (select array_agg(site_id order by employee_number) s, array_agg(department_id order by employee_number) d, count(*)::int n
                    from people where employee_number not like 'B%'),
            fam as (select array_agg(x->>0 order by i) k, array_agg(x->>1 order by i) kana, array_agg(x->>2 order by i) ro, count(*)::int n
                    from jsonb_array_elements($1::jsonb) with ordinality t(x, i)),
            giv as (select array_agg(x->>0 order by i) k, array_agg(x->>1 order by i) kana, array_agg(x->>2 order by i) ro, count(*)::int n
                    from jsonb_array_elements($2::jsonb) with ordinality t(x, i)),
            base as materialized (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
                    from generate_series($3::int, $4::int) g)
       insert into people (employee_number, name_kanji, name_kana, name_romaji, staff_type, status, site_id, department_id,
                           email, extension, start_date, end_date)
       select 'B' || lpad(g::text, 7, '0'), fam.k[f] || ' ' || giv.k[gi], fam.kana[f] || ' ' || giv.kana[gi], giv.ro[gi] || ' ' || fam.ro[f],
              st, status, src.s[pi], src.d[pi], lower(giv.ro[gi] || '.' || fam.ro[f]) || g || '@example.go.jp',
              lpad(floor(r3 * 10000)::int::text, 4, '0'), start,
              case when status in ('transferred', 'retired') then start + floor((date '${REFERENCE_DATE}' - start) * r7)::int end
       from base, src, fam, giv,
       lateral (select 1 + floor(r1 * r1 * fam.n)::int f, 1 + floor(r2 * giv.n)::int gi, 1 + floor(r3 * src.n)::int pi,
                       case when r4 < .60 then 'regular' when r4 < .78 then 'contract' when r4 < .87 then 'temporary'
                            when r4 < .95 then 'part_time' when r4 < .98 then 'project' else 'guest' end st,
                       case when r5 < .88 then 'active' when r5 < .92 then 'on_leave' when r5 < .96 then 'transferred' else 'retired' end status,
                       date '${REFERENCE_DATE}' - floor(r6 * 10950)::int start) x`,
      [nameArray(demoFamilyNames), nameArray(demoGivenNames), from, to],
    );
  }
  await client.query('vacuum analyze people');
  // Flush the load now: a checkpoint writing it out during the measurements would be measured with them.
  await client.query('checkpoint');
}

/** The empty site the imported rows go to, so the export can select exactly them. */
export async function createBenchSite(client: pg.Client): Promise<string> {
  const { rows } = await client.query(
    `insert into sites (code, kind, name_ja, name_en) values ($1, 'regional', 'ベンチマーク拠点', 'Benchmark Site') returning id`,
    [BENCH_SITE],
  );
  return rows[0].id;
}

export type ImportRow = {
  employeeNumber: string;
  nameKanji: string;
  nameKana: string;
  nameRomaji: string;
  staffType: string;
  status: string;
  site: string;
  department: string;
  email: string;
  extension: string;
  startDate: string;
  endDate: string;
};
export const importColumns: (keyof ImportRow)[] = [
  'employeeNumber',
  'nameKanji',
  'nameKana',
  'nameRomaji',
  'staffType',
  'status',
  'site',
  'department',
  'email',
  'extension',
  'startDate',
  'endDate',
];

/** Rows for the import measure: deterministic, all on the bench site, no department. */
export function importRows(count: number): ImportRow[] {
  const rnd = seededRandom(7);
  const types = ['regular', 'regular', 'regular', 'contract', 'temporary', 'part_time'];
  const ref = Date.parse(REFERENCE_DATE);
  return Array.from({ length: count }, (_, i) => {
    const family = demoFamilyNames[Math.floor(rnd() ** 2 * demoFamilyNames.length)];
    const given = demoGivenNames[Math.floor(rnd() * demoGivenNames.length)];
    const n = String(i + 1).padStart(7, '0');
    return {
      employeeNumber: `I${n}`,
      nameKanji: `${family.kanji} ${given.kanji}`,
      nameKana: `${family.kana} ${given.kana}`,
      nameRomaji: `${given.romaji} ${family.romaji}`,
      staffType: types[Math.floor(rnd() * types.length)],
      status: 'active',
      site: BENCH_SITE,
      department: '',
      email: `${given.romaji}.${family.romaji}.i${n}@example.go.jp`.toLowerCase(),
      extension: String(Math.floor(rnd() * 10000)).padStart(4, '0'),
      startDate: new Date(ref - Math.floor(rnd() * 10950) * 86_400_000).toISOString().slice(0, 10),
      endDate: '',
    };
  });
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The raw floor of an import: the same rows as batched `insert … select from jsonb_to_recordset` into
 * `table` (a scratch copy of people with its indexes), in one transaction. Returns milliseconds.
 */
export async function rawInsert(client: pg.Client, table: string, rows: ImportRow[], batch = 2000): Promise<number> {
  const started = performance.now();
  await client.query('begin');
  for (let i = 0; i < rows.length; i += batch) {
    await client.query(
      `insert into ${table} (employee_number, name_kanji, name_kana, name_romaji, staff_type, status, site_id, department_id,
                             email, extension, start_date, end_date)
       select r."employeeNumber", r."nameKanji", r."nameKana", r."nameRomaji", r."staffType", r.status, s.id, d.id,
              r.email, nullif(r.extension, ''), r."startDate"::date, nullif(r."endDate", '')::date
       from jsonb_to_recordset($1::jsonb) as r("employeeNumber" text, "nameKanji" text, "nameKana" text, "nameRomaji" text,
            "staffType" text, status text, site text, department text, email text, extension text, "startDate" text, "endDate" text)
       join sites s on s.code = r.site
       left join departments d on d.code = nullif(r.department, '')`,
      [JSON.stringify(rows.slice(i, i + batch))],
    );
  }
  await client.query('commit');
  return performance.now() - started;
}

/**
 * A scratch copy of people with the same columns, defaults, constraints, indexes and row triggers (no foreign keys).
 * The triggers keep derived columns (search text, 1–2 character grams): work every insert into people must do, so
 * the floor does it too, as the asset floor (a rolled-back insert into hardware_assets) always has.
 */
export async function createScratchPeople(client: pg.Client, table = 'bench_people_scratch'): Promise<string> {
  await client.query(`drop table if exists ${table}`);
  await client.query(`create table ${table} (like people including all)`);
  const { rows } = await client.query(
    `select pg_get_triggerdef(t.oid) as def from pg_trigger t
     where t.tgrelid = 'people'::regclass and not t.tgisinternal and (t.tgtype & 2) <> 0 and (t.tgtype & 4) <> 0`,
  );
  for (const { def } of rows as { def: string }[]) await client.query(def.replace(/ ON (public\.)?people /, ` ON ${table} `));
  return table;
}
