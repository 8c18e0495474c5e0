import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type MonitoringTargetDto, monitoringTargetKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Checkbox, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, formatDate, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { listTargets, monitoringKeys, removeTarget, useMonitoringMutation } from './monitoring.api.ts';
import { TargetFormDrawer } from './target-form.tsx';

const listKeys = ['tab', 'q', 'kind', 'siteId', 'includeRemoved'] as const;

function RemoveButton({ target }: { target: MonitoringTargetDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [requestRef, setRequestRef] = useState('');
  const remove = useMonitoringMutation(() => removeTarget(target.id, requestRef.trim() || null));
  return (
    <Popconfirm
      title={t('monitoring.removeConfirm', { name: target.name })}
      description={<Input placeholder={t('monitoring.requestRef')} value={requestRef} onChange={(e) => setRequestRef(e.target.value)} maxLength={100} />}
      okText={t('monitoring.removeTarget')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        remove
          .mutateAsync(undefined)
          .then(() => message.success(t('monitoring.removed')))
          .catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))
      }
    >
      <Button size="small" type="link" danger icon={<DeleteOutlined />}>
        {t('monitoring.removeTarget')}
      </Button>
    </Popconfirm>
  );
}

/** The register of monitored targets (6.a). */
export function TargetsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan('monitoring.manage');
  const [params, setParams] = useListParams(listKeys);
  const [editing, setEditing] = useState<{ target?: MonitoringTargetDto } | null>(null);
  const { tab: _tab, ...query } = params;

  const columns: TableColumnsType<MonitoringTargetDto> = [
    {
      key: 'name',
      title: t('monitoring.name'),
      width: 200,
      ellipsis: true,
      render: (_, m) => (
        <Space size={4}>
          {m.name}
          {m.firingCount > 0 && <Tag color="red">{`${t('monitoring.firing')} ${m.firingCount}`}</Tag>}
        </Space>
      ),
    },
    { key: 'kind', title: t('monitoring.kind'), width: 150, render: (_, m) => <StatusTag items={monitoringTargetKinds.items} value={m.kind} /> },
    { key: 'site', title: t('monitoring.site'), width: 140, ellipsis: true, render: (_, m) => localName(m.site, locale) },
    {
      key: 'asset',
      title: t('monitoring.asset'),
      width: 140,
      ellipsis: true,
      render: (_, m) => m.asset && <Link to={`/assets/${m.asset.id}`}>{m.asset.assetNumber}</Link>,
    },
    {
      key: 'matchLabels',
      title: t('monitoring.matchLabels'),
      width: 240,
      render: (_, m) => (
        <Space size={2} wrap>
          {Object.entries(m.matchLabels).map(([k, v]) => (
            <Typography.Text code key={k}>{`${k}=${v}`}</Typography.Text>
          ))}
        </Space>
      ),
    },
    { key: 'active', title: t('monitoring.active'), width: 80, render: (_, m) => (m.removedAt ? '' : m.active ? '✓' : '—') },
    { key: 'requestRef', title: t('monitoring.requestRef'), dataIndex: 'requestRef', width: 120, ellipsis: true },
    { key: 'removedAt', title: t('monitoring.removedAt'), width: 110, render: (_, m) => formatDate(m.removedAt, locale) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 190,
      fixed: 'right',
      render: (_, m) => (
        <Space size={4}>
          {canOn(m, 'update') && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ target: m })}>
              {t('common.edit')}
            </Button>
          )}
          {canOn(m, 'remove') && <RemoveButton target={m} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <DataTable<MonitoringTargetDto>
        queryKey={monitoringKeys.list('targets', query)}
        fetchPage={(cursor) => listTargets(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        ledger="monitoring-targets"
        onRowOpen={(m) => canOn(m, 'update') && setEditing({ target: m })}
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('monitoring.searchTargets')} width={240} />
            <Select
              allowClear
              placeholder={t('monitoring.kind')}
              style={{ width: 170 }}
              value={params.kind}
              options={choiceOptions(monitoringTargetKinds.items, locale)}
              onChange={(kind?: string) => setParams({ kind })}
              aria-label={t('monitoring.kind')}
            />
            <SiteSelect
              allowClear
              placeholder={t('monitoring.site')}
              style={{ width: 180 }}
              value={params.siteId}
              onChange={(siteId?: string) => setParams({ siteId })}
            />
            <Checkbox checked={params.includeRemoved === 'true'} onChange={(e) => setParams({ includeRemoved: e.target.checked ? 'true' : undefined })}>
              {t('monitoring.includeRemoved')}
            </Checkbox>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="monitoring-target-create" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            )}
          </>
        }
      />
      {editing && <TargetFormDrawer target={editing.target} onClose={() => setEditing(null)} />}
    </>
  );
}
