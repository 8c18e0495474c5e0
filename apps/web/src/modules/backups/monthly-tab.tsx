import { useQuery } from '@tanstack/react-query';
import type { BackupMonthlyDto, BackupResultDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { DatePicker, Drawer, Flex, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { backupKeys, getBackupMonthly, japanDate, listBackupResults } from './backups.api.ts';
import { listKeys, NOT_SUCCEEDED, useResultColumns } from './results-columns.tsx';

type MonthlyRow = BackupMonthlyDto['items'][number];

/** S-4-3-5-1: planned runs, normal ends and the rate per job; a row opens the runs counted as failed. */
export function MonthlyTab() {
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
