import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText } from './common.ts';
import { ExportQuery } from './io.ts';

/**
 * Endpoint security (3.1.1.u–x, 3.3.1.k/l/s, 1.1.b): antivirus definition status imported from the AV console,
 * security-patch plans and per-device patch state imported from WSUS / Intune (SLA S-4-5-1-1, S-4-5-3-1).
 */

const IsoDateOnly = z.iso.date();
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

/** What was done about a device's antivirus or a distribution job (3.1.1.v, 3.1.1.x, 3.3.1.l). */
export const antivirusWorkKinds = choiceSet([
  { value: 'definition_update', ja: '定義ファイル手動更新', en: 'Definition update', color: 'blue' },
  { value: 'engine_upgrade', ja: 'エンジン更新', en: 'Engine upgrade', color: 'cyan' },
  { value: 'product_upgrade', ja: '製品バージョンアップ', en: 'Product upgrade', color: 'purple' },
  { value: 'patch', ja: 'パッチ適用', en: 'Patch', color: 'orange' },
  { value: 'distribution', ja: '配布ジョブ', en: 'Distribution job', color: 'green' },
  { value: 'settings_change', ja: '設定変更', en: 'Settings change', color: 'gold' },
]);
export type AntivirusWorkKind = (typeof antivirusWorkKinds.values)[number];

/** A device's newest work record, shown beside its status so a stale PC already handled is seen as such. */
export const AntivirusLastWork = z.object({ id: Id, kind: antivirusWorkKinds.schema, doneAt: z.string(), operatorName: z.string().nullable() });
export type AntivirusLastWork = z.infer<typeof AntivirusLastWork>;

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
  /** The device's newest work record (any time, also before the snapshot); null for none or unmatched rows. */
  lastWork: AntivirusLastWork.nullable(),
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
// Antivirus work records (3.1.1.v, 3.1.1.x, 3.3.1.l, 3.1.1.u)

const Count = z.number().int().min(0).max(10_000_000);
const VersionText = OptionalText(100);

/**
 * One record of work: a device's definition update, engine or product upgrade or patch (version before → after),
 * a distribution job of the distribution tool (package, target group, counts), or a settings change (3.1.1.w) on a
 * device or on the management server's policy for a group (setting, value before → after, reason, approval). The
 * fields a kind does not use are ignored; the checks name the field at fault.
 */
export const AntivirusWorkCreateInput = z
  .object({
    kind: antivirusWorkKinds.schema,
    /** The hardware asset worked on; required except for distribution jobs and group-policy settings changes. */
    deviceId: Id.nullable().optional(),
    /** Distribution jobs and group-policy settings changes only (device records take the device's site); null = every site. */
    siteId: Id.nullable().optional(),
    doneAt: z.iso.datetime({ offset: true }),
    /** Omitted on a device record: the version of the device's current imported status. */
    versionBefore: VersionText,
    versionAfter: VersionText,
    packageName: OptionalText(200),
    /** A distribution job's target group, or the policy group a settings change applies to (instead of a device). */
    targetGroup: OptionalText(200),
    targetCount: Count.nullable().optional(),
    successCount: Count.nullable().optional(),
    failureCount: Count.nullable().optional(),
    /** Settings changes: what was changed (リアルタイム検索の除外フォルダ), its value before and after. */
    setting: OptionalText(200),
    valueBefore: OptionalText(1000),
    valueAfter: OptionalText(1000),
    reason: OptionalText(2000),
    /** The approval or change-request reference, free text until the change workflow (1.4.c) exists. */
    approvalRef: OptionalText(200),
    note: OptionalText(4000),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, ok: boolean, message = 'error.required') => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (v.kind === 'settings_change') {
      need('deviceId', !!v.deviceId || !!v.targetGroup, 'error.device_or_group_required');
      return need('setting', !!v.setting);
    }
    if (v.kind !== 'distribution') return need('deviceId', !!v.deviceId, 'error.device_required');
    need('packageName', !!v.packageName);
    need('targetCount', v.targetCount != null);
    need('successCount', v.successCount != null);
    need('failureCount', v.failureCount != null);
    if (v.targetCount != null && v.successCount != null && v.failureCount != null) {
      need('successCount', v.successCount + v.failureCount <= v.targetCount, 'error.counts_over_target');
    }
  });
export type AntivirusWorkCreateInput = z.infer<typeof AntivirusWorkCreateInput>;

/** One row of the distribution tool's job export (3.1.1.x): a distribution record without the kind. */
export const AntivirusDistributionImportInput = z
  .object({
    packageName: z.string().trim().min(1).max(200),
    targetGroup: OptionalText(200),
    doneOn: IsoDateOnly,
    targetCount: Count,
    successCount: Count,
    failureCount: Count,
    siteId: Id.nullable().optional(),
    note: OptionalText(4000),
  })
  .refine((v) => v.successCount + v.failureCount <= v.targetCount, { path: ['successCount'], message: 'error.counts_over_target' });
export type AntivirusDistributionImportInput = z.infer<typeof AntivirusDistributionImportInput>;

export const AntivirusWorkDto = z.object({
  id: Id,
  kind: antivirusWorkKinds.schema,
  device: AssetRef.nullable(),
  siteId: Id.nullable(),
  doneAt: z.string(),
  operator: z.object({ id: Id, name: z.string() }).nullable(),
  versionBefore: z.string().nullable(),
  versionAfter: z.string().nullable(),
  packageName: z.string().nullable(),
  targetGroup: z.string().nullable(),
  targetCount: z.number().int().nullable(),
  successCount: z.number().int().nullable(),
  failureCount: z.number().int().nullable(),
  setting: z.string().nullable(),
  valueBefore: z.string().nullable(),
  valueAfter: z.string().nullable(),
  reason: z.string().nullable(),
  approvalRef: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  abilities: Abilities,
});
export type AntivirusWorkDto = z.infer<typeof AntivirusWorkDto>;

export const AntivirusWorkListQuery = z.object({
  kind: antivirusWorkKinds.schema.optional(),
  siteId: Id.optional(),
  deviceId: Id.optional(),
  /** Done on or after this date (reporting time zone). */
  from: IsoDateOnly.optional(),
  /** Done on or before this date (reporting time zone). */
  to: IsoDateOnly.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AntivirusWorkListQuery = z.infer<typeof AntivirusWorkListQuery>;
export const AntivirusWorkList = z.object({ items: z.array(AntivirusWorkDto), total: z.number().int() });
export type AntivirusWorkList = z.infer<typeof AntivirusWorkList>;

export const AntivirusWorkExportQuery = ExportQuery.extend({ siteId: Id.optional(), from: IsoDateOnly.optional(), to: IsoDateOnly.optional() });
export type AntivirusWorkExportQuery = z.infer<typeof AntivirusWorkExportQuery>;

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

/** The pre-test of the month's patches on test PCs before distribution (3.3.1.k). */
export const patchPreTestResults = choiceSet([
  { value: 'passed', ja: '問題なし', en: 'Passed', color: 'green' },
  { value: 'passed_with_issues', ja: '条件付きで可', en: 'Passed with issues', color: 'orange' },
  { value: 'failed', ja: '不可（適用見送り）', en: 'Failed (not distributed)', color: 'red' },
]);

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
  /** 3.3.1.k: when the patches were tested on test PCs, the result and what was seen. */
  preTestedOn: IsoDate.nullable().optional(),
  preTestResult: patchPreTestResults.schema.nullable().optional(),
  preTestNotes: OptionalText(4000),
  note: OptionalText(4000),
};

const windowOrdered = (v: { applyFrom?: string | null; applyUntil?: string | null }) => !v.applyFrom || !v.applyUntil || v.applyFrom <= v.applyUntil;
const presentedAfter = (v: { instructedOn?: string; presentedOn?: string | null }) => !v.instructedOn || !v.presentedOn || v.presentedOn >= v.instructedOn;
/** A pre-test result is dated: the result and its date are sent together. */
const preTestDated = (v: { preTestResult?: string | null; preTestedOn?: string | null }) => !v.preTestResult || !!v.preTestedOn;

export const PatchPlanCreateInput = z
  .object(PlanBase)
  .refine(windowOrdered, { path: ['applyUntil'], message: 'error.end_before_start' })
  .refine(presentedAfter, { path: ['presentedOn'], message: 'error.presented_before_instruction' })
  .refine(preTestDated, { path: ['preTestedOn'], message: 'error.required' });
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
  .refine(presentedAfter, { path: ['presentedOn'], message: 'error.presented_before_instruction' })
  .refine(preTestDated, { path: ['preTestedOn'], message: 'error.required' });
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
  preTestedOn: z.string().nullable(),
  preTestResult: patchPreTestResults.schema.nullable(),
  preTestNotes: z.string().nullable(),
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
