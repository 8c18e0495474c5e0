import { z } from 'zod';
import { assetCategories, HardwareAssetFilter, PersonRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { ExportQuery } from './io.ts';
import { SiteRef } from './org.ts';

// ---------------------------------------------------------------------------------------------
// Data-quality findings (2.1.b stale user / department, 2.1.e no user / no purpose)

export const findingKinds = choiceSet([
  { value: 'user_retired', ja: '使用者が退職済', en: 'User has left', color: 'red' },
  { value: 'user_transferred', ja: '使用者が異動済', en: 'User transferred', color: 'orange' },
  { value: 'user_department_mismatch', ja: '設置部署と使用者の所属が不一致', en: 'Department differs from the user’s', color: 'gold' },
  { value: 'no_user', ja: '使用者未登録', en: 'No user', color: 'volcano' },
  { value: 'no_purpose', ja: '使用目的未登録', en: 'No purpose', color: 'volcano' },
  { value: 'duplicate_serial', ja: 'シリアル番号重複', en: 'Duplicate serial number', color: 'magenta' },
  { value: 'duplicate_mac', ja: 'MACアドレス重複', en: 'Duplicate MAC address', color: 'magenta' },
  { value: 'agent_stale', ja: 'エージェント未受信', en: 'Agent not seen', color: 'purple' },
]);
export type FindingKind = (typeof findingKinds.values)[number];

export const findingStatuses = choiceSet([
  { value: 'open', ja: '未対応', en: 'Open', color: 'red' },
  { value: 'acknowledged', ja: '確認済（例外）', en: 'Acknowledged', color: 'gold' },
  { value: 'resolved', ja: '解決', en: 'Resolved', color: 'green' },
]);
export type FindingStatus = (typeof findingStatuses.values)[number];

const FindingFilter = z.object({
  kind: findingKinds.schema.optional(),
  status: findingStatuses.schema.optional(),
  siteId: Id.optional(),
  assetId: Id.optional(),
});
export const AssetFindingListQuery = PageQuery.extend(FindingFilter.shape);
export type AssetFindingListQuery = z.infer<typeof AssetFindingListQuery>;
export const AssetFindingExportQuery = ExportQuery.extend(FindingFilter.shape);
export type AssetFindingExportQuery = z.infer<typeof AssetFindingExportQuery>;

export const FindingAssetRef = z.object({ id: Id, assetNumber: z.string(), name: z.string(), status: z.string(), category: assetCategories.schema });

export const AssetFindingDto = z.object({
  id: Id,
  kind: findingKinds.schema,
  /** The duplicated serial or MAC; empty for the other kinds. */
  key: z.string(),
  /**
   * What was seen at the last detection (the user, the other assets, the last inventory...). For
   * duplicates, `assetNumbers` lists the assets sharing the value that the reader can see and
   * `outsideCount` how many others are at sites outside the reader's scope.
   */
  detail: z.record(z.string(), z.unknown()),
  status: findingStatuses.schema,
  reason: z.string().nullable(),
  firstDetectedAt: z.string(),
  lastDetectedAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  asset: FindingAssetRef,
  site: SiteRef,
  version: z.number().int(),
  abilities: Abilities,
});
export type AssetFindingDto = z.infer<typeof AssetFindingDto>;

/** The page plus the number of findings of each kind under the same filters (kind aside). */
export const AssetFindingPage = Page(AssetFindingDto).extend({ counts: z.record(z.string(), z.number().int()) });
export type AssetFindingPage = z.infer<typeof AssetFindingPage>;

export const AssetFindingCloseInput = z.object({ reason: z.string().trim().min(1).max(1000) });
export type AssetFindingCloseInput = z.infer<typeof AssetFindingCloseInput>;

export const AssetFindingRunResult = z.object({
  detected: z.number().int(),
  opened: z.number().int(),
  reopened: z.number().int(),
  resolved: z.number().int(),
});
export type AssetFindingRunResult = z.infer<typeof AssetFindingRunResult>;

// ---------------------------------------------------------------------------------------------
// Theft / loss / damage reports (2.1.i)

export const damageKinds = choiceSet([
  { value: 'theft', ja: '盗難', en: 'Theft', color: 'red' },
  { value: 'loss', ja: '紛失', en: 'Loss', color: 'volcano' },
  { value: 'damage', ja: '破損', en: 'Damage', color: 'orange' },
]);
export type DamageKind = (typeof damageKinds.values)[number];

const dateTime = z.iso.datetime({ offset: true });

export const DamageReportCreateInput = z.object({
  assetId: Id,
  kind: damageKinds.schema,
  occurredAt: dateTime,
  place: OptionalText(200),
  circumstances: z.string().trim().min(1).max(4000),
  /** The person who was using the asset; defaults to the asset's user. */
  personId: Id.nullable().optional(),
  notes: OptionalText(4000),
});
export type DamageReportCreateInput = z.infer<typeof DamageReportCreateInput>;

export const DamageReportUpdateInput = z
  .object({
    reportedToStaffAt: dateTime.nullable(),
    userReportReceivedAt: dateTime.nullable(),
    userNotifiedAt: dateTime.nullable(),
    notes: OptionalText(4000),
  })
  .partial();
export type DamageReportUpdateInput = z.infer<typeof DamageReportUpdateInput>;

export const DamageReportListQuery = PageQuery.extend({
  kind: damageKinds.schema.optional(),
  siteId: Id.optional(),
  assetId: Id.optional(),
  supervisorFlag: z.enum(['true', 'false']).optional(),
});
export type DamageReportListQuery = z.infer<typeof DamageReportListQuery>;

export const DamageReportDto = z.object({
  id: Id,
  kind: damageKinds.schema,
  asset: FindingAssetRef,
  site: SiteRef,
  occurredAt: z.string(),
  place: z.string().nullable(),
  circumstances: z.string(),
  person: PersonRef.nullable(),
  userNotifiedAt: z.string().nullable(),
  /** The notice mail in the outbox; null when the person has no e-mail address (notify them another way). */
  noticeMailId: z.string().nullable(),
  reportedToStaffAt: z.string().nullable(),
  userReportReceivedAt: z.string().nullable(),
  supervisorFlag: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type DamageReportDto = z.infer<typeof DamageReportDto>;
export const DamageReportPage = Page(DamageReportDto);

// ---------------------------------------------------------------------------------------------
// Aggregation of the ledger (2.1.f): count assets by any two fields

export const pivotFields = choiceSet([
  { value: 'site', ja: '拠点', en: 'Site', color: 'default' },
  { value: 'category', ja: '種別', en: 'Category', color: 'default' },
  { value: 'status', ja: '状態', en: 'Status', color: 'default' },
  { value: 'ledger', ja: '台帳', en: 'Ledger', color: 'default' },
  { value: 'department', ja: '設置部署', en: 'Department', color: 'default' },
  { value: 'manufacturer', ja: 'メーカー', en: 'Manufacturer', color: 'default' },
  { value: 'acquisition', ja: '取得区分', en: 'Acquisition', color: 'default' },
  { value: 'osName', ja: 'OS', en: 'OS', color: 'default' },
  { value: 'purchaseYear', ja: '購入年', en: 'Purchase year', color: 'default' },
]);
export type PivotField = (typeof pivotFields.values)[number];

export const AssetPivotQuery = HardwareAssetFilter.extend({
  rows: pivotFields.schema.default('site'),
  cols: pivotFields.schema.default('category'),
});
export type AssetPivotQuery = z.infer<typeof AssetPivotQuery>;

const PivotHeader = z.object({ key: z.string(), label: z.string() });
export const AssetPivotDto = z.object({
  rowField: pivotFields.schema,
  colField: pivotFields.schema,
  rows: z.array(PivotHeader),
  cols: z.array(PivotHeader),
  /** cells[row][col]: the number of assets. */
  cells: z.array(z.array(z.number().int())),
  rowTotals: z.array(z.number().int()),
  colTotals: z.array(z.number().int()),
  total: z.number().int(),
});
export type AssetPivotDto = z.infer<typeof AssetPivotDto>;
