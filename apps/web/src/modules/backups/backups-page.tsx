import { PlusOutlined } from '@ant-design/icons';
import { type BackupJobDto, type BackupResultDto, backupSchedules, backupTypes } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Checkbox, DatePicker, Flex, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { formatDate, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { backupKeys, japanDate, listBackupJobs, listBackupResults } from './backups.api.ts';
import { JobFormDrawer } from './job-form.tsx';
import { LedgerTab } from './ledger-tab.tsx';
import { MonthlyTab } from './monthly-tab.tsx';
import { RestoresTab } from './restores-tab.tsx';
import { alarm, listKeys, NOT_SUCCEEDED, useResultColumns } from './results-columns.tsx';
import { TriageDrawer } from './triage-drawer.tsx';

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
          { key: 'ledger', label: t('backups.tabLedger'), children: <LedgerTab /> },
          { key: 'restores', label: t('backups.tabRestores'), children: <RestoresTab /> },
        ]}
      />
    </>
  );
}
