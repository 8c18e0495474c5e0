import { AppstoreOutlined, BarChartOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { type IncidentDto, incidentKinds, incidentStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { BusinessSystemSelect } from './business-system-select.tsx';
import { IncidentClocks } from './incident-clock.tsx';
import { IncidentCreateModal } from './incident-create-modal.tsx';
import { incidentKeys, listIncidents } from './incidents.api.ts';

const listKeys = ['q', 'status', 'kind', 'siteId', 'major', 'businessSystemId'] as const;

/** The major-failure flags (S-3 security, S-4 infrastructure) as red tags. */
export function MajorTags({ incident }: { incident: Pick<IncidentDto, 'majorSecurity' | 'majorInfrastructure'> }) {
  const { t } = useTranslation();
  return (
    <>
      {incident.majorSecurity && (
        <Tag color="red" data-testid="incident-major-security-tag">
          {t('incident.majorSecurityTag')}
        </Tag>
      )}
      {incident.majorInfrastructure && <Tag color="red">{t('incident.majorInfrastructureTag')}</Tag>}
    </>
  );
}

/** 障害管理: incidents with their SLA clocks counting live (4.1). */
export function IncidentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('incident.manage');
  const canSettings = useCan('incident.settings');
  const canSystems = useCan('business-system.read');
  const [params, setParams] = useListParams(listKeys);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<IncidentDto> = [
    {
      key: 'number',
      title: t('incident.number'),
      width: 130,
      render: (_, i) => (
        <Link to={`/incidents/${i.id}`} data-testid="incident-link">
          {i.number}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('incident.titleField'),
      width: 260,
      ellipsis: true,
      render: (_, i) => (
        <Space size={4}>
          {i.title}
          <MajorTags incident={i} />
        </Space>
      ),
    },
    { key: 'kind', title: t('incident.kind'), width: 170, render: (_, i) => <StatusTag items={incidentKinds.items} value={i.kind} /> },
    {
      key: 'sites',
      title: t('incident.sites'),
      width: 160,
      ellipsis: true,
      render: (_, i) => (i.sites.length ? i.sites.map((s) => localName(s, locale)).join(', ') : t('incident.allSites')),
    },
    { key: 'occurredAt', title: t('incident.occurredAt'), width: 150, render: (_, i) => formatDateTime(i.milestones.occurred, locale) },
    { key: 'status', title: t('incident.status'), width: 100, render: (_, i) => <StatusTag items={incidentStatuses.items} value={i.status} /> },
    { key: 'clocks', title: t('incident.clocks'), width: 340, render: (_, i) => <IncidentClocks clocks={i.clocks} /> },
  ];

  const query = {
    q: params.q,
    status: params.status,
    kind: params.kind,
    siteId: params.siteId,
    major: params.major,
    businessSystemId: params.businessSystemId,
  };

  return (
    <>
      <PageHeader
        title={t('incident.title')}
        description={t('incident.intro')}
        extra={
          <>
            <Link to="/incidents/metrics">
              <Button icon={<BarChartOutlined />} data-testid="incident-metrics-link">
                {t('incident.metrics.nav')}
              </Button>
            </Link>
            {canSystems && (
              <Link to="/business-systems">
                <Button icon={<AppstoreOutlined />} data-testid="business-systems-link">
                  {t('businessSystem.nav')}
                </Button>
              </Link>
            )}
            {canSettings && (
              <Link to="/incidents/settings">
                <Button icon={<SettingOutlined />}>{t('incident.settings.nav')}</Button>
              </Link>
            )}
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="incident-create" onClick={() => setCreating(true)}>
                {t('incident.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<IncidentDto>
        queryKey={incidentKeys.list(query)}
        fetchPage={(cursor) => listIncidents(query, cursor)}
        columns={columns}
        rowKey="id"
        list={{ keys: listKeys, values: params, update: setParams }}
        onRowOpen={(i) => navigate(`/incidents/${i.id}`)}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('incident.searchPlaceholder')} width={260} />
            <Select
              allowClear
              placeholder={t('incident.status')}
              style={{ width: 130 }}
              value={params.status}
              options={choiceOptions(incidentStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('incident.status')}
            />
            <Select
              allowClear
              placeholder={t('incident.kind')}
              style={{ width: 200 }}
              value={params.kind}
              options={choiceOptions(incidentKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('incident.kind')}
            />
            <SiteSelect
              allowClear
              style={{ width: 200 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
              aria-label={t('incident.sites')}
            />
            <Select
              allowClear
              placeholder={t('incident.major')}
              style={{ width: 170 }}
              value={params.major}
              options={(['any', 'security', 'infrastructure'] as const).map((v) => ({ value: v, label: t(`incident.major_${v}`) }))}
              onChange={(major?: string) => setParams({ major })}
              aria-label={t('incident.major')}
            />
            {canSystems && (params.kind === 'business_system' || params.businessSystemId) && (
              <BusinessSystemSelect
                style={{ width: 240 }}
                value={params.businessSystemId ?? null}
                onChange={(id) => setParams({ businessSystemId: id ?? undefined })}
                aria-label={t('incident.businessSystem')}
                data-testid="incident-filter-business-system"
              />
            )}
          </>
        }
      />
      {creating && <IncidentCreateModal onClose={() => setCreating(false)} onCreated={(i) => navigate(`/incidents/${i.id}`)} />}
    </>
  );
}
