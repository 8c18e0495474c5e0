import { CheckOutlined, QuestionOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { mediaKinds, type SoftwareStocktakeDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { formatDateTime, localName } from '../../lib/format.ts';
import { checkStocktakeMedia, listStocktakeMedia, type StocktakeMediaLine, softwareKeys, useSoftwareMutation } from './software.api.ts';

type Result = 'present' | 'missing';
// The check result has no contracts choice set; these are the colours the hardware stock-take uses for found / missing.
const resultColor: Record<Result, string> = { present: 'green', missing: 'red' };

function ResultTag({ line }: { line: StocktakeMediaLine }) {
  const { t } = useTranslation();
  const result = line.result;
  return (
    <span data-testid="sw-stocktake-result" data-result={result ?? 'unchecked'}>
      {result ? <Tag color={resultColor[result]}>{t(`swStocktake.${result}`)}</Tag> : <Tag>{t('swStocktake.unchecked')}</Tag>}
    </span>
  );
}

/** The media register check: every item in the user's sites, marked present or missing with an optional note. */
export function StocktakeMediaTab({ st }: { st: SoftwareStocktakeDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canCheck = canOn(st, 'check');
  // Notes typed in this session, by media id; a row without one shows the note last recorded.
  const [notes, setNotes] = useState<Record<string, string>>({});
  const { data, isPending, error } = useQuery({ queryKey: softwareKeys.stocktakeMedia(st.id), queryFn: () => listStocktakeMedia(st.id) });
  const check = useSoftwareMutation(({ line, result }: { line: StocktakeMediaLine; result: Result }) =>
    checkStocktakeMedia(st.id, { mediaId: line.media.id, result, note: (notes[line.media.id] ?? line.note ?? '').trim() || undefined }),
  );

  const onCheck = (line: StocktakeMediaLine, result: Result) =>
    check.mutate(
      { line, result },
      {
        onSuccess: () => message.success(t('swStocktake.recorded')),
        onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
      },
    );
  const busy = (line: StocktakeMediaLine, result: Result) =>
    check.isPending && check.variables?.line.media.id === line.media.id && check.variables.result === result;

  const columns: TableColumnsType<StocktakeMediaLine> = [
    { key: 'itemNumber', title: t('swStocktake.itemNumber'), width: 130, ellipsis: true, render: (_, l) => l.media.itemNumber },
    { key: 'kind', title: t('swStocktake.kind'), width: 160, render: (_, l) => <StatusTag items={mediaKinds.items} value={l.media.kind} /> },
    { key: 'title', title: t('swStocktake.itemTitle'), width: 220, ellipsis: true, render: (_, l) => l.media.title },
    { key: 'site', title: t('swStocktake.site'), width: 140, ellipsis: true, render: (_, l) => localName(l.site, locale) },
    { key: 'storageLocation', title: t('swStocktake.storageLocation'), width: 170, ellipsis: true, render: (_, l) => l.media.storageLocation },
    { key: 'result', title: t('swStocktake.result'), width: 110, render: (_, l) => <ResultTag line={l} /> },
    {
      key: 'checked',
      title: t('swStocktake.checked'),
      width: 200,
      ellipsis: true,
      render: (_, l) => (l.checkedAt ? `${formatDateTime(l.checkedAt, locale)} ${l.checkedBy ?? ''}` : ''),
    },
    {
      key: 'note',
      title: t('swStocktake.note'),
      width: 220,
      render: (_, l) =>
        canCheck ? (
          <Input
            size="small"
            maxLength={500}
            placeholder={t('swStocktake.checkNote')}
            value={notes[l.media.id] ?? l.note ?? ''}
            onChange={(e) => setNotes((n) => ({ ...n, [l.media.id]: e.target.value }))}
            aria-label={`${t('swStocktake.note')} ${l.media.itemNumber}`}
            data-testid="sw-stocktake-note"
          />
        ) : (
          l.note
        ),
    },
    ...(canCheck
      ? ([
          {
            key: 'actions',
            title: t('common.actions'),
            width: 220,
            fixed: 'right',
            render: (_, l) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<CheckOutlined />}
                  type={l.result === 'present' ? 'primary' : 'default'}
                  loading={busy(l, 'present')}
                  onClick={() => onCheck(l, 'present')}
                  data-testid="sw-stocktake-present"
                >
                  {t('swStocktake.present')}
                </Button>
                <Button
                  size="small"
                  danger
                  icon={<QuestionOutlined />}
                  type={l.result === 'missing' ? 'primary' : 'default'}
                  loading={busy(l, 'missing')}
                  onClick={() => onCheck(l, 'missing')}
                  data-testid="sw-stocktake-missing"
                >
                  {t('swStocktake.missing')}
                </Button>
              </Space>
            ),
          },
        ] satisfies TableColumnsType<StocktakeMediaLine>)
      : []),
  ];

  return (
    <>
      {error && <ProblemAlert error={error} />}
      <Table<StocktakeMediaLine>
        className="unyo-table"
        size="small"
        rowKey={(l) => l.media.id}
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: canCheck ? 1570 : 1350 }}
        locale={{ emptyText: t('swStocktake.mediaEmpty') }}
        onRow={(l) => ({ 'data-testid': `sw-stocktake-media-${l.media.itemNumber}` }) as object}
        data-testid="sw-stocktake-media"
      />
    </>
  );
}
