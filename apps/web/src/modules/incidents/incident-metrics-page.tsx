import { useQueries, useQuery } from '@tanstack/react-query';
import { type IncidentMetrics, incidentKinds, incidentStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { DatePicker, Drawer, Flex, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { currentMonth } from '../servicedesk-metrics/servicedesk-metrics.api.ts';
import { IncidentClocks } from './incident-clock.tsx';
import { getIncident, getIncidentMetrics, incidentKeys } from './incidents.api.ts';

type Row = IncidentMetrics['rows'][number];
type Outcome = keyof Row['drill'];
type Drill = { row: Row; outcome: Outcome };

const outcomes: readonly Outcome[] = ['met', 'missed', 'excluded', 'pending'];

/** 障害の月次実績: S-2-1, S-2-2, S-4-3-3-x rates and the S-3 / S-4 counts, each opening the incidents behind it. */
export function IncidentMetricsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(['month'] as const);
  const month = params.month ?? currentMonth();
  const [drill, setDrill] = useState<Drill | null>(null);
  const report = useQuery({ queryKey: incidentKeys.metrics(month), queryFn: () => getIncidentMetrics(month) });

  const count = (row: Row, outcome: Outcome) => {
    const n = row.drill[outcome].length;
    return n === 0 ? (
      <span>0</span>
    ) : (
      <Typography.Link onClick={() => setDrill({ row, outcome })} data-testid={`incident-metric-${outcome}`}>
        {n}
      </Typography.Link>
    );
  };

  const columns: TableColumnsType<Row> = [
    {
      key: 'sla',
      title: t('incident.metrics.sla'),
      width: 260,
      render: (_, r) => (
        <Flex vertical>
          <strong>{r.sla}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.clock ? t(`incident.clockName.${r.clock}`) : t(`incident.metrics.countName.${r.sla === 'S-3' ? 'S-3' : 'S-4'}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'value',
      title: t('incident.metrics.value'),
      width: 110,
      align: 'right',
      render: (_, r) =>
        r.kind === 'count' ? (
          r.counted === 0 ? (
            t('incident.metrics.cases', { n: 0 })
          ) : (
            <Typography.Link onClick={() => setDrill({ row: r, outcome: 'met' })} data-testid="incident-metric-count">
              {t('incident.metrics.cases', { n: r.counted })}
            </Typography.Link>
          )
        ) : r.value === null ? (
          t('common.none')
        ) : (
          <strong>{`${r.value.toFixed(1)}%`}</strong>
        ),
    },
    {
      key: 'target',
      title: t('incident.metrics.target'),
      width: 110,
      render: (_, r) => (r.kind === 'rate' ? t('incident.metrics.targetRate', { v: r.target }) : t('incident.metrics.targetCount', { v: r.target })),
    },
    {
      key: 'achieved',
      title: t('incident.metrics.achieved'),
      width: 110,
      render: (_, r) =>
        r.achieved === null ? (
          <Tag>{t('incident.metrics.noData')}</Tag>
        ) : (
          <Tag color={r.achieved ? 'green' : 'red'}>{t(r.achieved ? 'incident.metrics.met' : 'incident.metrics.notMet')}</Tag>
        ),
    },
    { key: 'counted', title: t('incident.metrics.counted'), width: 80, align: 'right', render: (_, r) => r.counted },
    ...outcomes.map((o) => ({
      key: o,
      title: t(`incident.metrics.outcome_${o}`),
      width: 80,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (r.kind === 'rate' ? count(r, o) : ''),
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('incident.metrics.title')}
        description={t('incident.metrics.description')}
        extra={<Link to="/incidents">{t('incident.backToList')}</Link>}
      />
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
          aria-label={t('incident.metrics.month')}
        />
      </Flex>
      <ProblemAlert error={report.error} />
      <Table<Row>
        rowKey="sla"
        loading={report.isPending}
        columns={columns}
        dataSource={report.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(r) => ({ 'data-sla': r.sla }) as never}
        data-testid="incident-metrics"
      />
      {drill && <DrillDrawer drill={drill} onClose={() => setDrill(null)} />}
    </>
  );
}

/** The incidents behind one figure, fetched one by one (a month has few). */
function DrillDrawer({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [outcome, setOutcome] = useState<Outcome>(drill.outcome);
  const ids = drill.row.kind === 'count' ? [...new Set(outcomes.flatMap((o) => drill.row.drill[o]))] : drill.row.drill[outcome];
  const results = useQueries({ queries: ids.map((id) => ({ queryKey: incidentKeys.detail(id), queryFn: () => getIncident(id) })) });
  const rows = results.flatMap((r) => (r.data ? [r.data] : []));
  return (
    <Drawer open size={900} title={t('incident.metrics.drillTitle', { sla: drill.row.sla })} onClose={onClose}>
      {drill.row.kind === 'rate' && (
        <Flex gap={6} style={{ marginBottom: 12 }}>
          {outcomes.map((o) => (
            <Tag.CheckableTag key={o} checked={o === outcome} onChange={() => setOutcome(o)}>
              {`${t(`incident.metrics.outcome_${o}`)} ${drill.row.drill[o].length}`}
            </Tag.CheckableTag>
          ))}
        </Flex>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={results.some((r) => r.isPending)}
        pagination={false}
        dataSource={rows}
        data-testid="incident-metric-drill"
        columns={[
          { key: 'number', title: t('incident.number'), render: (_, i) => <Link to={`/incidents/${i.id}`}>{i.number}</Link> },
          { key: 'title', title: t('incident.titleField'), dataIndex: 'title', ellipsis: true },
          { key: 'kind', title: t('incident.kind'), render: (_, i) => <StatusTag items={incidentKinds.items} value={i.kind} /> },
          { key: 'occurredAt', title: t('incident.occurredAt'), render: (_, i) => formatDateTime(i.milestones.occurred, locale) },
          { key: 'status', title: t('incident.status'), render: (_, i) => <StatusTag items={incidentStatuses.items} value={i.status} /> },
          { key: 'clocks', title: t('incident.clocks'), render: (_, i) => <IncidentClocks clocks={i.clocks} /> },
        ]}
      />
    </Drawer>
  );
}
