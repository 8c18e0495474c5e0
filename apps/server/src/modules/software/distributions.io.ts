import {
  distributionOrigins,
  expenseTransferStatuses,
  SoftwareDistributionCreateInput,
  type SoftwareDistributionExportQuery,
  staffTypes,
} from '@unyo/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Existing, inJson, type Value } from '../../platform/files/ledger-io.ts';
import { sites } from '../org/org.table.ts';
import { siteRefs } from '../org/sites.io.ts';
import { distributionFilters } from './distributions.repo.ts';
import { licenseRefs } from './licenses.io.ts';
import { softwareDistributions } from './software.table.ts';

const ImportSchema = SoftwareDistributionCreateInput.safeExtend({ entryNumber: z.string().trim().min(1).max(50) });

const license = sql<string | null>`(select l.asset_number from software_licenses l where l.id = ${sql.raw('"software_distributions"."license_id"')})`;

function select(db: Db) {
  return db
    .select({
      id: softwareDistributions.id,
      siteId: softwareDistributions.siteId,
      version: softwareDistributions.version,
      entryNumber: softwareDistributions.entryNumber,
      distributedOn: softwareDistributions.distributedOn,
      site: sites.code,
      recipient: softwareDistributions.recipient,
      origin: softwareDistributions.origin,
      license,
      softwareName: softwareDistributions.softwareName,
      edition: softwareDistributions.edition,
      usedVersion: softwareDistributions.usedVersion,
      language: softwareDistributions.language,
      licenseCount: softwareDistributions.licenseCount,
      mediaCount: softwareDistributions.mediaCount,
      expenseTransfer: softwareDistributions.expenseTransfer,
      accountCode: softwareDistributions.accountCode,
      distributor: softwareDistributions.distributor,
      staffType: softwareDistributions.staffType,
      note: softwareDistributions.note,
    })
    .from(softwareDistributions)
    .innerJoin(sites, eq(sites.id, softwareDistributions.siteId));
}

const valuesOf = ({ id: _i, siteId: _s, version: _v, ...values }: Record<string, unknown>) => values as Record<string, Value>;

/** 海外ソフトウェア配布台帳 (2.2.l): natural key 管理番号; office by site code, licence by asset number. */
export const distributionsIo = defineLedgerIo<SoftwareDistributionExportQuery>({
  name: 'software-distributions',
  entity: 'software-distribution',
  label: { ja: '海外ソフトウェア配布台帳', en: 'Overseas distribution ledger' },
  naturalKey: 'entryNumber',
  schema: ImportSchema,
  columns: [
    { key: 'entryNumber', ja: '管理番号', en: 'Entry number', aliases: ['No', '番号', 'ID'], type: 'code', required: true, width: 12 },
    {
      key: 'distributedOn',
      ja: '配布年月日',
      en: 'Distributed on',
      aliases: ['ライセンスを配布した年月日', '配布日'],
      type: 'date',
      required: true,
      width: 12,
    },
    {
      key: 'site',
      ja: '配布先事務所コード',
      en: 'Office code',
      aliases: ['事務所コード', '拠点コード'],
      type: 'ref',
      field: 'siteId',
      ref: { load: siteRefs },
      required: true,
      width: 12,
    },
    { key: 'recipient', ja: '受領者', en: 'Recipient', aliases: ['配布先研究員'], type: 'text', width: 14 },
    {
      key: 'origin',
      ja: '調達区分',
      en: 'Origin',
      aliases: ['本部配布/現地調達'],
      type: 'enum',
      choices: distributionOrigins.items,
      keepWhenEmpty: true,
      width: 10,
    },
    {
      key: 'license',
      ja: '配布したソフトウェア資産の資産管理番号',
      en: 'Licence asset number',
      aliases: ['資産管理番号'],
      type: 'ref',
      field: 'licenseId',
      ref: { load: licenseRefs },
      width: 16,
    },
    { key: 'softwareName', ja: 'ソフトウェア名', en: 'Software name', type: 'text', width: 28 },
    { key: 'edition', ja: '実際に使用するエディション', en: 'Edition used', aliases: ['エディション'], type: 'text', width: 14 },
    { key: 'usedVersion', ja: '実際に使用するバージョン', en: 'Version used', aliases: ['バージョン'], type: 'text', width: 12 },
    { key: 'language', ja: '実際に使用する言語', en: 'Language used', aliases: ['言語'], type: 'text', width: 10 },
    { key: 'licenseCount', ja: 'ライセンス配布数', en: 'Licences distributed', aliases: ['配布数'], type: 'int', required: true, width: 10 },
    { key: 'mediaCount', ja: 'インストールメディア送付数', en: 'Media sent', aliases: ['メディア送付数'], type: 'int', keepWhenEmpty: true, width: 10 },
    {
      key: 'expenseTransfer',
      ja: '経費振替',
      en: 'Expense transfer',
      aliases: ['経費振替の要否及び振替状況', '振替状況'],
      type: 'enum',
      choices: expenseTransferStatuses.items,
      keepWhenEmpty: true,
      width: 10,
    },
    { key: 'accountCode', ja: '勘定科目コード', en: 'Account code', type: 'code', width: 12 },
    { key: 'distributor', ja: '配布担当者名', en: 'Distributed by', aliases: ['配布担当者'], type: 'text', width: 12 },
    { key: 'staffType', ja: '利用者の職員区分', en: 'Staff type of users', aliases: ['職員区分'], type: 'enum', choices: staffTypes.items, width: 12 },
    { key: 'note', ja: '備考', en: 'Note', type: 'text', width: 24 },
  ],

  async loadExisting(db, keys) {
    const rows = await select(db).where(inJson(softwareDistributions.entryNumber, keys));
    return new Map<string, Existing>(rows.map((r) => [r.entryNumber, { id: r.id, siteId: r.siteId, version: r.version, values: valuesOf(r) }]));
  },

  check({ values, refs, input, error }) {
    // An HQ distribution without a name takes its licence's (the ledger's 取得 rule); a local purchase needs one.
    if (refs.license && (values.softwareName ?? null) === null) {
      values.softwareName = String(refs.license.softwareName);
      input.softwareName = values.softwareName;
    }
    if ((values.origin ?? 'hq') === 'hq' && (values.license ?? null) === null) error('license', 'error.required');
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  write: {
    table: 'software_distributions',
    key: 'entry_number',
    columns: {
      entry_number: ['text', 'entryNumber'],
      distributed_on: ['date', 'distributedOn'],
      site_id: ['uuid', 'siteId'],
      recipient: ['text', 'recipient'],
      origin: ['text', 'origin'],
      license_id: ['uuid', 'licenseId'],
      software_name: ['text', 'softwareName'],
      edition: ['text', 'edition'],
      used_version: ['text', 'usedVersion'],
      language: ['text', 'language'],
      license_count: ['integer', 'licenseCount'],
      media_count: ['integer', 'mediaCount'],
      expense_transfer: ['text', 'expenseTransfer'],
      account_code: ['text', 'accountCode'],
      distributor: ['text', 'distributor'],
      staff_type: ['text', 'staffType'],
      note: ['text', 'note'],
    },
  },

  async exportPage(db, query, actor, cursor, limit) {
    const rows = await select(db)
      .where(and(distributionFilters(query, actor), cursor === null ? undefined : gt(softwareDistributions.entryNumber, cursor)))
      .orderBy(asc(softwareDistributions.entryNumber))
      .limit(limit);
    return { rows: rows.map(valuesOf), next: rows.length === limit ? rows[rows.length - 1].entryNumber : null };
  },
});
