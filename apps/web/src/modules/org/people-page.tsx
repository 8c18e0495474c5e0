import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type PersonDto, personStatuses, staffTypes } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Select, Typography } from 'antd';
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
import { deletePerson, invalidateOrg, listPeople, personKeys, useOrgMutation } from './org.api.ts';
import { DepartmentSelect, SiteSelect } from './org-selects.tsx';
import { PersonFormDrawer } from './person-form.tsx';

const listKeys = ['q', 'siteId', 'departmentId', 'status', 'staffType', 'sort', 'order'] as const;

type Editing = { person?: PersonDto } | null;

export function PeoplePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canCreate = useCan('person.create');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useOrgMutation((p: PersonDto) => deletePerson(p.id, p.version));
  const qc = useQueryClient();

  const sort = sortFromParams(params.sort, params.order, { key: 'employeeNumber', order: 'asc' });
  const filters = { q: params.q, siteId: params.siteId, departmentId: params.departmentId, status: params.status, staffType: params.staffType };
  const query = { ...filters, sort: sort.key, order: sort.order };

  const onDelete = (p: PersonDto) =>
    remove.mutateAsync(p, {
      onSuccess: () => message.success(t('common.deleted')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });

  const columns: TableColumnsType<PersonDto> = [
    { key: 'employeeNumber', title: t('person.employeeNumber'), dataIndex: 'employeeNumber', width: 130, sorter: true, ellipsis: true },
    {
      key: 'nameKanji',
      title: t('person.nameKanji'),
      width: 200,
      sorter: true,
      render: (_, p) => (
        <div>
          <div>{p.nameKanji}</div>
          {locale === 'en' && p.nameRomaji && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.nameRomaji}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'nameKana', title: t('person.nameKana'), dataIndex: 'nameKana', width: 200, sorter: true, ellipsis: true },
    {
      key: 'staffType',
      title: t('person.staffType'),
      width: 150,
      render: (_, p) => <StatusTag items={staffTypes.items} value={p.staffType} />,
    },
    { key: 'site', title: t('person.site'), width: 180, ellipsis: true, render: (_, p) => localName(p.site, locale) },
    { key: 'department', title: t('person.department'), width: 200, ellipsis: true, render: (_, p) => localName(p.department, locale) },
    {
      key: 'status',
      title: t('person.status'),
      width: 110,
      render: (_, p) => <StatusTag items={personStatuses.items} value={p.status} />,
    },
    { key: 'email', title: t('person.email'), dataIndex: 'email', width: 240, ellipsis: true },
    { key: 'extension', title: t('person.extension'), dataIndex: 'extension', width: 100, ellipsis: true },
    {
      key: 'updatedAt',
      title: t('common.updatedAt'),
      width: 160,
      sorter: true,
      render: (_, p) => formatDateTime(p.updatedAt, locale),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 170,
      fixed: 'right',
      render: (_, p) => (
        <RowActions
          name={p.nameKanji}
          canEdit={canOn(p, 'update')}
          canDelete={canOn(p, 'delete')}
          onEdit={() => setEditing({ person: p })}
          onDelete={() => onDelete(p)}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('person.title')}
        extra={
          <>
            <ImportButton ledger="people" ledgerLabel={t('person.title')} permission="person.import" onImported={() => void invalidateOrg(qc)} />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="person-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <DataTable<PersonDto>
        queryKey={personKeys.list(query)}
        fetchPage={(cursor) => listPeople(query, cursor)}
        columns={columns}
        rowKey="id"
        sort={sort}
        onSortChange={(s) => setParams({ sort: s?.key, order: s?.order })}
        ledger="people"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/people/export', query: filters, permission: 'person.export' }}
        onRowOpen={(p) => canOn(p, 'update') && setEditing({ person: p })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} />
            <SiteSelect
              allowClear
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId, departmentId: undefined })}
              aria-label={t('person.site')}
            />
            <DepartmentSelect
              allowClear
              siteId={params.siteId}
              style={{ width: 220 }}
              placeholder={t('person.department')}
              value={params.departmentId}
              onChange={(departmentId?: string) => setParams({ departmentId })}
              aria-label={t('person.department')}
            />
            <Select
              allowClear
              placeholder={t('person.staffType')}
              style={{ width: 170 }}
              value={params.staffType}
              options={choiceOptions(staffTypes.items, locale)}
              onChange={(staffType?: string) => setParams({ staffType })}
              aria-label={t('person.staffType')}
            />
            <Select
              allowClear
              placeholder={t('person.status')}
              style={{ width: 130 }}
              value={params.status}
              options={choiceOptions(personStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('person.status')}
            />
          </>
        }
      />
      {editing && <PersonFormDrawer open person={editing.person} siteId={params.siteId} onClose={() => setEditing(null)} />}
    </>
  );
}
