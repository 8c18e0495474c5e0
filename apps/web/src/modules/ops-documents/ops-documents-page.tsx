import { AuditOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type OpsDocumentDto, opsDocumentKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { OpsDocumentFormDrawer } from './ops-document-form.tsx';
import { OpsDocumentReviewModal } from './ops-document-review-modal.tsx';
import { fileDownloadUrl, listOpsDocuments, opsDocumentKeys } from './ops-documents.api.ts';

type ReviewState = OpsDocumentDto['reviewState'];
const reviewStateColors: Record<ReviewState, string> = { ok: 'green', due_soon: 'gold', overdue: 'red' };
const reviewStates: ReviewState[] = ['ok', 'due_soon', 'overdue'];
const listKeys = ['q', 'kind', 'state'] as const;

export function ReviewStateTag({ state }: { state: ReviewState }) {
  const { t } = useTranslation();
  return (
    <Tag color={reviewStateColors[state]} data-testid="ops-doc-review-state" data-state={state}>
      {t(`opsDoc.reviewStates.${state}`)}
    </Tag>
  );
}

/** The verification history of one document, newest first. */
function ReviewHistory({ doc }: { doc: OpsDocumentDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (doc.reviews.length === 0) return <Typography.Text type="secondary">{t('opsDoc.noHistory')}</Typography.Text>;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      data-testid="ops-doc-history"
      title={() => t('opsDoc.history')}
      dataSource={doc.reviews}
      columns={[
        { key: 'verifiedOn', title: t('opsDoc.verifiedOn'), width: 120, render: (_, r) => formatDate(r.verifiedOn, locale) },
        { key: 'result', title: t('opsDoc.result'), width: 110, render: (_, r) => t(`opsDoc.results.${r.result}`) },
        {
          key: 'version',
          title: t('opsDoc.versionChange'),
          width: 140,
          render: (_, r) => (r.fromVersion === r.toVersion ? r.toVersion : `${r.fromVersion} → ${r.toVersion}`),
        },
        { key: 'verifiedBy', title: t('opsDoc.verifiedBy'), dataIndex: 'verifiedBy', width: 150 },
        { key: 'note', title: t('opsDoc.reviewNote'), dataIndex: 'note', ellipsis: true },
        { key: 'createdAt', title: t('opsDoc.recordedAt'), width: 150, render: (_, r) => formatDateTime(r.createdAt, locale) },
      ]}
    />
  );
}

/** 運用文書 (1.1.d, 1.1.e): response plans and checklists with their versions and yearly verification. */
export function OpsDocumentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan('ops-document.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<{ doc?: OpsDocumentDto } | null>(null);
  const [reviewing, setReviewing] = useState<OpsDocumentDto | null>(null);
  const { data, error, isPending } = useQuery({ queryKey: opsDocumentKeys.list, queryFn: listOpsDocuments });

  // The register is small and agency-wide (one list, no paging): the filters only narrow what is shown.
  const q = params.q?.toLowerCase();
  const rows = (data ?? []).filter(
    (d) =>
      (!params.kind || d.kind === params.kind) &&
      (!params.state || d.reviewState === params.state) &&
      (!q || d.title.toLowerCase().includes(q) || (d.owner ?? '').toLowerCase().includes(q)),
  );

  const columns: TableColumnsType<OpsDocumentDto> = [
    { key: 'kind', title: t('opsDoc.kind'), width: 200, render: (_, d) => <StatusTag items={opsDocumentKinds.items} value={d.kind} /> },
    {
      key: 'title',
      title: t('opsDoc.titleField'),
      width: 260,
      ellipsis: true,
      render: (_, d) => (canOn(d, 'update') ? <Typography.Link onClick={() => setEditing({ doc: d })}>{d.title}</Typography.Link> : d.title),
    },
    { key: 'docVersion', title: t('opsDoc.docVersion'), width: 90, render: (_, d) => <span data-testid="ops-doc-version">{d.docVersion}</span> },
    { key: 'owner', title: t('opsDoc.owner'), dataIndex: 'owner', width: 130, ellipsis: true },
    {
      key: 'lastVerifiedOn',
      title: t('opsDoc.lastVerifiedOn'),
      width: 120,
      render: (_, d) =>
        d.lastVerifiedOn ? formatDate(d.lastVerifiedOn, locale) : <Typography.Text type="secondary">{t('opsDoc.neverVerified')}</Typography.Text>,
    },
    { key: 'nextReviewOn', title: t('opsDoc.nextReviewOn'), width: 120, render: (_, d) => formatDate(d.nextReviewOn, locale) },
    { key: 'reviewState', title: t('opsDoc.reviewState'), width: 110, render: (_, d) => <ReviewStateTag state={d.reviewState} /> },
    {
      key: 'file',
      title: t('opsDoc.file'),
      width: 130,
      render: (_, d) =>
        d.fileId && (
          <Typography.Link href={fileDownloadUrl(d.fileId)} data-testid="ops-doc-download">
            <DownloadOutlined /> {t('opsDoc.download')}
          </Typography.Link>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 130,
      render: (_, d) =>
        canOn(d, 'review') ? (
          <Button size="small" icon={<AuditOutlined />} onClick={() => setReviewing(d)} data-testid="ops-doc-review">
            {t('opsDoc.recordReview')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('opsDoc.title')}
        description={t('opsDoc.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="ops-doc-create">
              {t('opsDoc.create')}
            </Button>
          )
        }
      />
      {error && <ProblemAlert error={error} />}
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <SearchBox value={params.q} onChange={(value) => setParams({ q: value })} placeholder={t('opsDoc.searchPlaceholder')} width={260} />
        <Select
          allowClear
          placeholder={t('opsDoc.filterKind')}
          style={{ width: 260 }}
          value={params.kind}
          options={choiceOptions(opsDocumentKinds.items, locale)}
          onChange={(kind?: string) => setParams({ kind })}
          aria-label={t('opsDoc.filterKind')}
        />
        <Select
          allowClear
          placeholder={t('opsDoc.filterState')}
          style={{ width: 150 }}
          value={params.state}
          options={reviewStates.map((s) => ({ value: s, label: t(`opsDoc.reviewStates.${s}`) }))}
          onChange={(state?: string) => setParams({ state })}
          aria-label={t('opsDoc.filterState')}
        />
      </Flex>
      <Table<OpsDocumentDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1290 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        expandable={{ expandedRowRender: (d) => <ReviewHistory doc={d} /> }}
        data-testid="ops-doc-table"
      />
      {editing && <OpsDocumentFormDrawer doc={editing.doc} onClose={() => setEditing(null)} />}
      {reviewing && <OpsDocumentReviewModal doc={reviewing} onClose={() => setReviewing(null)} />}
    </>
  );
}
