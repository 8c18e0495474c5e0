import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type NoticeDto, type NoticeInput, noticeBroadcastStatuses, noticeSeverities, noticeStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, Popconfirm, Progress, Row, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { broadcastNotice, createNotice, listNotices, noticeKeys, updateNotice } from './knowledge.api.ts';

const sending = (n: NoticeDto) => n.broadcast.status === 'queued' || n.broadcast.status === 'sending';

/** Notices admin (3.1.1.f, 5.1.d): bilingual text, target sites, publish window, one-time mail broadcast. */
export function NoticesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('notice.manage');
  const [status, setStatus] = useState<string | undefined>();
  const [editing, setEditing] = useState<NoticeDto | 'new' | null>(null);
  const params = { status };
  const { data, isPending, error } = useQuery({
    queryKey: noticeKeys.list(params),
    queryFn: () => listNotices(params),
    // Follow a broadcast's progress while its batches go out.
    refetchInterval: (q) => (q.state.data?.items.some(sending) ? 2000 : false),
  });
  const broadcast = useMutation({
    mutationFn: (id: string) => broadcastNotice(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: noticeKeys.all });
      message.success(t('notice.broadcastStarted'));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  const columns: TableColumnsType<NoticeDto> = [
    {
      key: 'title',
      title: t('notice.noticeTitle'),
      render: (_, n) => (
        <>
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setEditing(n)}>
            {(locale === 'en' && n.en ? n.en : n.ja)?.title}
          </Button>
          {n.current && (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              {t('notice.current')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'severity', title: t('notice.severity'), width: 120, render: (_, n) => <StatusTag items={noticeSeverities.items} value={n.severity} /> },
    { key: 'status', title: t('notice.status'), width: 100, render: (_, n) => <StatusTag items={noticeStatuses.items} value={n.status} /> },
    {
      key: 'targets',
      title: t('notice.targets'),
      ellipsis: true,
      render: (_, n) => (n.targetAll ? t('notice.targetAll') : n.sites.map((s) => localName(s, locale)).join('、')),
    },
    {
      key: 'window',
      title: t('notice.publishWindow'),
      width: 250,
      render: (_, n) => `${formatDateTime(n.publishFrom, locale)} – ${n.publishUntil ? formatDateTime(n.publishUntil, locale) : t('notice.noEnd')}`,
    },
    {
      key: 'broadcast',
      title: t('notice.broadcast'),
      width: 230,
      render: (_, n) =>
        n.broadcast.status === 'none' ? (
          canOn(n, 'broadcast') ? (
            <Popconfirm title={t('notice.broadcastConfirm')} onConfirm={() => broadcast.mutate(n.id)}>
              <Button size="small" icon={<SendOutlined />} loading={broadcast.isPending && broadcast.variables === n.id} data-testid="notice-broadcast">
                {t('notice.broadcast')}
              </Button>
            </Popconfirm>
          ) : (
            <StatusTag items={noticeBroadcastStatuses.items} value="none" />
          )
        ) : (
          <div data-testid="notice-broadcast-progress">
            <StatusTag items={noticeBroadcastStatuses.items} value={n.broadcast.status} />
            <Progress
              size="small"
              percent={n.broadcast.total ? Math.round((100 * n.broadcast.sent) / n.broadcast.total) : 100}
              status={sending(n) ? 'active' : 'success'}
              format={() => t('notice.broadcastProgress', { sent: n.broadcast.sent, total: n.broadcast.total })}
            />
          </div>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notice.title')}
        description={t('notice.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="notice-create">
              {t('notice.newNotice')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('notice.status')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={choiceOptions(noticeStatuses.items, locale)}
        />
      </Space>
      <ProblemAlert error={error} />
      <Table<NoticeDto> rowKey="id" loading={isPending} columns={columns} dataSource={data?.items ?? []} pagination={false} data-testid="notices-table" />
      {editing && <NoticeDrawer notice={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

type Values = {
  jaTitle?: string;
  jaBody?: string;
  enTitle?: string;
  enBody?: string;
  severity: NoticeInput['severity'];
  status: NoticeInput['status'];
  targetAll: boolean;
  siteIds: string[];
  publishFrom: Dayjs;
  publishUntil?: Dayjs | null;
};
const fields = ['jaTitle', 'jaBody', 'enTitle', 'enBody', 'severity', 'status', 'targetAll', 'siteIds', 'publishFrom', 'publishUntil'];
const aliases = { 'ja.title': 'jaTitle', 'ja.body': 'jaBody', 'en.title': 'enTitle', 'en.body': 'enBody' };

function NoticeDrawer({ notice, onClose }: { notice: NoticeDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const targetAll = Form.useWatch('targetAll', form);
  const readOnly = notice !== null && !canOn(notice, 'update');
  const save = useMutation({
    mutationFn: (v: Values) => {
      const input: NoticeInput = {
        ja: { title: v.jaTitle ?? null, body: v.jaBody ?? null },
        en: { title: v.enTitle ?? null, body: v.enBody ?? null },
        severity: v.severity,
        status: v.status,
        targetAll: v.targetAll,
        siteIds: v.targetAll ? [] : (v.siteIds ?? []),
        publishFrom: v.publishFrom.toISOString(),
        publishUntil: v.publishUntil ? v.publishUntil.toISOString() : null,
      };
      return notice ? updateNotice(notice.id, input, notice.version) : createNotice(input);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: noticeKeys.all });
      message.success(t('common.saved'));
      onClose();
    },
  });
  const initial: Values = {
    jaTitle: notice?.ja?.title,
    jaBody: notice?.ja?.body,
    enTitle: notice?.en?.title,
    enBody: notice?.en?.body,
    severity: notice?.severity ?? 'info',
    status: notice?.status ?? 'draft',
    targetAll: notice?.targetAll ?? false,
    siteIds: notice?.sites.map((s) => s.id) ?? [],
    publishFrom: notice ? dayjs(notice.publishFrom) : dayjs().startOf('minute'),
    publishUntil: notice?.publishUntil ? dayjs(notice.publishUntil) : null,
  };
  return (
    <Drawer
      open
      size={720}
      title={notice ? t('common.edit') : t('notice.newNotice')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="notice-save">
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      <ProblemAlert error={save.error} form={form} fields={fields} fieldAliases={aliases} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} disabled={readOnly} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="jaTitle" label={`${t('notice.noticeTitle')}（${t('kb.ja')}）`} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="notice-title-ja" />
        </Form.Item>
        <Form.Item name="jaBody" label={`${t('notice.body')}（${t('kb.ja')}）`} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={5} maxLength={50_000} data-testid="notice-body-ja" />
        </Form.Item>
        <Form.Item name="enTitle" label={`${t('notice.noticeTitle')} (${t('kb.en')})`} extra={t('notice.enRequiredHint')}>
          <Input maxLength={200} data-testid="notice-title-en" />
        </Form.Item>
        <Form.Item name="enBody" label={`${t('notice.body')} (${t('kb.en')})`}>
          <Input.TextArea rows={5} maxLength={50_000} data-testid="notice-body-en" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="severity" label={t('notice.severity')}>
              <Select options={choiceOptions(noticeSeverities.items, locale)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t('notice.status')}>
              <Select options={choiceOptions(noticeStatuses.items, locale)} data-testid="notice-status" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="targetAll" valuePropName="checked">
          <Checkbox data-testid="notice-target-all">{t('notice.targetAll')}</Checkbox>
        </Form.Item>
        {!targetAll && (
          <Form.Item name="siteIds" label={t('notice.targets')}>
            <SiteSelect mode="multiple" data-testid="notice-sites" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="publishFrom" label={t('notice.publishFrom')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="publishUntil" label={t('notice.publishUntil')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} placeholder={t('notice.noEnd')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
