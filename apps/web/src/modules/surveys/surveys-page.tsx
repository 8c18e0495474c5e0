import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SurveyCreateInput, type SurveyDto, surveyStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Progress, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDate } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { createSurvey, listSurveys, surveyKeys } from './surveys.api.ts';

/** The score as a tag coloured by the target: green met, red not met, grey without answers. */
export function ScoreTag({ s }: { s: SurveyDto }) {
  const { t } = useTranslation();
  if (s.results.score === null) return <Tag>{t('survey.noAnswers')}</Tag>;
  return (
    <Tag color={s.results.met ? 'green' : 'red'} data-testid="survey-score">
      {t('survey.points', { value: s.results.score })} / {s.results.target}
    </Tag>
  );
}

export function SurveysPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { data: me } = useMe();
  // A campaign covers every site: only full-scope managers create one (the server refuses the others).
  const canManage = useCan('survey.manage') && me?.visibleSiteIds === null;
  const [status, setStatus] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const params = { status };
  const { data, isPending } = useQuery({ queryKey: surveyKeys.list(params), queryFn: () => listSurveys(params) });

  const columns: TableColumnsType<SurveyDto> = [
    { key: 'name', title: t('survey.name'), render: (_, s) => <Link to={`/surveys/${s.id}`}>{s.name}</Link> },
    { key: 'fiscalYear', title: t('survey.fiscalYear'), width: 90, render: (_, s) => s.fiscalYear },
    { key: 'status', title: t('survey.status'), width: 100, render: (_, s) => <StatusTag items={surveyStatuses.items} value={s.status} /> },
    { key: 'period', title: t('survey.period'), width: 220, render: (_, s) => `${formatDate(s.opensOn, locale)} – ${formatDate(s.closesOn, locale)}` },
    {
      key: 'rate',
      title: t('survey.responseRate'),
      width: 200,
      render: (_, s) => <Progress size="small" percent={s.results.responseRate ?? 0} format={() => `${s.results.respondents}/${s.results.invited}`} />,
    },
    { key: 'score', title: t('survey.score'), width: 150, render: (_, s) => <ScoreTag s={s} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('survey.title')}
        description={t('survey.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="survey-create" onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('survey.status')}
          style={{ width: 160 }}
          value={status}
          options={choiceOptions(surveyStatuses.items, locale)}
          onChange={setStatus}
          aria-label={t('survey.status')}
        />
      </Space>
      <Table<SurveyDto>
        rowKey="id"
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/surveys/${s.id}`) })}
      />
      {creating && <CreateSurveyDrawer onClose={() => setCreating(false)} onCreated={(s) => navigate(`/surveys/${s.id}`)} />}
    </>
  );
}

type FormValues = Omit<SurveyCreateInput, 'opensOn' | 'closesOn'> & { period: [Dayjs, Dayjs] };

/** Japan's fiscal year starts in April: January–March belong to the previous one. */
const currentFiscalYear = () => (dayjs().month() < 3 ? dayjs().year() - 1 : dayjs().year());

function CreateSurveyDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (s: SurveyDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const create = useMutation({
    mutationFn: ({ period, ...v }: FormValues) => createSurvey({ ...v, opensOn: period[0].format('YYYY-MM-DD'), closesOn: period[1].format('YYYY-MM-DD') }),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: surveyKeys.all });
      message.success(t('survey.created'));
      onCreated(s);
    },
  });
  const fy = currentFiscalYear();
  return (
    <Drawer
      open
      title={t('survey.title')}
      size={520}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} data-testid="survey-save" onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert
        error={create.error}
        form={form}
        fields={['name', 'fiscalYear', 'period', 'target', 'note']}
        fieldAliases={{ opensOn: 'period', closesOn: 'period' }}
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ fiscalYear: fy, target: 75, name: locale === 'ja' ? `${fy}年度 利用満足度調査` : `FY${fy} user satisfaction survey` }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="name" label={t('survey.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="survey-name" />
        </Form.Item>
        <Form.Item name="fiscalYear" label={t('survey.fiscalYear')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="period" label={t('survey.period')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker.RangePicker format={datePickerFormat(locale)} data-testid="survey-period" />
        </Form.Item>
        <Form.Item name="target" label={t('survey.target')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="note" label={t('survey.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
