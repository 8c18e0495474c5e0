import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GuidanceLogCreateInput, GuidanceLogDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { useSiteLookup } from '../org/org.api.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { createGuidanceLog, deleteGuidanceLog, guidanceKeys, guidanceMonthlyUrl, listGuidanceLogs, updateGuidanceLog } from './surveys.api.ts';
import { formatAtSite, isoToSiteWall, siteWallToIso } from './zoned.ts';

/** The technical-guidance log (1.3.c): a month at a time, as it is reported at the regular meeting. */
export function GuidanceLogsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('guidance-log.manage');
  const [month, setMonth] = useState<Dayjs | null>(dayjs());
  const [siteId, setSiteId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [editing, setEditing] = useState<GuidanceLogDto | 'new' | null>(null);
  const params = { month: month?.format('YYYY-MM'), siteId, q };
  const { data, isPending } = useQuery({ queryKey: guidanceKeys.list(params), queryFn: () => listGuidanceLogs(params) });
  const remove = useMutation({
    mutationFn: (g: GuidanceLogDto) => deleteGuidanceLog(g.id, g.version),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: guidanceKeys.all });
      message.success(t('common.deleted'));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  const columns: TableColumnsType<GuidanceLogDto> = [
    {
      key: 'heldAt',
      title: t('guidance.heldAt'),
      width: 170,
      render: (_, g) => `${formatAtSite(g.heldAt, g.timeZone, locale)}${g.endsAt ? `–${formatAtSite(g.endsAt, g.timeZone, locale).slice(11)}` : ''}`,
    },
    { key: 'site', title: t('guidance.site'), width: 140, render: (_, g) => localName(g.site, locale) },
    { key: 'place', title: t('guidance.place'), width: 150, render: (_, g) => g.place },
    { key: 'audience', title: t('guidance.audience'), width: 160, render: (_, g) => g.audience },
    { key: 'count', title: t('guidance.attendeeCount'), width: 70, align: 'right', render: (_, g) => g.attendeeCount ?? '' },
    {
      key: 'content',
      title: t('guidance.content'),
      render: (_, g) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: g.content }} style={{ margin: 0 }}>
          {g.content}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'agreed',
      title: t('guidance.preApproval'),
      width: 150,
      render: (_, g) =>
        g.staffAgreedBy ? (
          <Tag color="green">{`${t('guidance.agreed')} ${formatDate(g.staffAgreedOn, locale)}`}</Tag>
        ) : (
          <Tag color="orange">{t('guidance.notAgreed')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'right',
      render: (_, g) => (
        <Space size={4}>
          {canOn(g, 'update') && <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(g)} />}
          {canOn(g, 'delete') && (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
              onClick={() => modal.confirm({ title: t('guidance.confirmDelete'), okButtonProps: { danger: true }, onOk: () => remove.mutateAsync(g) })}
            />
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('guidance.title')}
        description={t('guidance.description')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              disabled={!month}
              href={month ? guidanceMonthlyUrl(month.format('YYYY-MM'), siteId) : undefined}
              data-testid="guidance-monthly"
            >
              {t('guidance.monthly')}
            </Button>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="guidance-create">
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={setMonth} aria-label={t('guidance.month')} format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'} />
        <SiteSelect allowClear style={{ width: 220 }} value={siteId} onChange={(v) => setSiteId(v as string | undefined)} />
        <SearchBox value={q} onChange={setQ} />
      </Space>
      <Table<GuidanceLogDto> rowKey="id" loading={isPending} columns={columns} dataSource={data?.items ?? []} pagination={false} scroll={{ x: 1100 }} />
      {editing && <GuidanceDrawer log={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

type FormValues = Omit<GuidanceLogCreateInput, 'heldAt' | 'endsAt' | 'staffAgreedOn'> & { heldAt: Dayjs; endsAt?: Dayjs | null; staffAgreedOn?: Dayjs | null };

function GuidanceDrawer({ log, onClose }: { log: GuidanceLogDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const { data: sites } = useSiteLookup();
  const siteId = Form.useWatch('siteId', form);
  const zoneOf = (id: string | undefined) => sites?.find((s) => s.id === id)?.timeZone ?? log?.timeZone ?? 'Asia/Tokyo';
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const zone = zoneOf(v.siteId);
      const input = {
        ...v,
        heldAt: siteWallToIso(v.heldAt, zone),
        endsAt: v.endsAt ? siteWallToIso(v.endsAt, zone) : null,
        staffAgreedOn: v.staffAgreedOn ? v.staffAgreedOn.format('YYYY-MM-DD') : null,
        attendeeCount: v.attendeeCount ?? null,
      };
      return log ? updateGuidanceLog(log.id, input, log.version) : createGuidanceLog(input);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: guidanceKeys.all });
      message.success(t(log ? 'common.saved' : 'common.created'));
      onClose();
    },
  });
  const initial: Partial<FormValues> = log
    ? {
        ...log,
        siteId: log.site.id,
        heldAt: isoToSiteWall(log.heldAt, log.timeZone),
        endsAt: log.endsAt ? isoToSiteWall(log.endsAt, log.timeZone) : null,
        staffAgreedOn: log.staffAgreedOn ? dayjs(log.staffAgreedOn) : null,
      }
    : {};
  const required = [{ required: true, message: t('validation.required') }];
  const dtFormat = `${datePickerFormat(locale)} HH:mm`;
  return (
    <Drawer
      open
      title={t('guidance.title')}
      size={560}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="guidance-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert
        error={save.error}
        form={form}
        fields={['heldAt', 'endsAt', 'siteId', 'place', 'audience', 'attendees', 'attendeeCount', 'content', 'topic', 'staffAgreedBy', 'staffAgreedOn', 'note']}
      />
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="siteId" label={t('guidance.site')} rules={required}>
          <SiteSelect data-testid="guidance-site" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="heldAt" label={t('guidance.heldAt')} rules={required} extra={siteId ? `${t('guidance.timeHint')} (${zoneOf(siteId)})` : undefined}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={dtFormat} data-testid="guidance-held-at" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('guidance.endsAt')}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={dtFormat} />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t('guidance.place')} rules={required}>
          <Input maxLength={200} data-testid="guidance-place" />
        </Form.Item>
        <Form.Item name="audience" label={t('guidance.audience')} rules={required}>
          <Input maxLength={500} data-testid="guidance-audience" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="attendees" label={t('guidance.attendees')} style={{ minWidth: 360 }}>
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item name="attendeeCount" label={t('guidance.attendeeCount')}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Space>
        <Form.Item name="content" label={t('guidance.content')} rules={required}>
          <Input.TextArea rows={5} maxLength={10000} data-testid="guidance-content" />
        </Form.Item>
        <Form.Item name="topic" label={t('guidance.topic')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="staffAgreedBy" label={t('guidance.staffAgreedBy')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="staffAgreedOn" label={t('guidance.staffAgreedOn')}>
            <DatePicker format={datePickerFormat(locale)} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('guidance.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
