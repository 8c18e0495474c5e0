import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { LocalSurveyDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Form, Input, Modal, Progress, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { datePickerFormat, formatDate, formatDateTime } from '../../lib/format.ts';
import { useSiteLookup } from '../org/org.api.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { createLocalSurvey, listLocalSurveys, softwareKeys, useSoftwareMutation } from './software.api.ts';

const overseas = ['overseas'] as const;

/** The survey's status as a tag (open surveys still accept answers). */
export function SurveyStatusTag({ status }: { status: LocalSurveyDto['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'open' ? 'processing' : 'success'} data-testid="local-survey-status" data-status={status}>
      {t(`swSurvey.status_${status}`)}
    </Tag>
  );
}

/** Offices answered of offices asked. */
export function AnswerProgress({ s }: { s: LocalSurveyDto }) {
  const { progress } = s;
  const percent = progress.sites === 0 ? 0 : Math.floor((progress.answered / progress.sites) * 100);
  return (
    <Progress
      percent={percent}
      size="small"
      status={s.status === 'closed' || percent === 100 ? 'success' : 'active'}
      format={() => `${progress.answered}/${progress.sites}`}
      data-testid="local-survey-progress"
    />
  );
}

/** 現地調達調査: the surveys asking the overseas offices what software they bought locally (2.2.l, 3.3.1.o). */
export function LocalSurveysPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('software-distribution.manage');
  const [creating, setCreating] = useState(false);
  const { data, isPending, error } = useQuery({ queryKey: softwareKeys.surveys, queryFn: listLocalSurveys });

  const columns: TableColumnsType<LocalSurveyDto> = [
    {
      key: 'name',
      title: t('swSurvey.name'),
      ellipsis: true,
      render: (_, s) => (
        <Link to={`/software-surveys/${s.id}`} data-testid="local-survey-link">
          {s.name}
        </Link>
      ),
    },
    {
      key: 'period',
      title: t('swSurvey.period'),
      width: 230,
      render: (_, s) => t('swSurvey.periodValue', { from: formatDate(s.periodFrom, locale), to: formatDate(s.periodTo, locale) }),
    },
    { key: 'dueOn', title: t('swSurvey.dueOn'), width: 120, render: (_, s) => formatDate(s.dueOn, locale) },
    { key: 'status', title: t('swSurvey.status'), width: 100, render: (_, s) => <SurveyStatusTag status={s.status} /> },
    { key: 'progress', title: t('swSurvey.progress'), width: 200, render: (_, s) => <AnswerProgress s={s} /> },
    { key: 'reported', title: t('swSurvey.reported'), width: 110, align: 'right', render: (_, s) => s.progress.reported },
    { key: 'createdAt', title: t('swSurvey.createdAt'), width: 160, render: (_, s) => formatDateTime(s.createdAt, locale) },
  ];

  return (
    <>
      <PageHeader
        title={t('swSurvey.title')}
        description={t('swSurvey.description')}
        extra={
          <>
            <Link to="/software-distributions?origin=local">
              <Button>{t('swSurvey.ledger')}</Button>
            </Link>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="local-survey-create" onClick={() => setCreating(true)}>
                {t('swSurvey.create')}
              </Button>
            )}
          </>
        }
      />
      {error && <ProblemAlert error={error} />}
      <Table<LocalSurveyDto>
        className="unyo-table"
        rowKey="id"
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('swSurvey.empty') }}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/software-surveys/${s.id}`) })}
        data-testid="local-survey-table"
      />
      {creating && <CreateSurveyModal onClose={() => setCreating(false)} onCreated={(s) => navigate(`/software-surveys/${s.id}`)} />}
    </>
  );
}

type FormValues = { name: string; period: [Dayjs, Dayjs]; dueOn: Dayjs; siteIds: string[]; send: boolean; note?: string };

const fieldNames = ['name', 'period', 'dueOn', 'siteIds', 'send', 'note'];
const fieldAliases = { periodFrom: 'period', periodTo: 'period', recipients: 'siteIds' };

/** The fiscal year (April to March) a date falls in, by its starting year. */
function fiscalYearOf(d: Dayjs): number {
  return d.month() >= 3 ? d.year() : d.year() - 1;
}

function CreateSurveyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (s: LocalSurveyDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { data: sites } = useSiteLookup();
  const create = useSoftwareMutation((v: FormValues) =>
    createLocalSurvey({
      name: v.name,
      periodFrom: v.period[0].format('YYYY-MM-DD'),
      periodTo: v.period[1].format('YYYY-MM-DD'),
      dueOn: v.dueOn.format('YYYY-MM-DD'),
      siteIds: v.siteIds,
      send: v.send,
      note: v.note || undefined,
    }),
  );

  // Every active overseas office is asked unless the user narrows the list; the lookup may arrive after the form.
  useEffect(() => {
    if (!sites || form.isFieldTouched('siteIds')) return;
    form.setFieldValue(
      'siteIds',
      sites.filter((s) => s.kind === 'overseas' && s.active).map((s) => s.id),
    );
  }, [sites, form]);

  // By default the last completed fiscal year, answered within a month.
  const lastYear = fiscalYearOf(dayjs()) - 1;
  const initialValues: Partial<FormValues> = {
    name: t('swSurvey.defaultName', { year: lastYear }),
    period: [dayjs(`${lastYear}-04-01`), dayjs(`${lastYear + 1}-03-31`)],
    dueOn: dayjs().add(1, 'month'),
    send: true,
  };

  return (
    <Modal
      open
      title={t('swSurvey.create')}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'local-survey-save' } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={fieldNames} fieldAliases={fieldAliases} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={create.isPending}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (s) => {
              message.success(t('swSurvey.created', { sent: s.progress.sent, sites: s.progress.sites }));
              onClose();
              onCreated(s);
            },
          })
        }
        data-testid="local-survey-form"
      >
        <Form.Item name="name" label={t('swSurvey.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="period" label={t('swSurvey.period')} extra={t('swSurvey.periodHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker.RangePicker format={datePickerFormat(locale)} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('swSurvey.dueOn')} extra={t('swSurvey.dueHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={datePickerFormat(locale)} />
        </Form.Item>
        <Form.Item name="siteIds" label={t('swSurvey.sites')} extra={t('swSurvey.sitesHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <SiteSelect mode="multiple" kinds={overseas} maxTagCount="responsive" />
        </Form.Item>
        <Form.Item name="send" label={t('swSurvey.sendNow')} extra={t('swSurvey.sendNowHint')} valuePropName="checked">
          <Switch data-testid="local-survey-send-now" />
        </Form.Item>
        <Form.Item name="note" label={t('swSurvey.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
