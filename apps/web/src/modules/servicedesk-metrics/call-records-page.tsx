import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type CallRecordDto, callDirections } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, DatePicker, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { currentMonth, getMetricSettings, listCallRecords, metricsKeys } from './servicedesk-metrics.api.ts';

const listKeys = ['month', 'siteId', 'operator'] as const;

/** Calls of a month (S-4-6-1-4, -5), with the CDR import through the ledger import wizard. */
export function CallRecordsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const [params, setParams] = useListParams(listKeys);
  const month = params.month ?? currentMonth();
  const query = { month, siteId: params.siteId, operator: params.operator };
  // Without the desk's numbers a whole-cluster CDR file is imported unfiltered (decision 0012): say so before an import.
  const settings = useQuery({ queryKey: metricsKeys.settings, queryFn: getMetricSettings, retry: false });

  const columns: TableColumnsType<CallRecordDto> = [
    { key: 'queuedAt', title: t('callRecords.queuedAt'), width: 150, render: (_, c) => formatDateTime(c.queuedAt, locale) },
    { key: 'direction', title: t('callRecords.direction'), width: 80, render: (_, c) => <StatusTag items={callDirections.items} value={c.direction} /> },
    { key: 'caller', title: t('callRecords.caller'), width: 140, dataIndex: 'callerNumber' },
    { key: 'operator', title: t('callRecords.operator'), width: 170, ellipsis: true, dataIndex: 'operatorLabel' },
    {
      key: 'wait',
      title: t('callRecords.wait'),
      width: 110,
      align: 'right',
      render: (_, c) => (c.answeredAt ? c.waitSeconds : <Tag>{t('callRecords.unanswered')}</Tag>),
    },
    { key: 'talk', title: t('callRecords.talk'), width: 110, align: 'right', render: (_, c) => c.talkSeconds ?? '' },
    {
      key: 'voiceCallback',
      title: t('callRecords.voiceCallback'),
      width: 170,
      render: (_, c) =>
        c.voiceCallback && (
          <Tag color={c.callbackAt ? 'green' : 'gold'}>
            {c.callbackAt ? `${t('callRecords.callbackAt')} ${formatDateTime(c.callbackAt, locale)}` : t('callRecords.callbackAt')}
          </Tag>
        ),
    },
    {
      key: 'ticket',
      title: t('callRecords.ticket'),
      width: 150,
      render: (_, c) => (c.ticket ? <Link to={`/tickets/${c.ticket.id}`}>{c.ticket.number}</Link> : ''),
    },
    { key: 'site', title: t('callRecords.site'), width: 140, render: (_, c) => localName(c.site, locale) },
    { key: 'externalId', title: t('callRecords.externalId'), width: 150, dataIndex: 'externalId' },
  ];

  return (
    <>
      <PageHeader
        title={t('callRecords.title')}
        description={t('callRecords.description')}
        extra={
          <ImportButton
            permission="call-record.manage"
            ledger="call-records"
            ledgerLabel={t('callRecords.ledger')}
            onImported={() => void client.invalidateQueries({ queryKey: ['call-records'] })}
          />
        }
      />
      {settings.data && settings.data.deskNumbers.length === 0 && (
        <Alert type="warning" showIcon title={t('callRecords.noDeskNumbers')} style={{ marginBottom: 12 }} data-testid="call-records-no-desk-numbers" />
      )}
      <DataTable<CallRecordDto>
        queryKey={metricsKeys.calls(query)}
        fetchPage={(cursor) => listCallRecords(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        scrollX={1500}
        toolbar={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'}
              onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
              aria-label={t('sdMetrics.month')}
            />
            <SiteSelect
              allowClear
              placeholder={t('sdMetrics.site')}
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
            />
            <Input.Search
              allowClear
              placeholder={t('callRecords.operatorFilter')}
              style={{ width: 220 }}
              defaultValue={params.operator}
              onSearch={(operator) => setParams({ operator: operator || undefined })}
            />
          </>
        }
      />
    </>
  );
}
