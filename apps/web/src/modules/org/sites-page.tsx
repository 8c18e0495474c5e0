import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type SiteDto, siteKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { sortFromParams, useListParams } from '../../lib/list-params.ts';
import { deleteSite, invalidateOrg, listSites, siteKeys, useOrgMutation } from './org.api.ts';
import { SiteFormDrawer } from './site-form.tsx';

const listKeys = ['q', 'kind', 'sort'] as const;

type Editing = { site?: SiteDto } | null;

export function SitesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canCreate = useCan('site.create');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useOrgMutation((s: SiteDto) => deleteSite(s.id, s.version));
  const qc = useQueryClient();

  const filters = { q: params.q, kind: params.kind };
  const query = { ...filters, sort: params.sort ?? 'code' };
  const sort = sortFromParams(params.sort, 'asc', { key: 'code', order: 'asc' });

  const onDelete = (s: SiteDto) =>
    remove.mutateAsync(s, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<SiteDto> = [
    { key: 'code', title: t('site.code'), dataIndex: 'code', width: 140, sorter: true, sortDirections: ['ascend'], ellipsis: true },
    {
      key: 'nameJa',
      title: t('site.name'),
      width: 280,
      ellipsis: true,
      sorter: true,
      sortDirections: ['ascend'],
      render: (_, s) => (
        <>
          {localName(s, locale)}
          {!s.active && (
            <Tag style={{ marginInlineStart: 8 }} bordered={false}>
              {t('common.inactive')}
            </Tag>
          )}
        </>
      ),
    },
    {
      key: 'kind',
      title: t('site.kind'),
      width: 150,
      sorter: true,
      sortDirections: ['ascend'],
      render: (_, s) => <StatusTag items={siteKinds.items} value={s.kind} />,
    },
    { key: 'country', title: t('site.country'), dataIndex: 'country', width: 80 },
    { key: 'timeZone', title: t('site.timeZone'), dataIndex: 'timeZone', width: 170, ellipsis: true },
    { key: 'officeCode', title: t('site.officeCode'), dataIndex: 'officeCode', width: 130, ellipsis: true },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      width: 160,
      render: (_, s) => formatDateTime(s.updatedAt, locale),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, s) => (
        <RowActions
          name={localName(s, locale)}
          canEdit={canOn(s, 'update')}
          canDelete={canOn(s, 'delete')}
          onEdit={() => setEditing({ site: s })}
          onDelete={() => onDelete(s)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('site.title')}
        extra={
          <>
            <ImportButton ledger="sites" ledgerLabel={t('site.title')} permission="site.import" onImported={() => void invalidateOrg(qc)} />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="site-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<SiteDto>
        queryKey={siteKeys.list(query)}
        fetchPage={(cursor) => listSites(query, cursor)}
        columns={columns}
        rowKey="id"
        sort={sort}
        onSortChange={(s) => setParams({ sort: s?.key })}
        ledger="sites"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/sites/export', query: filters, permission: 'site.export' }}
        onRowOpen={(s) => canOn(s, 'update') && setEditing({ site: s })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} />
            <Select
              allowClear
              placeholder={t('site.kind')}
              style={{ width: 180 }}
              value={params.kind}
              options={choiceOptions(siteKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('site.kind')}
            />
          </>
        }
      />
      {editing && <SiteFormDrawer open site={editing.site} onClose={() => setEditing(null)} />}
    </>
  );
}
