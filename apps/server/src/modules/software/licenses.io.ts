import { Id, licenseForms, licenseTypes, SoftwareLicenseCreateInput, type SoftwareLicenseExportQuery } from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { defineLedgerIo, type Existing, type RefTarget, type Value } from '../../platform/files/ledger-io.ts';
import { findLicensePage, findLicensesByAssetNumbers, type LicenseWithRefs } from './licenses.repo.ts';

/** Licences by asset number: the upgrade source of a licence, also among the rows of the same file. */
export async function licenseRefs(db: Db, numbers: string[]): Promise<Map<string, RefTarget>> {
  const rows = await queryRows<{ id: string; n: string; name: string }>(
    db,
    sql`select id, asset_number as n, software_name as name from software_licenses where asset_number in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.n, { id: r.id, siteId: null, shared: true, softwareName: r.name }]));
}

/** Devices by asset number, with their site so that an OEM binding outside the importer's sites is refused. */
export async function deviceRefs(db: Db, numbers: string[]): Promise<Map<string, RefTarget>> {
  const rows = await queryRows<{ id: string; n: string; site_id: string }>(
    db,
    sql`select id, asset_number as n, site_id from hardware_assets where asset_number in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.n, { id: r.id, siteId: r.site_id }]));
}

// The file names the upgrade source and the OEM device by number; the kit resolves them to ids. Products are
// assigned on the licence page (a file cannot name catalogue entries reliably); an import keeps the stored ones.
const ImportSchema = SoftwareLicenseCreateInput.omit({ upgradeFromAssetNumber: true, boundDeviceAssetNumber: true, productIds: true }).extend({
  upgradeFromId: Id.nullable().optional(),
  boundDeviceId: Id.nullable().optional(),
});

const valuesOf = (l: LicenseWithRefs): Record<string, Value> => ({
  assetNumber: l.assetNumber,
  licenseType: l.licenseType,
  licenseForm: l.licenseForm,
  softwareName: l.softwareName,
  usableEditions: l.usableEditions,
  usableVersions: l.usableVersions,
  usableLanguages: l.usableLanguages,
  licensedVersion: l.licensedVersion,
  downgradeAllowed: l.downgradeAllowed,
  ownedCount: l.ownedCount,
  manufacturer: l.manufacturer,
  certificateNumber: l.certificateNumber,
  storageLocation: l.storageLocation,
  acquiredOn: l.acquiredOn,
  approvalDocument: l.approvalDocument,
  unitPrice: l.unitPrice,
  totalCost: l.totalCost,
  contractAmount: l.contractAmount,
  conditions: l.conditions,
  upgradeValidUntil: l.upgradeValidUntil,
  renewalDate: l.renewalDate,
  upgradeFrom: l.upgradeFrom?.assetNumber ?? null,
  boundDevice: l.boundDevice?.assetNumber ?? null,
  procuredBy: l.procuredBy,
  vendorRegisteredOn: l.vendorRegisteredOn,
  note: l.note,
});

/** 保有ソフトウェア台帳 (2.2.j): natural key 資産管理番号, with the 21 fields of the spec plus contract amount. */
export const licensesIo = defineLedgerIo<SoftwareLicenseExportQuery>({
  name: 'software-licenses',
  entity: 'software-license',
  label: { ja: '保有ソフトウェア台帳', en: 'Owned-licence ledger' },
  naturalKey: 'assetNumber',
  schema: ImportSchema,
  columns: [
    { key: 'assetNumber', ja: '資産管理番号', en: 'Asset number', aliases: ['管理番号', 'Asset No'], type: 'code', required: true, width: 16 },
    { key: 'licenseType', ja: 'ライセンス種別', en: 'Licence type', aliases: ['種別'], type: 'enum', choices: licenseTypes.items, required: true, width: 16 },
    {
      key: 'licenseForm',
      ja: 'ライセンス形態',
      en: 'Licence form',
      aliases: ['形態'],
      type: 'enum',
      choices: licenseForms.items,
      keepWhenEmpty: true,
      width: 18,
    },
    { key: 'softwareName', ja: 'ソフトウェア名', en: 'Software name', aliases: ['製品名', 'ソフトウェア'], type: 'text', required: true, width: 30 },
    { key: 'usableEditions', ja: '使用可能なエディション', en: 'Usable editions', aliases: ['エディション'], type: 'text', width: 16 },
    { key: 'usableVersions', ja: '使用可能なバージョン', en: 'Usable versions', aliases: ['バージョン'], type: 'text', width: 16 },
    { key: 'usableLanguages', ja: '使用可能な言語', en: 'Usable languages', aliases: ['言語'], type: 'text', width: 12 },
    { key: 'licensedVersion', ja: 'ライセンス対象バージョン', en: 'Licensed version', type: 'text', width: 12 },
    { key: 'downgradeAllowed', ja: 'ダウングレード可', en: 'Downgrade allowed', aliases: ['ダウングレード可否'], type: 'bool', keepWhenEmpty: true, width: 10 },
    { key: 'ownedCount', ja: '保有ライセンス数', en: 'Owned licences', aliases: ['保有数', 'ライセンス数'], type: 'int', required: true, width: 10 },
    { key: 'manufacturer', ja: 'メーカー', en: 'Manufacturer', aliases: ['製造元', 'ベンダー'], type: 'text', width: 16 },
    { key: 'certificateNumber', ja: 'ライセンス証書番号', en: 'Certificate number', aliases: ['証書番号'], type: 'code', width: 18 },
    { key: 'storageLocation', ja: '保管場所', en: 'Storage location', type: 'text', width: 16 },
    { key: 'acquiredOn', ja: '調達日', en: 'Acquired on', aliases: ['ソフトウェア資産の調達日', '購入日'], type: 'date', width: 12 },
    { key: 'approvalDocument', ja: '調達時の決裁文書', en: 'Approval document', aliases: ['決裁文書'], type: 'text', width: 18 },
    { key: 'unitPrice', ja: '単価', en: 'Unit price (yen)', aliases: ['ソフトウェア資産の単価'], type: 'yen', width: 12 },
    { key: 'totalCost', ja: '合計費用', en: 'Total cost (yen)', aliases: ['ソフトウェア資産の合計費用', '合計金額'], type: 'yen', width: 12 },
    { key: 'contractAmount', ja: '契約金額', en: 'Contract amount (yen)', aliases: ['契約額'], type: 'yen', width: 14 },
    { key: 'conditions', ja: '付帯条件', en: 'Conditions', type: 'text', width: 24 },
    { key: 'upgradeValidUntil', ja: 'アップグレード有効期限', en: 'Upgrade valid until', type: 'date', width: 12 },
    { key: 'renewalDate', ja: '更新予定日', en: 'Renewal date', type: 'date', width: 12 },
    {
      key: 'upgradeFrom',
      ja: 'アップグレード元資産管理番号',
      en: 'Upgrade from (asset number)',
      aliases: ['アップグレード/更新元ソフトウェア資産の資産管理番号', 'アップグレード元'],
      type: 'ref',
      field: 'upgradeFromId',
      ref: { load: licenseRefs, self: true },
      width: 16,
    },
    {
      key: 'boundDevice',
      ja: 'OEM対象機器',
      en: 'OEM device (asset number)',
      aliases: ['OEM機器'],
      type: 'ref',
      field: 'boundDeviceId',
      ref: { load: deviceRefs },
      width: 14,
    },
    { key: 'procuredBy', ja: '調達担当者名', en: 'Procured by', aliases: ['調達担当者'], type: 'text', width: 12 },
    { key: 'vendorRegisteredOn', ja: 'ユーザー登録日', en: 'Vendor registration date', aliases: ['ユーザー登録'], type: 'date', width: 12 },
    { key: 'note', ja: '備考', en: 'Note', type: 'text', width: 24 },
  ],

  async loadExisting(db, keys) {
    const rows = await findLicensesByAssetNumbers(db, keys);
    return new Map<string, Existing>(rows.map((l) => [l.assetNumber, { id: l.id, siteId: null, version: l.version, values: valuesOf(l) }]));
  },

  check({ values, error }) {
    if (values.upgradeFrom !== null && values.upgradeFrom !== undefined && values.upgradeFrom === values.assetNumber)
      error('upgradeFrom', 'error.upgrade_cycle');
  },

  siteOf: () => null,

  write: {
    table: 'software_licenses',
    key: 'asset_number',
    columns: {
      asset_number: ['text', 'assetNumber'],
      license_type: ['text', 'licenseType'],
      license_form: ['text', 'licenseForm'],
      software_name: ['text', 'softwareName'],
      usable_editions: ['text', 'usableEditions'],
      usable_versions: ['text', 'usableVersions'],
      usable_languages: ['text', 'usableLanguages'],
      licensed_version: ['text', 'licensedVersion'],
      downgrade_allowed: ['boolean', 'downgradeAllowed'],
      owned_count: ['integer', 'ownedCount'],
      manufacturer: ['text', 'manufacturer'],
      certificate_number: ['text', 'certificateNumber'],
      storage_location: ['text', 'storageLocation'],
      acquired_on: ['date', 'acquiredOn'],
      approval_document: ['text', 'approvalDocument'],
      unit_price: ['integer', 'unitPrice'],
      total_cost: ['integer', 'totalCost'],
      contract_amount: ['integer', 'contractAmount'],
      conditions: ['text', 'conditions'],
      upgrade_valid_until: ['date', 'upgradeValidUntil'],
      renewal_date: ['date', 'renewalDate'],
      upgrade_from_id: ['uuid', 'upgradeFromId'],
      bound_device_id: ['uuid', 'boundDeviceId'],
      procured_by: ['text', 'procuredBy'],
      vendor_registered_on: ['date', 'vendorRegisteredOn'],
      note: ['text', 'note'],
    },
  },

  async exportPage(db, query, _actor, cursor, limit) {
    const page = await findLicensePage(db, {
      q: query.q,
      licenseType: query.licenseType,
      productId: query.productId,
      sort: 'assetNumber',
      limit,
      cursor: cursor ?? undefined,
    });
    return { rows: page.items.map(valuesOf), next: page.nextCursor };
  },
});
