import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type CloneImageDto, cloneImageKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Alert, Button, Checkbox, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, localName } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { CloneImageDetailDrawer } from './clone-image-detail.tsx';
import { CloneImageFormDrawer } from './clone-image-form.tsx';
import { cloneImageKeys, listCloneImages } from './clone-images.api.ts';

/** クローンイメージ台帳 (3.3.1.k): master disks per model × OS × software set, flagged when not updated for the latest patches. */
export function CloneImagesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan('endpoint-security.manage');
  const [q, setQ] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [siteId, setSiteId] = useState<string | undefined>();
  const [active, setActive] = useState<'true' | 'false' | undefined>('true');
  const [staleOnly, setStaleOnly] = useState(false);
  const [editing, setEditing] = useState<CloneImageDto | 'new' | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const params = { q, kind, siteId, active, stale: staleOnly ? 'true' : undefined };
  const list = useQuery({ queryKey: cloneImageKeys.list(params), queryFn: () => listCloneImages(params) });
  const items = list.data?.items ?? [];
  const staleCount = items.filter((i) => i.stale).length;

  const columns: TableColumnsType<CloneImageDto> = [
    {
      key: 'code',
      title: t('cloneImage.code'),
      width: 200,
      render: (_, i) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(i.id)}>
          {i.code}
        </Button>
      ),
    },
    { key: 'model', title: t('cloneImage.model'), width: 200, ellipsis: true, render: (_, i) => i.model },
    { key: 'os', title: t('cloneImage.os'), width: 200, ellipsis: true, render: (_, i) => i.os },
    { key: 'softwareSet', title: t('cloneImage.softwareSet'), width: 180, ellipsis: true, render: (_, i) => i.softwareSet },
    { key: 'kind', title: t('cloneImage.kind'), width: 100, render: (_, i) => <StatusTag items={cloneImageKinds.items} value={i.kind} /> },
    { key: 'site', title: t('cloneImage.site'), width: 150, render: (_, i) => (i.site ? localName(i.site, locale) : t('cloneImage.orgWide')) },
    { key: 'currentVersion', title: t('cloneImage.currentVersion'), width: 110, render: (_, i) => i.currentVersion },
    {
      key: 'lastUpdatedOn',
      title: t('cloneImage.lastUpdatedOn'),
      width: 170,
      render: (_, i) => (
        <Space size={4}>
          {formatDate(i.lastUpdatedOn, locale)}
          {i.stale && (
            <Tag color="red" data-testid="clone-image-stale">
              {t('cloneImage.stale')}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'active', title: t('cloneImage.active'), width: 80, render: (_, i) => (i.active ? t('common.yes') : t('common.no')) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 70,
      fixed: 'right',
      render: (_, i) => canOn(i, 'update') && <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(i)} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('cloneImage.title')}
        description={t('cloneImage.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="clone-image-create">
              {t('cloneImage.create')}
            </Button>
          )
        }
      />
      {list.data && (
        <Alert
          style={{ marginBottom: 12 }}
          type={staleCount ? 'warning' : 'success'}
          showIcon
          title={
            list.data.latestPlanPresentedOn
              ? t(staleCount ? 'cloneImage.staleSummary' : 'cloneImage.freshSummary', {
                  count: staleCount,
                  date: formatDate(list.data.latestPlanPresentedOn, locale),
                })
              : t('cloneImage.noPlan')
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('cloneImage.kind')}
          value={kind}
          onChange={setKind}
          options={choiceOptions(cloneImageKinds.items, locale)}
        />
        <SiteSelect
          allowClear
          style={{ width: 200 }}
          placeholder={t('cloneImage.site')}
          value={siteId}
          onChange={(v) => setSiteId((v as string) || undefined)}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('cloneImage.active')}
          value={active}
          onChange={setActive}
          options={[
            { value: 'true', label: t('cloneImage.activeOnly') },
            { value: 'false', label: t('cloneImage.retiredOnly') },
          ]}
        />
        <Checkbox checked={staleOnly} onChange={(e) => setStaleOnly(e.target.checked)} data-testid="clone-image-stale-filter">
          {t('cloneImage.staleOnly')}
        </Checkbox>
        <SearchBox value={q} onChange={setQ} />
      </Space>
      <ProblemAlert error={list.error} />
      <Table<CloneImageDto> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={items} pagination={false} scroll={{ x: 1500 }} />
      {editing && <CloneImageFormDrawer image={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {openId && <CloneImageDetailDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(i) => setEditing(i)} />}
    </>
  );
}
