import { SiteCreateInput, type SiteExportQuery, siteKinds } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Existing, inJson, type RefTarget, type Value } from '../../platform/files/ledger-io.ts';
import { sites } from './org.table.ts';
import { findSitePage, type SiteRow } from './sites.repo.ts';

/** Sites by code, for the ledgers that point at a site (a site is its own scope). */
export async function siteRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db.select({ id: sites.id, code: sites.code }).from(sites).where(inJson(sites.code, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: r.id }]));
}

const valuesOf = (s: SiteRow): Record<string, Value> => ({
  code: s.code,
  kind: s.kind,
  nameJa: s.nameJa,
  nameEn: s.nameEn,
  country: s.country,
  timeZone: s.timeZone,
  officeCode: s.officeCode,
  accountCode: s.accountCode,
  active: s.active,
});

/** 拠点 ledger: natural key 拠点コード. A site is its own scope; only all-site users create sites. */
export const sitesIo = defineLedgerIo<SiteExportQuery>({
  name: 'sites',
  entity: 'site',
  label: { ja: '拠点', en: 'Sites' },
  naturalKey: 'code',
  schema: SiteCreateInput,
  columns: [
    { key: 'code', ja: '拠点コード', en: 'Site code', aliases: ['コード', 'Code'], type: 'code', required: true, width: 10 },
    { key: 'kind', ja: '拠点種別', en: 'Kind', aliases: ['種別', '区分'], type: 'enum', choices: siteKinds.items, required: true, width: 14 },
    { key: 'nameJa', ja: '拠点名', en: 'Name (Japanese)', aliases: ['名称', '拠点名称'], type: 'text', required: true, width: 24 },
    { key: 'nameEn', ja: '拠点名（英語）', en: 'Name (English)', aliases: ['英語名', '英文名称', 'Name'], type: 'text', required: true, width: 24 },
    { key: 'country', ja: '国コード', en: 'Country', aliases: ['国'], type: 'code', keepWhenEmpty: true, width: 8 },
    { key: 'timeZone', ja: 'タイムゾーン', en: 'Time zone', aliases: ['時間帯'], type: 'code', keepWhenEmpty: true, width: 20 },
    { key: 'officeCode', ja: '事業所コード', en: 'Office code', type: 'code', width: 12 },
    { key: 'accountCode', ja: '経理コード', en: 'Account code', aliases: ['会計コード'], type: 'code', width: 12 },
    { key: 'active', ja: '有効', en: 'Active', aliases: ['使用中'], type: 'bool', keepWhenEmpty: true, width: 8 },
  ],

  async loadExisting(db: Db, keys) {
    const rows = await db.select().from(sites).where(inJson(sites.code, keys));
    return new Map<string, Existing>(rows.map((s) => [s.code, { id: s.id, siteId: s.id, version: s.version, values: valuesOf(s) }]));
  },

  check({ status, scope, error }) {
    if (status === 'create' && scope.visibleSiteIds !== null) error('code', 'import.create_needs_all_sites');
  },

  siteOf: (id) => id,

  write: {
    table: 'sites',
    key: 'code',
    columns: {
      code: ['text', 'code'],
      kind: ['text', 'kind'],
      name_ja: ['text', 'nameJa'],
      name_en: ['text', 'nameEn'],
      country: ['text', 'country'],
      time_zone: ['text', 'timeZone'],
      office_code: ['text', 'officeCode'],
      account_code: ['text', 'accountCode'],
      active: ['boolean', 'active'],
    },
  },

  // The list's own query (filters, scope, keyset on code), a page at a time.
  async exportPage(db, query, actor, cursor, limit) {
    const page = await findSitePage(db, { q: query.q, kind: query.kind, sort: 'code', limit, cursor: cursor ?? undefined }, actor);
    return { rows: page.items.map(valuesOf), next: page.nextCursor };
  },
});
