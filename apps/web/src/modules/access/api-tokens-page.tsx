import { CopyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { ApiTokenCreateInput, type ApiTokenDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { datePickerFormat, formatDateTime } from '../../lib/format.ts';
import { type ApiTokenCreatedDto, useApiTokens, useCreateApiToken, useRevokeApiToken } from './access.api.ts';

type CreateValues = { name: string; expiresAt?: Dayjs | null };

function tokenState(tok: ApiTokenDto): 'active' | 'revoked' | 'expired' {
  if (tok.revokedAt) return 'revoked';
  if (tok.expiresAt && new Date(tok.expiresAt) <= new Date()) return 'expired';
  return 'active';
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { data, error, isPending } = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreatedDto | null>(null);

  const stateTag = {
    active: <Tag color="green">{t('apiToken.statusActive')}</Tag>,
    revoked: <Tag>{t('apiToken.statusRevoked')}</Tag>,
    expired: <Tag color="orange">{t('apiToken.statusExpired')}</Tag>,
  };

  const columns: TableColumnsType<ApiTokenDto> = [
    { key: 'name', title: t('apiToken.name'), dataIndex: 'name', width: 220 },
    {
      key: 'prefix',
      title: t('apiToken.prefix'),
      width: 160,
      render: (_, tok) => <Typography.Text code>{tok.prefix}…</Typography.Text>,
    },
    { key: 'state', title: t('apiToken.status'), width: 100, render: (_, tok) => stateTag[tokenState(tok)] },
    {
      key: 'expiresAt',
      title: t('apiToken.expiresAt'),
      width: 160,
      render: (_, tok) => (tok.expiresAt ? formatDateTime(tok.expiresAt, locale) : t('apiToken.noExpiry')),
    },
    { key: 'lastUsedAt', title: t('apiToken.lastUsedAt'), width: 160, render: (_, tok) => formatDateTime(tok.lastUsedAt, locale) },
    { key: 'createdAt', title: t('common.createdAt'), width: 160, render: (_, tok) => formatDateTime(tok.createdAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_, tok) =>
        !tok.revokedAt && (
          <Popconfirm
            title={t('apiToken.revokeConfirm', { name: tok.name })}
            okText={t('apiToken.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke
                .mutateAsync(tok.id)
                .then(() => message.success(t('apiToken.revoked')))
                .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
            }
          >
            <Button size="small" type="link" danger icon={<StopOutlined />}>
              {t('apiToken.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('apiToken.title')}
        description={t('apiToken.hint')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} data-testid="api-token-create" onClick={() => setCreating(true)}>
            {t('apiToken.create')}
          </Button>
        }
      />
      {error && <ProblemAlert error={error} />}
      <Table<ApiTokenDto> rowKey="id" columns={columns} dataSource={data ?? []} loading={isPending} pagination={false} scroll={{ x: 1070 }} />
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(tok) => {
            setCreating(false);
            setCreated(tok);
          }}
        />
      )}
      <Modal
        open={!!created}
        title={t('apiToken.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={<Button onClick={() => setCreated(null)}>{t('common.close')}</Button>}
        mask={{ closable: false }}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('apiToken.onceWarning')} style={{ marginBottom: 16 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={created?.token ?? ''} data-testid="api-token-value" onFocus={(e) => e.target.select()} />
          <Button
            icon={<CopyOutlined />}
            onClick={() =>
              void navigator.clipboard
                .writeText(created?.token ?? '')
                .then(() => message.success(t('common.copied')))
                .catch(() => message.error(t('common.unexpectedError')))
            }
          >
            {t('common.copy')}
          </Button>
        </Space.Compact>
      </Modal>
    </>
  );
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (tok: ApiTokenCreatedDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<CreateValues>();
  const schemaField = useSchemaField();
  const create = useCreateApiToken();

  const onFinish = ({ name, expiresAt }: CreateValues) =>
    create.mutate(
      // The token stays valid through the whole chosen day, in the user's time zone.
      { name, expiresAt: expiresAt ? expiresAt.endOf('day').toISOString() : null },
      { onSuccess: onCreated },
    );

  return (
    <Modal
      open
      title={t('apiToken.create')}
      okText={t('apiToken.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={['name', 'expiresAt']} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
        <Form.Item name="name" label={t('apiToken.name')} {...schemaField(ApiTokenCreateInput.shape.name)}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('apiToken.expiresAt')}>
          <DatePicker
            format={datePickerFormat(locale)}
            placeholder={t('apiToken.noExpiry')}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
