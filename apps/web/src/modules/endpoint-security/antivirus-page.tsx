import { CheckCircleOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type AntivirusStatusDto, antivirusWorkKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Card, Checkbox, DatePicker, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceLabel, formatDate, formatDateTime } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { WorkDrawer, type WorkPreset, WorkRecordsTab } from './antivirus-work.tsx';
import { antivirusReportUrl, endpointKeys, getAntivirusMonthly, getAntivirusStatus } from './endpoint-security.api.ts';
import { EndpointSettingsButton } from './endpoint-settings.tsx';

const outdatedRow = { background: '#fff1f0' };

/** ウイルス定義更新状況 (3.1.1.u, 3.3.1.l): each device's latest definition status, outdated first; S-4-5-3-1 for a month. */
export function AntivirusPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const qc = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [siteId, setSiteId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [outdatedOnly, setOutdatedOnly] = useState(false);
  const [unmatchedOnly, setUnmatchedOnly] = useState(false);
  const [tab, setTab] = useState('status');
  const [fixing, setFixing] = useState<WorkPreset | null>(null);
  const canRecord = useCan('antivirus-work.manage');
  const canReadWork = useCan('antivirus-work.read');
  const params = { siteId, q, outdated: outdatedOnly ? true : undefined, matched: unmatchedOnly ? false : undefined };
  const status = useQuery({ queryKey: endpointKeys.antivirus(params), queryFn: () => getAntivirusStatus(params) });
  const m = month.format('YYYY-MM');
  const monthly = useQuery({ queryKey: endpointKeys.antivirusMonthly(m), queryFn: () => getAntivirusMonthly(m) });

  const columns: TableColumnsType<AntivirusStatusDto> = [
    {
      key: 'state',
      title: t('antivirus.state'),
      width: 100,
      render: (_, s) => (s.outdated ? <Tag color="red">{t('antivirus.outdated')}</Tag> : <Tag color="green">{t('antivirus.current')}</Tag>),
    },
    { key: 'computerName', title: t('antivirus.computerName'), width: 200, ellipsis: true, render: (_, s) => s.computerName },
    {
      key: 'asset',
      title: t('antivirus.asset'),
      width: 140,
      render: (_, s) => (s.asset ? <Link to={`/assets/${s.asset.id}`}>{s.asset.assetNumber}</Link> : <Tag>{t('antivirus.unmatched')}</Tag>),
    },
    { key: 'ip', title: t('antivirus.ipAddress'), width: 130, render: (_, s) => s.ipAddress ?? '' },
    { key: 'product', title: t('antivirus.product'), width: 200, ellipsis: true, render: (_, s) => s.product ?? '' },
    { key: 'version', title: t('antivirus.definitionVersion'), width: 140, render: (_, s) => s.definitionVersion },
    { key: 'date', title: t('antivirus.definitionDate'), width: 120, render: (_, s) => formatDate(s.definitionDate, locale) },
    { key: 'age', title: t('antivirus.ageDays'), width: 90, align: 'right', render: (_, s) => s.ageDays ?? '' },
    { key: 'behind', title: t('antivirus.versionsBehind'), width: 110, align: 'right', render: (_, s) => s.versionsBehind },
    { key: 'snapshot', title: t('antivirus.snapshotDate'), width: 120, render: (_, s) => formatDate(s.snapshotDate, locale) },
    {
      key: 'lastWork',
      title: (
        <Tooltip title={t('avWork.lastWorkHint')}>
          <span>{t('avWork.lastWork')}</span>
        </Tooltip>
      ),
      width: 240,
      render: (_, s) =>
        s.lastWork && (
          <Tooltip title={t('avWork.lastWorkHint')}>
            <span data-testid="av-last-work">
              {choiceLabel(antivirusWorkKinds.items, s.lastWork.kind, locale)} {formatDateTime(s.lastWork.doneAt, locale)} {s.lastWork.operatorName ?? ''}
            </span>
          </Tooltip>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      fixed: 'right',
      render: (_, s) =>
        canRecord &&
        s.outdated &&
        s.asset && (
          <Button
            size="small"
            icon={<CheckCircleOutlined />}
            data-testid="av-record-fix"
            onClick={() => setFixing({ kind: 'definition_update', deviceId: s.asset!.id, deviceLabel: `${s.asset!.assetNumber} ${s.asset!.name}` })}
          >
            {t('avWork.recordFix')}
          </Button>
        ),
    },
  ];

  const data = monthly.data;
  const statusTab = (
    <>
      <Card size="small" title={t('antivirus.monthlyTitle')} style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="center">
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(v) => v && setMonth(v)}
            aria-label={t('endpoint.month')}
            format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'}
          />
          <Statistic title={t('antivirus.checks')} value={data?.snapshots.length ?? '-'} />
          <Statistic title={t('antivirus.planned')} value={data?.planned ?? '-'} />
          <Statistic title={t('antivirus.executed')} value={data?.executed ?? '-'} />
          <Statistic
            title={`${t('endpoint.rate')}（${t('endpoint.target')} ${data?.target ?? 100}%）`}
            value={data?.rate ?? '-'}
            suffix="%"
            styles={{ content: { color: data ? (data.met ? '#389e0d' : '#cf1322') : undefined } }}
          />
          <Statistic title={t('antivirus.reportedAt')} value={data?.reportedAt ? formatDateTime(data.reportedAt, locale) : t('antivirus.notReported')} />
          <Button
            icon={<FileExcelOutlined />}
            href={antivirusReportUrl(m)}
            onClick={() => setTimeout(() => void qc.invalidateQueries({ queryKey: endpointKeys.antivirusMonthly(m) }), 1500)}
            data-testid="antivirus-report"
          >
            {t('antivirus.report')}
          </Button>
        </Space>
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <SiteSelect allowClear style={{ width: 220 }} value={siteId} onChange={(v) => setSiteId(v as string | undefined)} />
        <SearchBox value={q} onChange={setQ} />
        <Checkbox checked={outdatedOnly} onChange={(e) => setOutdatedOnly(e.target.checked)} data-testid="antivirus-outdated">
          {t('antivirus.filterOutdated')}
        </Checkbox>
        <Checkbox checked={unmatchedOnly} onChange={(e) => setUnmatchedOnly(e.target.checked)}>
          {t('antivirus.filterUnmatched')}
        </Checkbox>
      </Space>
      <ProblemAlert error={status.error ?? monthly.error} />
      {status.data && (
        <Typography.Paragraph type="secondary">
          {t('antivirus.summary', { total: status.data.total, outdated: status.data.outdated, unmatched: status.data.unmatched })}
        </Typography.Paragraph>
      )}
      <Table<AntivirusStatusDto>
        rowKey="id"
        size="small"
        loading={status.isPending}
        columns={columns}
        dataSource={status.data?.items ?? []}
        onRow={(s) => ({ style: s.outdated ? outdatedRow : undefined })}
        pagination={{ pageSize: 100, showSizeChanger: false }}
        scroll={{ x: 1700 }}
      />
    </>
  );
  return (
    <>
      <PageHeader
        title={t('antivirus.title')}
        description={t('antivirus.description')}
        extra={
          <>
            <EndpointSettingsButton />
            <ImportButton
              ledger="antivirus"
              ledgerLabel={t('antivirus.importLabel')}
              permission="endpoint-security.import"
              onImported={() => void qc.invalidateQueries({ queryKey: endpointKeys.all })}
            />
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'status', label: t('avWork.tabStatus'), children: statusTab },
          ...(canReadWork ? [{ key: 'work', label: t('avWork.tabWork'), children: <WorkRecordsTab /> }] : []),
        ]}
      />
      {fixing && <WorkDrawer preset={fixing} onClose={() => setFixing(null)} />}
    </>
  );
}
