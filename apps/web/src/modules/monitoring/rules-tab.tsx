import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type MonitoringRuleDto, monitoringRuleActions, monitoringSeverities, monitoringSources, monitoringTargetKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceLabel } from '../../lib/format.ts';
import { deleteRule, listRules, monitoringKeys, useMonitoringMutation } from './monitoring.api.ts';
import { RuleFormDrawer } from './rule-form.tsx';

/** Rules in evaluation order: the first enabled match decides record vs incident. */
export function RulesTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('monitoring.manage');
  const { data, error, isPending } = useQuery({ queryKey: monitoringKeys.rules, queryFn: listRules });
  const remove = useMonitoringMutation((id: string) => deleteRule(id));
  const [editing, setEditing] = useState<{ rule?: MonitoringRuleDto } | null>(null);
  const any = t('monitoring.any');

  const columns: TableColumnsType<MonitoringRuleDto> = [
    { key: 'position', title: t('monitoring.position'), dataIndex: 'position', width: 70, align: 'right' },
    {
      key: 'name',
      title: t('monitoring.ruleName'),
      width: 220,
      render: (_, r) => (
        <Typography.Text type={r.enabled ? undefined : 'secondary'} delete={!r.enabled}>
          {r.name}
        </Typography.Text>
      ),
    },
    { key: 'source', title: t('monitoring.source'), width: 130, render: (_, r) => (r.source ? choiceLabel(monitoringSources.items, r.source, locale) : any) },
    {
      key: 'minSeverity',
      title: t('monitoring.minSeverity'),
      width: 130,
      render: (_, r) => (r.minSeverity ? <StatusTag items={monitoringSeverities.items} value={r.minSeverity} /> : any),
    },
    {
      key: 'targetKind',
      title: t('monitoring.targetKind'),
      width: 150,
      render: (_, r) => r.target?.name ?? (r.targetKind ? choiceLabel(monitoringTargetKinds.items, r.targetKind, locale) : any),
    },
    {
      key: 'labelMatchers',
      title: t('monitoring.labelMatchers'),
      width: 220,
      render: (_, r) => (
        <Space size={2} wrap>
          {Object.entries(r.labelMatchers).map(([k, v]) => (
            <Typography.Text code key={k}>{`${k}=${v}`}</Typography.Text>
          ))}
        </Space>
      ),
    },
    { key: 'action', title: t('monitoring.action'), width: 130, render: (_, r) => <StatusTag items={monitoringRuleActions.items} value={r.action} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 180,
      render: (_, r) => (
        <Space size={4}>
          {canOn(r, 'update') && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ rule: r })}>
              {t('common.edit')}
            </Button>
          )}
          {canOn(r, 'delete') && (
            <Popconfirm
              title={t('monitoring.deleteRuleConfirm', { name: r.name })}
              okText={t('monitoring.deleteRule')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(r.id).catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))}
            >
              <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                {t('monitoring.deleteRule')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon title={t('monitoring.rulesHint')} style={{ marginBottom: 12 }} />
      {error && <ProblemAlert error={error} />}
      {canManage && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} data-testid="monitoring-rule-create" onClick={() => setEditing({})}>
          {t('common.create')}
        </Button>
      )}
      <Table<MonitoringRuleDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1200 }}
      />
      {editing && <RuleFormDrawer rule={editing.rule} onClose={() => setEditing(null)} />}
    </>
  );
}
