import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

export type SiteRef = { id: string; code: string; nameJa: string; nameEn: string; kind: string };
export type DepartmentRef = { id: string; code: string; nameJa: string; nameEn: string };
export type OrgRefs = { generation: number; sites: Map<string, SiteRef>; departments: Map<string, DepartmentRef> };

/**
 * The server's copy of the two small reference tables a list row names (~120 sites, a few hundred departments), so a
 * list statement returns their ids instead of looking each row's site and department up: on the 200k-asset bench
 * those per-row lookups were a third of the database's time per page (decision 0016).
 *
 * Never stale: the statement also reads `orgGenerationSql`, a counter that every change to sites or departments
 * moves in its own transaction (migration 0015), and a different number re-reads both tables before the rows are
 * presented. One copy per database handle (tests open several); concurrent re-reads share one query.
 */
const copies = new WeakMap<object, { refs: OrgRefs | null; loading: Promise<OrgRefs> | null }>();

/** The generation as a scalar subquery, to select next to a list's rows. */
export const orgGenerationSql = sql`(select n from org_generation where id = 1)`;

async function load(db: Db): Promise<OrgRefs> {
  const [row] = await queryRows<{ n: number | string; sites: SiteRef[] | null; departments: DepartmentRef[] | null }>(
    db,
    sql`select ${orgGenerationSql} as n,
      (select json_agg(json_build_object('id', id, 'code', code, 'nameJa', name_ja, 'nameEn', name_en, 'kind', kind)) from sites) as sites,
      (select json_agg(json_build_object('id', id, 'code', code, 'nameJa', name_ja, 'nameEn', name_en)) from departments) as departments`,
  );
  return {
    generation: Number(row.n),
    sites: new Map((row.sites ?? []).map((s) => [s.id, s])),
    departments: new Map((row.departments ?? []).map((d) => [d.id, d])),
  };
}

/**
 * Sites and departments as of `generation` or later (the number a statement read next to its rows). A row's site
 * or department is always there: neither can be deleted while a row refers to it.
 */
export async function orgRefs(db: Db, generation: number, attempt = 0): Promise<OrgRefs> {
  let copy = copies.get(db);
  if (!copy) {
    copy = { refs: null, loading: null };
    copies.set(db, copy);
  }
  if (copy.refs && copy.refs.generation >= generation) return copy.refs;
  const entry = copy;
  entry.loading ??= load(db)
    .then((refs) => {
      if (!entry.refs || refs.generation >= entry.refs.generation) entry.refs = refs;
      return refs;
    })
    .finally(() => {
      entry.loading = null;
    });
  const refs = await entry.loading;
  // A load that started before this statement's generation existed: read again (a later read always sees it).
  return refs.generation >= generation || attempt >= 2 ? refs : orgRefs(db, generation, attempt + 1);
}
