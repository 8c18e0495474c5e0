import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText } from './common.ts';
import { ExportQuery } from './io.ts';

/**
 * Security patches (1.1.b, 3.3.1.k, SLA S-4-5-1-1): patch plans with their pre-test, and per-device patch state
 * imported from WSUS / Intune.
 */

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
