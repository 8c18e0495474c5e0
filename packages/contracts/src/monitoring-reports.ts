import { z } from 'zod';
import { choiceSet, Id, OptionalText, YearMonth } from './common.ts';
import { MonitoringTargetRef, monitoringSeverities } from './monitoring.ts';
import { SiteRef } from './org.ts';

// Monitoring reports (6.d, 6.e, 6.i): disk-space reports, the monthly monitoring-results report and the record of
// the monthly export of monitoring data to external media. Targets, events, rules and hooks are in monitoring.ts.

// ---------------------------------------------------------------- disk-space reports (6.d, 6.e)

/** What scripts/monitoring/disk-report.sh and disk-report.ps1 post: one host's volumes. */
export const DiskReportInput = z.object({
  host: z.string().trim().min(1).max(200),
  reportedAt: z.iso.datetime({ offset: true }).optional(),
  volumes: z
    .array(
      z
        .object({
          mount: z.string().trim().min(1).max(300),
          sizeBytes: z.number().int().min(1),
          usedBytes: z.number().int().min(0),
        })
        .refine((v) => v.usedBytes <= v.sizeBytes, { path: ['usedBytes'], message: 'error.used_over_size' }),
    )
    .min(1)
    .max(200),
});
export type DiskReportInput = z.infer<typeof DiskReportInput>;

export const diskLevels = choiceSet([
  { value: 'ok', ja: '正常', en: 'OK', color: 'green' },
  { value: 'warning', ja: '警告', en: 'Warning', color: 'gold' },
  { value: 'critical', ja: '危険', en: 'Critical', color: 'red' },
]);
export type DiskLevel = (typeof diskLevels.values)[number];

export const DiskReportResult = z.object({
  reportId: z.string(),
  targetId: z.string().nullable(),
  volumes: z.array(z.object({ mount: z.string(), usedPct: z.number(), level: diskLevels.schema, warnPct: z.number(), critPct: z.number() })),
});

export const DiskVolumeDto = z.object({
  host: z.string(),
  mount: z.string(),
  target: z.object({ id: z.string(), name: z.string() }).nullable(),
  site: SiteRef.nullable(),
  reportedAt: z.string(),
  sizeBytes: z.number(),
  usedBytes: z.number(),
  usedPct: z.number(),
  level: diskLevels.schema,
});
export const DiskVolumeList = z.object({ items: z.array(DiskVolumeDto) });

export const DiskWeeklyQuery = z.object({ weekOf: z.iso.date() });
export const DiskWeeklyRow = z.object({
  host: z.string(),
  mount: z.string(),
  target: z.object({ id: z.string(), name: z.string() }).nullable(),
  site: SiteRef.nullable(),
  samples: z.number().int(),
  firstPct: z.number(),
  lastPct: z.number(),
  maxPct: z.number(),
  /** Percentage points gained over the week (last − first). */
  growthPct: z.number(),
  lastLevel: diskLevels.schema,
  /** Samples at warning or critical level. */
  breaches: z.number().int(),
  /** Reports expected each day: a day without one is listed (the daily check of S-4-3-4-1). */
  missingDays: z.array(z.string()),
});
export const DiskWeekly = z.object({ from: z.string(), to: z.string(), items: z.array(DiskWeeklyRow) });
export type DiskWeekly = z.infer<typeof DiskWeekly>;

// ---------------------------------------------------------------- monthly report and export record (6.i)

export const MonitoringMonthlyQuery = z.object({ month: YearMonth, lang: z.enum(['ja', 'en']).optional() });
export type MonitoringMonthlyQuery = z.infer<typeof MonitoringMonthlyQuery>;
export const MonitoringMonthlyRow = z.object({
  target: MonitoringTargetRef,
  site: SiteRef,
  /** Alerts firing at some point of the month, by severity. */
  alerts: z.record(monitoringSeverities.schema, z.number().int()),
  totalAlerts: z.number().int(),
  /** Sum of the firing → resolved spans, clipped to the month (still-firing alerts count up to the month end or now). */
  firingSeconds: z.number().int(),
  longestSeconds: z.number().int(),
  incidents: z.number().int(),
});
export type MonitoringMonthlyRow = z.infer<typeof MonitoringMonthlyRow>;
export const MonitoringMonthlySummary = z.object({ month: z.string(), from: z.string(), to: z.string(), items: z.array(MonitoringMonthlyRow) });
export type MonitoringMonthlySummary = z.infer<typeof MonitoringMonthlySummary>;

export const monitoringDataKinds = choiceSet([
  { value: 'performance', ja: '性能情報', en: 'Performance', color: 'blue' },
  { value: 'operating', ja: '稼働情報', en: 'Operating', color: 'green' },
  { value: 'logs', ja: 'ログ', en: 'Logs', color: 'default' },
]);

export const MonitoringExportCreateInput = z
  .object({
    month: YearMonth,
    siteId: Id.nullable().optional(),
    exportedAt: z.iso.datetime({ offset: true }).optional(),
    mediumId: z.string().trim().min(1).max(200),
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    dataKinds: z.array(monitoringDataKinds.schema).min(1),
    note: OptionalText(2000),
  })
  .superRefine((v, c) => {
    if (v.periodTo < v.periodFrom) c.addIssue({ code: 'custom', path: ['periodTo'], message: 'error.end_before_start' });
  });
export type MonitoringExportCreateInput = z.infer<typeof MonitoringExportCreateInput>;
export const MonitoringExportListQuery = z.object({ month: YearMonth.optional() });
export const MonitoringExportDto = z.object({
  id: Id,
  month: z.string(),
  site: SiteRef.nullable(),
  exportedAt: z.string(),
  mediumId: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dataKinds: z.array(monitoringDataKinds.schema),
  operator: z.object({ id: z.string(), name: z.string() }).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type MonitoringExportDto = z.infer<typeof MonitoringExportDto>;
export const MonitoringExportList = z.object({ items: z.array(MonitoringExportDto) });
