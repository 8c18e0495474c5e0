import { DepartmentCreateInput, type DepartmentExportQuery } from '@unyo/contracts';
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Existing, inJson, type RefTarget, type Value } from '../../platform/files/ledger-io.ts';
import { findDepartmentPage } from './departments.repo.ts';
import { departments, sites } from './org.table.ts';
import { siteRefs } from './sites.io.ts';

/** Departments by code (with their site, so a person's site can follow from the department). */
export async function departmentRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db
    .select({ id: departments.id, code: departments.code, siteId: departments.siteId, siteCode: sites.code })
    .from(departments)
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .where(inJson(departments.code, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: r.siteId, siteCode: r.siteCode }]));
}

const parent = alias(departments, 'parent');

/** 部署 ledger: natural key 部署コード; 上位部署コード may name a department created by the same file. */
export const departmentsIo = defineLedgerIo<DepartmentExportQuery>({
  name: 'departments',
  entity: 'department',
  label: { ja: '部署', en: 'Departments' },
  naturalKey: 'code',
  schema: DepartmentCreateInput,
  columns: [
    { key: 'code', ja: '部署コード', en: 'Department code', aliases: ['所属コード', 'コード', 'Code'], type: 'code', required: true, width: 14 },
    { key: 'nameJa', ja: '部署名', en: 'Name (Japanese)', aliases: ['所属名', '名称', '部署名称'], type: 'text', required: true, width: 24 },
    { key: 'nameEn', ja: '部署名（英語）', en: 'Name (English)', aliases: ['英語名', '英文名称', 'Name'], type: 'text', required: true, width: 24 },
    { key: 'site', ja: '拠点コード', en: 'Site code', aliases: ['拠点'], type: 'ref', field: 'siteId', ref: { load: siteRefs }, required: true, width: 10 },
    {
      key: 'parent',
      ja: '上位部署コード',
      en: 'Parent department code',
      aliases: ['親部署コード', '上位部署', 'Parent code'],
      type: 'ref',
      field: 'parentId',
      ref: { load: departmentRefs, self: true },
      width: 14,
    },
    { key: 'mail', ja: 'メールアドレス', en: 'E-mail', aliases: ['メール', '代表メール', 'Email', 'Mail'], type: 'code', width: 28 },
    { key: 'active', ja: '有効', en: 'Active', aliases: ['使用中'], type: 'bool', keepWhenEmpty: true, width: 8 },
  ],

  async loadExisting(db, keys) {
    const rows = await db
      .select({
        id: departments.id,
        siteId: departments.siteId,
        version: departments.version,
        code: departments.code,
        nameJa: departments.nameJa,
        nameEn: departments.nameEn,
        site: sites.code,
        parent: parent.code,
        mail: departments.mail,
        active: departments.active,
      })
      .from(departments)
      .innerJoin(sites, eq(sites.id, departments.siteId))
      .leftJoin(parent, eq(parent.id, departments.parentId))
      .where(inJson(departments.code, keys));
    return new Map<string, Existing>(rows.map(({ id, siteId, version, ...values }) => [values.code, { id, siteId, version, values }]));
  },

  /** The tree after the import must have no cycles: walk up from every changed department. */
  async checkAll(db, rows, error) {
    const parentOf = new Map<string, string | null>();
    const stored = await db.select({ code: departments.code, parent: parent.code }).from(departments).leftJoin(parent, eq(parent.id, departments.parentId));
    for (const d of stored) parentOf.set(d.code, d.parent);
    for (const r of rows) parentOf.set(r.key, (r.values.parent as string | null) ?? null);
    for (const r of rows) {
      let at = parentOf.get(r.key) ?? null;
      for (let depth = 0; at !== null && depth <= parentOf.size; depth++) {
        if (at === r.key) {
          error(r.row, 'parent', 'error.cycle');
          break;
        }
        at = parentOf.get(at) ?? null;
      }
    }
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  write: {
    table: 'departments',
    key: 'code',
    columns: {
      code: ['text', 'code'],
      name_ja: ['text', 'nameJa'],
      name_en: ['text', 'nameEn'],
      site_id: ['uuid', 'siteId'],
      parent_id: ['uuid', 'parentId'],
      mail: ['text', 'mail'],
      active: ['boolean', 'active'],
    },
  },

  // The list's own query (filters, scope, keyset on code); parent codes looked up once per page.
  async exportPage(db, query, actor, cursor, limit) {
    const page = await findDepartmentPage(
      db,
      { q: query.q, siteId: query.siteId, parentId: query.parentId, sort: 'code', limit, cursor: cursor ?? undefined },
      actor,
    );
    const parentIds = [...new Set(page.items.map((d) => d.parentId).filter((id): id is string => !!id))];
    const codes = parentIds.length
      ? new Map(
          (await db.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.id, parentIds))).map((p) => [
            p.id,
            p.code,
          ]),
        )
      : new Map<string, string>();
    const rows = page.items.map(
      (d): Record<string, Value> => ({
        code: d.code,
        nameJa: d.nameJa,
        nameEn: d.nameEn,
        site: d.site.code,
        parent: d.parentId ? (codes.get(d.parentId) ?? null) : null,
        mail: d.mail,
        active: d.active,
      }),
    );
    return { rows, next: page.nextCursor };
  },
});
