import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type KbArticleSummaryDto, kbStatuses, kbVisibilities } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { categoryTreeData } from '../servicedesk/ticket-format.ts';
import { useTicketCategories } from '../servicedesk/tickets.api.ts';
import { kbKeys, listArticles } from './knowledge.api.ts';

/** Operators' list and search of the knowledge base (both languages, internal articles included). */
export function KnowledgePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan('kb.manage');
  const [q, setQ] = useState<string | undefined>();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [visibility, setVisibility] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const categories = useTicketCategories();
  const params = { q, categoryId, visibility, status, lang: locale };
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery({
    queryKey: kbKeys.list(params),
    queryFn: ({ pageParam }) => listArticles(params, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = data?.pages.flatMap((p) => p.items) ?? [];
  const total = data?.pages[0]?.total ?? 0;

  const columns: TableColumnsType<KbArticleSummaryDto> = [
    { key: 'number', title: t('kb.number'), width: 120, render: (_, a) => a.number },
    {
      key: 'title',
      title: t('kb.articleTitle'),
      render: (_, a) => (
        <>
          <Link to={`/kb/${a.id}`}>{a.title}</Link>
          <div style={{ color: '#888', fontSize: 12 }}>{a.snippet}</div>
        </>
      ),
    },
    {
      key: 'languages',
      title: t('kb.languages'),
      width: 110,
      render: (_, a) =>
        (['ja', 'en'] as const).map((l) => (
          <Tag key={l} color={a.languages.includes(l) ? 'blue' : 'default'}>
            {l.toUpperCase()}
          </Tag>
        )),
    },
    { key: 'category', title: t('kb.category'), width: 160, ellipsis: true, render: (_, a) => localName(a.category, locale) },
    { key: 'visibility', title: t('kb.visibility'), width: 140, render: (_, a) => <StatusTag items={kbVisibilities.items} value={a.visibility} /> },
    { key: 'status', title: t('kb.status'), width: 110, render: (_, a) => <StatusTag items={kbStatuses.items} value={a.status} /> },
    { key: 'updatedAt', title: t('kb.updatedAt'), width: 150, render: (_, a) => formatDateTime(a.updatedAt, locale) },
  ];

  return (
    <>
      <PageHeader
        title={t('kb.title')}
        description={t('kb.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="kb-create" onClick={() => navigate('/kb/new')}>
              {t('kb.newArticle')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox value={q} onChange={setQ} placeholder={t('kb.searchPlaceholder')} width={320} />
        <TreeSelect
          allowClear
          placeholder={t('kb.category')}
          style={{ width: 220 }}
          value={categoryId}
          treeData={categoryTreeData(categories.data?.items, locale)}
          onChange={(v) => setCategoryId(v ?? undefined)}
        />
        <Select
          allowClear
          placeholder={t('kb.visibility')}
          style={{ width: 170 }}
          value={visibility}
          onChange={setVisibility}
          options={choiceOptions(kbVisibilities.items, locale)}
        />
        <Select
          allowClear
          placeholder={t('kb.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={choiceOptions(kbStatuses.items, locale)}
        />
        <span>{t('common.total', { total })}</span>
      </Space>
      <ProblemAlert error={error} />
      <Table<KbArticleSummaryDto>
        rowKey="id"
        size="middle"
        loading={isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        onRow={(a) => ({ onDoubleClick: () => navigate(`/kb/${a.id}`) })}
        data-testid="kb-table"
      />
      {hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
