import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText } from './common.ts';
import { ExportQuery } from './io.ts';

/**
 * Endpoint security (3.1.1.u–x, 3.3.1.k/l/s, 1.1.b): antivirus definition status imported from the AV console,
 * security-patch plans and per-device patch state imported from WSUS / Intune (SLA S-4-5-1-1, S-4-5-3-1).
 */

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'error.invalid' });
const BoolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

// ---------------------------------------------------------------------------------------------
// Settings

export const EndpointSecuritySettings = z.object({
  /** A definition dated more than this many days before the snapshot is outdated (3.1.1.u). */
  staleDays: z.number().int().min(0).max(365),
  /** A device more than this many definition versions behind the newest of its product in the snapshot is outdated. */
  maxVersionsBehind: z.number().int().min(0).max(1000),
  /** S-4-5-3-1: antivirus status reports planned per month (one per month for the regular meeting). */
  reportsPlannedPerMonth: z.number().int().min(1).max(31),
  /** S-4-5-1-1: a patch plan is presented within this many calendar days of the instruction. */
  planDeadlineDays: z.number().int().min(1).max(365),
});
export type EndpointSecuritySettings = z.infer<typeof EndpointSecuritySettings>;
export const EndpointSecuritySettingsInput = EndpointSecuritySettings.partial();
export type EndpointSecuritySettingsInput = z.infer<typeof EndpointSecuritySettingsInput>;
export const EndpointSecuritySettingsDto = EndpointSecuritySettings.extend({ version: z.number().int() });
export type EndpointSecuritySettingsDto = z.infer<typeof EndpointSecuritySettingsDto>;

// ---------------------------------------------------------------------------------------------
// Antivirus definition status

/** One row of an AV console export (the import's input; the file's headings are mapped onto these keys). */
export const AntivirusStatusImportInput = z.object({
  computerName: z.string().trim().min(1).max(255),
  ipAddress: OptionalText(100),
  definitionVersion: z.string().trim().min(1).max(100),
  definitionDate: z.iso.date().nullable().optional(),
  engineVersion: OptionalText(100),
  lastUpdatedOn: z.iso.date().nullable().optional(),
  product: OptionalText(200),
});
export type AntivirusStatusImportInput = z.infer<typeof AntivirusStatusImportInput>;

const AssetRef = z.object({ id: Id, assetNumber: z.string(), name: z.string() });

export const AntivirusStatusDto = z.object({
  id: Id,
  snapshotId: Id,
  /** The snapshot's date in the reporting time zone: what "outdated" is measured from. */
  snapshotDate: z.string(),
  computerName: z.string(),
  ipAddress: z.string().nullable(),
  product: z.string().nullable(),
  definitionVersion: z.string(),
  definitionDate: z.string().nullable(),
  engineVersion: z.string().nullable(),
  lastUpdatedOn: z.string().nullable(),
  /** Distinct newer definition versions of the same product in the snapshot. */
  versionsBehind: z.number().int(),
  /** Days between the definition date and the snapshot date (null without a definition date). */
  ageDays: z.number().int().nullable(),
  outdated: z.boolean(),
  /** The hardware asset the computer name matched; null for devices not in the ledger. */
  asset: AssetRef.nullable(),
  siteId: Id.nullable(),
});
export type AntivirusStatusDto = z.infer<typeof AntivirusStatusDto>;

export const AntivirusStatusQuery = z.object({
  siteId: Id.optional(),
  outdated: BoolQuery,
  /** false: only rows that matched no hardware asset. */
  matched: BoolQuery,
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AntivirusStatusQuery = z.infer<typeof AntivirusStatusQuery>;

export const AntivirusStatusList = z.object({
  items: z.array(AntivirusStatusDto),
  total: z.number().int(),
  outdated: z.number().int(),
  unmatched: z.number().int(),
});
export type AntivirusStatusList = z.infer<typeof AntivirusStatusList>;

export const AntivirusExportQuery = ExportQuery.extend({ siteId: Id.optional(), outdated: BoolQuery });
export type AntivirusExportQuery = z.infer<typeof AntivirusExportQuery>;

export const AntivirusSnapshotDto = z.object({
  id: Id,
  importedAt: z.string(),
  snapshotDate: z.string(),
  sourceName: z.string().nullable(),
  devices: z.number().int(),
  matched: z.number().int(),
  outdated: z.number().int(),
});
export type AntivirusSnapshotDto = z.infer<typeof AntivirusSnapshotDto>;

export const MonthQuery = z.object({ month: Month });
export type MonthQuery = z.infer<typeof MonthQuery>;

/** S-4-5-3-1 for one month: reports executed ÷ planned × 100. */
export const AntivirusMonthly = z.object({
  month: z.string(),
  slaNo: z.literal('S-4-5-3-1'),
  target: z.number(),
  planned: z.number().int(),
  executed: z.number().int(),
  rate: z.number().nullable(),
  met: z.boolean(),
  /** Status checks (imports) taken in the month, oldest first. */
  snapshots: z.array(AntivirusSnapshotDto),
  /** When the month's report was first generated; null while it has not been. */
  reportedAt: z.string().nullable(),
});
export type AntivirusMonthly = z.infer<typeof AntivirusMonthly>;

// ---------------------------------------------------------------------------------------------
// Patch plans (1.1.b, 3.3.1.k, S-4-5-1-1)

export const patchPlanStatuses = choiceSet([
  { value: 'draft', ja: '作成中', en: 'Draft', color: 'default' },
  { value: 'presented', ja: '提示済み', en: 'Presented', color: 'blue' },
  { value: 'approved', ja: '承認済み', en: 'Approved', color: 'cyan' },
  { value: 'applying', ja: '適用中', en: 'Applying', color: 'orange' },
  { value: 'completed', ja: '完了', en: 'Completed', color: 'green' },
  { value: 'cancelled', ja: '中止', en: 'Cancelled', color: 'default' },
]);
export type PatchPlanStatus = (typeof patchPlanStatuses.values)[number];

/** A KB number (KB5034441) or a product update name. */
const PatchTarget = z.string().trim().min(1).max(200);
const IsoDate = z.iso.date();

const PlanBase = {
  title: z.string().trim().min(1).max(200),
  /** The date the staff in charge instructed the work (作業指示). */
  instructedOn: IsoDate,
  /** The date the plan was presented to them; null while not presented. */
  presentedOn: IsoDate.nullable().optional(),
  targetPatches: z.array(PatchTarget).max(500).default([]),
  /** Target sites; empty = every site. */
  targetSiteIds: z.array(Id).max(200).default([]),
  applyFrom: IsoDate.nullable().optional(),
  applyUntil: IsoDate.nullable().optional(),
  status: patchPlanStatuses.schema.default('draft'),
  approvedBy: OptionalText(200),
  note: OptionalText(4000),
};

const windowOrdered = (v: { applyFrom?: string | null; applyUntil?: string | null }) => !v.applyFrom || !v.applyUntil || v.applyFrom <= v.applyUntil;
const presentedAfter = (v: { instructedOn?: string; presentedOn?: string | null }) => !v.instructedOn || !v.presentedOn || v.presentedOn >= v.instructedOn;

export const PatchPlanCreateInput = z
  .object(PlanBase)
  .refine(windowOrdered, { path: ['applyUntil'], message: 'error.end_before_start' })
  .refine(presentedAfter, { path: ['presentedOn'], message: 'error.presented_before_instruction' });
export type PatchPlanCreateInput = z.infer<typeof PatchPlanCreateInput>;

export const PatchPlanUpdateInput = z
  .object({
    ...PlanBase,
    title: PlanBase.title.optional(),
    instructedOn: IsoDate.optional(),
    targetPatches: z.array(PatchTarget).max(500).optional(),
    targetSiteIds: z.array(Id).max(200).optional(),
    status: patchPlanStatuses.schema.optional(),
  })
  .refine(windowOrdered, { path: ['applyUntil'], message: 'error.end_before_start' })
  .refine(presentedAfter, { path: ['presentedOn'], message: 'error.presented_before_instruction' });
export type PatchPlanUpdateInput = z.infer<typeof PatchPlanUpdateInput>;

export const patchPlanDeadlineStates = choiceSet([
  { value: 'met', ja: '期限内', en: 'On time', color: 'green' },
  { value: 'missed', ja: '期限超過', en: 'Late', color: 'red' },
  { value: 'pending', ja: '未提示', en: 'Not presented', color: 'orange' },
]);
export type PatchPlanDeadlineState = (typeof patchPlanDeadlineStates.values)[number];

export const PatchPlanDto = z.object({
  id: Id,
  title: z.string(),
  instructedOn: z.string(),
  presentedOn: z.string().nullable(),
  /** instructedOn + the plan deadline (S-4-5-1-1). */
  presentDueOn: z.string(),
  deadline: patchPlanDeadlineStates.schema,
  targetPatches: z.array(z.string()),
  targetSites: z.array(z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() })),
  applyFrom: z.string().nullable(),
  applyUntil: z.string().nullable(),
  status: patchPlanStatuses.schema,
  approvedBy: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type PatchPlanDto = z.infer<typeof PatchPlanDto>;

export const PatchPlanListQuery = z.object({
  status: patchPlanStatuses.schema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PatchPlanListQuery = z.infer<typeof PatchPlanListQuery>;
export const PatchPlanList = z.object({ items: z.array(PatchPlanDto), total: z.number().int() });
export type PatchPlanList = z.infer<typeof PatchPlanList>;

/** S-4-5-1-1 for one month: plans instructed in the month, presented within the deadline ÷ due plans × 100. */
export const PatchPlanMonthly = z.object({
  month: z.string(),
  slaNo: z.literal('S-4-5-1-1'),
  target: z.number(),
  deadlineDays: z.number().int(),
  met: z.array(Id),
  missed: z.array(Id),
  /** Not presented and still within the deadline (or the deadline not yet passed): not counted. */
  pending: z.array(Id),
  rate: z.number().nullable(),
  achieved: z.boolean().nullable(),
  /** Application rate (installed ÷ applicable devices) of each plan instructed in the month, cancelled ones left out. */
  application: z.array(z.object({ planId: Id, title: z.string(), applicable: z.number().int(), installed: z.number().int(), rate: z.number().nullable() })),
});
export type PatchPlanMonthly = z.infer<typeof PatchPlanMonthly>;

/** Installed ÷ applicable devices for each target patch of a plan, from the latest patch-status import per device. */
export const PatchPlanApplication = z.object({
  planId: Id,
  items: z.array(
    z.object({
      kb: z.string(),
      applicable: z.number().int(),
      installed: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  applicable: z.number().int(),
  installed: z.number().int(),
  rate: z.number().nullable(),
});
export type PatchPlanApplication = z.infer<typeof PatchPlanApplication>;

// ---------------------------------------------------------------------------------------------
// Patch application status (3.3.1.k)

export const patchInstallStates = choiceSet([
  { value: 'installed', ja: 'インストール済み', en: 'Installed', color: 'green' },
  { value: 'notinstalled', ja: '未インストール', en: 'Not installed', color: 'orange' },
  { value: 'failed', ja: '失敗', en: 'Failed', color: 'red' },
  { value: 'downloaded', ja: 'ダウンロード済み', en: 'Downloaded', color: 'blue' },
  { value: 'notapplicable', ja: '対象外', en: 'Not applicable', color: 'default' },
]);
export type PatchInstallState = (typeof patchInstallStates.values)[number];

export const PatchStatusImportInput = z.object({
  computerName: z.string().trim().min(1).max(255),
  kb: z.string().trim().min(1).max(200),
  title: OptionalText(500),
  classification: OptionalText(100),
  approval: OptionalText(100),
  state: patchInstallStates.schema,
  lastStatusOn: z.iso.date().nullable().optional(),
});
export type PatchStatusImportInput = z.infer<typeof PatchStatusImportInput>;

export const PatchStatusDto = z.object({
  id: Id,
  computerName: z.string(),
  kb: z.string(),
  title: z.string().nullable(),
  classification: z.string().nullable(),
  approval: z.string().nullable(),
  state: patchInstallStates.schema,
  lastStatusOn: z.string().nullable(),
  importedAt: z.string(),
  asset: AssetRef.nullable(),
  siteId: Id.nullable(),
});
export type PatchStatusDto = z.infer<typeof PatchStatusDto>;

export const PatchStatusQuery = z.object({
  siteId: Id.optional(),
  kb: z.string().trim().max(200).optional(),
  state: patchInstallStates.schema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type PatchStatusQuery = z.infer<typeof PatchStatusQuery>;
export const PatchStatusList = z.object({ items: z.array(PatchStatusDto), total: z.number().int() });
export type PatchStatusList = z.infer<typeof PatchStatusList>;

export const PatchStatusExportQuery = ExportQuery.extend({ siteId: Id.optional(), kb: z.string().trim().max(200).optional() });
export type PatchStatusExportQuery = z.infer<typeof PatchStatusExportQuery>;
