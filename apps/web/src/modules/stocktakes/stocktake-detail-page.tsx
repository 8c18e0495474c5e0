import { CheckCircleOutlined, DownloadOutlined, MailOutlined, ScanOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type StocktakeDto,
  type StocktakeItemDto,
  type StocktakeItemUpdateInput,
  type StocktakeSiteDto,
  stocktakeMethods,
  stocktakeModes,
  stocktakeResults,
  stocktakeStatuses,
} from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Descriptions, Dropdown, Flex, Input, Progress, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { choiceOptions, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import {
  closeStocktake,
  listStocktakeItems,
  placeText,
  sendStocktakeLinks,
  stocktakeKeys,
  stocktakeReportUrl,
  updateStocktakeItem,
  useStocktake,
} from './stocktakes.api.ts';

export function StocktakeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { data: st, error } = useStocktake(id);
  const refresh = () => qc.invalidateQueries({ queryKey: stocktakeKeys.all });
  const close = useMutation({
    mutationFn: () => closeStocktake(id),
    onSuccess: (r) => {
      void refresh();
      message.success(t('stocktake.closed', { corrected: r.corrected, missing: r.missing, skipped: r.skipped }));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });
  const send = useMutation({
    mutationFn: () => sendStocktakeLinks(id),
    onSuccess: () => {
      void refresh();
      message.success(t('stocktake.sent'));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  if (error) return <ProblemAlert error={error} />;
  if (!st) return <Spin />;

  const confirmClose = () =>
    modal.confirm({
      title: t('stocktake.closeConfirm'),
      content: t('stocktake.closeHint'),
      okText: t('stocktake.close'),
      okButtonProps: { danger: true, 'data-testid': 'stocktake-close-ok' } as never,
      onOk: () => close.mutateAsync(),
    });

  return (
    <>
      <PageHeader
        title={st.name}
        extra={
          <>
            <Link to="/stocktakes">
              <Button>{t('stocktake.back')}</Button>
            </Link>
            {canOn(st, 'check') && (
              <Link to={`/stocktakes/${st.id}/scan`}>
                <Button icon={<ScanOutlined />} data-testid="stocktake-scan">
                  {t('stocktake.scan')}
                </Button>
              </Link>
            )}
            <Button icon={<DownloadOutlined />} href={stocktakeReportUrl(st.id)} data-testid="stocktake-report">
              {t('stocktake.report')}
            </Button>
            {canOn(st, 'send') && (
              <Button icon={<MailOutlined />} loading={send.isPending} onClick={() => send.mutate()}>
                {t('stocktake.send')}
              </Button>
            )}
            {canOn(st, 'close') && (
              <Button danger icon={<CheckCircleOutlined />} loading={close.isPending} onClick={confirmClose} data-testid="stocktake-close">
                {t('stocktake.close')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('stocktake.status')}>
            <span data-testid="stocktake-status">
              <StatusTag items={stocktakeStatuses.items} value={st.status} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('stocktake.mode')}>
            <StatusTag items={stocktakeModes.items} value={st.mode} />
          </Descriptions.Item>
          <Descriptions.Item label={t('stocktake.dueOn')}>{formatDate(st.dueOn, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('stocktake.startedAt')}>{formatDateTime(st.startedAt, locale)}</Descriptions.Item>
          {st.closedAt && <Descriptions.Item label={t('stocktake.closedAt')}>{formatDateTime(st.closedAt, locale)}</Descriptions.Item>}
          {st.note && <Descriptions.Item label={t('stocktake.note')}>{st.note}</Descriptions.Item>}
        </Descriptions>
        <Progress percent={st.progress.percent} status={st.status === 'closed' ? 'success' : 'active'} />
        <Typography.Text type="secondary">{t('stocktake.counts', st.progress)}</Typography.Text>
      </Card>
      <SitesTable st={st} />
      <ItemsTable st={st} />
    </>
  );
}

function SitesTable({ st }: { st: StocktakeDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: TableColumnsType<StocktakeSiteDto> = [
    { key: 'site', title: t('stocktake.site'), render: (_, s) => `${s.site.code} ${localName(s.site, locale)}` },
    { key: 'progress', title: t('stocktake.progress'), width: 220, render: (_, s) => <Progress size="small" percent={s.progress.percent} /> },
    ...(st.mode === 'remote'
      ? ([
          { key: 'mailedTo', title: t('stocktake.mailedTo'), render: (_, s) => s.mailedTo ?? <Tag>{t('stocktake.notMailed')}</Tag> },
          { key: 'mailedAt', title: t('stocktake.mailedAt'), width: 150, render: (_, s) => formatDateTime(s.mailedAt, locale) },
          {
            key: 'answered',
            title: t('stocktake.answeredBy'),
            render: (_, s) => (s.answeredAt ? `${s.answeredBy} (${formatDateTime(s.answeredAt, locale)})` : ''),
          },
        ] satisfies TableColumnsType<StocktakeSiteDto>)
      : []),
  ];
  return (
    <Table<StocktakeSiteDto> size="small" rowKey={(s) => s.site.id} columns={columns} dataSource={st.sites} pagination={false} style={{ marginBottom: 16 }} />
  );
}

function ItemsTable({ st }: { st: StocktakeDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [result, setResult] = useState<string | undefined>();
  const [siteId, setSiteId] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = { result, siteId, q, limit: 500 };
  const { data, isPending, error } = useQuery({ queryKey: stocktakeKeys.items(st.id, params), queryFn: () => listStocktakeItems(st.id, params) });
  const mark = useMutation({
    mutationFn: ({ item, input }: { item: StocktakeItemDto; input: StocktakeItemUpdateInput }) => updateStocktakeItem(st.id, item.id, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: stocktakeKeys.all }),
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });
  const open = canOn(st, 'check');

  const columns: TableColumnsType<StocktakeItemDto> = [
    {
      key: 'assetNumber',
      title: t('stocktake.assetNumber'),
      width: 170,
      render: (_, i) => (
        <>
          {i.assetId ? <Link to={`/assets/${i.assetId}`}>{i.assetNumber}</Link> : i.assetNumber}
          {i.draft && (
            <Tag style={{ marginInlineStart: 6 }} color="magenta">
              {t('stocktake.draft')}
            </Tag>
          )}
        </>
      ),
    },
    { key: 'name', title: t('stocktake.assetName'), ellipsis: true, render: (_, i) => i.expectedName },
    { key: 'result', title: t('stocktake.result'), width: 150, render: (_, i) => <StatusTag items={stocktakeResults.items} value={i.result} /> },
    {
      key: 'expected',
      title: t('stocktake.expected'),
      ellipsis: true,
      render: (_, i) => [localName(i.expectedSite, locale), placeText(i.expectedLocation)].filter(Boolean).join(' ／ '),
    },
    {
      key: 'actual',
      title: t('stocktake.actual'),
      ellipsis: true,
      render: (_, i) => [localName(i.actualSite, locale), placeText(i.actualLocation)].filter(Boolean).join(' ／ '),
    },
    { key: 'method', title: t('stocktake.method'), width: 110, render: (_, i) => <StatusTag items={stocktakeMethods.items} value={i.method} /> },
    {
      key: 'checked',
      title: t('stocktake.checkedAt'),
      width: 200,
      render: (_, i) => (i.checkedAt ? `${formatDateTime(i.checkedAt, locale)} ${i.checkedBy ?? ''}` : ''),
    },
    ...(open
      ? ([
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_, i) =>
              i.result !== 'unexpected' && (
                <Dropdown
                  menu={{
                    items: [
                      { key: 'found', label: t('stocktake.markFound') },
                      { key: 'missing', label: t('stocktake.markMissing') },
                      { key: 'pending', label: t('stocktake.markPending') },
                    ],
                    onClick: ({ key }) => mark.mutate({ item: i, input: { result: key as 'found' | 'missing' | 'pending' } }),
                  }}
                >
                  <Button size="small">…</Button>
                </Dropdown>
              ),
          },
        ] satisfies TableColumnsType<StocktakeItemDto>)
      : []),
  ];

  return (
    <Card size="small" title={t('stocktake.items')}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('common.searchPlaceholder')} style={{ width: 240 }} onSearch={(v) => setQ(v || undefined)} />
        <Select
          allowClear
          placeholder={t('stocktake.result')}
          style={{ width: 180 }}
          value={result}
          options={choiceOptions(stocktakeResults.items, locale)}
          onChange={setResult}
          data-testid="stocktake-result-filter"
        />
        <Select
          allowClear
          placeholder={t('stocktake.site')}
          style={{ width: 220 }}
          value={siteId}
          options={st.sites.map((s) => ({ value: s.site.id, label: `${s.site.code} ${localName(s.site, locale)}` }))}
          onChange={setSiteId}
        />
      </Flex>
      {error && <Alert type="error" title={problemText(error, t('common.unexpectedError'))} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Table<StocktakeItemDto>
          size="small"
          rowKey="id"
          loading={isPending}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          footer={() => t('common.total', { total: data?.total ?? 0 })}
        />
      </Space>
    </Card>
  );
}
