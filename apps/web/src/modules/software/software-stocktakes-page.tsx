import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { SoftwareStocktakeCreateInput, type SoftwareStocktakeDto, stocktakeStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Form, Input, InputNumber, Progress, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { useSchemaField } from '../../lib/form.ts';
import { datePickerFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { createSoftwareStocktake, listSoftwareStocktakes, type SoftwareStocktakeSummary, softwareKeys, useSoftwareMutation } from './software.api.ts';

/** The media check as a bar: checked of total (an empty register counts as done). */
export function MediaProgress({ media, closed }: { media: SoftwareStocktakeSummary['media']; closed: boolean }) {
  const percent = media.total === 0 ? 100 : Math.floor((media.checked / media.total) * 100);
  return (
    <Progress
      percent={percent}
      size="small"
      status={media.missing > 0 ? 'exception' : closed ? 'success' : 'active'}
      format={() => `${media.checked}/${media.total}`}
      data-testid="sw-stocktake-progress"
    />
  );
}

/** ソフトウェア棚卸し: the annual software stock-take campaigns, newest fiscal year first (S-4-1-3-1). */
export function SoftwareStocktakesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('stocktake.manage');
  const [creating, setCreating] = useState(false);
  const { data, isPending, error } = useQuery({ queryKey: softwareKeys.stocktakes, queryFn: listSoftwareStocktakes });

  const columns: TableColumnsType<SoftwareStocktakeSummary> = [
    { key: 'fiscalYear', title: t('swStocktake.fiscalYear'), width: 110, render: (_, s) => t('swStocktake.fiscalYearValue', { year: s.fiscalYear }) },
    {
      key: 'name',
      title: t('swStocktake.name'),
      ellipsis: true,
      render: (_, s) => (
        <Link to={`/software-stocktakes/${s.id}`} data-testid="sw-stocktake-link">
          {s.name}
        </Link>
      ),
    },
    {
      key: 'status',
      title: t('swStocktake.status'),
      width: 100,
      render: (_, s) => (
        <span data-testid="sw-stocktake-status" data-status={s.status}>
          <StatusTag items={stocktakeStatuses.items} value={s.status} />
        </span>
      ),
    },
    { key: 'dueOn', title: t('swStocktake.dueOn'), width: 120, render: (_, s) => formatDate(s.dueOn, locale) },
    {
      key: 'closed',
      title: t('swStocktake.closed'),
      width: 240,
      ellipsis: true,
      render: (_, s) => (s.closedAt ? `${formatDateTime(s.closedAt, locale)} ${s.closedBy ?? ''}` : ''),
    },
    {
      key: 'media',
      title: t('swStocktake.mediaProgress'),
      width: 220,
      render: (_, s) => <MediaProgress media={s.media} closed={s.status === 'closed'} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('swStocktake.title')}
        description={t('swStocktake.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="sw-stocktake-create" onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          )
        }
      />
      {error && <ProblemAlert error={error} />}
      <Table<SoftwareStocktakeSummary>
        className="unyo-table"
        rowKey="id"
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('swStocktake.empty') }}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/software-stocktakes/${s.id}`) })}
        data-testid="sw-stocktake-table"
      />
      {creating && <CreateDrawer onClose={() => setCreating(false)} onCreated={(s) => navigate(`/software-stocktakes/${s.id}`)} />}
    </>
  );
}

type FormValues = { name: string; fiscalYear: number; dueOn: Dayjs; note?: string };

const fields = SoftwareStocktakeCreateInput.shape;
const fieldNames = Object.keys(fields);

/** The fiscal year (April to March) a date falls in, by its starting year. */
function fiscalYearOf(d: Dayjs): number {
  return d.month() >= 3 ? d.year() : d.year() - 1;
}

function CreateDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (s: SoftwareStocktakeDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<FormValues>();
  const create = useSoftwareMutation((v: FormValues) =>
    createSoftwareStocktake({ name: v.name, fiscalYear: v.fiscalYear, dueOn: v.dueOn.format('YYYY-MM-DD'), note: v.note || undefined }),
  );
  const fiscalYear = fiscalYearOf(dayjs());

  return (
    <FormDrawer open title={t('swStocktake.create')} onClose={onClose} onSubmit={() => form.submit()} submitting={create.isPending}>
      <ProblemAlert error={create.error} form={form} fields={fieldNames} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ name: t('swStocktake.defaultName', { year: fiscalYear }), fiscalYear, dueOn: dayjs(`${fiscalYear + 1}-03-31`) }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (s) => {
              message.success(t('common.created'));
              onClose();
              onCreated(s);
            },
          })
        }
        disabled={create.isPending}
        data-testid="sw-stocktake-form"
      >
        <Form.Item name="name" label={t('swStocktake.name')} {...schemaField(fields.name)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="fiscalYear" label={t('swStocktake.fiscalYear')} extra={t('swStocktake.fiscalYearHint')} {...schemaField(fields.fiscalYear)}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('swStocktake.dueOn')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={datePickerFormat(locale)} />
        </Form.Item>
        <Form.Item name="note" label={t('swStocktake.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
