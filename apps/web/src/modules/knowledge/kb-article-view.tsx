import type { KbArticleDto, Locale } from '@unyo/contracts';
import { Alert, Drawer, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime, localName } from '../../lib/format.ts';
import { KbBody } from './kb-body.tsx';
import { useArticle } from './knowledge.api.ts';

/** The language to show first: the reader's when the article has it. */
export function initialLang(a: Pick<KbArticleDto, 'ja' | 'en'>, locale: Locale): Locale {
  if (a[locale]) return locale;
  return locale === 'ja' ? 'en' : 'ja';
}

/** One article as readers see it; both languages can be switched when the article has both. */
export function KbArticleView({ article }: { article: KbArticleDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [lang, setLang] = useState<Locale>(initialLang(article, locale));
  const content = article[lang];
  const images = Object.fromEntries(article.screenshots.map((s) => [s.fileId.toLowerCase(), s.url]));
  // Shown when the article is not written in the reader's language at all.
  const available: Locale = locale === 'ja' ? 'en' : 'ja';
  return (
    <div data-testid="kb-article-view">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{article.number}</Typography.Text>
        {article.category && <Tag>{localName(article.category, locale)}</Tag>}
        {article.tags.map((x) => (
          <Tag key={x} color="blue">
            {x}
          </Tag>
        ))}
        <Typography.Text type="secondary">{formatDateTime(article.updatedAt, locale)}</Typography.Text>
      </Space>
      {article.ja && article.en && (
        <div style={{ marginBottom: 12 }}>
          <Segmented<Locale>
            value={lang}
            onChange={setLang}
            options={[
              { value: 'ja', label: t('kb.ja') },
              { value: 'en', label: t('kb.en') },
            ]}
          />
        </div>
      )}
      {!article[locale] && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('kb.onlyIn', { lang: t(available === 'ja' ? 'kb.ja' : 'kb.en') })} />
      )}
      {content && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {content.title}
          </Typography.Title>
          <KbBody body={content.body} images={images} />
        </>
      )}
    </div>
  );
}

/** A drawer that loads and shows one article (FAQ results, suggestions). */
export function KbArticleDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useArticle(id);
  return (
    <Drawer open={!!id} size={720} title={t('kb.title')} onClose={onClose} destroyOnHidden>
      <ProblemAlert error={error} />
      {id && isPending && <Skeleton active />}
      {data && <KbArticleView key={data.id} article={data} />}
    </Drawer>
  );
}
