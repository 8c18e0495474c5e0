import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { kbStatuses, kbVisibilities } from '@unyo/contracts';
import { Button, Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { KbArticleEditor } from './kb-article-editor.tsx';
import { KbArticleView } from './kb-article-view.tsx';
import { KbHistoryDrawer } from './kb-history-drawer.tsx';
import { useArticle } from './knowledge.api.ts';

/** /kb/new creates an article; /kb/:id shows it, with editing and the version history for writers. */
export function KbArticlePage() {
  const { id = 'new' } = useParams();
  // /kb/new and /kb/:id are one route: a saved new article must start a fresh screen (view mode).
  return <ArticleScreen key={id} id={id} />;
}

function ArticleScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isNew = id === 'new';
  const { data: article, isPending, error, refetch, isRefetching } = useArticle(isNew ? null : id);
  const [editing, setEditing] = useState(isNew);
  const [history, setHistory] = useState(false);
  const canEdit = useCan(article, 'update');
  const canHistory = useCan(article, 'history');

  const back = <Link to="/kb">{t('kb.back')}</Link>;
  if (isNew) {
    return (
      <>
        <PageHeader title={t('kb.newArticle')} extra={back} />
        <KbArticleEditor article={null} onSaved={(a) => navigate(`/kb/${a.id}`, { replace: true })} onCancel={() => navigate('/kb')} />
      </>
    );
  }
  if (error) return <ProblemAlert error={error} />;
  if (isPending || !article) return <Skeleton active />;
  const title = (article.ja ?? article.en)?.title ?? article.number;
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <Space>
            <StatusTag items={kbVisibilities.items} value={article.visibility} />
            <StatusTag items={kbStatuses.items} value={article.status} />
            <span>v{article.version}</span>
            {canHistory && (
              <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)} data-testid="kb-history">
                {t('kb.history')}
              </Button>
            )}
            {canEdit && !editing && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="kb-edit">
                {t('kb.edit')}
              </Button>
            )}
            {back}
          </Space>
        }
      />
      {editing ? (
        <KbArticleEditor
          key={article.version}
          article={article}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
          onReload={() => void refetch()}
        />
      ) : (
        <Card loading={isRefetching && !article}>
          <KbArticleView key={article.version} article={article} />
        </Card>
      )}
      <KbHistoryDrawer article={article} open={history} onClose={() => setHistory(false)} />
    </>
  );
}
