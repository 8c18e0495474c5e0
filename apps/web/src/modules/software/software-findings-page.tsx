import { CheckOutlined, DeleteOutlined, SafetyOutlined } from '@ant-design/icons';
import {
  type SoftwareFindingDto,
  type SoftwareFindingStatus,
  SoftwareFindingUpdateInput,
  softwareFindingReasons,
  softwareFindingStatuses,
} from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Form, Input, Modal, Select, Space, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { cleanFormValues, useSchemaParse } from '../../lib/form.ts';
import { choiceOptions, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { FindingReportButton } from './finding-report-form.tsx';
import { listSoftwareFindings, softwareKeys, updateSoftwareFinding, useSoftwareMutation } from './software.api.ts';
import { ListRulesTab } from './software-list-rules.tsx';

const listKeys = ['tab', 'q', 'status'] as const;

type Resolution = Exclude<SoftwareFindingStatus, 'open'>;
type Resolving = { finding: SoftwareFindingDto; status: Resolution };

/** The three ways a finding is handled, in the order an operator meets them. */
const resolutions: { status: Resolution; icon: ReactNode }[] = [
  { status: 'confirmed', icon: <CheckOutlined /> },
  { status: 'removed', icon: <DeleteOutlined /> },
  { status: 'exception', icon: <SafetyOutlined /> },
];
const actionLabel: Record<Resolution, 'swFinding.actionConfirmed' | 'swFinding.actionRemoved' | 'swFinding.actionException'> = {
  confirmed: 'swFinding.actionConfirmed',
  removed: 'swFinding.actionRemoved',
  exception: 'swFinding.actionException',
};

function FindingsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const [resolving, setResolving] = useState<Resolving | null>(null);
  const query = { q: params.q, status: params.status };

  const columns: TableColumnsType<SoftwareFindingDto> = [
    {
      key: 'device',
      title: t('swFinding.device'),
      width: 220,
      ellipsis: true,
      render: (_, f) => (
        <Link to={`/assets/${f.asset.id}`} data-testid="finding-device">
          {f.asset.assetNumber} {f.asset.name}
        </Link>
      ),
    },
    { key: 'name', title: t('swFinding.name'), dataIndex: 'name', width: 240, ellipsis: true },
    {
      key: 'status',
      title: t('swFinding.status'),
      width: 200,
      render: (_, f) => (
        <span data-testid="finding-status" data-status={f.status}>
          <StatusTag items={softwareFindingStatuses.items} value={f.status} />
        </span>
      ),
    },
    { key: 'reason', title: t('swFinding.reason'), width: 170, render: (_, f) => <StatusTag items={softwareFindingReasons.items} value={f.reason} /> },
    { key: 'publisher', title: t('swFinding.publisher'), dataIndex: 'publisher', width: 160, ellipsis: true },
    { key: 'version', title: t('swFinding.version'), dataIndex: 'version', width: 110, ellipsis: true },
    { key: 'note', title: t('swFinding.note'), dataIndex: 'note', width: 200, ellipsis: { showTitle: true } },
    {
      key: 'ticket',
      title: t('swFinding.ticket'),
      width: 100,
      render: (_, f) => (f.ticketId ? <Link to={`/tickets/${f.ticketId}`}>{t('swFinding.ticket')}</Link> : null),
    },
    { key: 'firstFoundAt', title: t('swFinding.firstFoundAt'), width: 150, render: (_, f) => formatDateTime(f.firstFoundAt, locale) },
    { key: 'lastFoundAt', title: t('swFinding.lastFoundAt'), width: 150, render: (_, f) => formatDateTime(f.lastFoundAt, locale) },
    {
      key: 'notifiedAt',
      title: t('swFinding.notifiedAt'),
      width: 150,
      render: (_, f) =>
        f.notifiedAt ? formatDateTime(f.notifiedAt, locale) : <Typography.Text type="secondary">{t('swFinding.notNotified')}</Typography.Text>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 300,
      fixed: 'right',
      render: (_, f) =>
        canOn(f, 'update') && (
          <Space size={4}>
            {resolutions
              // A confirmed finding waits for removal; confirming it again records nothing.
              .filter((r) => r.status !== f.status)
              .map((r) => (
                <Button
                  key={r.status}
                  size="small"
                  icon={r.icon}
                  onClick={() => setResolving({ finding: f, status: r.status })}
                  data-testid={`finding-${r.status}`}
                >
                  {t(actionLabel[r.status])}
                </Button>
              ))}
          </Space>
        ),
    },
  ];

  return (
    <>
      <DataTable<SoftwareFindingDto>
        queryKey={softwareKeys.list('findings', query)}
        fetchPage={(cursor) => listSoftwareFindings(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        ledger="software-findings"
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swFinding.searchPlaceholder')} width={300} />
            <Select
              allowClear
              placeholder={t('swFinding.status')}
              style={{ width: 220 }}
              value={params.status}
              options={choiceOptions(softwareFindingStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('swFinding.status')}
              data-testid="finding-status-filter"
            />
          </>
        }
      />
      {resolving && <ResolveModal resolving={resolving} onClose={() => setResolving(null)} />}
    </>
  );
}

const titles = { confirmed: 'swFinding.confirmedTitle', removed: 'swFinding.removedTitle', exception: 'swFinding.exceptionTitle' } as const;
const hints = { confirmed: 'swFinding.confirmedHint', removed: 'swFinding.removedHint', exception: 'swFinding.exceptionHint' } as const;

/** Records how a finding was handled, with a note; an exception needs one (the schema says so, the server too). */
function ResolveModal({ resolving, onClose }: { resolving: Resolving; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const parse = useSchemaParse();
  const [form] = Form.useForm<{ note?: string }>();
  const { finding, status } = resolving;
  const save = useSoftwareMutation((input: SoftwareFindingUpdateInput) => updateSoftwareFinding(finding, input));

  const onFinish = (values: { note?: string }) => {
    const r = parse(SoftwareFindingUpdateInput, cleanFormValues({ status, note: values.note }, SoftwareFindingUpdateInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        message.success(t('swFinding.saved'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t(titles[status])}
      okText={t(actionLabel[status])}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'finding-resolve-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {finding.asset.assetNumber}: {finding.name}
        {finding.version ? ` ${finding.version}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t(hints[status])}</Typography.Paragraph>
      <ProblemAlert error={save.error} form={form} fields={['note']} />
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending}>
        <Form.Item
          name="note"
          label={t('swFinding.note')}
          required={status === 'exception'}
          rules={status === 'exception' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="finding-note" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 未許可ソフトウェア: findings of denied or unpermitted software on devices and the lists that decide them (2.2.p, q). */
export function SoftwareFindingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useListParams(listKeys);
  return (
    <>
      <PageHeader title={t('swFinding.title')} description={t('swFinding.description')} extra={<FindingReportButton />} />
      <Tabs
        activeKey={params.tab ?? 'findings'}
        onChange={(tab) => setParams({ tab: tab === 'findings' ? undefined : tab, q: undefined, status: undefined })}
        destroyOnHidden
        items={[
          { key: 'findings', label: t('swFinding.tabFindings'), children: <FindingsTab /> },
          { key: 'lists', label: t('swFinding.tabLists'), children: <ListRulesTab /> },
        ]}
      />
    </>
  );
}
