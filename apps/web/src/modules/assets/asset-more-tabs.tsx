import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type AssetFindingDto,
  findingKinds,
  findingStatuses,
  type HardwareAssetDto,
  type InstalledSoftwareDto,
  PortCreateInput,
  type PortDto,
  PortUpdateInput,
  stocktakeResults,
  stocktakeStatuses,
  type TimelineEntry,
} from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Empty, Flex, Form, Input, Popconfirm, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { locationText } from './asset-format.ts';
import { AssetSelect } from './asset-selects.tsx';
import { type AssetStocktakeRow, assetKeys, createPort, deletePort, getTimeline, listPorts, listSoftware, updatePort, useAssetMutation } from './assets.api.ts';
import { RecordModal } from './record-modal.tsx';

type TabProps = { asset: HardwareAssetDto };

const timelineColors: Record<TimelineEntry['kind'], string> = {
  created: 'green',
  updated: 'blue',
  movement: 'purple',
  repair: 'orange',
  work_log: 'cyan',
  finding: 'red',
  stocktake: 'geekblue',
  damage_report: 'red',
  inventory: 'gray',
  other: 'gray',
};

function changeText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One line per movement, repair, work log, finding and audited field change, newest first. */
export function TimelineTab({ asset }: TabProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const q = useQuery({ queryKey: assetKeys.sub(asset.id, 'timeline'), queryFn: () => getTimeline(asset.id) });
  if (q.error) return <ProblemAlert error={q.error} />;
  if (q.data && q.data.items.length === 0) return <Empty description={t('asset.timelineEmpty')} />;
  return (
    <Timeline
      data-testid="asset-timeline"
      items={(q.data?.items ?? []).map((e, i) => ({
        key: `${e.at}-${i}`,
        color: timelineColors[e.kind] ?? 'gray',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at, locale)} · {t(`asset.timelineKinds.${e.kind}`)} · {e.actor}
            </Typography.Text>
            <div>{e.summary}</div>
            {e.changes && (
              <ul style={{ margin: '2px 0 0', paddingInlineStart: 18, fontSize: 13 }}>
                {Object.entries(e.changes).map(([field, [before, after]]) => (
                  <li key={field}>
                    {t(`asset.${field}` as 'asset.name', { defaultValue: field })}: {changeText(before)} → {changeText(after)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}

// Ports of network equipment (3.4.1.a) ---------------------------------------------------------

type PortValues = { port?: string; vlan?: string | null; connectedAssetId?: string | null; description?: string | null };

export function PortsTab({ asset }: TabProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ port?: PortDto } | null>(null);
  const [form] = Form.useForm<PortValues>();
  const list = useQuery({ queryKey: assetKeys.sub(asset.id, 'ports'), queryFn: () => listPorts(asset.id) });
  const remove = useAssetMutation((p: PortDto) => deletePort(asset.id, p.id, p.version));
  const canEdit = canOn(asset, 'update');

  const columns: TableColumnsType<PortDto> = [
    { key: 'port', title: t('assetPort.port'), dataIndex: 'port', width: 140 },
    { key: 'vlan', title: t('assetPort.vlan'), dataIndex: 'vlan', width: 120 },
    {
      key: 'connectedAsset',
      title: t('assetPort.connectedAsset'),
      render: (_, p) =>
        p.connectedAsset ? <Link to={`/assets/${p.connectedAsset.id}`}>{`${p.connectedAsset.assetNumber} ${p.connectedAsset.name}`}</Link> : '',
    },
    { key: 'description', title: t('assetPort.description'), dataIndex: 'description', ellipsis: true },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 170,
            render: (_: unknown, p: PortDto) => (
              <Space size={4}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ port: p })}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.confirmDelete', { name: p.port })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(p).catch((err) => message.error(problemText(err, t('common.unexpectedError'))))}
                >
                  <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const port = editing?.port;
  return (
    <>
      {canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="port-add">
            {t('assetPort.add')}
          </Button>
        </Flex>
      )}
      <ProblemAlert error={list.error} />
      <Table<PortDto> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isPending} pagination={false} />
      {editing && (
        <RecordModal<PortValues>
          title={port ? t('assetPort.edit') : t('assetPort.add')}
          form={form}
          schema={port ? PortUpdateInput : PortCreateInput}
          initialValues={port ? { port: port.port, vlan: port.vlan, connectedAssetId: port.connectedAsset?.id ?? null, description: port.description } : {}}
          submit={(input) => (port ? updatePort(asset.id, port.id, port.version, input) : createPort(asset.id, input as PortCreateInput))}
          onClose={() => setEditing(null)}
          testId="port-form"
        >
          <Form.Item name="port" label={t('assetPort.port')} required>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="vlan" label={t('assetPort.vlan')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="connectedAssetId" label={t('assetPort.connectedAsset')}>
            <AssetSelect
              excludeId={asset.id}
              initialLabel={port?.connectedAsset ? `${port.connectedAsset.assetNumber} ${port.connectedAsset.name}` : undefined}
            />
          </Form.Item>
          <Form.Item name="description" label={t('assetPort.description')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </RecordModal>
      )}
    </>
  );
}

// Installed software seen by the agent (3.1.1.d, 3.3.1.a) ---------------------------------------

export function SoftwareTab({ asset }: TabProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [q, setQ] = useState<string | undefined>();
  const list = useQuery({ queryKey: assetKeys.sub(asset.id, 'software', { q }), queryFn: () => listSoftware(asset.id, q) });
  const columns: TableColumnsType<InstalledSoftwareDto> = [
    { key: 'name', title: t('assetSoftware.name'), dataIndex: 'name', ellipsis: true },
    { key: 'version', title: t('assetSoftware.version'), dataIndex: 'version', width: 200, ellipsis: true },
    { key: 'publisher', title: t('assetSoftware.publisher'), dataIndex: 'publisher', width: 220, ellipsis: true },
    { key: 'arch', title: t('assetSoftware.arch'), dataIndex: 'arch', width: 90 },
    { key: 'firstSeenAt', title: t('assetSoftware.firstSeenAt'), width: 150, render: (_, s) => formatDateTime(s.firstSeenAt, locale) },
    { key: 'lastSeenAt', title: t('assetSoftware.lastSeenAt'), width: 150, render: (_, s) => formatDateTime(s.lastSeenAt, locale) },
  ];
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <SearchBox value={q} onChange={setQ} placeholder={t('assetSoftware.search')} testId="software-search" />
        <Typography.Text type="secondary">{list.data ? t('common.total', { total: list.data.total }) : ''}</Typography.Text>
        {asset.lastInventoryAt && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {t('asset.lastInventoryAt')}: {formatDateTime(asset.lastInventoryAt, locale)}
          </Typography.Text>
        )}
      </Flex>
      <ProblemAlert error={list.error} />
      <Table<InstalledSoftwareDto>
        rowKey={(s) => `${s.name}\u0000${s.version ?? ''}\u0000${s.arch ?? ''}`}
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('assetSoftware.none')} /> }}
      />
    </>
  );
}

// Findings and stock-takes (other slices; shown read-only) ----------------------------------------

export function FindingsTab({ items }: { items: AssetFindingDto[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: TableColumnsType<AssetFindingDto> = [
    { key: 'kind', title: t('asset.findingKind'), width: 260, render: (_, f) => <StatusTag items={findingKinds.items} value={f.kind} /> },
    { key: 'key', title: t('asset.findingKey'), dataIndex: 'key', width: 180 },
    { key: 'status', title: t('asset.findingStatus'), width: 140, render: (_, f) => <StatusTag items={findingStatuses.items} value={f.status} /> },
    { key: 'lastDetectedAt', title: t('asset.findingDetectedAt'), width: 160, render: (_, f) => formatDateTime(f.lastDetectedAt, locale) },
    { key: 'reason', title: t('asset.findingReason'), dataIndex: 'reason', ellipsis: true },
  ];
  return <Table<AssetFindingDto> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} />;
}

export function StocktakesTab({ items }: { items: AssetStocktakeRow[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns: TableColumnsType<AssetStocktakeRow> = [
    { key: 'name', title: t('asset.stocktakeName'), render: (_, r) => <Link to={`/stocktakes/${r.stocktake.id}`}>{r.stocktake.name}</Link> },
    {
      key: 'status',
      title: t('asset.stocktakeStatus'),
      width: 110,
      render: (_, r) => <StatusTag items={stocktakeStatuses.items} value={r.stocktake.status} />,
    },
    { key: 'dueOn', title: t('asset.stocktakeDueOn'), width: 120, render: (_, r) => formatDate(r.stocktake.dueOn, locale) },
    { key: 'result', title: t('asset.stocktakeResult'), width: 150, render: (_, r) => <StatusTag items={stocktakeResults.items} value={r.item.result} /> },
    {
      key: 'actual',
      title: t('asset.stocktakeActual'),
      render: (_, r) => [localName(r.item.actualSite, locale), r.item.actualLocation ? locationText(r.item.actualLocation) : ''].filter(Boolean).join(' '),
    },
    { key: 'checkedAt', title: t('asset.stocktakeCheckedAt'), width: 160, render: (_, r) => formatDateTime(r.item.checkedAt, locale) },
  ];
  return <Table<AssetStocktakeRow> rowKey={(r) => r.item.id} size="small" columns={columns} dataSource={items} pagination={false} />;
}
