import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { BusinessSystemDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Empty, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { useListParams } from '../../lib/list-params.ts';
import { BusinessSystemFormDrawer } from './business-system-form.tsx';
import { businessSystemKeys, deleteBusinessSystem, listBusinessSystems, useBusinessSystemMutation } from './business-systems.api.ts';

const listKeys = ['q', 'active'] as const;

/** 業務システム (4.1.3.a): who is responsible for each business system, whom to contact there, and its contractor. */
export function BusinessSystemsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('business-system.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<{ system?: BusinessSystemDto } | null>(null);
  const query = { q: params.q, active: params.active };
  const { data, error, isPending } = useQuery({ queryKey: businessSystemKeys.list(query), queryFn: () => listBusinessSystems(query) });
  const remove = useBusinessSystemMutation((id: string) => deleteBusinessSystem(id));

  const columns: TableColumnsType<BusinessSystemDto> = [
    { key: 'code', title: t('businessSystem.code'), dataIndex: 'code', width: 110 },
    {
      key: 'name',
      title: t('businessSystem.name'),
      width: 220,
      ellipsis: true,
      render: (_, s) => {
        const name = locale === 'en' && s.nameEn ? s.nameEn : s.name;
        return canOn(s, 'update') ? (
          <Typography.Link onClick={() => setEditing({ system: s })} data-testid="business-system-edit">
            {name}
          </Typography.Link>
        ) : (
          name
        );
      },
    },
    { key: 'department', title: t('businessSystem.department'), width: 180, render: (_, s) => (locale === 'en' ? s.department.nameEn : s.department.nameJa) },
    {
      key: 'contact',
      title: t('businessSystem.contact'),
      width: 240,
      render: (_, s) => (
        <Flex vertical>
          {s.contactName && <span>{s.contactName}</span>}
          {s.contactPhone && <Typography.Text type="secondary">{s.contactPhone}</Typography.Text>}
          {s.contactEmail && <Typography.Link href={`mailto:${s.contactEmail}`}>{s.contactEmail}</Typography.Link>}
        </Flex>
      ),
    },
    {
      key: 'contractor',
      title: t('businessSystem.contractor'),
      width: 220,
      render: (_, s) => (
        <Flex vertical>
          {s.contractor && <span>{s.contractor}</span>}
          {s.contractorContact && <Typography.Text type="secondary">{s.contractorContact}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'incidents',
      title: t('businessSystem.incidents'),
      width: 90,
      render: (_, s) => <Link to={`/incidents?kind=business_system&businessSystemId=${s.id}`}>{s.incidentCount}</Link>,
    },
    {
      key: 'active',
      title: t('businessSystem.active'),
      width: 90,
      render: (_, s) => (s.active ? <Tag color="green">{t('businessSystem.activeYes')}</Tag> : <Tag>{t('businessSystem.activeNo')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, s) =>
        canOn(s, 'delete') && (
          <Popconfirm
            title={t('businessSystem.deleteConfirm', { name: s.name })}
            okText={t('businessSystem.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(s.id).catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="business-system-delete">
              {t('businessSystem.delete')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('businessSystem.title')}
        description={t('businessSystem.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="business-system-create">
              {t('businessSystem.create')}
            </Button>
          )
        }
      />
      {error && <ProblemAlert error={error} />}
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <SearchBox value={params.q} onChange={(value) => setParams({ q: value })} placeholder={t('businessSystem.searchPlaceholder')} width={280} />
        <Select
          allowClear
          placeholder={t('businessSystem.active')}
          style={{ width: 150 }}
          value={params.active}
          options={[
            { value: 'true', label: t('businessSystem.activeYes') },
            { value: 'false', label: t('businessSystem.activeNo') },
          ]}
          onChange={(active?: string) => setParams({ active })}
          aria-label={t('businessSystem.active')}
        />
      </Flex>
      <Table<BusinessSystemDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1240 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        data-testid="business-system-table"
      />
      {editing && <BusinessSystemFormDrawer system={editing.system} onClose={() => setEditing(null)} />}
    </>
  );
}
