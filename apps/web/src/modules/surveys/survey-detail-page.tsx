import { CheckCircleOutlined, DownloadOutlined, EditOutlined, MailOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SurveyDto, type SurveyInviteInput, type SurveyQuestion, surveyAnswers, surveyAudiences, surveyStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Row,
  Spin,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { getSurvey, inviteToSurvey, setSurveyStatus, surveyKeys, surveyReportUrl, updateSurvey } from './surveys.api.ts';

export function SurveyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  // While the mailing job runs, poll so the progress bar moves.
  const { data: s, error } = useQuery({
    queryKey: surveyKeys.detail(id),
    queryFn: () => getSurvey(id),
    refetchInterval: (q) => (q.state.data?.invitations.pending ? 2000 : false),
  });
  const status = useMutation({
    mutationFn: (to: 'open' | 'close') => setSurveyStatus(id, to),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.all }),
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  if (error) return <ProblemAlert error={error} />;
  if (!s) return <Spin />;

  const confirm = (to: 'open' | 'close') =>
    modal.confirm({
      title: t(to === 'open' ? 'survey.openConfirm' : 'survey.closeConfirm'),
      okText: t(to === 'open' ? 'survey.open' : 'survey.close'),
      okButtonProps: { danger: to === 'close', 'data-testid': `survey-${to}-ok` } as never,
      onOk: () => status.mutateAsync(to),
    });

  return (
    <>
      <PageHeader
        title={s.name}
        extra={
          <>
            <Link to="/surveys">
              <Button>{t('common.close')}</Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={surveyReportUrl(s.id)} data-testid="survey-report">
              {t('survey.report')}
            </Button>
            {canOn(s, 'update') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="survey-edit">
                {t('survey.edit')}
              </Button>
            )}
            {canOn(s, 'open') && (
              <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => confirm('open')} data-testid="survey-open">
                {t('survey.open')}
              </Button>
            )}
            {canOn(s, 'close') && (
              <Button danger icon={<CheckCircleOutlined />} onClick={() => confirm('close')} data-testid="survey-close">
                {t('survey.close')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('survey.status')}>
            <span data-testid="survey-status">
              <StatusTag items={surveyStatuses.items} value={s.status} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('survey.fiscalYear')}>{s.fiscalYear}</Descriptions.Item>
          <Descriptions.Item label={t('survey.period')}>{`${formatDate(s.opensOn, locale)} – ${formatDate(s.closesOn, locale)}`}</Descriptions.Item>
          <Descriptions.Item label={t('survey.target')}>{s.target}</Descriptions.Item>
          {s.note && <Descriptions.Item label={t('survey.note')}>{s.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Invitations s={s} />
      <Results s={s} />
      {editing && <EditSurveyModal s={s} onClose={() => setEditing(false)} />}
    </>
  );
}

type InviteValues = { audience: 'sites' | 'requesters'; siteIds?: string[]; period?: [Dayjs, Dayjs] };

function Invitations({ s }: { s: SurveyDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<InviteValues>();
  const audience = Form.useWatch('audience', form);
  const invite = useMutation({
    mutationFn: (v: InviteValues) => {
      const input: SurveyInviteInput =
        v.audience === 'sites'
          ? { audience: 'sites', siteIds: v.siteIds ?? [] }
          : {
              audience: 'requesters',
              resolvedFrom: v.period![0].format('YYYY-MM-DD'),
              resolvedTo: v.period![1].format('YYYY-MM-DD'),
              siteIds: v.siteIds?.length ? v.siteIds : undefined,
            };
      return inviteToSurvey(s.id, input);
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: surveyKeys.all });
      message.success(t('survey.invited_result', { added: r.added, already: r.alreadyInvited }));
    },
  });
  const inv = s.invitations;
  return (
    <Card size="small" title={t('survey.invitations')} style={{ marginBottom: 16 }}>
      {inv.total > 0 && (
        <Progress
          percent={Math.floor((inv.mailed * 100) / inv.total)}
          status={inv.pending ? 'active' : 'success'}
          format={() => t(inv.pending ? 'survey.mailing' : 'survey.mailed', inv)}
          data-testid="survey-mail-progress"
        />
      )}
      {canOn(s, 'invite') ? (
        <>
          <Typography.Paragraph type="secondary">{t('survey.inviteHint')}</Typography.Paragraph>
          <ProblemAlert error={invite.error} form={form} fields={['siteIds', 'period']} fieldAliases={{ resolvedFrom: 'period', resolvedTo: 'period' }} />
          <Form<InviteValues> form={form} layout="inline" initialValues={{ audience: 'sites' }} onFinish={(v) => invite.mutate(v)} style={{ rowGap: 8 }}>
            <Form.Item name="audience" label={t('survey.audience')}>
              <Radio.Group options={choiceOptions(surveyAudiences.items, locale)} data-testid="survey-audience" />
            </Form.Item>
            {audience === 'requesters' && (
              <Form.Item name="period" label={t('survey.resolvedPeriod')} rules={[{ required: true, message: t('validation.required') }]}>
                <DatePicker.RangePicker format={datePickerFormat(locale)} />
              </Form.Item>
            )}
            <Form.Item
              name="siteIds"
              label={t('survey.sites')}
              rules={audience === 'sites' ? [{ required: true, message: t('validation.required') }] : []}
              style={{ minWidth: 320 }}
            >
              <SiteSelect mode="multiple" allowClear data-testid="survey-sites" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<MailOutlined />} loading={invite.isPending} data-testid="survey-invite">
                {t('survey.invite')}
              </Button>
            </Form.Item>
          </Form>
        </>
      ) : (
        s.status === 'draft' && <Alert type="info" showIcon title={t('survey.notOpenHint')} />
      )}
    </Card>
  );
}

const barColors: Record<string, string> = {
  satisfied: '#389e0d',
  mostly_satisfied: '#95de64',
  neutral: '#bfbfbf',
  somewhat_dissatisfied: '#ffa940',
  dissatisfied: '#f5222d',
};

function Results({ s }: { s: SurveyDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const r = s.results;
  const questions = s.questions as SurveyQuestion[];
  const qText = (key: string) => questions.find((q) => q.key === key)?.[locale] ?? key;
  type QRow = SurveyDto['results']['questions'][number];
  const columns: TableColumnsType<QRow> = [
    { key: 'q', title: t('survey.question'), render: (_, q) => qText(q.key) },
    {
      key: 'mean',
      title: t('survey.mean'),
      width: 220,
      // A plain bar against the target line: the chart the meeting needs, without a chart library.
      render: (_, q) => (
        <Flex align="center" gap={8}>
          <div style={{ position: 'relative', flex: 1, height: 14, background: '#f0f0f0', borderRadius: 3 }}>
            <div
              style={{ width: `${q.mean ?? 0}%`, height: '100%', borderRadius: 3, background: q.mean !== null && q.mean >= r.target ? '#52c41a' : '#ff7875' }}
            />
            <div style={{ position: 'absolute', left: `${r.target}%`, top: -3, bottom: -3, borderLeft: '2px dashed #595959' }} />
          </div>
          <span style={{ width: 44, textAlign: 'right' }}>{q.mean ?? '—'}</span>
        </Flex>
      ),
    },
    {
      key: 'dist',
      title: t('survey.distribution'),
      width: 260,
      render: (_, q) => {
        const total = Object.values(q.counts).reduce((a, b) => a + b, 0);
        return (
          <Flex style={{ height: 14, borderRadius: 3, overflow: 'hidden', background: '#f0f0f0' }}>
            {surveyAnswers.items.map((a) =>
              q.counts[a.value] ? (
                <Tooltip key={a.value} title={`${a[locale]}: ${q.counts[a.value]}`}>
                  <div style={{ width: `${(q.counts[a.value] * 100) / total}%`, background: barColors[a.value] }} />
                </Tooltip>
              ) : null,
            )}
          </Flex>
        );
      },
    },
  ];
  type SRow = SurveyDto['results']['bySite'][number];
  const siteColumns: TableColumnsType<SRow> = [
    { key: 'site', title: t('survey.site'), render: (_, x) => `${x.site.code} ${localName(x.site, locale)}` },
    { key: 'invited', title: t('survey.invited'), width: 100, render: (_, x) => x.invited },
    { key: 'respondents', title: t('survey.respondents'), width: 100, render: (_, x) => x.respondents },
    { key: 'score', title: t('survey.score'), width: 100, render: (_, x) => x.score ?? '—' },
  ];
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="survey-score-card">
            <Statistic title={t('survey.score')} value={r.score ?? '—'} suffix={`/ ${r.target}`} />
            <Typography.Text type={r.met === null ? 'secondary' : r.met ? 'success' : 'danger'}>
              {t(r.met === null ? 'survey.noAnswers' : r.met ? 'survey.met' : 'survey.notMet')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('survey.respondents')} value={r.respondents} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('survey.invited')} value={r.invited} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('survey.responseRate')} value={r.responseRate ?? '—'} suffix={r.responseRate === null ? undefined : '%'} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('survey.questions')} style={{ marginBottom: 16 }}>
        <Table<QRow> rowKey="key" size="small" pagination={false} columns={columns} dataSource={r.questions} scroll={{ x: 700 }} />
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          {surveyAnswers.items.map((a) => (
            <Flex key={a.value} gap={4} align="center">
              <span style={{ width: 10, height: 10, background: barColors[a.value], display: 'inline-block' }} />
              <Typography.Text type="secondary">{a[locale]}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Card>
      {r.bySite.length > 0 && (
        <Card size="small" title={t('survey.bySite')}>
          <Table<SRow> rowKey={(x) => x.site.id} size="small" pagination={false} columns={siteColumns} dataSource={r.bySite} />
        </Card>
      )}
    </>
  );
}

type EditValues = { name: string; period: [Dayjs, Dayjs]; target: number; note?: string | null };

/** Name, period, target and note while the campaign is not closed (sent with If-Match). */
function EditSurveyModal({ s, onClose }: { s: SurveyDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const qc = useQueryClient();
  const [form] = Form.useForm<EditValues>();
  const save = useMutation({
    mutationFn: ({ period, ...v }: EditValues) =>
      updateSurvey(s.id, { ...v, opensOn: period[0].format('YYYY-MM-DD'), closesOn: period[1].format('YYYY-MM-DD') }, s.version),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: surveyKeys.all });
      onClose();
    },
  });
  return (
    <Modal open title={t('survey.edit')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('common.save')}>
      <ProblemAlert error={save.error} form={form} fields={['name', 'period', 'target', 'note']} fieldAliases={{ opensOn: 'period', closesOn: 'period' }} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        initialValues={{ name: s.name, period: [dayjs(s.opensOn), dayjs(s.closesOn)], target: s.target, note: s.note }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('survey.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="period" label={t('survey.period')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker.RangePicker format={datePickerFormat(locale)} />
        </Form.Item>
        <Form.Item name="target" label={t('survey.target')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="note" label={t('survey.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
