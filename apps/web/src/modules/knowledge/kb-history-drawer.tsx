import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KbArticleDto, type KbVersionSummaryDto, kbStatuses, kbVisibilities } from '@unyo/contracts';
import { App, Button, Drawer, Modal, Popconfirm, Skeleton, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { formatDateTime } from '../../lib/format.ts';
import { KbBody } from './kb-body.tsx';
import { getVersion, kbKeys, listVersions, restoreVersion } from './knowledge.api.ts';

/** Every saved version of an article; any one can be viewed and restored (which saves it as a new version). */
export function KbHistoryDrawer({ article, open, onClose }: { article: KbArticleDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canRestore = useCan(article, 'restore');
  const [viewing, setViewing] = useState<number | null>(null);
  const { data, isPending, error } = useQuery({ queryKey: kbKeys.versions(article.id), queryFn: () => listVersions(article.id), enabled: open });
  const restore = useMutation({
    mutationFn: (n: number) => restoreVersion(article.id, n, article.version),
    onSuccess: (_, n) => {
      void qc.invalidateQueries({ queryKey: kbKeys.all });
      message.success(t('kb.restored', { n }));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  return (
    <Drawer open={open} onClose={onClose} size={640} title={t('kb.history')}>
      <ProblemAlert error={error} />
      <Table<KbVersionSummaryDto>
        rowKey="number"
        size="small"
        loading={isPending}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="kb-versions"
        columns={[
          { key: 'n', title: t('kb.version'), width: 60, render: (_, v) => `v${v.number}` },
          {
            key: 'who',
            title: t('kb.updatedBy'),
            render: (_, v) => (
              <>
                <div>{v.author}</div>
                <div style={{ color: '#888', fontSize: 12 }}>{formatDateTime(v.at, locale)}</div>
              </>
            ),
          },
          {
            key: 'note',
            title: t('kb.versionNote'),
            render: (_, v) => (v.restoredFrom ? t('kb.restoredFrom', { n: v.restoredFrom }) : (v.note ?? '')),
          },
          { key: 'status', title: t('kb.status'), width: 100, render: (_, v) => <StatusTag items={kbStatuses.items} value={v.status} /> },
          {
            key: 'actions',
            width: 170,
            render: (_, v) => (
              <Space>
                <Button size="small" onClick={() => setViewing(v.number)}>
                  {t('kb.viewVersion')}
                </Button>
                {canRestore && v.number !== article.version && (
                  <Popconfirm title={t('kb.restoreConfirm', { n: v.number })} onConfirm={() => restore.mutate(v.number)}>
                    <Button size="small" loading={restore.isPending && restore.variables === v.number} data-testid={`kb-restore-${v.number}`}>
                      {t('kb.restore')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {viewing !== null && <VersionModal article={article} number={viewing} onClose={() => setViewing(null)} />}
    </Drawer>
  );
}

function VersionModal({ article, number, onClose }: { article: KbArticleDto; number: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, isPending } = useQuery({ queryKey: kbKeys.version(article.id, number), queryFn: () => getVersion(article.id, number) });
  // Images of old versions are served through the article (operators may see every version's images).
  const images = Object.fromEntries((data?.screenshotFileIds ?? []).map((id) => [id.toLowerCase(), `/api/v1/kb/articles/${article.id}/images/${id}`]));
  return (
    <Modal open width={760} title={`${article.number} v${number}`} onCancel={onClose} footer={null}>
      {isPending && <Skeleton active />}
      {data && (
        <>
          <Space style={{ marginBottom: 8 }}>
            <StatusTag items={kbVisibilities.items} value={data.visibility} />
            <StatusTag items={kbStatuses.items} value={data.status} />
            {data.tags.join(', ')}
          </Space>
          <Tabs
            items={(['ja', 'en'] as const).map((l) => ({
              key: l,
              label: t(l === 'ja' ? 'kb.ja' : 'kb.en'),
              children: data[l] ? (
                <>
                  <h3>{data[l].title}</h3>
                  <KbBody body={data[l].body} images={images} />
                </>
              ) : (
                <span style={{ color: '#888' }}>{t('kb.missingLanguage')}</span>
              ),
            }))}
          />
        </>
      )}
    </Modal>
  );
}
