import { CopyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AgentTokenCreated, AgentTokenCreateInput, type AgentTokenDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { api } from '../../lib/api.ts';
import { useSchemaField } from '../../lib/form.ts';
import { formatDateTime } from '../../lib/format.ts';

const agentTokenKeys = { all: ['agent-tokens'] as const };

function useAgentTokens() {
  return useQuery({ queryKey: agentTokenKeys.all, queryFn: async () => (await api.get<{ items: AgentTokenDto[] }>('/agent-tokens')).items });
}

function useCreateAgentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentTokenCreateInput) => api.post<AgentTokenCreated>('/agent-tokens', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentTokenKeys.all }),
  });
}

function useRevokeAgentToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/agent-tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentTokenKeys.all }),
  });
}

/** The command an administrator runs (or puts in the agent's config) on a device. */
export function agentCommand(origin: string, token: string, siteCode: string): string {
  const site = siteCode.trim() ? `?site=${encodeURIComponent(siteCode.trim())}` : '';
  return `fusioninventory-agent --server '${origin}/api/v1/inventory/ocs${site}' --user agent --password '${token}'`;
}

function CopyField({ value, testId }: { value: string; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} />
      <Button
        icon={<CopyOutlined />}
        onClick={() =>
          void navigator.clipboard
            .writeText(value)
            .then(() => message.success(t('common.copied')))
            .catch(() => message.error(t('common.unexpectedError')))
        }
      >
        {t('common.copy')}
      </Button>
    </Space.Compact>
  );
}

export function AgentTokensPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data, error, isPending } = useAgentTokens();
  const revoke = useRevokeAgentToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AgentTokenCreated | null>(null);
  const [siteCode, setSiteCode] = useState('');

  const columns: TableColumnsType<AgentTokenDto> = [
    { key: 'name', title: t('agentToken.name'), dataIndex: 'name', width: 220 },
    { key: 'prefix', title: t('agentToken.prefix'), width: 170, render: (_, tok) => <Typography.Text code>{tok.prefix}</Typography.Text> },
    {
      key: 'status',
      title: t('agentToken.status'),
      width: 100,
      render: (_, tok) => (tok.revokedAt ? <Tag>{t('agentToken.statusRevoked')}</Tag> : <Tag color="green">{t('agentToken.statusActive')}</Tag>),
    },
    { key: 'lastUsedAt', title: t('agentToken.lastUsedAt'), width: 160, render: (_, tok) => formatDateTime(tok.lastUsedAt, locale) },
    { key: 'createdBy', title: t('agentToken.createdBy'), dataIndex: 'createdBy', width: 200 },
    { key: 'createdAt', title: t('common.createdAt'), width: 160, render: (_, tok) => formatDateTime(tok.createdAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_, tok) =>
        !tok.revokedAt && (
          <Popconfirm
            title={t('agentToken.revokeConfirm', { name: tok.name })}
            okText={t('agentToken.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke
                .mutateAsync(tok.id)
                .then(() => message.success(t('agentToken.revoked')))
                .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
            }
          >
            <Button size="small" type="link" danger icon={<StopOutlined />} data-testid={`agent-token-revoke-${tok.name}`}>
              {t('agentToken.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('agentToken.title')}
        description={t('agentToken.hint')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} data-testid="agent-token-create" onClick={() => setCreating(true)}>
            {t('agentToken.create')}
          </Button>
        }
      />
      {error && <ProblemAlert error={error} />}
      <Table<AgentTokenDto> rowKey="id" columns={columns} dataSource={data ?? []} loading={isPending} pagination={false} scroll={{ x: 1120 }} />
      {creating && (
        <CreateAgentTokenModal
          onClose={() => setCreating(false)}
          onCreated={(tok) => {
            setCreating(false);
            setSiteCode('');
            setCreated(tok);
          }}
        />
      )}
      <Modal
        open={!!created}
        title={t('agentToken.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={<Button onClick={() => setCreated(null)}>{t('common.close')}</Button>}
        mask={{ closable: false }}
        width={720}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('agentToken.onceWarning')} style={{ marginBottom: 16 }} />
        <Form layout="vertical">
          <Form.Item label={t('agentToken.token')}>
            <CopyField value={created?.token ?? ''} testId="agent-token-value" />
          </Form.Item>
          <Form.Item label={t('agentToken.siteCode')}>
            <Input value={siteCode} onChange={(e) => setSiteCode(e.target.value)} maxLength={40} style={{ maxWidth: 200 }} data-testid="agent-token-site" />
          </Form.Item>
          <Form.Item label={t('agentToken.command')}>
            <CopyField value={agentCommand(window.location.origin, created?.token ?? '', siteCode)} testId="agent-token-command" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CreateAgentTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (tok: AgentTokenCreated) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AgentTokenCreateInput>();
  const schemaField = useSchemaField();
  const create = useCreateAgentToken();

  return (
    <Modal
      open
      title={t('agentToken.create')}
      okText={t('agentToken.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={['name']} />
      <Form<AgentTokenCreateInput> form={form} layout="vertical" onFinish={(v) => create.mutate(v, { onSuccess: onCreated })} disabled={create.isPending}>
        <Form.Item name="name" label={t('agentToken.name')} {...schemaField(AgentTokenCreateInput.shape.name)}>
          <Input maxLength={100} autoComplete="off" data-testid="agent-token-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
