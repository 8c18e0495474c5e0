import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { DepartmentDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { RowActions } from '../../components/row-actions.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { formatDateTime, localName } from '../../lib/format.ts';
import { sortFromParams, useListParams } from '../../lib/list-params.ts';
import { DepartmentFormDrawer } from './department-form.tsx';
import { deleteDepartment, departmentKeys, invalidateOrg, listDepartments, useDepartmentLookup, useOrgMutation } from './org.api.ts';
import { DepartmentSelect, SiteSelect } from './org-selects.tsx';

const listKeys = ['q', 'siteId', 'parentId', 'sort'] as const;

type Editing = { department?: DepartmentDto } | null;

export function DepartmentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canCreate = useCan('department.create');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useOrgMutation((d: DepartmentDto) => deleteDepartment(d.id, d.version));
  const qc = useQueryClient();
  // Parent names come from the lookup (the DTO carries only the parent's id).
  const { data: allDepartments } = useDepartmentLookup(undefined);
  const parentName = (id: string | null) => {
    const p = id ? allDepartments?.find((d) => d.id === id) : undefined;
    return p ? localName(p, locale) : '';
  };

  const filters = { q: params.q, siteId: params.siteId, parentId: params.parentId };
  const query = { ...filters, sort: params.sort ?? 'code' };
  const sort = sortFromParams(params.sort, 'asc', { key: 'code', order: 'asc' });

  const onDelete = (d: DepartmentDto) =>
    remove.mutateAsync(d, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<DepartmentDto> = [
    { key: 'code', title: t('department.code'), dataIndex: 'code', width: 140, sorter: true, sortDirections: ['ascend'], ellipsis: true },
    {
      key: 'nameJa',
      title: t('department.name'),
      width: 260,
      ellipsis: true,
      sorter: true,
      sortDirections: ['ascend'],
      render: (_, d) => (
        <>
          {localName(d, locale)}
          {!d.active && (
            <Tag style={{ marginInlineStart: 8 }} bordered={false}>
              {t('common.inactive')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'site', title: t('department.site'), width: 200, ellipsis: true, render: (_, d) => localName(d.site, locale) },
    { key: 'parent', title: t('department.parent'), width: 200, ellipsis: true, render: (_, d) => parentName(d.parentId) },
    { key: 'mail', title: t('department.mail'), dataIndex: 'mail', width: 220, ellipsis: true },
    { key: 'updatedAt', title: t('common.updatedAt'), width: 160, render: (_, d) => formatDateTime(d.updatedAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, d) => (
        <RowActions
          name={localName(d, locale)}
          canEdit={canOn(d, 'update')}
          canDelete={canOn(d, 'delete')}
          onEdit={() => setEditing({ department: d })}
          onDelete={() => onDelete(d)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('department.title')}
        extra={
          <>
            <ImportButton ledger="departments" ledgerLabel={t('department.title')} permission="department.import" onImported={() => void invalidateOrg(qc)} />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="department-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<DepartmentDto>
        queryKey={departmentKeys.list(query)}
        fetchPage={(cursor) => listDepartments(query, cursor)}
        columns={columns}
        rowKey="id"
        sort={sort}
        onSortChange={(s) => setParams({ sort: s?.key })}
        ledger="departments"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/departments/export', query: filters, permission: 'department.export' }}
        onRowOpen={(d) => canOn(d, 'update') && setEditing({ department: d })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} />
            <SiteSelect
              allowClear
              style={{ width: 240 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId, parentId: undefined })}
              aria-label={t('department.site')}
            />
            <DepartmentSelect
              allowClear
              siteId={params.siteId}
              placeholder={t('department.parent')}
              style={{ width: 240 }}
              value={params.parentId}
              onChange={(parentId?: string) => setParams({ parentId })}
              aria-label={t('department.parent')}
            />
          </>
        }
      />
      {editing && <DepartmentFormDrawer open department={editing.department} siteId={params.siteId} onClose={() => setEditing(null)} />}
    </>
  );
}
