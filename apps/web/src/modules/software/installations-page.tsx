import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { installationStatuses, type SoftwareInstallationDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { InstallationFormDrawer } from './installation-form.tsx';
import { deleteInstallation, invalidateSoftware, listInstallations, softwareKeys, useSoftwareMutation } from './software.api.ts';
import { LicenseSelect } from './software-selects.tsx';

const listKeys = ['q', 'licenseId', 'siteId', 'status'] as const;

type Editing = { installation?: SoftwareInstallationDto } | null;

/** ソフトウェア使用台帳: installations on domestic devices (2.2.k). */
export function InstallationsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('software-installation.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useSoftwareMutation((i: SoftwareInstallationDto) => deleteInstallation(i.id, i.version));

  const filters = { q: params.q, licenseId: params.licenseId, siteId: params.siteId, status: params.status };

  const onDelete = (i: SoftwareInstallationDto) =>
    remove.mutateAsync(i, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<SoftwareInstallationDto> = [
    { key: 'entryNumber', title: t('swInstallation.entryNumber'), dataIndex: 'entryNumber', width: 120, ellipsis: true },
    {
      key: 'license',
      title: t('swInstallation.license'),
      width: 150,
      ellipsis: true,
      render: (_, i) => <Link to={`/software-licenses/${i.license.id}`}>{i.license.assetNumber}</Link>,
    },
    { key: 'softwareName', title: t('swInstallation.softwareName'), dataIndex: 'softwareName', width: 220, ellipsis: true },
    { key: 'edition', title: t('swInstallation.edition'), dataIndex: 'edition', width: 130, ellipsis: true },
    { key: 'usedVersion', title: t('swInstallation.usedVersion'), dataIndex: 'usedVersion', width: 120, ellipsis: true },
    { key: 'language', title: t('swInstallation.language'), dataIndex: 'language', width: 90, ellipsis: true },
    {
      key: 'device',
      title: t('swInstallation.device'),
      width: 200,
      ellipsis: true,
      render: (_, i) => <Link to={`/assets/${i.device.id}`}>{`${i.device.assetNumber} ${i.device.name}`}</Link>,
    },
    { key: 'site', title: t('swInstallation.site'), width: 150, ellipsis: true, render: (_, i) => localName(i.site, locale) },
    {
      key: 'status',
      title: t('swInstallation.status'),
      width: 170,
      render: (_, i) => (
        <>
          <StatusTag items={installationStatuses.items} value={i.status} />
          {i.statusNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.statusNote}
            </Typography.Text>
          )}
        </>
      ),
    },
    { key: 'appliedOn', title: t('swInstallation.appliedOn'), width: 110, render: (_, i) => formatDate(i.appliedOn, locale) },
    { key: 'department', title: t('swInstallation.department'), width: 170, ellipsis: true, render: (_, i) => localName(i.department, locale) },
    { key: 'applicant', title: t('swInstallation.applicant'), dataIndex: 'applicant', width: 120, ellipsis: true },
    { key: 'workedOn', title: t('swInstallation.workedOn'), width: 110, render: (_, i) => formatDate(i.workedOn, locale) },
    { key: 'operator', title: t('swInstallation.operator'), dataIndex: 'operator', width: 120, ellipsis: true },
    { key: 'note', title: t('swInstallation.note'), dataIndex: 'note', width: 200, ellipsis: true },
    { key: 'updatedAt', title: t('common.updatedAt'), width: 160, render: (_, i) => formatDateTime(i.updatedAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, i) => (
        <RowActions
          name={i.entryNumber}
          canEdit={canOn(i, 'update')}
          canDelete={canOn(i, 'delete')}
          onEdit={() => setEditing({ installation: i })}
          onDelete={() => onDelete(i)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('swInstallation.title')}
        description={t('swInstallation.description')}
        extra={
          <>
            <ImportButton
              ledger="software-installations"
              ledgerLabel={t('swInstallation.title')}
              permission="software-installation.import"
              onImported={() => void invalidateSoftware(qc)}
            />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="installation-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<SoftwareInstallationDto>
        queryKey={softwareKeys.list('installations', filters)}
        fetchPage={(cursor) => listInstallations(filters, cursor)}
        columns={columns}
        rowKey="id"
        ledger="software-installations"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/software-installations/export', query: filters, permission: 'software-installation.export' }}
        onRowOpen={(i) => canOn(i, 'update') && setEditing({ installation: i })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swInstallation.searchPlaceholder')} width={300} />
            <LicenseSelect
              style={{ width: 240 }}
              value={params.licenseId}
              onChange={(licenseId) => setParams({ licenseId })}
              aria-label={t('swInstallation.license')}
            />
            <SiteSelect
              allowClear
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
              aria-label={t('swInstallation.site')}
            />
            <Select
              allowClear
              placeholder={t('swInstallation.status')}
              style={{ width: 180 }}
              value={params.status}
              options={choiceOptions(installationStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('swInstallation.status')}
            />
          </>
        }
      />
      {editing && <InstallationFormDrawer installation={editing.installation} onClose={() => setEditing(null)} />}
    </>
  );
}
