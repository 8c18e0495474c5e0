import { ApartmentOutlined, EnvironmentOutlined, TeamOutlined, UserOutlined, UserSwitchOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { AuditEntryDto, DashboardDto, Permission } from '@unyo/contracts';
import { siteKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Card, Col, Flex, Row, Statistic, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { api } from '../../lib/api.ts';
import { hasPermission } from '../../lib/can.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCurrentUser } from '../../lib/session.ts';

export const dashboardKey = ['dashboard'] as const;

type StatCard = { key: string; title: string; value: number | undefined; icon: ReactNode; to?: string; danger?: boolean };

export function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useCurrentUser();
  const can = (p: Permission) => hasPermission(me, p);
  const { data, error, isPending } = useQuery({
    queryKey: dashboardKey,
    queryFn: () => api.get<DashboardDto>('/dashboard'),
    refetchInterval: 60_000,
  });

  const counts = data?.counts;
  const cards: StatCard[] = [
    { key: 'sites', title: t('dashboard.sites'), value: counts?.sites, icon: <EnvironmentOutlined />, to: can('site.read') ? '/sites' : undefined },
    {
      key: 'departments',
      title: t('dashboard.departments'),
      value: counts?.departments,
      icon: <ApartmentOutlined />,
      to: can('department.read') ? '/departments' : undefined,
    },
    { key: 'people', title: t('dashboard.people'), value: counts?.people, icon: <TeamOutlined />, to: can('person.read') ? '/people' : undefined },
    {
      key: 'activePeople',
      title: t('dashboard.activePeople'),
      value: counts?.activePeople,
      icon: <UserSwitchOutlined />,
      to: can('person.read') ? '/people?status=active' : undefined,
    },
    { key: 'users', title: t('dashboard.users'), value: counts?.users, icon: <UserOutlined />, to: can('user.read') ? '/users' : undefined },
    {
      key: 'failedJobs',
      title: t('dashboard.failedJobs24h'),
      value: data?.failedJobs24h,
      icon: <WarningOutlined />,
      to: can('job.read') ? '/jobs?status=failed' : undefined,
      danger: (data?.failedJobs24h ?? 0) > 0,
    },
  ];

  const auditColumns: TableColumnsType<AuditEntryDto> = [
    { key: 'at', title: t('audit.at'), width: 150, render: (_, e) => formatDateTime(e.at, locale) },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorLabel', width: 160, ellipsis: true },
    { key: 'action', title: t('audit.action'), width: 180, render: (_, e) => <Tag style={{ fontFamily: 'monospace' }}>{e.action}</Tag> },
    { key: 'entityType', title: t('audit.entityType'), dataIndex: 'entityType', width: 120 },
  ];

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      {error && <ProblemAlert error={error} />}
      <Row gutter={[16, 16]}>
        {cards.map((c) => {
          const card = (
            <Card hoverable={!!c.to} loading={isPending} size="small" data-testid={`stat-${c.key}`}>
              <Statistic title={c.title} value={c.value ?? 0} prefix={c.icon} styles={{ content: c.danger ? { color: '#cf1322' } : undefined }} />
            </Card>
          );
          return (
            <Col key={c.key} xs={24} sm={12} lg={8} xl={4}>
              {c.to ? <Link to={c.to}>{card}</Link> : card}
            </Col>
          );
        })}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={8}>
          <Card title={t('dashboard.sitesByKind')} size="small" loading={isPending}>
            <Flex vertical gap={8}>
              {siteKinds.items.map((k) => (
                <Flex key={k.value} justify="space-between" align="center">
                  <StatusTag items={siteKinds.items} value={k.value} />
                  <span>{data?.sitesByKind.find((s) => s.kind === k.value)?.count ?? 0}</span>
                </Flex>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('dashboard.recentAudit')} size="small" extra={can('audit.read') && <Link to="/audit">{t('dashboard.showAll')}</Link>}>
            <Table<AuditEntryDto>
              rowKey={(e) => String(e.id)}
              columns={auditColumns}
              dataSource={data?.recentAudit ?? []}
              loading={isPending}
              pagination={false}
              size="small"
              scroll={{ x: 610 }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
