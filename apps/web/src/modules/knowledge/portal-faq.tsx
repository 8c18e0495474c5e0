import { useQuery } from '@tanstack/react-query';
import type { KbArticleSummaryDto } from '@unyo/contracts';
import { Card, Empty, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { KbArticleDrawer } from './kb-article-view.tsx';
import { kbKeys, listArticles } from './knowledge.api.ts';

/** A result row: title, language badge when it is not the reader's, and the opening of the body. */
export function KbResultItem({ a, onOpen }: { a: KbArticleSummaryDto; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen(a.id)} data-testid="kb-result">
      <List.Item.Meta
        title={
          <>
            <Typography.Link>{a.title}</Typography.Link>
            {a.lang !== locale && <Tag style={{ marginInlineStart: 8 }}>{t('kb.onlyIn', { lang: t(a.lang === 'ja' ? 'kb.ja' : 'kb.en') })}</Tag>}
          </>
        }
        description={a.snippet}
      />
    </List.Item>
  );
}

/**
 * The portal FAQ: search over articles published to requesters (the server returns nothing else to them), in the
 * UI language first, with the article opened in a drawer.
 */
export function PortalFaq({ initialQuery }: { initialQuery?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [q, setQ] = useState(initialQuery ?? '');
  const [open, setOpen] = useState<string | null>(null);
  const params = { q: q || undefined, lang: locale, limit: 20 };
  const { data, isPending, error } = useQuery({ queryKey: kbKeys.list({ ...params, portal: true }), queryFn: () => listArticles(params) });
  return (
    <Card title={t('kb.faqTitle')} data-testid="portal-faq">
      <Input.Search allowClear placeholder={t('kb.faqPlaceholder')} defaultValue={q} onSearch={(v) => setQ(v.trim())} enterButton data-testid="faq-search" />
      <ProblemAlert error={error} style={{ marginTop: 12 }} />
      <List<KbArticleSummaryDto>
        loading={isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.noResults')} /> }}
        renderItem={(a) => <KbResultItem a={a} onOpen={setOpen} />}
      />
      <KbArticleDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
