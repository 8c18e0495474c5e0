import { EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { assetCategories, assetLedgers, assetStatuses, type HardwareAssetListItem } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Checkbox, Flex, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { sortFromParams, useListParams } from '../../lib/list-params.ts';
import { useMe } from '../../lib/session.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { AssetFormDrawer } from './asset-form.tsx';
import { locationText, personText } from './asset-format.ts';
import { assetKeys, countAssets, fetchLabelSheet, invalidateAssets, listAssets, openBlob } from './assets.api.ts';
import { BulkEditDrawer } from './bulk-edit-drawer.tsx';

const listKeys = ['q', 'ledger', 'siteId', 'departmentId', 'userId', 'category', 'status', 'sort', 'order'] as const;
type Preset = 'all' | 'domestic' | 'overseas' | 'mine';

/** `/assets/new` opens the list with the create drawer. */
export function AssetNewPage() {
  return <AssetsPage startCreating />;
}

export function AssetsPage({ startCreating = false }: { startCreating?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const canCreate = useCan('asset.create');
  const canUpdate = useCan('asset.update');
  const [params, setParams] = useListParams(listKeys);
  const [creating, setCreating] = useState(startCreating);
  const [bulkEditing, setBulkEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const sort = sortFromParams(params.sort, params.order, { key: 'assetNumber', order: 'asc' });
  const filters = {
    q: params.q,
    ledger: params.ledger,
    siteId: params.siteId,
    departmentId: params.departmentId,
    userId: params.userId,
    category: params.category,
    status: params.status,
  };
  const query = { ...filters, sort: sort.key, order: sort.order };
  const queryKey = assetKeys.list(query);

  // Reads the pages the table loaded (same cache entry, never fetches itself) for "select all shown".
  const loaded = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => listAssets(query, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: false,
  });
  const shownIds = (loaded.data?.pages ?? []).flatMap((p) => p.items.map((a) => a.id));
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const someShownSelected = shownIds.some((id) => selected.has(id));

  const toggle = (id: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleShown = (on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      for (const id of shownIds)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  const myPersonId = me?.personId ?? null;
  const preset: Preset | null =
    params.userId && params.userId === myPersonId && !params.ledger
      ? 'mine'
      : params.userId
        ? null
        : params.ledger === 'domestic'
          ? 'domestic'
          : params.ledger === 'overseas'
            ? 'overseas'
            : 'all';
  const applyPreset = (p: Preset) => {
    if (p === 'mine') setParams({ ledger: undefined, userId: myPersonId ?? undefined });
    else setParams({ ledger: p === 'all' ? undefined : p, userId: undefined });
  };

  const printLabels = async () => {
    setPrinting(true);
    try {
      const pdf = await fetchLabelSheet(qc, [...selected], locale);
      openBlob(pdf, 'asset-labels.pdf');
    } catch (err) {
      message.error(problemText(err, t('common.unexpectedError')));
    } finally {
      setPrinting(false);
    }
  };

  const columns: TableColumnsType<HardwareAssetListItem> = [
    {
      key: 'select',
      fixed: 'left',
      width: 48,
      title: (
        <Checkbox
          checked={allShownSelected}
          indeterminate={!allShownSelected && someShownSelected}
          onChange={(e) => toggleShown(e.target.checked)}
          aria-label={t('asset.selectAllShown')}
          data-testid="asset-select-all"
        />
      ),
      render: (_, a) => (
        <Checkbox
          checked={selected.has(a.id)}
          onChange={(e) => toggle(a.id, e.target.checked)}
          aria-label={t('asset.selectRow', { name: a.assetNumber })}
          data-testid={`asset-select-${a.assetNumber}`}
        />
      ),
    },
    {
      key: 'assetNumber',
      title: t('asset.assetNumber'),
      width: 150,
      sorter: true,
      ellipsis: true,
      render: (_, a) => (
        <Link to={`/assets/${a.id}`} data-testid="asset-link">
          {a.assetNumber}
        </Link>
      ),
    },
    {
      key: 'name',
      title: t('asset.name'),
      width: 200,
      sorter: true,
      ellipsis: true,
      render: (_, a) => (
        <>
          {a.name}
          {a.draft && (
            <Typography.Text type="warning" style={{ marginInlineStart: 6, fontSize: 12 }}>
              {t('asset.draft')}
            </Typography.Text>
          )}
        </>
      ),
    },
    { key: 'category', title: t('asset.category'), width: 140, sorter: true, render: (_, a) => <StatusTag items={assetCategories.items} value={a.category} /> },
    { key: 'status', title: t('asset.status'), width: 110, sorter: true, render: (_, a) => <StatusTag items={assetStatuses.items} value={a.status} /> },
    { key: 'ledger', title: t('asset.ledger'), width: 90, render: (_, a) => <StatusTag items={assetLedgers.items} value={a.ledger} /> },
    { key: 'site', title: t('asset.site'), width: 170, sorter: true, ellipsis: true, render: (_, a) => localName(a.site, locale) },
    { key: 'location', title: t('asset.location'), width: 200, sorter: true, ellipsis: true, render: (_, a) => locationText(a) },
    { key: 'department', title: t('asset.department'), width: 180, sorter: true, ellipsis: true, render: (_, a) => localName(a.department, locale) },
    { key: 'user', title: t('asset.user'), width: 150, sorter: true, ellipsis: true, render: (_, a) => personText(a.user, locale) },
    { key: 'ipAddresses', title: t('asset.ipAddresses'), width: 150, ellipsis: true, render: (_, a) => a.ipAddresses.join(', ') },
    { key: 'macAddresses', title: t('asset.macAddresses'), width: 170, ellipsis: true, render: (_, a) => a.macAddresses.join(', ') },
    { key: 'manufacturer', title: t('asset.manufacturer'), width: 140, sorter: true, ellipsis: true, dataIndex: 'manufacturer' },
    { key: 'model', title: t('asset.model'), width: 150, sorter: true, ellipsis: true, dataIndex: 'model' },
    { key: 'serialNumber', title: t('asset.serialNumber'), width: 150, sorter: true, ellipsis: true, dataIndex: 'serialNumber' },
    { key: 'warrantyEnd', title: t('asset.warrantyEnd'), width: 120, sorter: true, render: (_, a) => formatDate(a.warrantyEnd, locale) },
    { key: 'lastInventoryAt', title: t('asset.lastInventoryAt'), width: 160, sorter: true, render: (_, a) => formatDateTime(a.lastInventoryAt, locale) },
    { key: 'updatedAt', title: t('common.updatedAt'), width: 160, sorter: true, render: (_, a) => formatDateTime(a.updatedAt, locale) },
  ];

  const presetOptions = [
    { value: 'all', label: t('asset.presetAll') },
    { value: 'domestic', label: t('asset.presetDomestic') },
    { value: 'overseas', label: t('asset.presetOverseas') },
    ...(myPersonId ? [{ value: 'mine', label: t('asset.presetMine') }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('asset.title')}
        extra={
          <>
            <ImportButton ledger="hardware-assets" ledgerLabel={t('asset.title')} permission="asset.import" onImported={() => void invalidateAssets(qc)} />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="asset-create" onClick={() => setCreating(true)}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12, minHeight: 32 }} data-testid="asset-selection-bar">
        <Segmented
          value={preset ?? undefined}
          options={presetOptions}
          onChange={(v) => applyPreset(v as Preset)}
          aria-label={t('asset.ledger')}
          data-testid="asset-presets"
        />
        {selected.size > 0 && (
          <>
            <Typography.Text strong data-testid="asset-selected-count" style={{ marginInlineStart: 8 }}>
              {t('asset.selectedCount', { count: selected.size })}
            </Typography.Text>
            {canUpdate && (
              <Button icon={<EditOutlined />} onClick={() => setBulkEditing(true)} data-testid="asset-bulk-edit">
                {t('asset.bulkEdit')}
              </Button>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => void printLabels()} loading={printing} data-testid="asset-print-labels">
              {t('asset.printLabels')}
            </Button>
            <Button type="link" onClick={() => setSelected(new Set())}>
              {t('asset.clearSelection')}
            </Button>
          </>
        )}
      </Flex>
      <DataTable<HardwareAssetListItem>
        queryKey={queryKey}
        fetchPage={(cursor) => listAssets(query, cursor)}
        columns={columns}
        rowKey="id"
        sort={sort}
        onSortChange={(s) => setParams({ sort: s?.key, order: s?.order })}
        ledger="hardware-assets"
        list={{ keys: listKeys, values: params, update: setParams }}
        exportTo={{ path: '/hardware-assets/export', query: filters, permission: 'asset.export' }}
        onRowOpen={(a) => navigate(`/assets/${a.id}`)}
        countAll={() => countAssets(filters)}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('asset.searchPlaceholder')} width={300} />
            <SiteSelect
              allowClear
              style={{ width: 220 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId, departmentId: undefined })}
              aria-label={t('asset.site')}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('asset.category')}
              style={{ width: 180 }}
              value={params.category}
              options={choiceOptions(assetCategories.items, locale)}
              onChange={(category?: string) => setParams({ category })}
              aria-label={t('asset.category')}
            />
            <Select
              allowClear
              placeholder={t('asset.status')}
              style={{ width: 140 }}
              value={params.status}
              options={choiceOptions(assetStatuses.items, locale)}
              onChange={(status?: string) => setParams({ status })}
              aria-label={t('asset.status')}
            />
          </>
        }
      />
      {creating && (
        <AssetFormDrawer
          open
          siteId={params.siteId}
          ledger={params.ledger}
          onClose={() => {
            setCreating(false);
            if (startCreating) navigate('/assets', { replace: true });
          }}
          onSaved={(a) => navigate(`/assets/${a.id}`)}
        />
      )}
      {bulkEditing && (
        <BulkEditDrawer
          ids={[...selected]}
          onClose={() => setBulkEditing(false)}
          onDone={() => {
            setBulkEditing(false);
            setSelected(new Set());
          }}
        />
      )}
    </>
  );
}
