import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type Locale, type LocalSurveyAnswerInput, type LocalSurveyFormDto, type StaffType, staffTypes, translate } from '@unyo/contracts';
import type { FormInstance, TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Result, Row, Select, Spin, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { changeLocale, useLocale } from '../../app/i18n.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { isApiError } from '../../lib/api.ts';
import { choiceOptions, datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { answerLocalSurvey, getLocalSurveyForm } from './software.api.ts';

type Line = {
  softwareName?: string;
  edition?: string;
  usedVersion?: string;
  language?: string;
  licenseCount?: number | null;
  purchasedOn?: Dayjs | null;
  recipient?: string;
  staffType?: StaffType | null;
  accountCode?: string;
  note?: string;
};
type Values = { answeredBy: string; items?: Line[] };
type Recorded = LocalSurveyFormDto['recorded'][number];
type FieldError = { path: string; message: string };

const lineFields = new Set([
  'softwareName',
  'edition',
  'usedVersion',
  'language',
  'licenseCount',
  'purchasedOn',
  'recipient',
  'staffType',
  'accountCode',
  'note',
]);

/** The link can no longer be used: unknown or expired (404), already answered (410), survey closed (409). */
function linkState(error: unknown): 'invalid' | 'answered' | 'closed' | null {
  if (!isApiError(error)) return null;
  return ({ 404: 'invalid', 410: 'answered', 409: 'closed' } as const)[error.status as 404 | 410 | 409] ?? null;
}

function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const state = linkState(error);
  if (!state) return <Alert type="error" showIcon title={problemText(error, t('common.unexpectedError'))} data-testid="local-survey-answer-error" />;
  return (
    <Result
      status={state === 'answered' ? 'success' : state === 'closed' ? 'info' : 'warning'}
      title={t(`swSurveyAnswer.${state}`)}
      subTitle={t(`swSurveyAnswer.${state}Hint`)}
      data-testid={`local-survey-answer-${state}`}
    />
  );
}

/**
 * The form an overseas office opens from the mailed link (2.2.l, 3.3.1.o): no login, no app layout,
 * one submission. It starts in ?lang= (the English mail links with ?lang=en).
 */
export function LocalSurveyAnswerPage() {
  const { token = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  useEffect(() => {
    const lang = search.get('lang');
    if (lang === 'ja' || lang === 'en') void changeLocale(lang as Locale);
  }, [search]);
  // Not keyed by language: the form's content is the same in both, and switching must not drop what was typed.
  const { data, error, isPending } = useQuery({ queryKey: ['software-survey-form', token], queryFn: () => getLocalSurveyForm(token, locale), retry: false });
  useEffect(() => {
    document.title = `${t('swSurveyAnswer.title')} | ${t('app.name')}`;
  }, [t]);

  return (
    <div style={{ maxWidth: 1040, margin: '0 auto', padding: 16 }}>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('swSurveyAnswer.title')}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      {isPending && <Spin />}
      {error && <LinkProblem error={error} />}
      {data && <AnswerForm token={token} survey={data} />}
    </div>
  );
}

function RecordedTable({ survey }: { survey: LocalSurveyFormDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: TableColumnsType<Recorded> = [
    { key: 'entryNumber', title: t('swSurveyAnswer.entryNumber'), dataIndex: 'entryNumber', width: 120 },
    { key: 'distributedOn', title: t('swSurveyAnswer.purchasedOn'), width: 120, render: (_, r) => formatDate(r.distributedOn, locale) },
    { key: 'softwareName', title: t('swSurveyAnswer.softwareName'), dataIndex: 'softwareName' },
    { key: 'edition', title: t('swSurveyAnswer.edition'), dataIndex: 'edition', width: 140 },
    { key: 'usedVersion', title: t('swSurveyAnswer.usedVersion'), dataIndex: 'usedVersion', width: 110 },
    { key: 'licenseCount', title: t('swSurveyAnswer.licenseCount'), dataIndex: 'licenseCount', width: 110, align: 'right' },
  ];
  return (
    <Card size="small" title={t('swSurveyAnswer.recordedTitle')} style={{ marginBottom: 16 }} data-testid="local-survey-recorded">
      <Table<Recorded>
        size="small"
        rowKey="entryNumber"
        pagination={false}
        dataSource={survey.recorded}
        columns={columns}
        scroll={{ x: 720 }}
        locale={{ emptyText: t('swSurveyAnswer.recordedEmpty') }}
      />
    </Card>
  );
}

const text = (v: string | undefined) => (v?.trim() ? v : undefined);

function toInput(v: Values): LocalSurveyAnswerInput {
  return {
    answeredBy: v.answeredBy,
    items: (v.items ?? []).map((l) => ({
      softwareName: l.softwareName ?? '',
      edition: text(l.edition),
      usedVersion: text(l.usedVersion),
      language: text(l.language),
      licenseCount: l.licenseCount ?? 0,
      purchasedOn: l.purchasedOn?.format('YYYY-MM-DD') ?? '',
      recipient: text(l.recipient),
      staffType: l.staffType ?? undefined,
      accountCode: text(l.accountCode),
      note: text(l.note),
    })),
  };
}

function AnswerForm({ token, survey }: { token: string; survey: LocalSurveyFormDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const lines = Form.useWatch('items', form) ?? [];
  // Server field errors that match no input of the form, shown in the alert.
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const submit = useMutation({
    mutationFn: (input: LocalSurveyAnswerInput) => answerLocalSurvey(token, locale, input),
    onMutate: () => setUnmatched([]),
    // A rejected line is marked where it was typed: the server names it `items.<index>.<field>`.
    onError: (err) => {
      if (!isApiError(err)) return;
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      const rest: FieldError[] = [];
      for (const e of err.problem.errors ?? []) {
        const path = e.path.replace(/^body\./, '');
        const line = /^items\.(\d+)\.(\w+)$/.exec(path);
        if (line && lineFields.has(line[2])) fields.push({ name: ['items', Number(line[1]), line[2]], errors: [e.message] });
        else if (path === 'answeredBy') fields.push({ name: ['answeredBy'], errors: [e.message] });
        else rest.push(e);
      }
      // Paths come from the server, so they are set through the untyped form API.
      (form as FormInstance).setFields(fields);
      setUnmatched(rest);
      if (fields.length > 0) form.scrollToField(fields[0].name, { block: 'center' });
    },
  });

  if (submit.isSuccess) {
    const { recorded } = submit.data;
    return (
      <Result
        status="success"
        title={t('swSurveyAnswer.thanks')}
        subTitle={recorded > 0 ? t('swSurveyAnswer.thanksRecorded', { count: recorded }) : t('swSurveyAnswer.thanksNone')}
        data-testid="local-survey-answer-done"
        data-recorded={recorded}
      />
    );
  }
  if (linkState(submit.error)) return <LinkProblem error={submit.error} />;

  const period = { from: formatDate(survey.periodFrom, locale), to: formatDate(survey.periodTo, locale) };
  const inPeriod = async (_: unknown, value: Dayjs | null | undefined) => {
    if (!value) return;
    const day = value.format('YYYY-MM-DD');
    if (day < survey.periodFrom || day > survey.periodTo) throw new Error(translate('error.outside_period', locale));
  };
  const required = { required: true, message: t('validation.required') };

  const answerNone = async () => {
    let answeredBy: string;
    try {
      ({ answeredBy } = await form.validateFields(['answeredBy']));
    } catch {
      return; // the name is missing; the field shows why
    }
    modal.confirm({
      title: t('swSurveyAnswer.noneConfirm'),
      content: (
        <>
          <p>{t('swSurveyAnswer.noneHint', period)}</p>
          {lines.length > 0 && <p>{t('swSurveyAnswer.noneDiscard', { count: lines.length })}</p>}
        </>
      ),
      okText: t('swSurveyAnswer.none'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'local-survey-none-ok' } as never,
      onOk: () => submit.mutateAsync({ answeredBy, items: [] }).catch(() => undefined),
    });
  };

  return (
    <>
      <Typography.Paragraph>{t('swSurveyAnswer.intro', { name: survey.surveyName, site: localName(survey.site, locale) })}</Typography.Paragraph>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="local-survey-summary">
        <Descriptions.Item label={t('swSurveyAnswer.office')}>{`${survey.site.code} ${localName(survey.site, locale)}`}</Descriptions.Item>
        <Descriptions.Item label={t('swSurveyAnswer.period')}>{t('swSurvey.periodValue', period)}</Descriptions.Item>
        <Descriptions.Item label={t('swSurveyAnswer.dueOn')}>{formatDate(survey.dueOn, locale)}</Descriptions.Item>
      </Descriptions>
      <RecordedTable survey={survey} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => submit.mutate(toInput(v))}
        disabled={submit.isPending}
        data-testid="local-survey-answer-form"
      >
        <Card size="small" title={t('swSurveyAnswer.linesTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('swSurveyAnswer.linesHint')}</Typography.Paragraph>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    title={t('swSurveyAnswer.line', { n: i + 1 })}
                    style={{ marginBottom: 12 }}
                    data-testid="local-survey-line"
                    extra={
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        {t('swSurveyAnswer.removeLine')}
                      </Button>
                    }
                  >
                    <Row gutter={12}>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'softwareName']} label={t('swSurveyAnswer.softwareName')} rules={[{ ...required, whitespace: true }]}>
                          <Input maxLength={200} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'edition']} label={t('swSurveyAnswer.edition')}>
                          <Input maxLength={100} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'usedVersion']} label={t('swSurveyAnswer.usedVersion')}>
                          <Input maxLength={50} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'language']} label={t('swSurveyAnswer.language')}>
                          <Input maxLength={50} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'licenseCount']} label={t('swSurveyAnswer.licenseCount')} rules={[required]}>
                          <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'purchasedOn']} label={t('swSurveyAnswer.purchasedOn')} rules={[required, { validator: inPeriod }]}>
                          <DatePicker format={datePickerFormat(locale)} defaultPickerValue={dayjs(survey.periodTo)} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={6}>
                        <Form.Item name={[field.name, 'accountCode']} label={t('swSurveyAnswer.accountCode')}>
                          <Input maxLength={50} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'recipient']} label={t('swSurveyAnswer.recipient')} extra={t('swSurveyAnswer.recipientHint')}>
                          <Input maxLength={100} autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'staffType']} label={t('swSurveyAnswer.staffType')}>
                          <Select allowClear options={choiceOptions(staffTypes.items, locale)} />
                        </Form.Item>
                      </Col>
                      <Col xs={24}>
                        <Form.Item name={[field.name, 'note']} label={t('swSurveyAnswer.note')} style={{ marginBottom: 0 }}>
                          <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ licenseCount: 1 })} data-testid="local-survey-add-line">
                  {t('swSurveyAnswer.addLine')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small">
          {submit.error && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={isApiError(submit.error) ? submit.error.problem.title : t('common.unexpectedError')}
              description={
                unmatched.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {unmatched.map((e) => (
                      <li key={`${e.path}:${e.message}`}>{e.message}</li>
                    ))}
                  </ul>
                )
              }
              data-testid="local-survey-answer-error"
            />
          )}
          <Form.Item name="answeredBy" label={t('swSurveyAnswer.answeredBy')} rules={[{ ...required, whitespace: true }]} style={{ maxWidth: 360 }}>
            <Input maxLength={100} autoComplete="name" data-testid="local-survey-answered-by" />
          </Form.Item>
          <Flex gap={8} wrap align="center">
            {/* Not a submit button: Enter in a field (a typed date) must not send the one-time answer. */}
            <Button type="primary" onClick={() => form.submit()} disabled={lines.length === 0} loading={submit.isPending} data-testid="local-survey-submit">
              {t('swSurveyAnswer.submit')}
            </Button>
            <Button onClick={answerNone} disabled={submit.isPending} data-testid="local-survey-none">
              {t('swSurveyAnswer.none')}
            </Button>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {lines.length === 0 ? t('swSurveyAnswer.noLines') : t('swSurveyAnswer.submitHint')}
          </Typography.Paragraph>
        </Card>
      </Form>
    </>
  );
}
