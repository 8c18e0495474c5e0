import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { DepartmentRef, SiteRef } from './org.ts';

/** Hardware asset ledger (2.1.a): one entity, two ledgers (国内用 / 海外用). */
export const assetLedgers = choiceSet([
  { value: 'domestic', ja: '国内', en: 'Domestic', color: 'blue' },
  { value: 'overseas', ja: '海外', en: 'Overseas', color: 'green' },
]);
export type AssetLedger = (typeof assetLedgers.values)[number];

export const assetCategories = choiceSet([
  { value: 'desktop_pc', ja: 'デスクトップPC', en: 'Desktop PC', color: 'blue' },
  { value: 'notebook_pc', ja: 'ノートPC', en: 'Notebook PC', color: 'blue' },
  { value: 'virtual_pc', ja: '仮想PC', en: 'Virtual PC', color: 'geekblue' },
  { value: 'server', ja: 'サーバ', en: 'Server', color: 'purple' },
  { value: 'virtual_server', ja: '仮想サーバ', en: 'Virtual server', color: 'purple' },
  { value: 'storage', ja: 'ストレージ', en: 'Storage', color: 'magenta' },
  { value: 'switch', ja: 'スイッチ', en: 'Switch', color: 'cyan' },
  { value: 'router', ja: 'ルータ', en: 'Router', color: 'cyan' },
  { value: 'firewall', ja: 'ファイアウォール', en: 'Firewall', color: 'red' },
  { value: 'wireless_ap', ja: '無線AP', en: 'Wireless AP', color: 'cyan' },
  { value: 'ip_phone', ja: 'IP電話機', en: 'IP phone', color: 'gold' },
  { value: 'printer', ja: 'プリンタ', en: 'Printer', color: 'orange' },
  { value: 'mfp', ja: '複合機', en: 'Multifunction printer', color: 'orange' },
  { value: 'ups', ja: 'UPS', en: 'UPS', color: 'volcano' },
  { value: 'monitor', ja: 'モニタ', en: 'Monitor', color: 'default' },
  { value: 'peripheral', ja: '周辺機器', en: 'Peripheral', color: 'default' },
  { value: 'mobile_device', ja: 'モバイル端末', en: 'Mobile device', color: 'lime' },
  { value: 'external_storage', ja: '外部記憶媒体', en: 'External storage medium', color: 'default' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export type AssetCategory = (typeof assetCategories.values)[number];
/** Categories that run on a host (3.3.1.b): their parent asset is the host. */
export const virtualCategories: readonly AssetCategory[] = ['virtual_pc', 'virtual_server'];

export const assetStatuses = choiceSet([
  { value: 'in_use', ja: '使用中', en: 'In use', color: 'green' },
  { value: 'stock', ja: '在庫', en: 'In stock', color: 'blue' },
  { value: 'on_loan', ja: '貸出中', en: 'On loan', color: 'cyan' },
  { value: 'in_repair', ja: '修理中', en: 'In repair', color: 'orange' },
  { value: 'retired', ja: '使用停止', en: 'Retired', color: 'default' },
  { value: 'disposed', ja: '廃棄済', en: 'Disposed', color: 'default' },
  { value: 'lost', ja: '紛失・盗難', en: 'Lost / stolen', color: 'red' },
]);
export type AssetStatus = (typeof assetStatuses.values)[number];
/** Statuses whose asset no longer holds its network identity: its MACs may be reused elsewhere. */
export const inactiveAssetStatuses: readonly AssetStatus[] = ['retired', 'disposed', 'lost'];

export const acquisitionKinds = choiceSet([
  { value: 'purchase', ja: '購入', en: 'Purchase', color: 'blue' },
  { value: 'lease', ja: 'リース', en: 'Lease', color: 'purple' },
  { value: 'rental', ja: 'レンタル', en: 'Rental', color: 'cyan' },
]);
export type AcquisitionKind = (typeof acquisitionKinds.values)[number];

const isoDate = z.iso.date();
const AssetNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_./-]+$/, { message: 'error.code_format' });

/** `aa:bb:cc:dd:ee:ff` from any common spelling (AA-BB-…, aabb.ccdd.eeff, bare hex). */
export function normalizeMac(input: string): string | null {
  const s = input.normalize('NFKC').trim().toLowerCase();
  // 0:1a:2b:3c:4d:5e — six groups with separators may drop a leading zero.
  const groups = s.split(/[:-]/);
  const hex =
    groups.length === 6 && groups.every((g) => /^[0-9a-f]{1,2}$/.test(g)) ? groups.map((g) => g.padStart(2, '0')).join('') : s.replace(/[\s:.-]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex) || hex === '000000000000') return null;
  return hex.match(/../g)!.join(':');
}

/**
 * One spelling per address, so the same device never looks changed and searches match: IPv4 without leading
 * zeros (192.168.001.010 → 192.168.1.10), IPv6 lower-case and compressed (FE80:0:0::1 → fe80::1).
 */
export function normalizeIp(input: string): string | null {
  const s = input.normalize('NFKC').trim();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p) => p <= 255) ? parts.join('.') : null;
  }
  if (!s.includes(':') || s.includes('%') || s.includes('[')) return null;
  try {
    return new URL(`http://[${s}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

export const MacAddress = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const mac = normalizeMac(s);
    if (!mac) {
      ctx.addIssue({ code: 'custom', message: 'error.mac_format' });
      return z.NEVER;
    }
    return mac;
  });
export const IpAddress = z.string().transform((s, ctx) => {
  const ip = normalizeIp(s);
  if (!ip) {
    ctx.addIssue({ code: 'custom', message: 'error.ip_format' });
    return z.NEVER;
  }
  return ip;
});

const Port = z.number().int().min(0).max(65535).nullable().optional();
/** One NAPT (static NAT / port forwarding) rule of a device (2.1.a NAPT設定情報). */
export const NaptRule = z.object({
  protocol: z.enum(['tcp', 'udp', 'any']).default('any'),
  insideAddress: IpAddress,
  insidePort: Port,
  outsideAddress: IpAddress,
  outsidePort: Port,
  note: OptionalText(200),
});
export type NaptRule = z.infer<typeof NaptRule>;
/** The stored form of a rule, for responses (no input transforms). */
export const NaptRuleDto = z.object({
  protocol: z.enum(['tcp', 'udp', 'any']),
  insideAddress: z.string(),
  insidePort: z.number().int().nullable().optional(),
  outsideAddress: z.string(),
  outsidePort: z.number().int().nullable().optional(),
  note: z.string().nullable().optional(),
});

/** Free attributes (the spec's "等"): label → text, shown in the UI as extra fields. */
export const AssetAttributes = z.record(z.string().trim().min(1).max(60), z.string().max(500)).refine((r) => Object.keys(r).length <= 50, {
  message: 'error.too_many',
});

const AssetFields = z.object({
  assetNumber: AssetNumber,
  ledger: assetLedgers.schema,
  name: z.string().trim().min(1).max(200),
  category: assetCategories.schema,
  manufacturer: OptionalText(100),
  model: OptionalText(100),
  serialNumber: OptionalText(100),
  siteId: Id,
  building: OptionalText(100),
  floor: OptionalText(40),
  room: OptionalText(100),
  rack: OptionalText(40),
  departmentId: Id.nullable().optional(),
  userId: Id.nullable().optional(),
  purpose: OptionalText(500),
  ipAddresses: z.array(IpAddress).max(32),
  macAddresses: z.array(MacAddress).max(32),
  napt: z.array(NaptRule).max(100),
  osName: OptionalText(100),
  osVersion: OptionalText(100),
  status: assetStatuses.schema,
  acquisition: acquisitionKinds.schema.nullable().optional(),
  purchaseDate: isoDate.nullable().optional(),
  priceYen: z.number().int().min(0).max(1e12).nullable().optional(),
  leaseEnd: isoDate.nullable().optional(),
  vendor: OptionalText(200),
  maintenanceContract: OptionalText(100),
  warrantyEnd: isoDate.nullable().optional(),
  parentId: Id.nullable().optional(),
  // 2.1.g overseas onboarding checks (dates the check was confirmed)
  guidanceSentOn: isoDate.nullable().optional(),
  entraRegisteredOn: isoDate.nullable().optional(),
  intuneRegisteredOn: isoDate.nullable().optional(),
  standardSoftwareCheckedOn: isoDate.nullable().optional(),
  notes: OptionalText(4000),
  attributes: AssetAttributes,
});

const uniqueMacs = (a: { macAddresses?: string[] }) => !a.macAddresses || new Set(a.macAddresses).size === a.macAddresses.length;
export const HardwareAssetCreateInput = AssetFields.extend({
  status: assetStatuses.schema.default('in_use'),
  ipAddresses: z.array(IpAddress).max(32).default([]),
  macAddresses: z.array(MacAddress).max(32).default([]),
  napt: z.array(NaptRule).max(100).default([]),
  attributes: AssetAttributes.default({}),
}).refine(uniqueMacs, { message: 'error.duplicate', path: ['macAddresses'] });
export type HardwareAssetCreateInput = z.infer<typeof HardwareAssetCreateInput>;
export const HardwareAssetUpdateInput = AssetFields.partial().refine(uniqueMacs, { message: 'error.duplicate', path: ['macAddresses'] });
export type HardwareAssetUpdateInput = z.infer<typeof HardwareAssetUpdateInput>;

export const PersonRef = z.object({ id: Id, employeeNumber: z.string(), nameKanji: z.string(), nameRomaji: z.string().nullable(), status: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;
export const AssetRef = z.object({ id: Id, assetNumber: z.string(), name: z.string() });
export type AssetRef = z.infer<typeof AssetRef>;

export const HardwareAssetDto = z.object({
  id: Id,
  assetNumber: z.string(),
  ledger: assetLedgers.schema,
  name: z.string(),
  category: assetCategories.schema,
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  site: SiteRef,
  building: z.string().nullable(),
  floor: z.string().nullable(),
  room: z.string().nullable(),
  rack: z.string().nullable(),
  department: DepartmentRef.nullable(),
  user: PersonRef.nullable(),
  purpose: z.string().nullable(),
  ipAddresses: z.array(z.string()),
  macAddresses: z.array(z.string()),
  napt: z.array(NaptRuleDto),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  status: assetStatuses.schema,
  acquisition: acquisitionKinds.schema.nullable(),
  purchaseDate: z.string().nullable(),
  priceYen: z.number().nullable(),
  leaseEnd: z.string().nullable(),
  vendor: z.string().nullable(),
  maintenanceContract: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  parent: AssetRef.nullable(),
  guidanceSentOn: z.string().nullable(),
  entraRegisteredOn: z.string().nullable(),
  intuneRegisteredOn: z.string().nullable(),
  standardSoftwareCheckedOn: z.string().nullable(),
  notes: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  /** A draft was created by a stock-take for equipment found but not in the ledger. */
  draft: z.boolean(),
  lastInventoryAt: z.string().nullable(),
  /** Hardware facts the inventory agent reported (CPU, memory, BIOS...), read-only. */
  inventoryFacts: z.record(z.string(), z.unknown()).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type HardwareAssetDto = z.infer<typeof HardwareAssetDto>;

export const hardwareAssetSorts = [
  'assetNumber',
  'name',
  'category',
  'status',
  'site',
  'location',
  'user',
  'department',
  'manufacturer',
  'model',
  'serialNumber',
  'purchaseDate',
  'warrantyEnd',
  'lastInventoryAt',
  'updatedAt',
] as const;

export const HardwareAssetFilter = z.object({
  q: z.string().trim().max(100).optional(),
  ledger: assetLedgers.schema.optional(),
  siteId: Id.optional(),
  departmentId: Id.optional(),
  userId: Id.optional(),
  category: assetCategories.schema.optional(),
  status: assetStatuses.schema.optional(),
  parentId: Id.optional(),
  draft: z.enum(['true', 'false']).optional(),
});
export const HardwareAssetListQuery = PageQuery.extend(HardwareAssetFilter.shape).extend({
  sort: z.enum(hardwareAssetSorts).default('assetNumber'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type HardwareAssetListQuery = z.infer<typeof HardwareAssetListQuery>;
/**
 * A row of the ledger list: what the list's columns, saved views, bulk edit and the asset pickers use. The record's
 * other fields (NAPT rules, contract, registration checks, notes, free attributes, agent facts) come with the asset
 * itself (GET /hardware-assets/{id}); on 200,000 assets the list's cost is per row and per field (bench, issue #4).
 */
export const HardwareAssetListItem = HardwareAssetDto.pick({
  id: true,
  assetNumber: true,
  ledger: true,
  name: true,
  category: true,
  manufacturer: true,
  model: true,
  serialNumber: true,
  site: true,
  building: true,
  floor: true,
  room: true,
  rack: true,
  department: true,
  user: true,
  purpose: true,
  ipAddresses: true,
  macAddresses: true,
  osName: true,
  status: true,
  purchaseDate: true,
  warrantyEnd: true,
  parent: true,
  draft: true,
  lastInventoryAt: true,
  version: true,
  updatedAt: true,
  abilities: true,
});
export type HardwareAssetListItem = z.infer<typeof HardwareAssetListItem>;
export const HardwareAssetPage = Page(HardwareAssetListItem);
/** The exact number of assets matching the list's filters, asked for when the list says "1,000 件以上". */
export const HardwareAssetCount = z.object({ total: z.number().int() });

/** Bulk edit of selected rows (location, status, department) in one audited transaction. */
export const HardwareAssetBulkUpdateInput = z.object({
  ids: z.array(Id).min(1).max(1000),
  set: AssetFields.pick({ siteId: true, building: true, floor: true, room: true, rack: true, status: true, departmentId: true })
    .partial()
    .refine((s) => Object.keys(s).length > 0, { message: 'error.required' }),
});
export type HardwareAssetBulkUpdateInput = z.infer<typeof HardwareAssetBulkUpdateInput>;
export const HardwareAssetBulkUpdateResult = z.object({ updated: z.number().int() });
