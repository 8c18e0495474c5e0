import { BulbOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, List } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { KbArticleDrawer } from './kb-article-view.tsx';
import { kbKeys, suggestArticles } from './knowledge.api.ts';
import { KbResultItem } from './portal-faq.tsx';

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * Articles that may answer what the requester is typing (5.4.b): the server picks the significant words of the
 * text and ranks articles by them. Nothing is shown until something matches.
 */
export function SuggestedArticles({ text }: { text: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState<string | null>(null);
  const debounced = useDebounced(text.trim().slice(0, 2000), 400);
  const { data } = useQuery({
    queryKey: kbKeys.suggest(debounced, locale),
    queryFn: () => suggestArticles(debounced, locale),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = debounced.length >= 2 ? (data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      data-testid="kb-suggestions"
      title={
        <>
          <BulbOutlined /> {t('kb.suggestTitle')}
        </>
      }
      style={{ marginBottom: 16 }}
    >
      <List size="small" dataSource={items} renderItem={(a) => <KbResultItem a={a} onOpen={setOpen} />} />
      <KbArticleDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
