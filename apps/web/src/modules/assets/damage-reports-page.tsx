import { PlusOutlined } from '@ant-design/icons';
import { type DamageReportCreateInput, type DamageReportDto, damageKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { PersonSelect } from '../access/person-select.tsx';
import { AssetSelect } from './asset-selects.tsx';
import { damageReportKeys, listDamageReports, useDamageReportMutations } from './findings.api.ts';

const listKeys = ['kind', 'supervisorFlag'] as const;

/** Theft / loss / damage reports (2.1.i) with the notice and follow-up timestamps. */
export function DamageReportsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canCreate = useCan('damage-report.create');
  const { update, confirm } = useDamageReportMutations();
  const [params, setParams] = useListParams(listKeys);
  const [creating, setCreating] = useState(false);
  const query = { kind: params.kind, supervisorFlag: params.supervisorFlag };
  const fail = (err: unknown) => message.error(problemText(err, t('common.unexpectedError')));
  const stamp = (id: string, field: 'userReportReceivedAt' | 'reportedToStaffAt') =>
    update
      .mutateAsync({ id, input: { [field]: new Date().toISOString() } })
      .then(() => message.success(t('damageReport.saved')))
      .catch(fail);

  const columns: TableColumnsType<DamageReportDto> = [
    { key: 'occurredAt', title: t('damageReport.occurredAt'), width: 150, render: (_, r) => formatDateTime(r.occurredAt, locale) },
    { key: 'kind', title: t('damageReport.kind'), width: 90, render: (_, r) => <StatusTag items={damageKinds.items} value={r.kind} /> },
    {
      key: 'asset',
      title: t('damageReport.asset'),
      width: 240,
      render: (_, r) => (
        <Link to={`/assets/${r.asset.id}`}>
          {r.asset.assetNumber} {r.asset.name}
        </Link>
      ),
    },
    { key: 'site', title: t('finding.site'), width: 130, render: (_, r) => localName(r.site, locale) },
    { key: 'person', title: t('damageReport.person'), width: 140, render: (_, r) => r.person?.nameKanji ?? '' },
    { key: 'place', title: t('damageReport.place'), width: 140, ellipsis: true, dataIndex: 'place' },
    { key: 'circumstances', title: t('damageReport.circumstances'), ellipsis: { showTitle: true }, dataIndex: 'circumstances' },
    {
      key: 'userNotifiedAt',
      title: t('damageReport.userNotifiedAt'),
      width: 150,
      render: (_, r) => (r.userNotifiedAt ? formatDateTime(r.userNotifiedAt, locale) : <Tag color="warning">{t('damageReport.notNotified')}</Tag>),
    },
    {
      key: 'userReportReceivedAt',
      title: t('damageReport.userReportReceivedAt'),
      width: 150,
      render: (_, r) =>
        r.userReportReceivedAt
          ? formatDateTime(r.userReportReceivedAt, locale)
          : r.abilities.update && (
              <Button size="small" onClick={() => stamp(r.id, 'userReportReceivedAt')}>
                {t('damageReport.markReceived')}
              </Button>
            ),
    },
    {
      key: 'reportedToStaffAt',
      title: t('damageReport.reportedToStaffAt'),
      width: 160,
      render: (_, r) =>
        r.reportedToStaffAt
          ? formatDateTime(r.reportedToStaffAt, locale)
          : r.abilities.update && (
              <Button size="small" onClick={() => stamp(r.id, 'reportedToStaffAt')}>
                {t('damageReport.markReported')}
              </Button>
            ),
    },
    {
      key: 'supervisorFlag',
      title: t('damageReport.supervisorFlag'),
      width: 160,
      render: (_, r) =>
        r.supervisorFlag && (
          <Space size="small">
            <Tag color="red">{t('damageReport.supervisorFlag')}</Tag>
            {r.abilities.confirm && (
              <Button
                size="small"
                data-testid="damage-confirm"
                onClick={() =>
                  confirm
                    .mutateAsync(r.id)
                    .then(() => message.success(t('damageReport.confirmed')))
                    .catch(fail)
                }
              >
                {t('damageReport.confirm')}
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('damageReport.title')}
        description={t('damageReport.description')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="damage-create" onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          )
        }
      />
      <DataTable<DamageReportDto>
        queryKey={damageReportKeys.list(query)}
        fetchPage={(cursor) => listDamageReports(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        scrollX={1800}
        toolbar={
          <>
            <Select
              allowClear
              placeholder={t('damageReport.kind')}
              style={{ width: 140 }}
              value={params.kind}
              options={choiceOptions(damageKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('damageReport.kind')}
            />
            <Select
              allowClear
              placeholder={t('damageReport.supervisorFlag')}
              style={{ width: 180 }}
              value={params.supervisorFlag}
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
              onChange={(supervisorFlag?: string) => setParams({ supervisorFlag })}
              aria-label={t('damageReport.supervisorFlag')}
            />
          </>
        }
      />
      {creating && <CreateDamageReportDrawer onClose={() => setCreating(false)} />}
    </>
  );
}

type FormValues = Omit<DamageReportCreateInput, 'occurredAt'> & { occurredAt: Dayjs };

function CreateDamageReportDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { create } = useDamageReportMutations();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  return (
    <Drawer
      open
      title={t('damageReport.title')}
      size={560}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} data-testid="damage-save" onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={create.error} form={form} fields={['assetId', 'kind', 'occurredAt', 'place', 'circumstances', 'personId', 'notes']} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'damage' }}
        onFinish={(v) =>
          create.mutateAsync({ ...v, personId: v.personId ?? undefined, occurredAt: v.occurredAt.toISOString() }).then(() => {
            message.success(t('damageReport.created'));
            onClose();
          })
        }
      >
        <Form.Item name="assetId" label={t('damageReport.asset')} rules={[{ required: true, message: t('validation.required') }]}>
          <AssetSelect data-testid="damage-asset" />
        </Form.Item>
        <Form.Item name="kind" label={t('damageReport.kind')} rules={[{ required: true }]}>
          <Select options={choiceOptions(damageKinds.items, locale)} data-testid="damage-kind" />
        </Form.Item>
        {kind && kind !== 'damage' && <Alert type="warning" showIcon title={t('damageReport.lostHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="occurredAt" label={t('damageReport.occurredAt')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={locale === 'ja' ? 'YYYY/MM/DD HH:mm' : 'YYYY-MM-DD HH:mm'} data-testid="damage-occurred" />
        </Form.Item>
        <Form.Item name="place" label={t('damageReport.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="circumstances"
          label={t('damageReport.circumstances')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} data-testid="damage-circumstances" />
        </Form.Item>
        <Form.Item name="personId" label={t('damageReport.person')} extra={t('damageReport.personHint')}>
          <PersonSelect />
        </Form.Item>
        <Form.Item name="notes" label={t('damageReport.notes')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
