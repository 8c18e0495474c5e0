import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, YearMonth } from './common.ts';
import { ExportQuery } from './io.ts';

/**
 * Endpoint security (3.1.1.u–x, 3.3.1.l): antivirus definition status imported from the AV console and the
 * antivirus work records (SLA S-4-5-3-1). Patch plans and patch status are in patches.ts.
 */

const IsoDateOnly = z.iso.date();
const Month = YearMonth;
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
