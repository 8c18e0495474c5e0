import { useMutation, useQuery } from '@tanstack/react-query';
import { type Locale, type SurveyAnswer, type SurveyAnswerInput, type SurveyFormDto, surveyAnswers } from '@unyo/contracts';
import { Alert, Button, Card, Flex, Input, Radio, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { changeLocale, useLocale } from '../../app/i18n.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { formatDate } from '../../lib/format.ts';
import { answerSurvey, getSurveyForm } from './surveys.api.ts';

/**
 * The answer page a respondent opens from the mailed link (S-1): no login, no app layout, one
 * submission. It starts in ?lang=, else the language the invitation was written in.
 */
export function SurveyAnswerPage() {
  const { token = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const [langChosen, setLangChosen] = useState(false);
  useEffect(() => {
    const lang = search.get('lang');
    if (lang === 'ja' || lang === 'en') {
      void changeLocale(lang as Locale);
      setLangChosen(true);
    }
  }, [search]);
  const { data, error, isPending } = useQuery({ queryKey: ['survey-form', token], queryFn: () => getSurveyForm(token, locale), retry: false });
  useEffect(() => {
    if (data && !langChosen && data.locale !== locale) void changeLocale(data.locale);
    if (data) setLangChosen(true);
  }, [data, langChosen, locale]);

  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('surveyAnswer.title')}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      {isPending && <Spin />}
      {error && <Alert type="warning" showIcon title={problemText(error, t('common.unexpectedError'))} data-testid="survey-error" />}
      {data && data.state !== 'open' && <Result status="info" title={t(`surveyAnswer.${data.state}`)} data-testid={`survey-${data.state}`} />}
      {data?.state === 'open' && <SurveyForm token={token} form={data} />}
    </div>
  );
}

function SurveyForm({ token, form }: { token: string; form: SurveyFormDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [answers, setAnswers] = useState<Partial<Record<string, SurveyAnswer>>>({});
  const [comment, setComment] = useState('');
  const complete = form.questions.every((q) => answers[q.key]);
  const submit = useMutation({
    mutationFn: () => answerSurvey(token, locale, { answers: answers as SurveyAnswerInput['answers'], comment, locale }),
  });
  if (submit.isSuccess) return <Result status="success" title={t('surveyAnswer.thanks')} data-testid="survey-done" />;

  return (
    <>
      <Typography.Paragraph>{t('surveyAnswer.intro', { name: form.surveyName, closesOn: formatDate(form.closesOn, locale) })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('surveyAnswer.anonymous')}</Typography.Paragraph>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {form.questions.map((q, i) => (
          <Card key={q.key} size="small" title={<span style={{ whiteSpace: 'normal' }}>{`${i + 1}. ${q[locale]}`}</span>}>
            <Radio.Group
              value={answers[q.key]}
              onChange={(e) => setAnswers((a) => ({ ...a, [q.key]: e.target.value }))}
              aria-label={q[locale]}
              data-testid={`survey-q-${q.key}`}
            >
              <Flex vertical gap={10}>
                {surveyAnswers.items.map((a) => (
                  <Radio key={a.value} value={a.value} style={{ minHeight: 28 }}>
                    {a[locale]}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Card>
        ))}
        <Card size="small" title={t('surveyAnswer.comment')}>
          <Input.TextArea rows={4} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} aria-label={t('surveyAnswer.comment')} />
        </Card>
        {submit.error && <Alert type="error" showIcon title={problemText(submit.error, t('common.unexpectedError'))} data-testid="survey-submit-error" />}
        <Flex gap={12} align="center" wrap>
          <Button type="primary" size="large" disabled={!complete} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="survey-submit">
            {t('surveyAnswer.submit')}
          </Button>
          {!complete && <Typography.Text type="secondary">{t('surveyAnswer.incomplete')}</Typography.Text>}
        </Flex>
      </Space>
    </>
  );
}
