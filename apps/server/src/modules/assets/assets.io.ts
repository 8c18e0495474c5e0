import {
  acquisitionKinds,
  assetCategories,
  assetLedgers,
  assetStatuses,
  HardwareAssetCreateInput,
  type HardwareAssetExportQuery,
  inactiveAssetStatuses,
} from '@unyo/contracts';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { defineLedgerIo, type Existing, inJson, type RefTarget, type Value } from '../../platform/files/ledger-io.ts';
import { departments, people, sites } from '../org/org.table.ts';
import { siteRefs } from '../org/sites.io.ts';
import { assetFilters } from './assets.repo.ts';
import { hardwareAssets } from './assets.table.ts';
import { ipItem, macItem, naptCodec } from './assets-cells.ts';

// ---------------------------------------------------------------------------------------------
// References

/** Departments by code, or by their Japanese name where that name is unambiguous (設置部署名). */
async function departmentRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db
    .select({ id: departments.id, code: departments.code, nameJa: departments.nameJa, siteId: departments.siteId })
    .from(departments)
    .where(or(inJson(departments.code, codes), inJson(departments.nameJa, codes)));
  const out = new Map<string, RefTarget>();
  const byName = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    out.set(r.code, { id: r.id, siteId: r.siteId });
    byName.set(r.nameJa, [...(byName.get(r.nameJa) ?? []), r]);
  }
  for (const [name, list] of byName) if (list.length === 1 && !out.has(name)) out.set(name, { id: list[0].id, siteId: list[0].siteId });
  return out;
}

/** Users by employee number; their site decides scope. */
async function personRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db.select({ id: people.id, code: people.employeeNumber, siteId: people.siteId }).from(people).where(inJson(people.employeeNumber, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: r.siteId }]));
}

/** Parent assets by asset number (a VM's host may be created by the same file). */
async function assetRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db
    .select({ id: hardwareAssets.id, code: hardwareAssets.assetNumber, siteId: hardwareAssets.siteId })
    .from(hardwareAssets)
    .where(inJson(hardwareAssets.assetNumber, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: r.siteId }]));
}

// ---------------------------------------------------------------------------------------------
// Rows

const parents = alias(hardwareAssets, 'parent_assets');
const a = hardwareAssets;
const assetColumns = {
  ledger: a.ledger,
  assetNumber: a.assetNumber,
  name: a.name,
  category: a.category,
  manufacturer: a.manufacturer,
  model: a.model,
  serialNumber: a.serialNumber,
  site: sites.code,
  building: a.building,
  floor: a.floor,
  room: a.room,
  rack: a.rack,
  department: departments.code,
  user: people.employeeNumber,
  purpose: a.purpose,
  ipAddresses: a.ipAddresses,
  macAddresses: a.macAddresses,
  napt: a.napt,
  osName: a.osName,
  osVersion: a.osVersion,
  status: a.status,
  acquisition: a.acquisition,
  purchaseDate: a.purchaseDate,
  priceYen: a.priceYen,
  leaseEnd: a.leaseEnd,
  vendor: a.vendor,
  maintenanceContract: a.maintenanceContract,
  warrantyEnd: a.warrantyEnd,
  parent: parents.assetNumber,
  guidanceSentOn: a.guidanceSentOn,
  entraRegisteredOn: a.entraRegisteredOn,
  intuneRegisteredOn: a.intuneRegisteredOn,
  standardSoftwareCheckedOn: a.standardSoftwareCheckedOn,
  notes: a.notes,
};

function selectAssets(db: Db) {
  return db
    .select({ id: a.id, siteId: a.siteId, version: a.version, ...assetColumns })
    .from(a)
    .innerJoin(sites, eq(sites.id, a.siteId))
    .leftJoin(departments, eq(departments.id, a.departmentId))
    .leftJoin(people, eq(people.id, a.userId))
    .leftJoin(parents, eq(parents.id, a.parentId));
}

const valuesOf = ({ id: _id, siteId: _s, version: _v, ...values }: Record<string, unknown>) => values as Record<string, Value>;
const inactive = new Set<string>(inactiveAssetStatuses);

/**
 * Serials that another asset already has (case-insensitive), unless this asset already had the
 * same serial stored: an import does not add a duplicate, and an old one does not block other edits.
 */
async function serialConflicts(db: Db, serials: string[]): Promise<Map<string, string[]>> {
  if (!serials.length) return new Map();
  const rows = await queryRows<{ serial: string; asset_number: string }>(
    db,
    sql`select lower(serial_number) as serial, asset_number from hardware_assets
        where lower(serial_number) in (select jsonb_array_elements_text(${JSON.stringify(serials)}::jsonb))`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.serial, [...(out.get(r.serial) ?? []), r.asset_number]);
  return out;
}

/** Active MACs and the asset holding each (hardware_asset_macs: one active asset per MAC). */
async function activeMacs(db: Db, macs: string[]): Promise<Map<string, string>> {
  if (!macs.length) return new Map();
  const rows = await queryRows<{ mac: string; asset_number: string }>(
    db,
    sql`select m.mac, h.asset_number from hardware_asset_macs m join hardware_assets h on h.id = m.asset_id
        where m.mac in (select jsonb_array_elements_text(${JSON.stringify(macs)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.mac, r.asset_number]));
}

/**
 * ハードウェア資産台帳 (国内用 and 海外用 in one file; 台帳 column): natural key 資産管理番号; site,
 * department, user and parent asset by code. Columns follow the agency's Excel ledgers.
 */
export const hardwareAssetsIo = defineLedgerIo<HardwareAssetExportQuery>({
  name: 'hardware-assets',
  entity: 'asset',
  label: { ja: 'ハードウェア資産', en: 'Hardware assets' },
  naturalKey: 'assetNumber',
  schema: HardwareAssetCreateInput,
  columns: [
    {
      key: 'ledger',
      ja: '台帳',
      en: 'Ledger',
      aliases: ['台帳区分', '国内/海外', '国内海外区分'],
      type: 'enum',
      choices: assetLedgers.items,
      required: true,
      width: 8,
    },
    {
      key: 'assetNumber',
      ja: '資産管理番号',
      en: 'Asset number',
      aliases: ['資産番号', '管理番号', '資産No', 'Asset No'],
      type: 'code',
      required: true,
      width: 16,
    },
    { key: 'name', ja: '機器名', en: 'Name', aliases: ['ホスト名', '機器名称', '名称', 'デバイス名', 'Host name'], type: 'text', required: true, width: 20 },
    {
      key: 'category',
      ja: '機器種別',
      en: 'Category',
      aliases: ['種別', '分類', 'カテゴリ'],
      type: 'enum',
      choices: assetCategories.items,
      required: true,
      width: 14,
    },
    { key: 'manufacturer', ja: 'メーカー', en: 'Manufacturer', aliases: ['メーカー名', '製造元'], type: 'text', width: 14 },
    { key: 'model', ja: '型番', en: 'Model', aliases: ['型式', '機種', 'モデル'], type: 'text', width: 16 },
    { key: 'serialNumber', ja: 'シリアル番号', en: 'Serial number', aliases: ['製造番号', 'シリアル', 'S/N', 'Serial'], type: 'code', width: 16 },
    {
      key: 'site',
      ja: '拠点コード',
      en: 'Site code',
      aliases: ['設置拠点', '設置拠点コード', '拠点'],
      type: 'ref',
      field: 'siteId',
      ref: { load: siteRefs },
      required: true,
      width: 10,
    },
    { key: 'building', ja: '建物', en: 'Building', aliases: ['棟', '設置場所'], type: 'text', width: 10 },
    { key: 'floor', ja: '階', en: 'Floor', aliases: ['フロア', '階数'], type: 'text', width: 6 },
    { key: 'room', ja: '部屋', en: 'Room', aliases: ['部屋名', '室名', '設置部屋'], type: 'text', width: 14 },
    { key: 'rack', ja: 'ラック', en: 'Rack', aliases: ['ラック番号'], type: 'text', width: 8 },
    {
      key: 'department',
      ja: '設置部署',
      en: 'Department',
      aliases: ['設置部署コード', '設置部署名', '部署コード', '部署名', '部署', '所属'],
      type: 'ref',
      field: 'departmentId',
      ref: { load: departmentRefs },
      width: 12,
    },
    {
      key: 'user',
      ja: '使用者',
      en: 'User (employee number)',
      aliases: ['使用者職員番号', '利用者', '使用者番号', '職員番号', 'User'],
      type: 'ref',
      field: 'userId',
      ref: { load: personRefs },
      width: 12,
    },
    { key: 'purpose', ja: '使用目的', en: 'Purpose', aliases: ['用途', '目的'], type: 'text', width: 20 },
    { key: 'ipAddresses', ja: 'IPアドレス', en: 'IP addresses', aliases: ['IP', 'IPアドレス一覧'], type: 'list', item: ipItem, width: 18 },
    { key: 'macAddresses', ja: 'MACアドレス', en: 'MAC addresses', aliases: ['MAC', 'MACアドレス一覧'], type: 'list', item: macItem, width: 20 },
    { key: 'napt', ja: 'NAPT設定情報', en: 'NAPT rules', aliases: ['NAPT設定', 'NAPT', 'ポートフォワード'], type: 'json', codec: naptCodec, width: 30 },
    { key: 'osName', ja: 'OS', en: 'OS', aliases: ['OS名', 'オペレーティングシステム'], type: 'text', width: 14 },
    { key: 'osVersion', ja: 'OSバージョン', en: 'OS version', aliases: ['バージョン'], type: 'text', width: 10 },
    {
      key: 'status',
      ja: '状態',
      en: 'Status',
      aliases: ['ステータス', '使用状況'],
      type: 'enum',
      choices: assetStatuses.items,
      keepWhenEmpty: true,
      width: 10,
    },
    { key: 'acquisition', ja: '取得区分', en: 'Acquisition', aliases: ['調達区分', '購入区分'], type: 'enum', choices: acquisitionKinds.items, width: 10 },
    { key: 'purchaseDate', ja: '購入日', en: 'Purchase date', aliases: ['取得日', '導入日', '納品日'], type: 'date', width: 12 },
    { key: 'priceYen', ja: '価格', en: 'Price (yen)', aliases: ['購入価格', '取得価格', '金額', '価格（円）'], type: 'yen', width: 12 },
    { key: 'leaseEnd', ja: 'リース期限', en: 'Lease end', aliases: ['リース満了日', 'リース終了日'], type: 'date', width: 12 },
    { key: 'vendor', ja: '業者', en: 'Vendor', aliases: ['購入業者', '納入業者', '販売業者', 'ベンダー'], type: 'text', width: 16 },
    { key: 'maintenanceContract', ja: '保守契約番号', en: 'Maintenance contract', aliases: ['保守契約'], type: 'code', width: 14 },
    { key: 'warrantyEnd', ja: '保証期限', en: 'Warranty end', aliases: ['保証終了日', '保守期限'], type: 'date', width: 12 },
    {
      key: 'parent',
      ja: '親資産',
      en: 'Parent asset',
      aliases: ['親資産番号', '親資産管理番号', 'ホスト資産'],
      type: 'ref',
      field: 'parentId',
      ref: { load: assetRefs, self: true },
      width: 16,
    },
    { key: 'guidanceSentOn', ja: '案内送付日', en: 'Guidance sent on', aliases: ['ガイダンス送付日'], type: 'date', width: 12 },
    {
      key: 'entraRegisteredOn',
      ja: 'Entra ID登録確認日',
      en: 'Entra ID checked on',
      aliases: ['Entra登録確認日', 'Azure AD登録確認日'],
      type: 'date',
      width: 12,
    },
    { key: 'intuneRegisteredOn', ja: 'Intune登録確認日', en: 'Intune checked on', aliases: ['Intune登録日'], type: 'date', width: 12 },
    {
      key: 'standardSoftwareCheckedOn',
      ja: '標準ソフト確認日',
      en: 'Standard software checked on',
      aliases: ['標準ソフトウェア確認日'],
      type: 'date',
      width: 12,
    },
    { key: 'notes', ja: '備考', en: 'Notes', aliases: ['メモ', '摘要'], type: 'text', width: 24 },
  ],

  async loadExisting(db, keys) {
    const rows = await selectAssets(db).where(inJson(a.assetNumber, keys));
    return new Map<string, Existing>(rows.map((r) => [r.assetNumber, { id: r.id, siteId: r.siteId, version: r.version, values: valuesOf(r) }]));
  },

  check({ refs, error }) {
    const dept = refs.department;
    if (dept && refs.site && dept.siteId !== refs.site.id) error('department', 'error.department_site');
  },

  async checkAll(db, rows, error) {
    // Serial numbers: unique within the file, and not already on another asset.
    const firstSerial = new Map<string, number>();
    const serialRows: [row: (typeof rows)[number], serial: string][] = [];
    for (const r of rows) {
      const s = r.values.serialNumber;
      if (typeof s !== 'string') continue;
      const k = s.toLowerCase();
      const first = firstSerial.get(k);
      if (first !== undefined) error(r.row, 'serialNumber', 'import.duplicate_key', { row: first });
      else {
        firstSerial.set(k, r.row);
        serialRows.push([r, k]);
      }
    }
    const stored = await serialConflicts(db, [...firstSerial.keys()]);
    for (const [r, k] of serialRows) {
      const holders = stored.get(k) ?? [];
      const others = holders.filter((n) => n !== r.key);
      if (others.length && !holders.includes(r.key))
        error(r.row, 'serialNumber', 'import.duplicate_serial', { value: String(r.values.serialNumber), asset: others[0] });
    }

    // MACs of active assets: one asset each, within the file and against the ledger.
    const firstMac = new Map<string, number>();
    const macRows: [row: (typeof rows)[number], macs: string[]][] = [];
    for (const r of rows) {
      if (inactive.has(String(r.values.status))) continue;
      const macs = (r.values.macAddresses as string[] | null) ?? [];
      for (const m of macs) {
        const first = firstMac.get(m);
        if (first !== undefined && first !== r.row) error(r.row, 'macAddresses', 'import.duplicate_key', { row: first });
        else firstMac.set(m, r.row);
      }
      if (macs.length) macRows.push([r, macs]);
    }
    const holders = await activeMacs(db, [...firstMac.keys()]);
    for (const [r, macs] of macRows) {
      const taken = macs.find((m) => holders.has(m) && holders.get(m) !== r.key);
      if (taken) error(r.row, 'macAddresses', 'import.mac_in_use', { value: taken, asset: holders.get(taken)! });
    }
  },

  siteOf: (_id, output) => (output.siteId as string | undefined) ?? null,

  write: {
    table: 'hardware_assets',
    key: 'asset_number',
    columns: {
      asset_number: ['text', 'assetNumber'],
      ledger: ['text', 'ledger'],
      name: ['text', 'name'],
      category: ['text', 'category'],
      manufacturer: ['text', 'manufacturer'],
      model: ['text', 'model'],
      serial_number: ['text', 'serialNumber'],
      site_id: ['uuid', 'siteId'],
      building: ['text', 'building'],
      floor: ['text', 'floor'],
      room: ['text', 'room'],
      rack: ['text', 'rack'],
      department_id: ['uuid', 'departmentId'],
      user_id: ['uuid', 'userId'],
      purpose: ['text', 'purpose'],
      ip_addresses: ['text[]', 'ipAddresses'],
      mac_addresses: ['text[]', 'macAddresses'],
      napt: ['jsonb', 'napt'],
      os_name: ['text', 'osName'],
      os_version: ['text', 'osVersion'],
      status: ['text', 'status'],
      acquisition: ['text', 'acquisition'],
      purchase_date: ['date', 'purchaseDate'],
      price_yen: ['bigint', 'priceYen'],
      lease_end: ['date', 'leaseEnd'],
      vendor: ['text', 'vendor'],
      maintenance_contract: ['text', 'maintenanceContract'],
      warranty_end: ['date', 'warrantyEnd'],
      parent_id: ['uuid', 'parentId'],
      guidance_sent_on: ['date', 'guidanceSentOn'],
      entra_registered_on: ['date', 'entraRegisteredOn'],
      intune_registered_on: ['date', 'intuneRegisteredOn'],
      standard_software_checked_on: ['date', 'standardSoftwareCheckedOn'],
      notes: ['text', 'notes'],
    },
  },

  // Keyset on the unique asset number, with the list's own filters and scope (assetFilters).
  async exportPage(db, query, actor, cursor, limit) {
    const rows = await selectAssets(db)
      .where(and(assetFilters(query, actor), cursor === null ? undefined : gt(a.assetNumber, cursor)))
      .orderBy(asc(a.assetNumber))
      .limit(limit);
    return { rows: rows.map(valuesOf), next: rows.length === limit ? rows[rows.length - 1].assetNumber : null };
  },
});
