import { CheckOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { type AssetFindingDto, findingKinds, findingStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Flex, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
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
import { SiteSelect } from '../org/org-selects.tsx';
import { findingKeys, listFindings, useCloseFinding, useRunFindings } from './findings.api.ts';

const listKeys = ['kind', 'status', 'siteId', 'assetId'] as const;
type Closing = { finding: AssetFindingDto; action: 'resolve' | 'acknowledge' };

/** Data-quality findings of the hardware ledger (2.1.b, 2.1.e): counts by kind, resolve / acknowledge with a reason. */
export function FindingsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canUpdate = useCan('asset-finding.update');
  const run = useRunFindings();
  const [params, setParams] = useListParams(listKeys);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [closing, setClosing] = useState<Closing | null>(null);
  const query = { kind: params.kind, status: params.status, siteId: params.siteId, assetId: params.assetId };

  const detailText = (f: AssetFindingDto): string => {
    const d = f.detail as Record<string, string | number | string[] | null>;
    switch (f.kind) {
      case 'user_retired':
      case 'user_transferred':
        return t('finding.user', { name: d.name, employeeNumber: d.employeeNumber });
      case 'user_department_mismatch':
        return t('finding.departments', { asset: d.assetDepartment, user: d.userDepartment });
      case 'duplicate_serial':
      case 'duplicate_mac':
        return [
          `${f.key} — ${t('finding.others', { numbers: ((d.assetNumbers as string[]) ?? []).join(', ') })}`,
          Number(d.outsideCount ?? 0) > 0 ? t('finding.othersOutside', { count: Number(d.outsideCount) }) : '',
        ]
          .filter(Boolean)
          .join(' ');
      case 'agent_stale':
        return t('finding.lastInventory', { at: formatDateTime(d.lastInventoryAt as string, locale) });
      default:
        return '';
    }
  };

  const columns: TableColumnsType<AssetFindingDto> = [
    {
      key: 'asset',
      title: t('finding.asset'),
      width: 240,
      render: (_, f) => (
        <Link to={`/assets/${f.asset.id}`}>
          {f.asset.assetNumber} {f.asset.name}
        </Link>
      ),
    },
    { key: 'site', title: t('finding.site'), width: 140, render: (_, f) => localName(f.site, locale) },
    { key: 'kind', title: t('finding.kind'), width: 220, render: (_, f) => <StatusTag items={findingKinds.items} value={f.kind} /> },
    { key: 'detail', title: t('finding.detail'), ellipsis: { showTitle: true }, render: (_, f) => detailText(f) },
    { key: 'status', title: t('finding.status'), width: 130, render: (_, f) => <StatusTag items={findingStatuses.items} value={f.status} /> },
    { key: 'reason', title: t('finding.reason'), width: 200, ellipsis: { showTitle: true }, dataIndex: 'reason' },
    { key: 'lastDetectedAt', title: t('finding.lastDetectedAt'), width: 150, render: (_, f) => formatDateTime(f.lastDetectedAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 220,
      render: (_, f) => (
        <Space size="small">
          {f.abilities.resolve && (
            <Button size="small" icon={<CheckOutlined />} data-testid="finding-resolve" onClick={() => setClosing({ finding: f, action: 'resolve' })}>
              {t('finding.resolve')}
            </Button>
          )}
          {f.abilities.acknowledge && (
            <Button size="small" data-testid="finding-acknowledge" onClick={() => setClosing({ finding: f, action: 'acknowledge' })}>
              {t('finding.acknowledge')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('finding.title')}
        description={t('finding.description')}
        extra={
          canUpdate && (
            <Button
              icon={<PlayCircleOutlined />}
              loading={run.isPending}
              data-testid="findings-run"
              onClick={() =>
                run
                  .mutateAsync()
                  .then((r) => message.success(t('finding.runDone', r)))
                  .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
              }
            >
              {t('finding.runNow')}
            </Button>
          )
        }
      />
      <Flex wrap gap={6} style={{ marginBottom: 12 }} data-testid="finding-counts">
        {findingKinds.items.map((k) => (
          <Tag.CheckableTag
            key={k.value}
            checked={params.kind === k.value}
            onChange={(on) => setParams({ kind: on ? k.value : undefined })}
            data-kind={k.value}
          >
            {k[locale]} <Typography.Text strong>{counts[k.value] ?? 0}</Typography.Text>
          </Tag.CheckableTag>
        ))}
      </Flex>
      <DataTable<AssetFindingDto>
        queryKey={findingKeys.list(query)}
        fetchPage={(cursor) =>
          listFindings(query, cursor).then((page) => {
            setCounts(page.counts);
            return page;
          })
        }
        columns={columns}
        rowKey="id"
        size="small"
        ledger="asset-findings"
        exportTo={{ path: '/asset-findings/export', query, permission: 'asset-finding.read' }}
        toolbar={
          <>
            <Select
              allowClear
              placeholder={t('finding.kind')}
              style={{ width: 240 }}
              value={params.kind}
              options={choiceOptions(findingKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('finding.kind')}
            />
            <Select
              allowClear
              placeholder={t('finding.status')}
              style={{ width: 160 }}
              value={params.status}
              options={choiceOptions(findingStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('finding.status')}
            />
            <SiteSelect
              allowClear
              placeholder={t('finding.site')}
              style={{ width: 200 }}
              value={params.siteId}
              onChange={(siteId?: string | null) => setParams({ siteId: siteId ?? undefined })}
            />
          </>
        }
      />
      {closing && <CloseFindingModal closing={closing} onClose={() => setClosing(null)} />}
    </>
  );
}

function CloseFindingModal({ closing, onClose }: { closing: Closing; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const close = useCloseFinding();
  const [form] = Form.useForm<{ reason: string }>();
  const resolve = closing.action === 'resolve';
  return (
    <Modal
      open
      title={t(resolve ? 'finding.resolveTitle' : 'finding.acknowledgeTitle')}
      okText={t(resolve ? 'finding.resolve' : 'finding.acknowledge')}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t(resolve ? 'finding.resolveHint' : 'finding.acknowledgeHint')}</Typography.Paragraph>
      <ProblemAlert error={close.error} form={form} fields={['reason']} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          close.mutateAsync({ id: closing.finding.id, action: closing.action, reason: v.reason }).then(() => {
            message.success(t('finding.saved'));
            onClose();
          })
        }
      >
        <Form.Item name="reason" label={t('finding.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="finding-reason" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
