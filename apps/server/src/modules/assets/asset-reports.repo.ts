import {
  type AssetPivotDto,
  type AssetPivotQuery,
  acquisitionKinds,
  assetCategories,
  assetLedgers,
  assetStatuses,
  type Choice,
  type Locale,
  type PivotField,
} from '@unyo/contracts';
import { type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { departments, sites } from '../org/org.table.ts';
import { assetFilters } from './assets.repo.ts';
import { hardwareAssets as a } from './assets.table.ts';

/**
 * How each field groups: the key, the labels in both languages and a sort value. Choice fields keep
 * their choice-set order; sites and departments sort by code; text sorts by itself; "none" comes last.
 */
type FieldDef = { key: SQL; ja: SQL; en: SQL; sort: SQL; choices?: readonly Choice[] };

const text = (col: SQL | Column): FieldDef => {
  const key = sql`coalesce(nullif(btrim(${col}), ''), '')`;
  return { key, ja: key, en: key, sort: key };
};
const choice = (col: Column, choices: readonly Choice[]): FieldDef => {
  const key = sql`coalesce(${col}, '')`;
  return { key, ja: key, en: key, sort: key, choices };
};

const fields: Record<PivotField, FieldDef> = {
  site: { key: sql`${sites.id}::text`, ja: sql`${sites.nameJa}`, en: sql`${sites.nameEn}`, sort: sql`${sites.code}` },
  department: {
    key: sql`coalesce(${departments.id}::text, '')`,
    ja: sql`coalesce(${departments.nameJa}, '')`,
    en: sql`coalesce(${departments.nameEn}, '')`,
    sort: sql`coalesce(${departments.code}, '')`,
  },
  category: choice(a.category, assetCategories.items),
  status: choice(a.status, assetStatuses.items),
  ledger: choice(a.ledger, assetLedgers.items),
  acquisition: choice(a.acquisition, acquisitionKinds.items),
  manufacturer: text(a.manufacturer),
  osName: text(a.osName),
  purchaseYear: text(sql`extract(year from ${a.purchaseDate})::int::text`),
};

type Header = { key: string; label: string; sort: string; order: number };
const NONE = { ja: '（未設定）', en: '(none)' };

function header(field: FieldDef, key: string, ja: string, en: string, sort: string, lang: Locale): Header {
  if (key === '') return { key, label: NONE[lang], sort: '', order: Number.MAX_SAFE_INTEGER };
  if (field.choices) {
    const i = field.choices.findIndex((c) => c.value === key);
    return { key, label: i >= 0 ? field.choices[i][lang] : key, sort, order: i };
  }
  return { key, label: lang === 'en' ? en : ja, sort, order: 0 };
}

const byOrder = (x: Header, y: Header) => x.order - y.order || (x.sort < y.sort ? -1 : x.sort > y.sort ? 1 : 0);

/** Asset counts grouped by two fields, under the list's filters and the actor's site scope (in SQL). */
export async function pivotAssets(db: Db, q: AssetPivotQuery, actor: Actor, lang: Locale): Promise<AssetPivotDto> {
  const r = fields[q.rows];
  const c = fields[q.cols];
  const where = assetFilters(q, actor);
  const rows = await queryRows<{ rk: string; rja: string; ren: string; rs: string; ck: string; cja: string; cen: string; cs: string; n: number }>(
    db,
    sql`select ${r.key} as rk, ${r.ja} as rja, ${r.en} as ren, ${r.sort} as rs,
               ${c.key} as ck, ${c.ja} as cja, ${c.en} as cen, ${c.sort} as cs, count(*)::int as n
        from ${a}
        join ${sites} on ${eq(sites.id, a.siteId)}
        left join ${departments} on ${eq(departments.id, a.departmentId)}
        ${where ? sql`where ${where}` : sql``}
        group by 1, 2, 3, 4, 5, 6, 7, 8`,
  );
  const rowHeads = new Map<string, Header>();
  const colHeads = new Map<string, Header>();
  for (const x of rows) {
    if (!rowHeads.has(x.rk)) rowHeads.set(x.rk, header(r, x.rk, x.rja, x.ren, x.rs, lang));
    if (!colHeads.has(x.ck)) colHeads.set(x.ck, header(c, x.ck, x.cja, x.cen, x.cs, lang));
  }
  const rowList = [...rowHeads.values()].sort(byOrder);
  const colList = [...colHeads.values()].sort(byOrder);
  const ri = new Map(rowList.map((h, i) => [h.key, i]));
  const ci = new Map(colList.map((h, i) => [h.key, i]));
  const cells = rowList.map(() => colList.map(() => 0));
  for (const x of rows) cells[ri.get(x.rk)!][ci.get(x.ck)!] += Number(x.n);
  const rowTotals = cells.map((row) => row.reduce((s, n) => s + n, 0));
  const colTotals = colList.map((_, j) => cells.reduce((s, row) => s + row[j], 0));
  return {
    rowField: q.rows,
    colField: q.cols,
    rows: rowList.map(({ key, label }) => ({ key, label })),
    cols: colList.map(({ key, label }) => ({ key, label })),
    cells,
    rowTotals,
    colTotals,
    total: rowTotals.reduce((s, n) => s + n, 0),
  };
}
