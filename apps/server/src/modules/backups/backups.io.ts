import {
  type BackupLedgerExportQuery,
  type BackupResultExportQuery,
  backupResultStatuses,
  backupTypes,
  Id,
  OptionalText,
  ReportedBackupStatus,
} from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { type ChangedRow, defineLedgerIo, type Existing, type RefTarget, type Value } from '../../platform/files/ledger-io.ts';
import { dateTimeCodec, instantOfCell, wallClockOf } from '../servicedesk/tickets-io-cells.ts';
import { findLedgerPage, findResultPage, findResultsByIds, type ResultWithRefs } from './backups.repo.ts';
import { writeResult } from './backups.service.ts';
import { backupResults, backupTriages } from './backups.table.ts';

/** Target servers by asset number, with their site (an import outside the importer's sites is refused). */
async function assetRefs(db: Db, numbers: string[]): Promise<Map<string, RefTarget>> {
  const rows = await queryRows<{ id: string; n: string; site_id: string }>(
    db,
    sql`select id, asset_number as n, site_id from hardware_assets where asset_number in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.n, { id: r.id, siteId: r.site_id }]));
}

type JobKey = { id: string; siteId: string; timeZone: string };
/** Jobs by (target asset id, job name). */
async function jobsByAssetAndName(db: Db, pairs: { assetId: string; name: string }[]): Promise<Map<string, JobKey>> {
  if (!pairs.length) return new Map();
  const rows = await queryRows<{ id: string; asset_id: string; name: string; site_id: string; time_zone: string }>(
    db,
    sql`select j.id, j.asset_id, j.name, h.site_id, s.time_zone from backup_jobs j
        join hardware_assets h on h.id = j.asset_id join sites s on s.id = h.site_id
        join jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p("assetId" uuid, name text) on p."assetId" = j.asset_id and p.name = j.name`,
  );
  return new Map(rows.map((r) => [`${r.asset_id}|${r.name}`, { id: r.id, siteId: r.site_id, timeZone: r.time_zone }]));
}

const SEP = '\u001f';
const keyOf = (assetNumber: unknown, jobName: unknown, runDate: unknown) => `${assetNumber}${SEP}${jobName}${SEP}${runDate}`;

const ImportSchema = z.object({
  assetId: Id,
  jobName: z.string().trim().min(1).max(200),
  runDate: z.iso.date(),
  status: ReportedBackupStatus,
  startedAt: z.string().nullable().optional(),
  endedAt: z.string().nullable().optional(),
  sizeBytes: z.number().int().min(0).nullable().optional(),
  generation: OptionalText(200),
  message: OptionalText(4000),
});
type ImportRow = z.infer<typeof ImportSchema>;

const valuesOf = (r: ResultWithRefs): Record<string, Value> => ({
  assetNumber: r.asset.assetNumber,
  jobName: r.job.name,
  runDate: r.runDate,
  status: r.status,
  startedAt: r.startedAt ? wallClockOf(new Date(r.startedAt), r.site.timeZone) : null,
  endedAt: r.endedAt ? wallClockOf(new Date(r.endedAt), r.site.timeZone) : null,
  sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
  generation: r.generation,
  message: r.message,
});

const assetColumn = { key: 'assetNumber', ja: '資産管理番号', en: 'Asset number', aliases: ['対象サーバ', 'サーバ', 'Server'] } as const;

/**
 * Backup results from backup-software logs (3.1.1.l, 6.j): one row per job and run date, the job named by its target's
 * asset number and its name. Times without an offset are the site's wall clock. A row for a run the sweep marked
 * `missed` replaces it (audited per row); other rows are inserted in batches.
 */
export const backupResultsIo = defineLedgerIo<BackupResultExportQuery>({
  name: 'backup-results',
  entity: 'backup-result',
  label: { ja: 'バックアップ結果', en: 'Backup results' },
  naturalKey: 'jobName',
  keyOf: (v) => (v.assetNumber && v.jobName && v.runDate ? keyOf(v.assetNumber, v.jobName, v.runDate) : null),
  schema: ImportSchema,
  columns: [
    { ...assetColumn, type: 'ref', field: 'assetId', ref: { load: assetRefs }, required: true, width: 16 },
    { key: 'jobName', ja: 'ジョブ名', en: 'Job name', aliases: ['ジョブ', 'Job'], type: 'text', required: true, width: 24 },
    { key: 'runDate', ja: '実行日', en: 'Run date', aliases: ['取得日', 'Date'], type: 'date', required: true, width: 12 },
    {
      key: 'status',
      ja: '結果',
      en: 'Result',
      aliases: ['ステータス', 'Status'],
      type: 'enum',
      choices: backupResultStatuses.items.filter((c) => c.value !== 'missed'),
      required: true,
      width: 10,
    },
    { key: 'startedAt', ja: '開始日時', en: 'Started at', aliases: ['開始'], type: 'json', codec: dateTimeCodec, width: 17 },
    { key: 'endedAt', ja: '終了日時', en: 'Ended at', aliases: ['終了', '取得日時'], type: 'json', codec: dateTimeCodec, width: 17 },
    { key: 'sizeBytes', ja: 'サイズ（バイト）', en: 'Size (bytes)', aliases: ['サイズ', 'Size'], type: 'int', width: 14 },
    { key: 'generation', ja: '世代', en: 'Generation', aliases: ['世代ラベル'], type: 'text', width: 16 },
    { key: 'message', ja: 'メッセージ', en: 'Message', aliases: ['詳細', 'ログ'], type: 'text', width: 40 },
  ],

  async loadExisting(db, keys) {
    const parts = keys.map((k) => {
      const [assetNumber, jobName, runDate] = k.split(SEP);
      return { assetNumber, jobName, runDate };
    });
    const rows = await queryRows<{ id: string; k: string; site_id: string; version: number }>(
      db,
      sql`select r.id, h.asset_number || ${SEP} || j.name || ${SEP} || r.run_date::text as k, h.site_id, r.version
          from backup_results r join backup_jobs j on j.id = r.job_id join hardware_assets h on h.id = j.asset_id
          join jsonb_to_recordset(${JSON.stringify(parts)}::jsonb) as p("assetNumber" text, "jobName" text, "runDate" date)
            on p."assetNumber" = h.asset_number and p."jobName" = j.name and p."runDate" = r.run_date`,
    );
    if (!rows.length) return new Map();
    const byId = new Map(
      (
        await findResultsByIds(
          db,
          rows.map((r) => r.id),
        )
      ).map((r) => [r.id, r]),
    );
    return new Map<string, Existing>(
      rows.map((r) => [r.k, { id: r.id, siteId: r.site_id, version: r.version, values: byId.has(r.id) ? valuesOf(byId.get(r.id)!) : {} }]),
    );
  },

  async checkAll(db, rows, error) {
    const jobs = await jobsByAssetAndName(db, pairsOf(rows));
    for (const r of rows) {
      const assetId = (r as ChangedRow & { output?: ImportRow }).output?.assetId;
      if (assetId && !jobs.has(`${assetId}|${r.values.jobName}`)) error(r.row, 'jobName', 'import.unknown_reference', { value: String(r.values.jobName) });
    }
  },

  siteOf: () => null,

  // Not used for writing (writeRows resolves the jobs); names the table for the identifier check.
  write: { table: 'backup_results', key: 'id', columns: {} },

  async writeRows(db, rows, audit) {
    const jobs = await jobsByAssetAndName(db, pairsOf(rows));
    const jobOf = (o: ImportRow) => jobs.get(`${o.assetId}|${o.jobName}`)!;
    const at = (v: string | null | undefined, tz: string) => (v ? instantOfCell(v, tz) : null);
    const fresh = rows.filter((r) => r.status === 'create');
    for (let i = 0; i < fresh.length; i += 1000) {
      const values = fresh.slice(i, i + 1000).map((r) => {
        const o = r.output as ImportRow;
        const job = jobOf(o);
        return {
          jobId: job.id,
          runDate: o.runDate,
          status: o.status,
          startedAt: at(o.startedAt, job.timeZone),
          endedAt: at(o.endedAt, job.timeZone),
          sizeBytes: o.sizeBytes ?? null,
          generation: o.generation ?? null,
          message: o.message ?? null,
          source: 'import',
        };
      });
      const inserted = await db.insert(backupResults).values(values).returning({ id: backupResults.id, status: backupResults.status });
      const failed = inserted.filter((r) => r.status === 'failed').map((r) => ({ resultId: r.id }));
      if (failed.length) await db.insert(backupTriages).values(failed).onConflictDoNothing();
    }
    for (const r of rows.filter((x) => x.status === 'update')) {
      const o = r.output as ImportRow;
      const job = jobOf(o);
      await writeResult(
        db,
        audit,
        { id: job.id, siteId: job.siteId },
        { ...o, startedAt: at(o.startedAt, job.timeZone), endedAt: at(o.endedAt, job.timeZone), source: 'import' },
      );
    }
  },

  async exportPage(db, query, actor, cursor, limit) {
    const page = await findResultPage(db, { ...query, limit, cursor: cursor ?? undefined }, actor);
    return { rows: page.items.map(valuesOf), next: page.nextCursor };
  },
});

function pairsOf(rows: ChangedRow[]) {
  return rows
    .map((r) => ({ assetId: (r as ChangedRow & { output?: ImportRow }).output?.assetId, name: String(r.values.jobName) }))
    .filter((p): p is { assetId: string; name: string } => !!p.assetId);
}

/** The backup ledger (3.1.1.p): successful runs with the target, when taken, the generation and what a restore needs. Export only. */
export const backupLedgerIo = defineLedgerIo<BackupLedgerExportQuery>({
  name: 'backup-ledger',
  entity: 'backup-result',
  label: { ja: 'バックアップ管理表', en: 'Backup ledger' },
  naturalKey: 'generation',
  schema: z.object({}),
  columns: [
    { ...assetColumn, type: 'code', width: 16 },
    { key: 'assetName', ja: '対象サーバ名', en: 'Server name', type: 'text', width: 20 },
    { key: 'jobName', ja: 'ジョブ名', en: 'Job name', type: 'text', width: 24 },
    { key: 'runDate', ja: '実行日', en: 'Run date', type: 'date', width: 12 },
    { key: 'takenAt', ja: '取得日時', en: 'Taken at', type: 'json', codec: dateTimeCodec, width: 17 },
    { key: 'backupType', ja: '種別', en: 'Type', type: 'enum', choices: backupTypes.items, width: 10 },
    { key: 'generation', ja: '世代', en: 'Generation', type: 'text', width: 16 },
    { key: 'sizeBytes', ja: 'サイズ（バイト）', en: 'Size (bytes)', type: 'int', width: 14 },
    { key: 'destination', ja: '保存先', en: 'Destination', type: 'text', width: 24 },
    { key: 'retentionGenerations', ja: '保持世代数', en: 'Generations kept', type: 'int', width: 10 },
    { key: 'restoreNotes', ja: '復旧に必要な情報', en: 'What a restore needs', type: 'text', width: 40 },
  ],
  loadExisting: async () => new Map(),
  siteOf: () => null,
  write: { table: 'backup_results', key: 'id', columns: {} },
  async exportPage(db, query, actor, cursor, limit) {
    const page = await findLedgerPage(db, { ...query, limit, cursor: cursor ?? undefined }, actor);
    return {
      rows: page.items.map((r) => ({
        assetNumber: r.asset.assetNumber,
        assetName: r.asset.name,
        jobName: r.job.name,
        runDate: r.runDate,
        takenAt: r.endedAt || r.startedAt ? wallClockOf(new Date((r.endedAt ?? r.startedAt)!), r.site.timeZone) : null,
        backupType: r.job.backupType,
        generation: r.generation,
        sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
        destination: r.job.destination,
        retentionGenerations: r.job.retentionGenerations,
        restoreNotes: r.job.restoreNotes,
      })),
      next: page.nextCursor,
    };
  },
});
