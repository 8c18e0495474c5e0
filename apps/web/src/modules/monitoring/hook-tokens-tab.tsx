import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type HookTokenCreated, HookTokenCreateInput, type HookTokenDto, monitoringSources } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceLabel, choiceOptions, formatDateTime } from '../../lib/format.ts';
import { createHookToken, listHookTokens, monitoringKeys, revokeHookToken, useMonitoringMutation } from './monitoring.api.ts';

/** Bearer tokens of the monitoring tools (administrators only); the secret is shown once. */
export function HookTokensTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data, error, isPending } = useQuery({ queryKey: monitoringKeys.hookTokens, queryFn: listHookTokens });
  const revoke = useMonitoringMutation((id: string) => revokeHookToken(id));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<HookTokenCreated | null>(null);

  const columns: TableColumnsType<HookTokenDto> = [
    { key: 'name', title: t('monitoring.name'), dataIndex: 'name', width: 200 },
    { key: 'prefix', title: t('monitoring.token'), width: 170, render: (_, tok) => <Typography.Text code>{tok.prefix}</Typography.Text> },
    {
      key: 'sources',
      title: t('monitoring.tokenSources'),
      width: 220,
      render: (_, tok) => tok.sources.map((s) => <Tag key={s}>{choiceLabel(monitoringSources.items, s, locale)}</Tag>),
    },
    {
      key: 'status',
      title: t('monitoring.tokenStatus'),
      width: 90,
      render: (_, tok) => (tok.revokedAt ? <Tag>{t('monitoring.tokenRevoked')}</Tag> : <Tag color="green">{t('monitoring.tokenActive')}</Tag>),
    },
    { key: 'lastUsedAt', title: t('monitoring.tokenLastUsed'), width: 150, render: (_, tok) => formatDateTime(tok.lastUsedAt, locale) },
    { key: 'createdAt', title: t('common.createdAt'), width: 150, render: (_, tok) => formatDateTime(tok.createdAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_, tok) =>
        !tok.revokedAt && (
          <Popconfirm
            title={t('monitoring.revokeConfirm', { name: tok.name })}
            okText={t('monitoring.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke
                .mutateAsync(tok.id)
                .then(() => message.success(t('monitoring.revokedDone')))
                .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
            }
          >
            <Button size="small" type="link" danger icon={<StopOutlined />}>
              {t('monitoring.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="hook-token-create">
          {t('monitoring.createToken')}
        </Button>
        <Typography.Text type="secondary">{t('monitoring.tokenHint')}</Typography.Text>
      </Space>
      {error && <ProblemAlert error={error} />}
      <Table<HookTokenDto> rowKey="id" size="small" columns={columns} dataSource={data ?? []} loading={isPending} pagination={false} scroll={{ x: 1080 }} />
      {creating && (
        <CreateModal
          onClose={() => setCreating(false)}
          onCreated={(tok) => {
            setCreating(false);
            setCreated(tok);
          }}
        />
      )}
      <Modal
        open={!!created}
        title={t('monitoring.tokenCreatedTitle')}
        onCancel={() => setCreated(null)}
        footer={<Button onClick={() => setCreated(null)}>{t('common.close')}</Button>}
        mask={{ closable: false }}
        width={640}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('monitoring.tokenOnce')} style={{ marginBottom: 16 }} />
        <Input readOnly value={created?.token ?? ''} data-testid="hook-token-value" onFocus={(e) => e.target.select()} />
      </Modal>
    </>
  );
}

function CreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (tok: HookTokenCreated) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<HookTokenCreateInput>();
  const schemaField = useSchemaField();
  const create = useMonitoringMutation((input: HookTokenCreateInput) => createHookToken(input));
  return (
    <Modal
      open
      title={t('monitoring.createToken')}
      okText={t('monitoring.createToken')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={['name', 'sources']} />
      <Form<HookTokenCreateInput>
        form={form}
        layout="vertical"
        initialValues={{ sources: ['alertmanager'] }}
        onFinish={(v) => create.mutate(v, { onSuccess: onCreated })}
        disabled={create.isPending}
      >
        <Form.Item name="name" label={t('monitoring.name')} {...schemaField(HookTokenCreateInput.shape.name)}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="sources" label={t('monitoring.tokenSources')} rules={[{ required: true }]}>
          <Select mode="multiple" options={choiceOptions(monitoringSources.items, locale)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
