import { type BackupResultDto, backupResultSources, backupResultStatuses, backupTriageStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { StatusTag } from '../../components/status-tag.tsx';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';

/** The list params of the backup page tabs (one URL, one set of keys). */
export const listKeys = ['tab', 'date', 'failedOnly', 'q', 'siteId', 'month', 'reviewDue'] as const;
export const NOT_SUCCEEDED = 'failed,missed,warning';
export const alarm = (status: string) => status === 'failed' || status === 'missed';

export function formatBytes(n: number | null): string {
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

/** Result columns shared by the daily list and the monthly drill-down; with onTriage, failed runs get a triage link. */
export function useResultColumns(onTriage?: (r: BackupResultDto) => void): TableColumnsType<BackupResultDto> {
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
