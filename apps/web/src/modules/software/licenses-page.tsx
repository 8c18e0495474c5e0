import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { licenseForms, licenseTypes, type SoftwareLicenseDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { LicenseFormDrawer } from './license-form.tsx';
import { RenewalsSheetButton } from './renewals-sheet-button.tsx';
import { deleteLicense, invalidateSoftware, listLicenses, softwareKeys, useSoftwareMutation } from './software.api.ts';
import { ProductSelect } from './software-selects.tsx';

const listKeys = ['q', 'licenseType', 'productId', 'renewalBefore', 'sort'] as const;

type Editing = { license?: SoftwareLicenseDto } | null;

/** The renewal notice date, tagged once the notice went out. */
export function RenewalNotice({ license }: { license: SoftwareLicenseDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!license.renewalNoticeDate) return null;
  return (
    <>
      {formatDate(license.renewalNoticeDate, locale)}
      {license.renewalNoticeSentAt && (
        <Tag color="green" style={{ marginInlineStart: 6 }} data-testid="license-notice-sent">
          {t('swLicense.noticeSent')}
        </Tag>
      )}
    </>
  );
}

/** 保有ソフトウェア台帳: the owned-licence ledger (2.2.j). */
export function LicensesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('software-license.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useSoftwareMutation((l: SoftwareLicenseDto) => deleteLicense(l.id, l.version));

  const filters = { q: params.q, licenseType: params.licenseType, productId: params.productId };
  const query = { ...filters, renewalBefore: params.renewalBefore, sort: params.sort };

  const onDelete = (l: SoftwareLicenseDto) =>
    remove.mutateAsync(l, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<SoftwareLicenseDto> = [
    {
      key: 'assetNumber',
      title: t('swLicense.assetNumber'),
      width: 150,
      ellipsis: true,
      render: (_, l) => (
        <Link to={`/software-licenses/${l.id}`} data-testid="license-link">
          {l.assetNumber}
        </Link>
      ),
    },
    { key: 'softwareName', title: t('swLicense.softwareName'), dataIndex: 'softwareName', width: 240, ellipsis: true },
    { key: 'licenseType', title: t('swLicense.licenseType'), width: 160, render: (_, l) => <StatusTag items={licenseTypes.items} value={l.licenseType} /> },
    { key: 'licenseForm', title: t('swLicense.licenseForm'), width: 170, render: (_, l) => <StatusTag items={licenseForms.items} value={l.licenseForm} /> },
    { key: 'ownedCount', title: t('swLicense.ownedCount'), dataIndex: 'ownedCount', width: 90, align: 'right' },
    { key: 'products', title: t('swLicense.products'), width: 220, ellipsis: true, render: (_, l) => l.products.map((p) => p.name).join(', ') },
    { key: 'licensedVersion', title: t('swLicense.licensedVersion'), dataIndex: 'licensedVersion', width: 120, ellipsis: true },
    { key: 'renewalDate', title: t('swLicense.renewalDate'), width: 120, render: (_, l) => formatDate(l.renewalDate, locale) },
    { key: 'renewalNoticeDate', title: t('swLicense.renewalNoticeDate'), width: 180, render: (_, l) => <RenewalNotice license={l} /> },
    { key: 'upgradeFrom', title: t('swLicense.upgradeFrom'), width: 150, ellipsis: true, render: (_, l) => l.upgradeFrom?.assetNumber ?? '' },
    { key: 'manufacturer', title: t('swLicense.manufacturer'), dataIndex: 'manufacturer', width: 140, ellipsis: true },
    { key: 'acquiredOn', title: t('swLicense.acquiredOn'), width: 120, render: (_, l) => formatDate(l.acquiredOn, locale) },
    { key: 'updatedAt', title: t('common.updatedAt'), width: 160, render: (_, l) => formatDateTime(l.updatedAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, l) => (
        <RowActions
          name={l.assetNumber}
          canEdit={canOn(l, 'update')}
          canDelete={canOn(l, 'delete')}
          onEdit={() => setEditing({ license: l })}
          onDelete={() => onDelete(l)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('swLicense.title')}
        description={t('swLicense.description')}
        extra={
          <>
            <RenewalsSheetButton />
            <ImportButton
              ledger="software-licenses"
              ledgerLabel={t('swLicense.title')}
              permission="software-license.import"
              onImported={() => void invalidateSoftware(qc)}
            />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="license-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<SoftwareLicenseDto>
        queryKey={softwareKeys.list('licenses', query)}
        fetchPage={(cursor) => listLicenses(query, cursor)}
        columns={columns}
        rowKey="id"
        ledger="software-licenses"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/software-licenses/export', query: filters, permission: 'software-license.export' }}
        onRowOpen={(l) => navigate(`/software-licenses/${l.id}`)}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swLicense.searchPlaceholder')} width={300} />
            <Select
              allowClear
              placeholder={t('swLicense.licenseType')}
              style={{ width: 200 }}
              value={params.licenseType}
              options={choiceOptions(licenseTypes.items, locale)}
              onChange={(licenseType?: string) => setParams({ licenseType })}
              aria-label={t('swLicense.licenseType')}
            />
            <ProductSelect
              allowClear
              style={{ width: 220 }}
              value={params.productId}
              onChange={(productId?: string) => setParams({ productId })}
              aria-label={t('swLicense.products')}
            />
            <DatePicker
              placeholder={t('swLicense.renewalBefore')}
              format={datePickerFormat(locale)}
              value={params.renewalBefore ? dayjs(params.renewalBefore) : null}
              onChange={(d) => setParams({ renewalBefore: d ? d.format('YYYY-MM-DD') : undefined })}
              aria-label={t('swLicense.renewalBefore')}
              style={{ width: 190 }}
            />
            <Select
              style={{ width: 170 }}
              value={params.sort ?? 'assetNumber'}
              options={[
                { value: 'assetNumber', label: t('swLicense.sortAssetNumber') },
                { value: 'renewalDate', label: t('swLicense.sortRenewalDate') },
              ]}
              onChange={(sort: string) => setParams({ sort: sort === 'assetNumber' ? undefined : sort })}
              aria-label={t('swLicense.sortBy')}
            />
          </>
        }
      />
      {editing && (
        <LicenseFormDrawer
          license={editing.license}
          onClose={() => setEditing(null)}
          onSaved={(l) => !editing.license && navigate(`/software-licenses/${l.id}`)}
        />
      )}
    </>
  );
}
