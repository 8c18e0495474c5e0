import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type BackupJobDto,
  type BackupMonthlyDto,
  type BackupResultDto,
  backupResultSources,
  backupResultStatuses,
  backupSchedules,
  backupTriageStatuses,
  backupTypes,
} from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Checkbox, DatePicker, Drawer, Flex, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { backupKeys, getBackupMonthly, japanDate, listBackupJobs, listBackupResults } from './backups.api.ts';
import { JobFormDrawer } from './job-form.tsx';
import { TriageDrawer } from './triage-drawer.tsx';

const listKeys = ['tab', 'date', 'failedOnly', 'q', 'siteId', 'month', 'reviewDue'] as const;
const NOT_SUCCEEDED = 'failed,missed,warning';
const alarm = (status: string) => status === 'failed' || status === 'missed';

function formatBytes(n: number | null): string {
  if (n === null) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

function useResultColumns(onTriage?: (r: BackupResultDto) => void): TableColumnsType<BackupResultDto> {
  const { t } = useTranslation();
  const locale = useLocale();
  return [
    { key: 'runDate', title: t('backups.runDate'), width: 110, render: (_, r) => formatDate(r.runDate, locale) },
    {
      key: 'target',
      title: t('backups.target'),
      width: 170,
      ellipsis: true,
      render: (_, r) => <Link to={`/assets/${r.asset.id}`}>{`${r.asset.assetNumber} ${r.asset.name}`}</Link>,
    },
    { key: 'job', title: t('backups.job'), width: 170, ellipsis: true, render: (_, r) => r.job.name },
    { key: 'site', title: t('backups.site'), width: 130, ellipsis: true, render: (_, r) => localName(r.site, locale) },
    {
      key: 'status',
      title: t('backups.status'),
      width: 170,
      render: (_, r) => (
        <span data-testid="backup-status" data-status={r.status}>
          <StatusTag items={backupResultStatuses.items} value={r.status} />
        </span>
      ),
    },
    { key: 'endedAt', title: t('backups.endedAt'), width: 150, render: (_, r) => formatDateTime(r.endedAt, locale) },
    { key: 'size', title: t('backups.size'), width: 100, align: 'right', render: (_, r) => formatBytes(r.sizeBytes) },
    { key: 'generation', title: t('backups.generation'), dataIndex: 'generation', width: 130, ellipsis: true },
    {
      key: 'triage',
      title: t('backups.triage'),
      width: 200,
      render: (_, r) =>
        r.triage && (
          <Flex gap={4} wrap data-testid="backup-triage">
            <StatusTag items={backupTriageStatuses.items} value={r.triage.status} />
            {r.triage.vendor && <Typography.Text type="secondary">{`${t('backups.vendor')}: ${r.triage.vendor}`}</Typography.Text>}
            {onTriage && (
              <Typography.Link onClick={() => onTriage(r)} data-testid="backup-triage-open">
                {t('backups.openTriage')}
              </Typography.Link>
            )}
          </Flex>
        ),
    },
    { key: 'source', title: t('backups.source'), width: 120, render: (_, r) => <StatusTag items={backupResultSources.items} value={r.source} /> },
    { key: 'message', title: t('backups.message'), dataIndex: 'message', width: 260, ellipsis: true },
  ];
}

/** The daily check (3.1.1.l, 6.j): one run date, failed and missing runs in red. */
function ResultsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const date = params.date ?? japanDate(1);
  const query = { from: date, to: date, siteId: params.siteId, status: params.failedOnly ? NOT_SUCCEEDED : undefined };
  const canManage = useCan('backup.manage');
  const [triaging, setTriaging] = useState<BackupResultDto | null>(null);
  const openTriage = (r: BackupResultDto) => canManage && r.triage && setTriaging(r);
  const columns = useResultColumns(canManage ? openTriage : undefined);
  return (
    <>
      <DataTable<BackupResultDto>
        queryKey={backupKeys.list('results', query)}
        fetchPage={(cursor) => listBackupResults(query, cursor)}
        columns={columns.map((c) =>
          c.key === 'status'
            ? { ...c, onCell: (r: BackupResultDto) => ({ style: alarm(r.status) ? { background: 'var(--ant-color-error-bg, #fff2f0)' } : {} }) }
            : c,
        )}
        rowKey="id"
        size="small"
        ledger="backup-results"
        exportTo={{ path: '/backup-results/export', query, permission: 'backup.export' }}
        onRowOpen={openTriage}
        toolbar={
          <>
            <DatePicker
              allowClear={false}
              value={dayjs(date)}
              format={locale === 'ja' ? 'YYYY/MM/DD' : 'YYYY-MM-DD'}
              onChange={(d) => d && setParams({ date: d.format('YYYY-MM-DD') })}
              aria-label={t('backups.runDate')}
            />
            <SiteSelect
              allowClear
              placeholder={t('backups.site')}
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
            />
            <Checkbox checked={!!params.failedOnly} onChange={(e) => setParams({ failedOnly: e.target.checked ? '1' : undefined })}>
              {t('backups.failedOnly')}
            </Checkbox>
          </>
        }
      />
      {triaging && <TriageDrawer result={triaging} onClose={() => setTriaging(null)} />}
    </>
  );
}

/** The backup schedule (1.1.f): target, timing, deadline and retention. */
function JobsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const query = { q: params.q, siteId: params.siteId, reviewDue: params.reviewDue ? 'true' : undefined };
  const canManage = useCan('backup.manage');
  const [editing, setEditing] = useState<{ job?: BackupJobDto } | null>(null);
  const yearAgo = dayjs().subtract(1, 'year').format('YYYY-MM-DD');
  const due = (j: BackupJobDto) =>
    j.dueDayOffset === 0
      ? t('backups.dueSameDay', { time: j.dueTime })
      : j.dueDayOffset === 1
        ? t('backups.dueNextDay', { time: j.dueTime })
        : t('backups.dueAfterDays', { days: j.dueDayOffset, time: j.dueTime });
  const columns: TableColumnsType<BackupJobDto> = [
    {
      key: 'target',
      title: t('backups.target'),
      width: 180,
      ellipsis: true,
      render: (_, j) => <Link to={`/assets/${j.asset.id}`}>{`${j.asset.assetNumber} ${j.asset.name}`}</Link>,
    },
    {
      key: 'name',
      title: t('backups.job'),
      width: 180,
      ellipsis: true,
      render: (_, j) => (canOn(j, 'update') ? <Typography.Link onClick={() => setEditing({ job: j })}>{j.name}</Typography.Link> : j.name),
    },
    { key: 'site', title: t('backups.site'), width: 130, ellipsis: true, render: (_, j) => localName(j.site, locale) },
    { key: 'software', title: t('backups.software'), dataIndex: 'software', width: 150, ellipsis: true },
    { key: 'type', title: t('backups.type'), width: 90, render: (_, j) => <StatusTag items={backupTypes.items} value={j.backupType} /> },
    {
      key: 'schedule',
      title: t('backups.schedule'),
      width: 170,
      render: (_, j) => (
        <>
          <StatusTag items={backupSchedules.items} value={j.schedule} />
          {j.schedule === 'weekly' && j.weekdays.join(',')}
          {j.schedule === 'monthly' && j.monthDay}
        </>
      ),
    },
    { key: 'due', title: t('backups.due'), width: 170, render: (_, j) => `${due(j)} (${j.site.timeZone})` },
    { key: 'retention', title: t('backups.retention'), dataIndex: 'retentionGenerations', width: 90, align: 'right' },
    { key: 'destination', title: t('backups.destination'), dataIndex: 'destination', width: 200, ellipsis: true },
    {
      key: 'reviewedOn',
      title: t('backups.reviewedOn'),
      width: 140,
      render: (_, j) => (
        <Flex gap={4}>
          {formatDate(j.reviewedOn, locale)}
          {(!j.reviewedOn || j.reviewedOn <= yearAgo) && <Tag color="orange">{t('backups.reviewDue')}</Tag>}
        </Flex>
      ),
    },
    { key: 'active', title: t('backups.active'), width: 80, render: (_, j) => (j.active ? t('common.active') : t('common.inactive')) },
  ];
  return (
    <>
      <DataTable<BackupJobDto>
        queryKey={backupKeys.list('jobs', query)}
        fetchPage={(cursor) => listBackupJobs(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        ledger="backup-jobs"
        onRowOpen={(j) => canOn(j, 'update') && setEditing({ job: j })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('backups.searchPlaceholder')} width={280} />
            <SiteSelect
              allowClear
              placeholder={t('backups.site')}
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
            />
            <Checkbox checked={!!params.reviewDue} onChange={(e) => setParams({ reviewDue: e.target.checked ? '1' : undefined })}>
              {t('backups.reviewDueOnly')}
            </Checkbox>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="backup-job-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      {editing && <JobFormDrawer job={editing.job} onClose={() => setEditing(null)} />}
    </>
  );
}

type MonthlyRow = BackupMonthlyDto['items'][number];

/** S-4-3-5-1: planned runs, normal ends and the rate per job; a row opens the runs counted as failed. */
function MonthlyTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const month = params.month ?? japanDate(0).slice(0, 7);
  const [open, setOpen] = useState<MonthlyRow | null>(null);
  const report = useQuery({ queryKey: backupKeys.monthly(month, params.siteId), queryFn: () => getBackupMonthly(month, params.siteId) });
  const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
  const columns: TableColumnsType<MonthlyRow> = [
    {
      key: 'job',
      title: t('backups.job'),
      render: (_, r) => <Typography.Link onClick={() => setOpen(r)}>{`${r.asset.assetNumber} / ${r.job.name}`}</Typography.Link>,
    },
    { key: 'site', title: t('backups.site'), width: 140, render: (_, r) => localName(r.site, locale) },
    { key: 'due', title: t('backups.dueCount'), dataIndex: 'due', width: 80, align: 'right' },
    { key: 'succeeded', title: t('backups.succeeded'), dataIndex: 'succeeded', width: 90, align: 'right' },
    {
      key: 'failed',
      title: t('backups.failed'),
      width: 200,
      align: 'right',
      render: (_, r) => (
        <Typography.Text type={r.failed ? 'danger' : undefined}>
          {r.failed}
          {r.missed > 0 && ` (${t('backups.missed')} ${r.missed})`}
          {r.warning > 0 && ` (${t('backups.warning')} ${r.warning})`}
        </Typography.Text>
      ),
    },
    {
      key: 'rate',
      title: t('backups.rate'),
      width: 110,
      align: 'right',
      render: (_, r) => (
        <Typography.Text type={r.rate !== null && report.data && r.rate < report.data.target ? 'danger' : undefined}>{pct(r.rate)}</Typography.Text>
      ),
    },
  ];
  const total = report.data?.total;
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
          aria-label={t('backups.month')}
        />
        <SiteSelect
          allowClear
          placeholder={t('backups.site')}
          style={{ width: 220 }}
          value={params.siteId}
          onChange={(siteId?: string) => setParams({ siteId })}
        />
        {total && report.data && (
          <Flex gap={12} align="center" data-testid="backup-rate-total">
            <Typography.Text strong>{`${t('backups.total')}: ${pct(total.rate)}`}</Typography.Text>
            <Typography.Text type="secondary">{`${t('backups.targetRate')} ${pct(report.data.target)}`}</Typography.Text>
            {total.met === null ? (
              <Tag>{t('backups.noData')}</Tag>
            ) : (
              <Tag color={total.met ? 'green' : 'red'}>{t(total.met ? 'backups.met' : 'backups.notMet')}</Tag>
            )}
            <Typography.Text type="secondary">{`${t('backups.dueCount')} ${total.due} / ${t('backups.succeeded')} ${total.succeeded} / ${t('backups.missed')} ${total.missed}`}</Typography.Text>
          </Flex>
        )}
      </Flex>
      <ProblemAlert error={report.error} />
      <Table<MonthlyRow>
        rowKey={(r) => r.job.id}
        size="small"
        loading={report.isPending}
        columns={columns}
        dataSource={report.data?.items ?? []}
        pagination={false}
      />
      {open && <MonthlyDrill row={open} month={month} onClose={() => setOpen(null)} />}
    </>
  );
}

function MonthlyDrill({ row, month, onClose }: { row: MonthlyRow; month: string; onClose: () => void }) {
  const { t } = useTranslation();
  const query = { jobId: row.job.id, month, status: NOT_SUCCEEDED };
  const columns = useResultColumns();
  return (
    <Drawer open size={960} title={t('backups.drillTitle', { job: `${row.asset.assetNumber} / ${row.job.name}`, month })} onClose={onClose}>
      <DataTable<BackupResultDto>
        queryKey={backupKeys.list('drill', query)}
        fetchPage={(cursor) => listBackupResults(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
      />
    </Drawer>
  );
}

/** バックアップ: the daily results check, the schedule and the monthly normal-completion rate. */
export function BackupsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useListParams(listKeys);
  return (
    <>
      <PageHeader title={t('backups.title')} description={t('backups.description')} />
      <Tabs
        activeKey={params.tab ?? 'results'}
        onChange={(tab) => setParams({ tab: tab === 'results' ? undefined : tab, q: undefined })}
        destroyOnHidden
        items={[
          { key: 'results', label: t('backups.tabResults'), children: <ResultsTab /> },
          { key: 'jobs', label: t('backups.tabJobs'), children: <JobsTab /> },
          { key: 'monthly', label: t('backups.tabMonthly'), children: <MonthlyTab /> },
        ]}
      />
    </>
  );
}
