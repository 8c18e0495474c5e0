import { SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type MetricDto, type MetricId, type MetricItemDto, type MetricOutcome, metricOutcomes, metricReasons } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, DatePicker, Drawer, Flex, Segmented, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { MetricSettingsDrawer } from './metric-settings-drawer.tsx';
import { currentMonth, getMetrics, listMetricItems, metricsKeys } from './servicedesk-metrics.api.ts';

const listKeys = ['month', 'siteId'] as const;

function useFormatValue() {
  const { t } = useTranslation();
  return (unit: MetricDto['unit'], v: number | null) => (v === null ? '—' : t(`sdMetrics.units.${unit}`, { v: v.toLocaleString() }));
}

/** The six monthly metrics of S-4-6-1 with their targets; a row opens the tickets or calls behind it. */
export function MetricsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatValue = useFormatValue();
  const canConfigure = useCan('servicedesk-metrics.manage');
  const [params, setParams] = useListParams(listKeys);
  const month = params.month ?? currentMonth();
  const [open, setOpen] = useState<MetricDto | null>(null);
  const [configuring, setConfiguring] = useState(false);
  const report = useQuery({ queryKey: metricsKeys.report(month, params.siteId), queryFn: () => getMetrics(month, params.siteId) });

  const columns: TableColumnsType<MetricDto> = [
    {
      key: 'metric',
      title: t('sdMetrics.metric'),
      render: (_, m) => (
        <Flex vertical>
          <Typography.Link onClick={() => setOpen(m)} data-testid={`metric-${m.id}`}>
            {t(`sdMetrics.names.${m.id}`)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.id}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'value', title: t('sdMetrics.value'), width: 130, align: 'right', render: (_, m) => <strong>{formatValue(m.unit, m.value)}</strong> },
    {
      key: 'target',
      title: t('sdMetrics.target'),
      width: 150,
      render: (_, m) => t(m.direction === 'min' ? 'sdMetrics.targetMin' : 'sdMetrics.targetMax', { v: formatValue(m.unit, m.target) }),
    },
    {
      key: 'status',
      title: t('sdMetrics.status'),
      width: 110,
      render: (_, m) =>
        m.met === null ? <Tag>{t('sdMetrics.noData')}</Tag> : <Tag color={m.met ? 'green' : 'red'}>{t(m.met ? 'sdMetrics.met' : 'sdMetrics.notMet')}</Tag>,
    },
    {
      key: 'counts',
      title: t('sdMetrics.counts'),
      width: 380,
      render: (_, m) => (
        <Flex gap={12} wrap style={{ fontSize: 13 }}>
          <span>
            {t('sdMetrics.counted')} {m.counts.counted}
          </span>
          <span>
            {t('sdMetrics.metCount')} {m.counts.met}
          </span>
          <span>
            {t('sdMetrics.missed')} {m.counts.missed}
          </span>
          <span>
            {t('sdMetrics.excluded')} {m.counts.excluded}
          </span>
          <span>
            {t('sdMetrics.pending')} {m.counts.pending}
          </span>
          {m.counts.unanswered > 0 && (
            <span style={{ color: 'var(--ant-color-error, #cf1322)' }} data-testid={`metric-unanswered-${m.id}`}>
              {t('sdMetrics.overdueUnanswered')} {m.counts.unanswered}
            </span>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sdMetrics.title')}
        description={t('sdMetrics.description')}
        extra={
          canConfigure && (
            <Button icon={<SettingOutlined />} onClick={() => setConfiguring(true)} data-testid="metric-settings">
              {t('sdMetrics.settings')}
            </Button>
          )
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
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
          style={{ width: 240 }}
          value={params.siteId}
          onChange={(siteId?: string) => setParams({ siteId })}
        />
      </Flex>
      <ProblemAlert error={report.error} />
      <Table<MetricDto>
        rowKey="id"
        size="middle"
        loading={report.isPending}
        columns={columns}
        dataSource={report.data?.metrics ?? []}
        pagination={false}
        onRow={(m) => ({ onClick: () => setOpen(m), style: { cursor: 'pointer' } })}
      />
      {report.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('sdMetrics.computedAt')}: {formatDateTime(report.data.computedAt, locale)}（{report.data.timeZone}）
        </Typography.Paragraph>
      )}
      {open && <MetricDrillDrawer metric={open} month={month} siteId={params.siteId} onClose={() => setOpen(null)} />}
      {configuring && <MetricSettingsDrawer onClose={() => setConfiguring(false)} />}
    </>
  );
}

function formatSeconds(item: MetricItemDto, unit: MetricDto['unit'], format: ReturnType<typeof useFormatValue>) {
  if (item.seconds === null) return '';
  if (unit === 'seconds') return format('seconds', item.seconds);
  return format('hours', Math.round((item.seconds / 3600) * 100) / 100);
}

/** The items behind one metric, by outcome, each with why it counted that way. */
function MetricDrillDrawer({ metric, month, siteId, onClose }: { metric: MetricDto; month: string; siteId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatValue = useFormatValue();
  const [outcome, setOutcome] = useState<MetricOutcome | 'all'>(metric.counts.missed > 0 ? 'missed' : 'all');
  const query = { month, siteId, outcome: outcome === 'all' ? undefined : outcome };
  const outcomeLabel: Record<MetricOutcome, string> = {
    met: t('sdMetrics.metCount'),
    missed: t('sdMetrics.missed'),
    excluded: t('sdMetrics.excluded'),
    pending: t('sdMetrics.pending'),
  };
  const outcomeColor: Record<MetricOutcome, string> = { met: 'green', missed: 'red', excluded: 'default', pending: 'gold' };
  const columns: TableColumnsType<MetricItemDto> = [
    {
      key: 'label',
      title: t('sdMetrics.item'),
      render: (_, i) => (i.ticketId ? <Link to={`/tickets/${i.ticketId}`}>{i.label}</Link> : i.label),
    },
    { key: 'at', title: t('sdMetrics.at'), width: 150, render: (_, i) => formatDateTime(i.at, locale) },
    { key: 'answeredAt', title: t('sdMetrics.answeredAt'), width: 150, render: (_, i) => formatDateTime(i.answeredAt, locale) },
    { key: 'seconds', title: t('sdMetrics.seconds'), width: 110, align: 'right', render: (_, i) => formatSeconds(i, metric.unit, formatValue) },
    { key: 'outcome', title: t('sdMetrics.outcome'), width: 100, render: (_, i) => <Tag color={outcomeColor[i.outcome]}>{outcomeLabel[i.outcome]}</Tag> },
    { key: 'reason', title: t('sdMetrics.reason'), width: 190, render: (_, i) => <StatusTag items={metricReasons.items} value={i.reason} /> },
  ];
  return (
    <Drawer open size={960} title={t('sdMetrics.drillTitle', { metric: `${metric.id} ${t(`sdMetrics.names.${metric.id as MetricId}`)}` })} onClose={onClose}>
      <DataTable<MetricItemDto>
        queryKey={metricsKeys.items(metric.id, query)}
        fetchPage={(cursor) => listMetricItems(metric.id, query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        toolbar={
          <Segmented<MetricOutcome | 'all'>
            value={outcome}
            onChange={setOutcome}
            options={[
              { value: 'all', label: t('sdMetrics.all') },
              ...metricOutcomes.map((o) => ({ value: o, label: `${outcomeLabel[o]} ${metric.counts[o]}` })),
            ]}
          />
        }
      />
    </Drawer>
  );
}
