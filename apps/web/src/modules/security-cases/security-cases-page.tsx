import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type SecurityCaseDto, securityCaseKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Card, DatePicker, Flex, Select, Space, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
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
import { currentMonth } from '../servicedesk-metrics/servicedesk-metrics.api.ts';
import { SecurityCaseCreateModal } from './security-case-create-modal.tsx';
import { getSecurityMetrics, listSecurityCases, securityKeys } from './security-cases.api.ts';
import { SecurityResponseClock } from './security-response-clock.tsx';

const listKeys = ['q', 'kind', 'status', 'siteId', 'month'] as const;

/** Open or closed, as a tag. */
export function SecurityStatusTag({ status }: { status: SecurityCaseDto['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'open' ? 'red' : 'default'} data-testid="security-case-status" data-status={status}>
      {t(`securityCase.status_${status}`)}
    </Tag>
  );
}

/** The month's S-4-5-4-1 figure: infected devices answered within the target. */
function ResponseMetric({ month, onMonth }: { month: string; onMonth: (m: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data } = useQuery({ queryKey: securityKeys.metrics(month), queryFn: () => getSecurityMetrics(month) });
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="security-metrics">
      <Flex gap={32} align="center" wrap>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'}
          onChange={(d) => d && onMonth(d.format('YYYY-MM'))}
          aria-label={t('incident.metrics.month')}
        />
        <Statistic title={t('securityCase.metricTitle')} value={data?.value === null || !data ? t('common.none') : `${data.value.toFixed(1)}%`} />
        <Statistic title={t('incident.metrics.target')} value={data ? `${data.target}%` : t('common.none')} />
        <Space size={12}>
          <span>{`${t('incident.metrics.counted')} ${data?.counted ?? 0}`}</span>
          <span>{`${t('incident.metrics.outcome_met')} ${data?.met ?? 0}`}</span>
          <span>{`${t('incident.metrics.outcome_missed')} ${data?.missed ?? 0}`}</span>
          <span>{`${t('incident.metrics.outcome_pending')} ${data?.pending ?? 0}`}</span>
        </Space>
        {data && data.achieved !== null && (
          <Tag color={data.achieved ? 'green' : 'red'}>{t(data.achieved ? 'incident.metrics.met' : 'incident.metrics.notMet')}</Tag>
        )}
      </Flex>
    </Card>
  );
}

/** セキュリティ対応: malware, quarantine alerts and suspicious mail, each worked through its checklist (4.2). */
export function SecurityCasesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('security-case.manage');
  const [params, setParams] = useListParams(listKeys);
  const [creating, setCreating] = useState(false);
  const query = { q: params.q, kind: params.kind, status: params.status, siteId: params.siteId };

  const columns: TableColumnsType<SecurityCaseDto> = [
    {
      key: 'number',
      title: t('incident.number'),
      width: 130,
      render: (_, c) => (
        <Link to={`/security-cases/${c.id}`} data-testid="security-case-link">
          {c.number}
        </Link>
      ),
    },
    { key: 'title', title: t('securityCase.titleField'), width: 260, ellipsis: true, dataIndex: 'title' },
    { key: 'kind', title: t('securityCase.kind'), width: 220, render: (_, c) => <StatusTag items={securityCaseKinds.items} value={c.kind} /> },
    {
      key: 'sites',
      title: t('incident.sites'),
      width: 160,
      ellipsis: true,
      render: (_, c) => (c.sites.length ? c.sites.map((s) => localName(s, locale)).join(', ') : t('incident.allSites')),
    },
    { key: 'detectedAt', title: t('securityCase.detectedAt'), width: 150, render: (_, c) => formatDateTime(c.detectedAt, locale) },
    { key: 'status', title: t('incident.status'), width: 100, render: (_, c) => <SecurityStatusTag status={c.status} /> },
    { key: 'response', title: t('securityCase.response'), width: 200, render: (_, c) => <SecurityResponseClock securityCase={c} /> },
    {
      key: 'progress',
      title: t('securityCase.progress'),
      width: 110,
      render: (_, c) => `${c.steps.filter((s) => s.done || s.notApplicable).length}/${c.steps.length}`,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('securityCase.title')}
        description={t('securityCase.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="security-case-create" onClick={() => setCreating(true)}>
              {t('securityCase.create')}
            </Button>
          )
        }
      />
      <ResponseMetric month={params.month ?? currentMonth()} onMonth={(month) => setParams({ month })} />
      <DataTable<SecurityCaseDto>
        queryKey={securityKeys.list(query)}
        fetchPage={(cursor) => listSecurityCases(query, cursor)}
        columns={columns}
        rowKey="id"
        list={{ keys: listKeys, values: params, update: setParams }}
        onRowOpen={(c) => navigate(`/security-cases/${c.id}`)}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('securityCase.searchPlaceholder')} width={240} />
            <Select
              allowClear
              placeholder={t('securityCase.kind')}
              style={{ width: 230 }}
              value={params.kind}
              options={choiceOptions(securityCaseKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('securityCase.kind')}
            />
            <Select
              allowClear
              placeholder={t('incident.status')}
              style={{ width: 120 }}
              value={params.status}
              options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`securityCase.status_${s}`) }))}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('incident.status')}
            />
            <SiteSelect
              allowClear
              style={{ width: 200 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
              aria-label={t('incident.sites')}
            />
          </>
        }
      />
      {creating && <SecurityCaseCreateModal onClose={() => setCreating(false)} onCreated={(c) => navigate(`/security-cases/${c.id}`)} />}
    </>
  );
}
