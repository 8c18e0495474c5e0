import { type MonitoringEventDto, monitoringEventStatuses, monitoringRuleActions, monitoringSeverities, monitoringSources } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { DatePicker, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { listEvents, monitoringKeys } from './monitoring.api.ts';

const listKeys = ['tab', 'q', 'status', 'source', 'severity', 'siteId', 'targetId', 'from', 'to'] as const;

/** Events with their filters; firing ones stand out (red title) and the list refreshes itself every 30 s. */
export function EventsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const { tab: _tab, ...query } = params;

  const columns: TableColumnsType<MonitoringEventDto> = [
    {
      key: 'status',
      title: t('monitoring.status'),
      width: 150,
      render: (_, e) => (
        <Space size={4} data-testid="monitoring-event-status" data-status={e.status}>
          <StatusTag items={monitoringEventStatuses.items} value={e.status} />
          {e.flapping && <Tag color="magenta">{t('monitoring.flapping')}</Tag>}
        </Space>
      ),
    },
    { key: 'severity', title: t('monitoring.severity'), width: 110, render: (_, e) => <StatusTag items={monitoringSeverities.items} value={e.severity} /> },
    {
      key: 'title',
      title: t('monitoring.eventTitle'),
      width: 300,
      ellipsis: true,
      render: (_, e) => (
        <Typography.Text type={e.status === 'firing' ? 'danger' : undefined} strong={e.status === 'firing'}>
          {e.title}
        </Typography.Text>
      ),
    },
    { key: 'target', title: t('monitoring.target'), width: 160, ellipsis: true, render: (_, e) => e.target?.name },
    { key: 'site', title: t('monitoring.site'), width: 130, ellipsis: true, render: (_, e) => localName(e.site, locale) },
    { key: 'source', title: t('monitoring.source'), width: 130, render: (_, e) => <StatusTag items={monitoringSources.items} value={e.source} /> },
    { key: 'startsAt', title: t('monitoring.startsAt'), width: 150, render: (_, e) => formatDateTime(e.startsAt, locale) },
    { key: 'resolvedAt', title: t('monitoring.resolvedAt'), width: 150, render: (_, e) => formatDateTime(e.resolvedAt, locale) },
    { key: 'lastSeenAt', title: t('monitoring.lastSeenAt'), width: 150, render: (_, e) => formatDateTime(e.lastSeenAt, locale) },
    { key: 'count', title: t('monitoring.count'), dataIndex: 'notificationCount', width: 80, align: 'right' },
    { key: 'flaps', title: t('monitoring.flaps'), dataIndex: 'flapCount', width: 80, align: 'right' },
    {
      key: 'action',
      title: t('monitoring.action'),
      width: 150,
      render: (_, e) => (
        <Space size={4}>
          <StatusTag items={monitoringRuleActions.items} value={e.action} />
          {e.rule && <Typography.Text type="secondary">{e.rule.name}</Typography.Text>}
        </Space>
      ),
    },
  ];

  return (
    <DataTable<MonitoringEventDto>
      queryKey={monitoringKeys.list('events', query)}
      fetchPage={(cursor) => listEvents(query, cursor)}
      columns={columns}
      rowKey="id"
      size="small"
      ledger="monitoring-events"
      refetchInterval={30_000}
      toolbar={
        <>
          <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('monitoring.searchEvents')} width={220} />
          <Select
            allowClear
            placeholder={t('monitoring.status')}
            style={{ width: 120 }}
            value={params.status}
            options={choiceOptions(monitoringEventStatuses.items, locale)}
            onChange={(status?: string) => setParams({ status })}
            aria-label={t('monitoring.status')}
            data-testid="monitoring-filter-status"
          />
          <Select
            allowClear
            placeholder={t('monitoring.source')}
            style={{ width: 150 }}
            value={params.source}
            options={choiceOptions(monitoringSources.items, locale)}
            onChange={(source?: string) => setParams({ source })}
            aria-label={t('monitoring.source')}
          />
          <Select
            allowClear
            placeholder={t('monitoring.severity')}
            style={{ width: 120 }}
            value={params.severity}
            options={choiceOptions(monitoringSeverities.items, locale)}
            onChange={(severity?: string) => setParams({ severity })}
            aria-label={t('monitoring.severity')}
          />
          <SiteSelect
            allowClear
            placeholder={t('monitoring.site')}
            style={{ width: 180 }}
            value={params.siteId}
            onChange={(siteId?: string) => setParams({ siteId })}
          />
          <DatePicker.RangePicker
            showTime
            placeholder={[t('monitoring.from'), t('monitoring.to')]}
            value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
            onChange={(range) => setParams({ from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() })}
            allowEmpty={[true, true]}
          />
        </>
      }
    />
  );
}
