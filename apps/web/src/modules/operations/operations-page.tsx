import { AlertOutlined, BugOutlined, DatabaseOutlined, SafetyOutlined, SecurityScanOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type AntivirusStatusList,
  type BackupResultDto,
  backupResultStatuses,
  type MonitoringEventDto,
  monitoringSeverities,
  type Permission,
  type SecurityCaseDto,
} from '@unyo/contracts';
import { Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { api } from '../../lib/api.ts';
import { hasPermission } from '../../lib/can.ts';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { useCurrentUser } from '../../lib/session.ts';
import { IncidentClockTag } from '../incidents/incident-clock.tsx';
import { SecurityResponseClock } from '../security-cases/security-response-clock.tsx';
import { IncidentsChart } from './incidents-chart.tsx';
import { backupCheckRange, cardRows, fetchList, fetchOpenIncidents, mostUrgentClock, operationsKeys } from './operations.api.ts';

const refetchInterval = 60_000;

type WidgetProps = {
  testId: string;
  title: string;
  icon: ReactNode;
  to: string;
  count: number | undefined;
  loading: boolean;
  error: unknown;
  children: ReactNode;
};

/** One card: the count (red when non-zero), a short list and a link to the full list. */
function Widget({ testId, title, icon, to, count, loading, error, children }: WidgetProps) {
  const { t } = useTranslation();
  return (
    <Card size="small" loading={loading} data-testid={`ops-card-${testId}`} style={{ height: '100%' }}>
      <Flex justify="space-between" align="flex-start">
        <Link to={to}>
          <Statistic title={title} value={count ?? 0} prefix={icon} styles={{ content: count ? { color: '#cf1322' } : undefined }} />
        </Link>
        <Link to={to}>{t('operations.showAll')}</Link>
      </Flex>
      {error ? <ProblemAlert error={error} style={{ marginTop: 8 }} /> : <div style={{ marginTop: 8 }}>{children}</div>}
    </Card>
  );
}

function Rows<T>({ items, render }: { items: readonly T[]; render: (item: T) => ReactNode }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('operations.none')} />;
  return <List size="small" dataSource={items.slice(0, cardRows)} renderItem={(item) => <List.Item style={{ paddingInline: 0 }}>{render(item)}</List.Item>} />;
}

function IncidentsWidget() {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: operationsKeys.widget('incidents'), queryFn: fetchOpenIncidents, refetchInterval });
  return (
    <Widget
      testId="incidents"
      title={t('operations.openIncidents')}
      icon={<BugOutlined />}
      to="/incidents?status=open"
      count={data?.total}
      loading={isPending}
      error={error}
    >
      <Rows
        items={data?.items ?? []}
        render={(i) => {
          const clock = mostUrgentClock(i.clocks);
          return (
            <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
              <Typography.Text ellipsis style={{ flex: 1 }}>
                <Link to={`/incidents/${i.id}`}>{i.number}</Link> {i.title}
              </Typography.Text>
              {clock ? <IncidentClockTag clock={clock} compact /> : <Typography.Text type="secondary">{t('operations.noClock')}</Typography.Text>}
            </Flex>
          );
        }}
      />
    </Widget>
  );
}

function SecurityCasesWidget() {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({
    queryKey: operationsKeys.widget('security-cases'),
    queryFn: () => fetchList<SecurityCaseDto>('/security-cases', { status: 'open' }),
    refetchInterval,
  });
  return (
    <Widget
      testId="security-cases"
      title={t('operations.openSecurityCases')}
      icon={<SecurityScanOutlined />}
      to="/security-cases?status=open"
      count={data?.total}
      loading={isPending}
      error={error}
    >
      <Rows
        items={data?.items ?? []}
        render={(c) => (
          <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
            <Typography.Text ellipsis style={{ flex: 1 }}>
              <Link to={`/security-cases/${c.id}`}>{c.number}</Link> {c.title}
            </Typography.Text>
            <SecurityResponseClock securityCase={c} />
          </Flex>
        )}
      />
    </Widget>
  );
}

function BackupsWidget() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error, isPending } = useQuery({
    queryKey: operationsKeys.widget('backups'),
    queryFn: () => fetchList<BackupResultDto>('/backup-results', { ...backupCheckRange(), status: 'failed,missed' }),
    refetchInterval,
  });
  return (
    <Widget
      testId="backups"
      title={t('operations.failedBackups')}
      icon={<DatabaseOutlined />}
      to="/backups?failedOnly=1"
      count={data?.total}
      loading={isPending}
      error={error}
    >
      <Rows
        items={data?.items ?? []}
        render={(r) => (
          <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
            <Typography.Text ellipsis style={{ flex: 1 }}>
              {formatDate(r.runDate, locale)} {r.job.name} ({localName(r.site, locale)})
            </Typography.Text>
            <StatusTag items={backupResultStatuses.items} value={r.status} />
          </Flex>
        )}
      />
    </Widget>
  );
}

function AlertsWidget() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error, isPending } = useQuery({
    queryKey: operationsKeys.widget('alerts'),
    queryFn: () => fetchList<MonitoringEventDto>('/monitoring/events', { status: 'firing' }),
    refetchInterval: 30_000,
  });
  return (
    <Widget
      testId="alerts"
      title={t('operations.firingAlerts')}
      icon={<AlertOutlined />}
      to="/monitoring?status=firing"
      count={data?.total}
      loading={isPending}
      error={error}
    >
      <Rows
        items={data?.items ?? []}
        render={(e) => (
          <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
            <Typography.Text ellipsis style={{ flex: 1 }} title={formatDateTime(e.startsAt, locale)}>
              {e.title}
            </Typography.Text>
            <StatusTag items={monitoringSeverities.items} value={e.severity} />
          </Flex>
        )}
      />
    </Widget>
  );
}

function AntivirusWidget() {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({
    queryKey: operationsKeys.widget('antivirus'),
    queryFn: () => api.get<AntivirusStatusList>('/antivirus/status', { outdated: 'true', limit: cardRows }),
    refetchInterval,
  });
  return (
    <Widget
      testId="antivirus"
      title={t('operations.outdatedAntivirus')}
      icon={<SafetyOutlined />}
      to="/antivirus"
      count={data?.outdated}
      loading={isPending}
      error={error}
    >
      <Rows
        items={data?.items ?? []}
        render={(d) => (
          <Flex justify="space-between" gap={8} style={{ width: '100%' }}>
            <Typography.Text ellipsis style={{ flex: 1 }}>
              {d.computerName} {d.asset && <Typography.Text type="secondary">{d.asset.assetNumber}</Typography.Text>}
            </Typography.Text>
            <Tag color="red">
              {d.ageDays !== null ? t('operations.ageDays', { days: d.ageDays }) : t('operations.versionsBehind', { count: d.versionsBehind })}
            </Tag>
          </Flex>
        )}
      />
    </Widget>
  );
}

/** 運用ダッシュボード: what needs attention now across incidents, security, backups, monitoring and antivirus. */
export function OperationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = (p: Permission) => hasPermission(me, p);
  const widgets: { permission: Permission; node: ReactNode }[] = [
    { permission: 'incident.read', node: <IncidentsWidget /> },
    { permission: 'security-case.read', node: <SecurityCasesWidget /> },
    { permission: 'backup.read', node: <BackupsWidget /> },
    { permission: 'monitoring.read', node: <AlertsWidget /> },
    { permission: 'endpoint-security.read', node: <AntivirusWidget /> },
  ];
  return (
    <>
      <PageHeader title={t('operations.title')} description={t('operations.description')} />
      <Row gutter={[16, 16]}>
        {widgets
          .filter((w) => can(w.permission))
          .map((w) => (
            <Col key={w.permission} xs={24} lg={12} xxl={8}>
              {w.node}
            </Col>
          ))}
        {can('incident.read') && (
          <Col xs={24} lg={12} xxl={8}>
            <IncidentsChart />
          </Col>
        )}
      </Row>
    </>
  );
}
