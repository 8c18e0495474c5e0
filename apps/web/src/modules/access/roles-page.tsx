import { CheckOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { type RoleListDto, useRoles } from './access.api.ts';

type PermissionRow = RoleListDto['permissions'][number];

/** Read-only matrix: permissions as rows, roles as columns (roles are fixed in code, decision 0004). */
export function RolesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error, isPending } = useRoles();
  const roles = data?.items ?? [];

  const columns: TableColumnsType<PermissionRow> = [
    {
      key: 'permission',
      title: t('role.permission'),
      fixed: 'left',
      width: 260,
      render: (_, p) => (
        <div>
          <div>{p[locale]}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {p.name}
          </Typography.Text>
        </div>
      ),
    },
    ...roles.map((r) => ({
      key: r.name,
      title: locale === 'en' ? r.labelEn : r.labelJa,
      width: 130,
      align: 'center' as const,
      render: (_: unknown, p: PermissionRow) =>
        r.permissions.includes(p.name) ? (
          <CheckOutlined style={{ color: '#389e0d' }} aria-label="✓" />
        ) : (
          <span aria-hidden style={{ color: '#d9d9d9' }}>
            –
          </span>
        ),
    })),
  ];

  return (
    <>
      <PageHeader title={t('role.title')} description={t('role.hint')} />
      {error && <ProblemAlert error={error} />}
      <Table<PermissionRow>
        rowKey="name"
        columns={columns}
        dataSource={data?.permissions ?? []}
        loading={isPending}
        pagination={false}
        size="small"
        bordered
        scroll={{ x: 260 + roles.length * 130 }}
      />
    </>
  );
}
