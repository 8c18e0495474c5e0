import { AntivirusDistributionImportInput, type AntivirusWorkExportQuery } from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { defineLedgerIo, type Existing, type Value } from '../../platform/files/ledger-io.ts';
import { siteRefs } from '../org/sites.io.ts';
import { siteScopeSql } from './scope-sql.ts';

type Row = AntivirusDistributionImportInput;

/** The distribution tool's jobs are dated, not timed: a job's day in the reporting time zone (as antivirus.io exports). */
const TIME_ZONE = 'Asia/Tokyo';

/** A job is its package, target group and date: the same job in a later export updates its counts. */
const jobKey = (packageName: unknown, targetGroup: unknown, doneOn: unknown) =>
  typeof packageName === 'string' && typeof doneOn === 'string' ? `${packageName}|${typeof targetGroup === 'string' ? targetGroup : ''}|${doneOn}` : null;

type JobRow = {
  id: string;
  site_id: string | null;
  site_code: string | null;
  package_name: string;
  target_group: string | null;
  done_on: string;
  target_count: number;
  success_count: number;
  failure_count: number;
  note: string | null;
};

const jobKeySql = sql`concat(w.package_name, '|', coalesce(w.target_group, ''), '|', to_char(w.done_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD'))`;

const jobsSql = (where: ReturnType<typeof sql>) =>
  sql`select * from (select w.id, w.site_id, s.code as site_code, w.package_name, w.target_group,
        to_char(w.done_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD') as done_on, w.target_count, w.success_count, w.failure_count, w.note,
        w.done_at, ${jobKeySql} as job_key
      from antivirus_work_records w left join sites s on s.id = w.site_id where w.kind = 'distribution') j where ${where}`;

const valuesOf = (r: JobRow): Record<string, Value> => ({
  packageName: r.package_name,
  targetGroup: r.target_group,
  doneOn: r.done_on,
  targetCount: Number(r.target_count),
  successCount: Number(r.success_count),
  failureCount: Number(r.failure_count),
  site: r.site_code,
  note: r.note,
});

/**
 * Distribution jobs of the program-distribution tool (3.1.1.x): one row per job, all-or-nothing. A job already
 * recorded (same package, target group and date) is updated, so importing the tool's export again adds nothing twice.
 */
export const antivirusDistributionIo = defineLedgerIo<AntivirusWorkExportQuery>({
  name: 'antivirus-distributions',
  entity: 'antivirus-work',
  label: { ja: 'ウイルス対策配布ジョブ', en: 'Antivirus distribution jobs' },
  naturalKey: 'packageName',
  keyOf: (v) => jobKey(v.packageName, v.targetGroup, v.doneOn),
  schema: AntivirusDistributionImportInput,
  columns: [
    {
      key: 'packageName',
      ja: 'パッケージ',
      en: 'Package',
      aliases: ['パッケージ名', '配布パッケージ', 'Package name'],
      type: 'text',
      required: true,
      width: 30,
    },
    { key: 'targetGroup', ja: '配布先グループ', en: 'Target group', aliases: ['グループ', '対象グループ', 'Group'], type: 'text', width: 20 },
    { key: 'doneOn', ja: '実施日', en: 'Date', aliases: ['配布日', '日付', 'Distributed on'], type: 'date', required: true, width: 12 },
    { key: 'targetCount', ja: '対象数', en: 'Target', aliases: ['対象台数', 'Target count', 'Targets'], type: 'int', required: true, width: 8 },
    { key: 'successCount', ja: '成功数', en: 'Success', aliases: ['成功', 'Succeeded', 'Success count'], type: 'int', required: true, width: 8 },
    { key: 'failureCount', ja: '失敗数', en: 'Failure', aliases: ['失敗', 'Failed', 'Failure count'], type: 'int', required: true, width: 8 },
    { key: 'site', ja: '拠点コード', en: 'Site code', aliases: ['拠点', 'Site'], type: 'ref', field: 'siteId', ref: { load: siteRefs }, width: 10 },
    { key: 'note', ja: '備考', en: 'Note', aliases: ['メモ'], type: 'text', width: 30 },
  ],

  async loadExisting(db, keys) {
    const rows = await queryRows<JobRow & { job_key: string }>(
      db,
      jobsSql(sql`j.job_key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`),
    );
    return new Map(rows.map((r): [string, Existing] => [r.job_key, { id: r.id, siteId: r.site_id, version: 0, values: valuesOf(r) }]));
  },

  // A job for every site (no site) is recorded only by an all-site importer, as in the form.
  check({ values, scope, error }) {
    if (scope.visibleSiteIds !== null && (values.site ?? null) === null) error('site', 'error.required');
  },

  siteOf: (_id, output) => (output.siteId as string | null | undefined) ?? null,

  write: { table: 'antivirus_work_records', key: 'id', columns: { package_name: ['text', 'packageName'] } },

  async writeRows(db, rows, audit) {
    const records = rows.map((r) => {
      const o = r.output as Row;
      return {
        job_key: r.key,
        is_update: r.status === 'update',
        site_id: o.siteId ?? null,
        package_name: o.packageName,
        target_group: o.targetGroup ?? null,
        done_on: o.doneOn,
        target_count: o.targetCount,
        success_count: o.successCount,
        failure_count: o.failureCount,
        note: o.note ?? null,
      };
    });
    const json = JSON.stringify(records);
    const recordset = sql`jsonb_to_recordset(${json}::jsonb) as r(job_key text, is_update boolean, site_id uuid, package_name text, target_group text,
      done_on date, target_count integer, success_count integer, failure_count integer, note text)`;
    await db.execute(sql`update antivirus_work_records w set site_id = r.site_id, target_count = r.target_count, success_count = r.success_count,
        failure_count = r.failure_count, note = r.note
      from ${recordset} where r.is_update and w.kind = 'distribution' and ${jobKeySql} = r.job_key`);
    await db.execute(sql`insert into antivirus_work_records (kind, site_id, done_at, operator_id, package_name, target_group, target_count,
        success_count, failure_count, note)
      select 'distribution', r.site_id, r.done_on::timestamp at time zone ${TIME_ZONE}, ${audit.actor.userId}::uuid, r.package_name,
        r.target_group, r.target_count, r.success_count, r.failure_count, r.note
      from ${recordset} where not r.is_update`);
  },

  async exportPage(db: Db, query, actor, cursor, limit) {
    const offset = cursor ? Number(cursor) : 0;
    const where = [siteScopeSql(actor, sql`j.site_id`)];
    if (query.siteId) where.push(sql`j.site_id = ${query.siteId}::uuid`);
    if (query.from) where.push(sql`j.done_on >= ${query.from}`);
    if (query.to) where.push(sql`j.done_on <= ${query.to}`);
    const rows = await queryRows<JobRow>(
      db,
      sql`${jobsSql(sql.join(where, sql` and `))} order by j.done_at desc, j.id desc limit ${limit + 1} offset ${offset}`,
    );
    return { rows: rows.slice(0, limit).map(valuesOf), next: rows.length > limit ? String(offset + limit) : null };
  },
});
