import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { distributionOrigins, expenseTransferStatuses, type SoftwareDistributionDto, staffTypes } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { DistributionFormDrawer } from './distribution-form.tsx';
import { deleteDistribution, getDistributionByStaffType, invalidateSoftware, listDistributions, softwareKeys, useSoftwareMutation } from './software.api.ts';

const listKeys = ['q', 'siteId', 'origin', 'expenseTransfer'] as const;
const overseas = ['overseas'] as const;

type Editing = { distribution?: SoftwareDistributionDto } | null;
type StaffTypeRow = { staffType: string | null; softwareName: string; licenseCount: number };

/** 2.2.n: licences distributed overseas per staff type and software. */
function ByStaffType() {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: softwareKeys.byStaffType, queryFn: getDistributionByStaffType });
  return (
    <Card size="small" title={t('swDistribution.byStaffType')} style={{ marginTop: 24 }} data-testid="distribution-by-staff-type">
      {error && <ProblemAlert error={error} />}
      <Table<StaffTypeRow>
        size="small"
        rowKey={(r) => `${r.staffType ?? ''}|${r.softwareName}`}
        loading={isPending}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('swDistribution.byStaffTypeEmpty') }}
        columns={[
          {
            key: 'staffType',
            title: t('swDistribution.staffType'),
            width: 200,
            render: (_, r) => (r.staffType ? <StatusTag items={staffTypes.items} value={r.staffType} /> : t('swDistribution.noStaffType')),
          },
          { key: 'softwareName', title: t('swDistribution.softwareName'), dataIndex: 'softwareName' },
          { key: 'licenseCount', title: t('swDistribution.licenseCount'), dataIndex: 'licenseCount', width: 140, align: 'right' },
        ]}
      />
    </Card>
  );
}

/** 海外配布台帳: licences distributed to overseas offices (2.2.l). */
export function DistributionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('software-distribution.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useSoftwareMutation((d: SoftwareDistributionDto) => deleteDistribution(d.id, d.version));

  const filters = { q: params.q, siteId: params.siteId, origin: params.origin, expenseTransfer: params.expenseTransfer };

  const onDelete = (d: SoftwareDistributionDto) =>
    remove.mutateAsync(d, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<SoftwareDistributionDto> = [
    { key: 'entryNumber', title: t('swDistribution.entryNumber'), dataIndex: 'entryNumber', width: 120, ellipsis: true },
    { key: 'distributedOn', title: t('swDistribution.distributedOn'), width: 110, render: (_, d) => formatDate(d.distributedOn, locale) },
    { key: 'site', title: t('swDistribution.site'), width: 180, ellipsis: true, render: (_, d) => localName(d.site, locale) },
    { key: 'officeCode', title: t('swDistribution.officeCode'), dataIndex: 'officeCode', width: 110, ellipsis: true },
    { key: 'recipient', title: t('swDistribution.recipient'), dataIndex: 'recipient', width: 130, ellipsis: true },
    { key: 'origin', title: t('swDistribution.origin'), width: 110, render: (_, d) => <StatusTag items={distributionOrigins.items} value={d.origin} /> },
    {
      key: 'license',
      title: t('swDistribution.license'),
      width: 140,
      ellipsis: true,
      render: (_, d) => (d.license ? <Link to={`/software-licenses/${d.license.id}`}>{d.license.assetNumber}</Link> : ''),
    },
    { key: 'softwareName', title: t('swDistribution.softwareName'), dataIndex: 'softwareName', width: 220, ellipsis: true },
    { key: 'edition', title: t('swDistribution.edition'), dataIndex: 'edition', width: 120, ellipsis: true },
    { key: 'usedVersion', title: t('swDistribution.usedVersion'), dataIndex: 'usedVersion', width: 100, ellipsis: true },
    { key: 'language', title: t('swDistribution.language'), dataIndex: 'language', width: 90, ellipsis: true },
    { key: 'licenseCount', title: t('swDistribution.licenseCount'), dataIndex: 'licenseCount', width: 100, align: 'right' },
    { key: 'mediaCount', title: t('swDistribution.mediaCount'), dataIndex: 'mediaCount', width: 90, align: 'right' },
    {
      key: 'expenseTransfer',
      title: t('swDistribution.expenseTransfer'),
      width: 120,
      render: (_, d) => <StatusTag items={expenseTransferStatuses.items} value={d.expenseTransfer} />,
    },
    { key: 'accountCode', title: t('swDistribution.accountCode'), dataIndex: 'accountCode', width: 110, ellipsis: true },
    { key: 'distributor', title: t('swDistribution.distributor'), dataIndex: 'distributor', width: 120, ellipsis: true },
    { key: 'staffType', title: t('swDistribution.staffType'), width: 150, render: (_, d) => <StatusTag items={staffTypes.items} value={d.staffType} /> },
    { key: 'note', title: t('swDistribution.note'), dataIndex: 'note', width: 200, ellipsis: true },
    { key: 'updatedAt', title: t('common.updatedAt'), width: 160, render: (_, d) => formatDateTime(d.updatedAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, d) => (
        <RowActions
          name={d.entryNumber}
          canEdit={canOn(d, 'update')}
          canDelete={canOn(d, 'delete')}
          onEdit={() => setEditing({ distribution: d })}
          onDelete={() => onDelete(d)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('swDistribution.title')}
        description={t('swDistribution.description')}
        extra={
          <>
            <Link to="/software-surveys">
              <Button icon={<FormOutlined />} data-testid="distribution-surveys">
                {t('software.navLocalSurveys')}
              </Button>
            </Link>
            <ImportButton
              ledger="software-distributions"
              ledgerLabel={t('swDistribution.title')}
              permission="software-distribution.import"
              onImported={() => void invalidateSoftware(qc)}
            />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="distribution-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<SoftwareDistributionDto>
        queryKey={softwareKeys.list('distributions', filters)}
        fetchPage={(cursor) => listDistributions(filters, cursor)}
        columns={columns}
        rowKey="id"
        ledger="software-distributions"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/software-distributions/export', query: filters, permission: 'software-distribution.export' }}
        onRowOpen={(d) => canOn(d, 'update') && setEditing({ distribution: d })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swDistribution.searchPlaceholder')} width={300} />
            <SiteSelect
              allowClear
              kinds={overseas}
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
              aria-label={t('swDistribution.site')}
            />
            <Select
              allowClear
              placeholder={t('swDistribution.origin')}
              style={{ width: 150 }}
              value={params.origin}
              options={choiceOptions(distributionOrigins.items, locale)}
              onChange={(origin?: string) => setParams({ origin })}
              aria-label={t('swDistribution.origin')}
            />
            <Select
              allowClear
              placeholder={t('swDistribution.expenseTransfer')}
              style={{ width: 160 }}
              value={params.expenseTransfer}
              options={choiceOptions(expenseTransferStatuses.items, locale)}
              onChange={(expenseTransfer?: string) => setParams({ expenseTransfer })}
              aria-label={t('swDistribution.expenseTransfer')}
            />
          </>
        }
      />
      <ByStaffType />
      {editing && <DistributionFormDrawer distribution={editing.distribution} onClose={() => setEditing(null)} />}
    </>
  );
}
