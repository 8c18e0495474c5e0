import { type BackupLedgerEntryDto, backupTypes } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { backupKeys, japanDate, listBackupLedger } from './backups.api.ts';
import { formatBytes, listKeys } from './results-columns.tsx';

/** The backup ledger (3.1.1.p): the successful runs with when they were taken and what a restore needs. */
export function LedgerTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const month = params.month ?? japanDate(0).slice(0, 7);
  const query = { month, siteId: params.siteId };
  const columns: TableColumnsType<BackupLedgerEntryDto> = [
    {
      key: 'target',
      title: t('backups.target'),
      width: 180,
      ellipsis: true,
      render: (_, e) => <Link to={`/assets/${e.asset.id}`}>{`${e.asset.assetNumber} ${e.asset.name}`}</Link>,
    },
    { key: 'job', title: t('backups.job'), width: 160, ellipsis: true, render: (_, e) => e.job.name },
    { key: 'takenAt', title: t('backups.takenAt'), width: 150, render: (_, e) => formatDateTime(e.takenAt, locale) || formatDate(e.runDate, locale) },
    { key: 'type', title: t('backups.type'), width: 90, render: (_, e) => <StatusTag items={backupTypes.items} value={e.backupType} /> },
    { key: 'generation', title: t('backups.generation'), dataIndex: 'generation', width: 140, ellipsis: true },
    { key: 'size', title: t('backups.size'), width: 100, align: 'right', render: (_, e) => formatBytes(e.sizeBytes) },
    { key: 'destination', title: t('backups.destination'), dataIndex: 'destination', width: 180, ellipsis: true },
    { key: 'retention', title: t('backups.retention'), dataIndex: 'retentionGenerations', width: 90, align: 'right' },
    { key: 'restoreNotes', title: t('backups.restoreNotes'), dataIndex: 'restoreNotes', width: 280, ellipsis: true },
  ];
  return (
    <DataTable<BackupLedgerEntryDto>
      queryKey={backupKeys.list('ledger', query)}
      fetchPage={(cursor) => listBackupLedger(query, cursor)}
      columns={columns}
      rowKey="id"
      size="small"
      ledger="backup-ledger"
      exportTo={{ path: '/backup-ledger/export', query, permission: 'backup.export' }}
      toolbar={
        <>
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
        </>
      }
    />
  );
}
