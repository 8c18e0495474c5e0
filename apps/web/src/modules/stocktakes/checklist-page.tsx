import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { assetCategories, type ChecklistAnswerInput, type ChecklistDto, type Locale } from '@unyo/contracts';
import { Alert, Button, Card, Flex, Input, Radio, Result, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { changeLocale, useLocale } from '../../app/i18n.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { choiceLabel, formatDate, localName } from '../../lib/format.ts';
import { answerChecklist, getChecklist, placeText } from './stocktakes.api.ts';

type Answer = { present?: boolean; room?: string; note?: string };
type Extra = { key: number; code: string; name: string; room: string };
let extraSeq = 0;

/** The remote checklist an office opens from the mailed link (2.1.d): no login, one submission. */
export function ChecklistPage() {
  const { token = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  useEffect(() => {
    const lang = search.get('lang');
    if (lang === 'ja' || lang === 'en') void changeLocale(lang as Locale);
  }, [search]);
  const { data, error, isPending } = useQuery({ queryKey: ['checklist', token, locale], queryFn: () => getChecklist(token, locale), retry: false });

  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('checklist.title')}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      {isPending && <Spin />}
      {error && <Alert type="warning" showIcon title={problemText(error, t('common.unexpectedError'))} data-testid="checklist-error" />}
      {data && <ChecklistForm token={token} list={data} />}
    </div>
  );
}

function ChecklistForm({ token, list }: { token: string; list: ChecklistDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [extra, setExtra] = useState<Extra[]>([]);
  const [answeredBy, setAnsweredBy] = useState('');
  const set = (itemId: string, patch: Answer) => setAnswers((a) => ({ ...a, [itemId]: { ...a[itemId], ...patch } }));
  const submit = useMutation({
    mutationFn: () => {
      const input: ChecklistAnswerInput = {
        answeredBy,
        answers: Object.entries(answers)
          .filter(([, a]) => a.present !== undefined)
          .map(([itemId, a]) => ({ itemId, present: a.present!, location: a.room ? { room: a.room } : undefined, note: a.note })),
        extra: extra.filter((e) => e.code.trim()).map((e) => ({ code: e.code, name: e.name || e.code, location: e.room ? { room: e.room } : undefined })),
      };
      return answerChecklist(token, locale, input);
    },
  });
  if (submit.isSuccess) return <Result status="success" title={t('checklist.thanks')} data-testid="checklist-done" />;
  const unanswered = list.items.filter((i) => answers[i.itemId]?.present === undefined).length;

  return (
    <>
      <Typography.Paragraph>
        {t('checklist.intro', { name: list.stocktakeName, site: localName(list.site, locale), dueOn: formatDate(list.dueOn, locale) })}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="itemId"
        pagination={false}
        dataSource={list.items}
        scroll={{ x: 800 }}
        columns={[
          { key: 'assetNumber', title: t('stocktake.assetNumber'), dataIndex: 'assetNumber', width: 150 },
          { key: 'name', title: t('stocktake.assetName'), render: (_, i) => i.name },
          { key: 'category', title: t('asset.category'), width: 130, render: (_, i) => choiceLabel(assetCategories.items, i.category, locale) },
          { key: 'expected', title: t('stocktake.expected'), render: (_, i) => placeText(i.location) },
          {
            key: 'present',
            title: t('stocktake.result'),
            width: 170,
            render: (_, i) => (
              <Radio.Group
                value={answers[i.itemId]?.present}
                onChange={(e) => set(i.itemId, { present: e.target.value })}
                options={[
                  { value: true, label: t('checklist.present') },
                  { value: false, label: t('checklist.absent') },
                ]}
              />
            ),
          },
          {
            key: 'room',
            title: t('checklist.location'),
            width: 200,
            render: (_, i) => <Input size="small" disabled={answers[i.itemId]?.present !== true} onChange={(e) => set(i.itemId, { room: e.target.value })} />,
          },
        ]}
      />
      <Card size="small" title={t('checklist.extra')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('checklist.extraHint')}</Typography.Paragraph>
        {extra.map((e, idx) => (
          <Flex key={e.key} gap={8} style={{ marginBottom: 8 }}>
            <Input
              placeholder={t('checklist.code')}
              value={e.code}
              onChange={(ev) => setExtra((x) => x.map((y, j) => (j === idx ? { ...y, code: ev.target.value } : y)))}
            />
            <Input
              placeholder={t('checklist.name')}
              value={e.name}
              onChange={(ev) => setExtra((x) => x.map((y, j) => (j === idx ? { ...y, name: ev.target.value } : y)))}
            />
            <Input
              placeholder={t('stocktake.room')}
              value={e.room}
              onChange={(ev) => setExtra((x) => x.map((y, j) => (j === idx ? { ...y, room: ev.target.value } : y)))}
            />
            <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => setExtra((x) => x.filter((_, j) => j !== idx))} />
          </Flex>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setExtra((x) => [...x, { key: ++extraSeq, code: '', name: '', room: '' }])}>
          {t('checklist.addExtra')}
        </Button>
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        {submit.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problemText(submit.error, t('common.unexpectedError'))} />}
        <Flex gap={8} align="center" wrap>
          <Input
            style={{ maxWidth: 280 }}
            placeholder={t('checklist.answeredBy')}
            aria-label={t('checklist.answeredBy')}
            value={answeredBy}
            onChange={(e) => setAnsweredBy(e.target.value)}
            data-testid="checklist-answered-by"
          />
          <Button type="primary" disabled={!answeredBy.trim()} loading={submit.isPending} onClick={() => submit.mutate()} data-testid="checklist-submit">
            {t('checklist.submit')}
          </Button>
          {unanswered > 0 && <Typography.Text type="warning">{t('checklist.unanswered', { count: unanswered })}</Typography.Text>}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('checklist.submitHint')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
