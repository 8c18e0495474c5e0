import { EditOutlined, ExportOutlined, HistoryOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { mediaKinds, mediaStatuses, type SoftwareMediaDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Popconfirm, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { MediaFormDrawer } from './media-form.tsx';
import { LendModal, LoansDrawer } from './media-loans.tsx';
import { ShipmentsTab } from './media-shipments.tsx';
import { listMedia, returnMedia, softwareKeys, useSoftwareMutation } from './software.api.ts';

const listKeys = ['tab', 'q', 'kind', 'status', 'overdue'] as const;

type Editing = { media?: SoftwareMediaDto } | null;

/** The status tag, with who has the item while it is lent out and whether it is past its due date. */
function MediaStatus({ media }: { media: SoftwareMediaDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span data-testid="media-status" data-status={media.status}>
      <StatusTag items={mediaStatuses.items} value={media.status} />
      {media.loan && (
        <Typography.Text data-testid="media-borrower">
          {media.loan.borrower}
          {media.loan.dueOn && <Typography.Text type="secondary">{` (${t('swMedia.dueBy', { date: formatDate(media.loan.dueOn, locale) })})`}</Typography.Text>}
        </Typography.Text>
      )}
      {media.loan?.overdue && (
        <Tag color="red" data-testid="media-overdue" style={{ marginInlineStart: 8 }}>
          {t('swMedia.overdue')}
        </Tag>
      )}
    </span>
  );
}

function MediaTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('software-media.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<Editing>(null);
  const [lending, setLending] = useState<SoftwareMediaDto | null>(null);
  const [loansOf, setLoansOf] = useState<SoftwareMediaDto | null>(null);
  const giveBack = useSoftwareMutation((m: SoftwareMediaDto) => returnMedia(m.id));
  const query = { q: params.q, kind: params.kind, status: params.status, overdue: params.overdue ? 'true' : undefined };

  const onReturn = (m: SoftwareMediaDto) =>
    giveBack
      .mutateAsync(m, {
        onSuccess: () => message.success(t('swMedia.returned')),
        onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
      })
      .catch(() => undefined);

  const columns: TableColumnsType<SoftwareMediaDto> = [
    { key: 'itemNumber', title: t('swMedia.itemNumber'), dataIndex: 'itemNumber', width: 130, ellipsis: true },
    { key: 'kind', title: t('swMedia.kind'), width: 160, render: (_, m) => <StatusTag items={mediaKinds.items} value={m.kind} /> },
    { key: 'title', title: t('swMedia.itemTitle'), dataIndex: 'title', width: 240, ellipsis: true },
    { key: 'status', title: t('swMedia.status'), width: 220, render: (_, m) => <MediaStatus media={m} /> },
    {
      key: 'license',
      title: t('swMedia.license'),
      width: 150,
      ellipsis: true,
      render: (_, m) => m.license && <Link to={`/software-licenses/${m.license.id}`}>{m.license.assetNumber}</Link>,
    },
    {
      key: 'asset',
      title: t('swMedia.asset'),
      width: 150,
      ellipsis: true,
      render: (_, m) => m.asset && <Link to={`/assets/${m.asset.id}`}>{m.asset.assetNumber}</Link>,
    },
    { key: 'site', title: t('swMedia.site'), width: 140, ellipsis: true, render: (_, m) => localName(m.site, locale) },
    { key: 'storageLocation', title: t('swMedia.storageLocation'), dataIndex: 'storageLocation', width: 180, ellipsis: true },
    { key: 'documentVersion', title: t('swMedia.documentVersion'), dataIndex: 'documentVersion', width: 90, ellipsis: true },
    { key: 'copies', title: t('swMedia.copies'), dataIndex: 'copies', width: 70, align: 'right' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 280,
      fixed: 'right',
      render: (_, m) => (
        <Space size={4}>
          {canOn(m, 'update') && (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => setEditing({ media: m })}
              aria-label={`${t('common.edit')} ${m.itemNumber}`}
            >
              {t('common.edit')}
            </Button>
          )}
          {canOn(m, 'lend') && (
            <Button size="small" icon={<ExportOutlined />} onClick={() => setLending(m)} data-testid="media-lend">
              {t('swMedia.lend')}
            </Button>
          )}
          {canOn(m, 'return') && (
            <Popconfirm
              title={t('swMedia.confirmReturn', { title: m.title })}
              okText={t('swMedia.return')}
              cancelText={t('common.cancel')}
              onConfirm={() => onReturn(m)}
            >
              <Button size="small" icon={<ImportOutlined />} loading={giveBack.isPending && giveBack.variables?.id === m.id} data-testid="media-return">
                {t('swMedia.return')}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setLoansOf(m)} data-testid="media-loans-open">
            {t('swMedia.loans')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <DataTable<SoftwareMediaDto>
        queryKey={softwareKeys.list('media', query)}
        fetchPage={(cursor) => listMedia(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        ledger="software-media"
        onRowOpen={(m) => canOn(m, 'update') && setEditing({ media: m })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swMedia.searchPlaceholder')} width={280} />
            <Select
              allowClear
              placeholder={t('swMedia.kind')}
              style={{ width: 200 }}
              value={params.kind}
              options={choiceOptions(mediaKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('swMedia.kind')}
            />
            <Select
              allowClear
              placeholder={t('swMedia.status')}
              style={{ width: 140 }}
              value={params.status}
              options={choiceOptions(mediaStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('swMedia.status')}
            />
            <Space size={6}>
              <Switch
                size="small"
                checked={!!params.overdue}
                onChange={(on) => setParams({ overdue: on ? '1' : undefined })}
                aria-label={t('swMedia.overdueOnly')}
                data-testid="media-overdue-only"
              />
              <Typography.Text>{t('swMedia.overdueOnly')}</Typography.Text>
            </Space>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="media-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      {editing && <MediaFormDrawer media={editing.media} onClose={() => setEditing(null)} />}
      {lending && <LendModal media={lending} onClose={() => setLending(null)} />}
      {loansOf && <LoansDrawer media={loansOf} onClose={() => setLoansOf(null)} />}
    </>
  );
}

/** 付属品・資料: certificates, media, manuals and documents with their loans (2.2.r, s, u) and shipments (2.2.t). */
export function MediaPage() {
  const { t } = useTranslation();
  const [params, setParams] = useListParams(listKeys);
  return (
    <>
      <PageHeader title={t('swMedia.title')} description={t('swMedia.description')} />
      <Tabs
        activeKey={params.tab ?? 'items'}
        onChange={(tab) => setParams({ tab: tab === 'items' ? undefined : tab, q: undefined, kind: undefined, status: undefined, overdue: undefined })}
        destroyOnHidden
        items={[
          { key: 'items', label: t('swMedia.tabItems'), children: <MediaTab /> },
          { key: 'shipments', label: t('swMedia.tabShipments'), children: <ShipmentsTab /> },
        ]}
      />
    </>
  );
}
