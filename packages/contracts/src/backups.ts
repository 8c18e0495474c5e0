import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { ExportQuery } from './io.ts';
import { SiteRef } from './org.ts';

const DateOnly = z.iso.date();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'error.month_format' });
const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'error.time_format' });

// ---------------------------------------------------------------- backup schedule (1.1.f, 3.1.1.l)

export const backupTypes = choiceSet([
  { value: 'full', ja: 'フル', en: 'Full', color: 'blue' },
  { value: 'incremental', ja: '増分', en: 'Incremental', color: 'cyan' },
  { value: 'differential', ja: '差分', en: 'Differential', color: 'geekblue' },
]);
export const backupSchedules = choiceSet([
  { value: 'daily', ja: '毎日', en: 'Daily', color: 'blue' },
  { value: 'weekdays', ja: '平日（月〜金）', en: 'Weekdays (Mon–Fri)', color: 'cyan' },
  { value: 'weekly', ja: '毎週（曜日指定）', en: 'Weekly (given weekdays)', color: 'purple' },
  { value: 'monthly', ja: '毎月（日付指定）', en: 'Monthly (given day)', color: 'orange' },
]);
export const backupResultStatuses = choiceSet([
  { value: 'success', ja: '正常終了', en: 'Succeeded', color: 'green' },
  { value: 'warning', ja: '警告', en: 'Warning', color: 'orange' },
  { value: 'failed', ja: '失敗', en: 'Failed', color: 'red' },
  { value: 'missed', ja: '未報告（失敗扱い）', en: 'Missing (counted as failed)', color: 'magenta' },
]);
/** What a caller may report; `missed` is only written by the deadline sweep. */
export const ReportedBackupStatus = z.enum(['success', 'warning', 'failed']);
export const backupResultSources = choiceSet([
  { value: 'api', ja: 'API', en: 'API', color: 'blue' },
  { value: 'import', ja: 'ファイル取込', en: 'File import', color: 'cyan' },
  { value: 'mail', ja: 'メール', en: 'Mail', color: 'purple' },
  { value: 'sweep', ja: '期限超過判定', en: 'Deadline sweep', color: 'default' },
]);
export const backupTriageStatuses = choiceSet([
  { value: 'open', ja: '対応中', en: 'Open', color: 'red' },
  { value: 'resolved', ja: '解決', en: 'Resolved', color: 'green' },
]);
export const restoreRequestStatuses = choiceSet([
  { value: 'requested', ja: '依頼受付', en: 'Requested', color: 'blue' },
  { value: 'in_progress', ja: '作業中', en: 'In progress', color: 'orange' },
  { value: 'done', ja: '完了', en: 'Done', color: 'green' },
  { value: 'cancelled', ja: '取消', en: 'Cancelled', color: 'default' },
]);

const Keywords = z.array(z.string().trim().min(1).max(100)).max(20);

const BackupJobBase = {
  assetId: Id,
  name: z.string().trim().min(1).max(200),
  software: z.string().trim().min(1).max(100),
  backupType: backupTypes.schema,
  schedule: backupSchedules.schema,
  /** weekly: ISO weekdays 1 (Mon) … 7 (Sun). */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
  /** monthly: day of month; 29–31 fall on the month's last day in shorter months. */
  monthDay: z.number().int().min(1).max(31).nullable().optional(),
  /** Local time (site's zone) by which the run's result is due, `dueDayOffset` days after the run date. */
  dueTime: TimeOfDay,
  dueDayOffset: z.number().int().min(0).max(7).default(1),
  retentionGenerations: z.number().int().min(1).max(10_000),
  destination: z.string().trim().min(1).max(500),
  restoreNotes: OptionalText(4000),
  startsOn: DateOnly.optional(),
  reviewedOn: DateOnly.nullable().optional(),
  active: z.boolean().default(true),
  /** Mail rule: a regex on the subject picks the job's report mails; keywords in subject/body decide the result. */
  mailSender: OptionalText(200),
  mailSubjectPattern: OptionalText(500),
  mailSuccessKeywords: Keywords.default([]),
  mailFailureKeywords: Keywords.default([]),
  note: OptionalText(2000),
};
export const BackupJobCreateInput = z.object(BackupJobBase);
export type BackupJobCreateInput = z.infer<typeof BackupJobCreateInput>;
export const BackupJobUpdateInput = z.object({
  assetId: Id.optional(),
  name: BackupJobBase.name.optional(),
  software: BackupJobBase.software.optional(),
  backupType: backupTypes.schema.optional(),
  schedule: backupSchedules.schema.optional(),
  weekdays: BackupJobBase.weekdays.unwrap().optional(),
  monthDay: BackupJobBase.monthDay,
  dueTime: TimeOfDay.optional(),
  dueDayOffset: z.number().int().min(0).max(7).optional(),
  retentionGenerations: BackupJobBase.retentionGenerations.optional(),
  destination: BackupJobBase.destination.optional(),
  restoreNotes: BackupJobBase.restoreNotes,
  startsOn: DateOnly.optional(),
  reviewedOn: BackupJobBase.reviewedOn,
  active: z.boolean().optional(),
  mailSender: BackupJobBase.mailSender,
  mailSubjectPattern: BackupJobBase.mailSubjectPattern,
  mailSuccessKeywords: Keywords.optional(),
  mailFailureKeywords: Keywords.optional(),
  note: BackupJobBase.note,
});
export type BackupJobUpdateInput = z.infer<typeof BackupJobUpdateInput>;

export const BackupJobRef = z.object({ id: Id, name: z.string() });
export const BackupJobDto = z.object({
  id: Id,
  asset: AssetRef,
  site: SiteRef.extend({ timeZone: z.string() }),
  name: z.string(),
  software: z.string(),
  backupType: backupTypes.schema,
  schedule: backupSchedules.schema,
  weekdays: z.array(z.number().int()),
  monthDay: z.number().int().nullable(),
  dueTime: z.string(),
  dueDayOffset: z.number().int(),
  retentionGenerations: z.number().int(),
  destination: z.string(),
  restoreNotes: z.string().nullable(),
  startsOn: z.string(),
  reviewedOn: z.string().nullable(),
  active: z.boolean(),
  mailSender: z.string().nullable(),
  mailSubjectPattern: z.string().nullable(),
  mailSuccessKeywords: z.array(z.string()),
  mailFailureKeywords: z.array(z.string()),
  note: z.string().nullable(),
  version: z.number().int(),
  abilities: Abilities,
});
export type BackupJobDto = z.infer<typeof BackupJobDto>;
export const BackupJobListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  siteId: Id.optional(),
  assetId: Id.optional(),
  active: z.enum(['true', 'false']).optional(),
  /** 1.1.f: jobs whose schedule was never reviewed or not within the last year. */
  reviewDue: z.enum(['true']).optional(),
});
export type BackupJobListQuery = z.infer<typeof BackupJobListQuery>;
export const BackupJobPage = Page(BackupJobDto);

// ---------------------------------------------------------------- results (3.1.1.l, 6.j)

/** One result: the job by id, or by its name and the target's asset number (what backup software knows). */
export const BackupResultInput = z
  .object({
    jobId: Id.optional(),
    jobName: z.string().trim().min(1).max(200).optional(),
    assetNumber: z.string().trim().min(1).max(50).optional(),
    runDate: DateOnly,
    status: ReportedBackupStatus,
    startedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    endedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    sizeBytes: z.number().int().min(0).nullable().optional(),
    generation: OptionalText(200),
    message: OptionalText(4000),
  })
  .refine((r) => !!r.jobId || (!!r.jobName && !!r.assetNumber), { message: 'error.backup_job_required', path: ['jobId'] });
export type BackupResultInput = z.infer<typeof BackupResultInput>;
export const BackupResultBatchInput = z.union([BackupResultInput, z.object({ items: z.array(BackupResultInput).min(1).max(1000) })]);
export type BackupResultBatchInput = z.infer<typeof BackupResultBatchInput>;

const StatusList = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(backupResultStatuses.schema).min(1));

export const BackupResultListQuery = PageQuery.extend({
  jobId: Id.optional(),
  siteId: Id.optional(),
  /** One or more statuses, comma-separated: `failed,missed`. */
  status: StatusList.optional(),
  month: Month.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  q: z.string().trim().max(200).optional(),
});
export type BackupResultListQuery = z.infer<typeof BackupResultListQuery>;

export const BackupTriageDto = z.object({
  id: Id,
  status: backupTriageStatuses.schema,
  isolationNotes: z.string().nullable(),
  staffNotifiedAt: z.string().nullable(),
  vendor: z.string().nullable(),
  vendorTicketRef: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type BackupTriageDto = z.infer<typeof BackupTriageDto>;
export const BackupTriageUpdateInput = z.object({
  status: backupTriageStatuses.schema.optional(),
  isolationNotes: OptionalText(4000),
  staffNotifiedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  vendor: OptionalText(200),
  vendorTicketRef: OptionalText(100),
  escalatedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  resolvedAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type BackupTriageUpdateInput = z.infer<typeof BackupTriageUpdateInput>;

export const BackupResultDto = z.object({
  id: Id,
  job: BackupJobRef,
  asset: AssetRef,
  site: SiteRef,
  runDate: z.string(),
  status: backupResultStatuses.schema,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  generation: z.string().nullable(),
  message: z.string().nullable(),
  source: backupResultSources.schema,
  recordedAt: z.string(),
  triage: BackupTriageDto.nullable(),
});
export type BackupResultDto = z.infer<typeof BackupResultDto>;
export const BackupResultPage = Page(BackupResultDto);
export const BackupResultIngestResult = z.object({ items: z.array(z.object({ id: Id, replaced: z.boolean() })) });

export const BackupResultExportQuery = ExportQuery.extend(
  BackupResultListQuery.pick({ jobId: true, siteId: true, status: true, month: true, from: true, to: true }).shape,
);
export type BackupResultExportQuery = z.infer<typeof BackupResultExportQuery>;

/** The backup ledger (3.1.1.p): successful results with what a restore needs. */
export const BackupLedgerQuery = BackupResultListQuery.omit({ status: true });
export type BackupLedgerQuery = z.infer<typeof BackupLedgerQuery>;
export const BackupLedgerEntryDto = z.object({
  id: Id,
  job: BackupJobRef,
  asset: AssetRef,
  site: SiteRef,
  runDate: z.string(),
  takenAt: z.string().nullable(),
  backupType: backupTypes.schema,
  generation: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  destination: z.string(),
  retentionGenerations: z.number().int(),
  restoreNotes: z.string().nullable(),
});
export type BackupLedgerEntryDto = z.infer<typeof BackupLedgerEntryDto>;
export const BackupLedgerPage = Page(BackupLedgerEntryDto);
export const BackupLedgerExportQuery = ExportQuery.extend(BackupLedgerQuery.pick({ jobId: true, siteId: true, month: true, from: true, to: true }).shape);
export type BackupLedgerExportQuery = z.infer<typeof BackupLedgerExportQuery>;

// ---------------------------------------------------------------- monthly normal-completion rate (S-4-3-5-1)

/** `month` defaults to the current month in the reporting zone. */
export const BackupMonthlyQuery = z.object({ month: Month.optional(), siteId: Id.optional() });
export type BackupMonthlyQuery = z.infer<typeof BackupMonthlyQuery>;
const RateCounts = {
  due: z.number().int(),
  succeeded: z.number().int(),
  /** Every due run that did not succeed: failed, warning and missed. */
  failed: z.number().int(),
  warning: z.number().int(),
  missed: z.number().int(),
  /** succeeded ÷ due; null when nothing was due. */
  rate: z.number().nullable(),
};
export const BackupMonthlyDto = z.object({
  month: z.string(),
  target: z.number(),
  total: z.object({ ...RateCounts, met: z.boolean().nullable() }),
  /** One row per active job. */
  items: z.array(z.object({ job: BackupJobRef, asset: AssetRef, site: SiteRef, ...RateCounts })),
});
export type BackupMonthlyDto = z.infer<typeof BackupMonthlyDto>;

// ---------------------------------------------------------------- restore requests (3.1.1.o)

export const RestoreRequestCreateInput = z.object({
  jobId: Id,
  resultId: Id.nullable().optional(),
  requestedBy: z.string().trim().min(1).max(200),
  requestedAt: z.iso.datetime({ offset: true }).optional(),
  what: z.string().trim().min(1).max(2000),
  restoreTo: OptionalText(500),
  note: OptionalText(2000),
});
export type RestoreRequestCreateInput = z.infer<typeof RestoreRequestCreateInput>;
export const RestoreRequestUpdateInput = z.object({
  resultId: Id.nullable().optional(),
  what: RestoreRequestCreateInput.shape.what.optional(),
  restoreTo: OptionalText(500),
  status: restoreRequestStatuses.schema.optional(),
  doneAt: z.iso.datetime({ offset: true }).nullable().optional(),
  resultNotes: OptionalText(4000),
  note: OptionalText(2000),
});
export type RestoreRequestUpdateInput = z.infer<typeof RestoreRequestUpdateInput>;
export const RestoreRequestDto = z.object({
  id: Id,
  job: BackupJobRef,
  asset: AssetRef,
  site: SiteRef,
  result: z.object({ id: Id, runDate: z.string(), generation: z.string().nullable() }).nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  what: z.string(),
  restoreTo: z.string().nullable(),
  status: restoreRequestStatuses.schema,
  doneAt: z.string().nullable(),
  resultNotes: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  abilities: Abilities,
});
export type RestoreRequestDto = z.infer<typeof RestoreRequestDto>;
export const RestoreRequestListQuery = PageQuery.extend({ jobId: Id.optional(), siteId: Id.optional(), status: restoreRequestStatuses.schema.optional() });
export type RestoreRequestListQuery = z.infer<typeof RestoreRequestListQuery>;
export const RestoreRequestPage = Page(RestoreRequestDto);
