import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { roleLabels, roleNames, type SiteScope, type UserDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useSiteLookup } from '../org/org.api.ts';
import { listUsers, userKeys } from './access.api.ts';
import { UserFormDrawer } from './user-form.tsx';

const listKeys = ['q', 'role', 'active'] as const;

type Editing = { user?: UserDto } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canCreate = useCan('user.create');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const { data: sites } = useSiteLookup();

  const query = { q: params.q, role: params.role, active: params.active };

  const scopeText = (scope: SiteScope) => {
    if (scope.kind === 'all') return t('user.scopeAll');
    if (scope.kind === 'own') return t('user.scopeOwn');
    const names = scope.siteIds.map((id) => {
      const s = sites?.find((x) => x.id === id);
      return s ? localName(s, locale) : id.slice(0, 8);
    });
    return `${t('user.scopeSites')}: ${names.join('、')}`;
  };

  const columns: TableColumnsType<UserDto> = [
    {
      key: 'displayName',
      title: t('user.displayName'),
      width: 200,
      render: (_, u) => (
        <div>
          <div>{u.displayName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.email}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'roles',
      title: t('user.roles'),
      width: 220,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'red' : 'blue'}>
              {roleLabels[r]?.[locale] ?? r}
            </Tag>
          ))}
        </Space>
      ),
    },
    { key: 'siteScope', title: t('user.siteScope'), width: 220, render: (_, u) => scopeText(u.siteScope) },
    { key: 'person', title: t('user.person'), width: 160, render: (_, u) => u.personName ?? '' },
    { key: 'site', title: t('user.site'), width: 160, render: (_, u) => localName(u.site, locale) },
    {
      key: 'active',
      title: t('user.activeFilter'),
      width: 120,
      render: (_, u) => (
        <Space size={4} wrap>
          <Tag color={u.active ? 'green' : 'default'}>{u.active ? t('common.active') : t('common.inactive')}</Tag>
          {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
            <Tag color="orange" title={`${t('user.lockedUntil')}: ${formatDateTime(u.lockedUntil, locale)}`}>
              {t('user.locked')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'lastLoginAt',
      title: t('user.lastLoginAt'),
      width: 160,
      render: (_, u) => formatDateTime(u.lastLoginAt, locale),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'right',
      render: (_, u) =>
        canOn(u, 'update') && (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ user: u })}>
            {t('common.edit')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="user-create" onClick={() => setEditing({})}>
              {t('common.create')}
            </Button>
          )
        }
      />
      <DataTable<UserDto>
        queryKey={userKeys.list(query)}
        fetchPage={(cursor) => listUsers(query, cursor)}
        columns={columns}
        rowKey="id"
        scrollX={1340}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} />
            <Select
              allowClear
              placeholder={t('user.roles')}
              style={{ width: 180 }}
              value={params.role}
              options={roleNames.map((r) => ({ value: r, label: roleLabels[r][locale] }))}
              onChange={(role?: string) => setParams({ role })}
              aria-label={t('user.roles')}
            />
            <Select
              allowClear
              placeholder={t('user.activeFilter')}
              style={{ width: 130 }}
              value={params.active}
              options={[
                { value: 'true', label: t('common.active') },
                { value: 'false', label: t('common.inactive') },
              ]}
              onChange={(active?: string) => setParams({ active })}
              aria-label={t('user.activeFilter')}
            />
          </>
        }
      />
      {editing && <UserFormDrawer open user={editing.user} onClose={() => setEditing(null)} />}
    </>
  );
}
