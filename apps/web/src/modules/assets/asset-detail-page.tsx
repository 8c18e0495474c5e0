import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acquisitionKinds,
  assetCategories,
  assetLedgers,
  assetStatuses,
  type HardwareAssetDto,
  type HardwareAssetListItem,
  type NaptRule,
} from '@unyo/contracts';
import { App, Button, Descriptions, Flex, Popconfirm, Result, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { NotFound } from '../../components/require-permission.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { isApiError } from '../../lib/api.ts';
import { useCan } from '../../lib/can.ts';
import { choiceLabel, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { AssetFormDrawer } from './asset-form.tsx';
import { locationText, networkCategories, personText, yen } from './asset-format.ts';
import { MovementsTab, RepairsTab, WorkLogsTab } from './asset-history-tabs.tsx';
import { FindingsTab, PortsTab, SoftwareTab, StocktakesTab, TimelineTab } from './asset-more-tabs.tsx';
import {
  assetKeys,
  deleteAsset,
  fetchLabelSheet,
  listAssetFindings,
  listAssetStocktakes,
  listAssets,
  openBlob,
  useAsset,
  useAssetMutation,
} from './assets.api.ts';

function Overview({ asset }: { asset: HardwareAssetDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const children = useQuery({ queryKey: assetKeys.sub(asset.id, 'children'), queryFn: () => listAssets({ parentId: asset.id, limit: 100 }) });
  const dash = (v: string | null | undefined) => v || t('common.none');
  const day = (v: string | null) => dash(formatDate(v, locale));

  const naptColumns = [
    { key: 'protocol', title: t('asset.naptProtocol'), dataIndex: 'protocol', width: 80, render: (p: string) => p.toUpperCase() },
    { key: 'inside', title: t('asset.naptInside'), render: (_: unknown, r: NaptRule) => `${r.insideAddress}${r.insidePort != null ? `:${r.insidePort}` : ''}` },
    {
      key: 'outside',
      title: t('asset.naptOutside'),
      render: (_: unknown, r: NaptRule) => `${r.outsideAddress}${r.outsidePort != null ? `:${r.outsidePort}` : ''}`,
    },
    { key: 'note', title: t('asset.naptNote'), dataIndex: 'note' },
  ];

  return (
    <Flex vertical gap={24}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('asset.sectionBasic')}>
        <Descriptions.Item label={t('asset.assetNumber')}>{asset.assetNumber}</Descriptions.Item>
        <Descriptions.Item label={t('asset.name')}>{asset.name}</Descriptions.Item>
        <Descriptions.Item label={t('asset.ledger')}>
          <StatusTag items={assetLedgers.items} value={asset.ledger} />
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.category')}>
          <StatusTag items={assetCategories.items} value={asset.category} />
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.status')}>
          <StatusTag items={assetStatuses.items} value={asset.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.manufacturer')}>{dash(asset.manufacturer)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.model')}>{dash(asset.model)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.serialNumber')}>{dash(asset.serialNumber)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.os')}>{dash([asset.osName, asset.osVersion].filter(Boolean).join(' '))}</Descriptions.Item>
        <Descriptions.Item label={t('asset.parent')}>
          {asset.parent ? <Link to={`/assets/${asset.parent.id}`}>{`${asset.parent.assetNumber} ${asset.parent.name}`}</Link> : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.lastInventoryAt')}>{dash(formatDateTime(asset.lastInventoryAt, locale))}</Descriptions.Item>
      </Descriptions>

      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('asset.sectionPlacement')}>
        <Descriptions.Item label={t('asset.site')}>{localName(asset.site, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.location')}>{dash(locationText(asset))}</Descriptions.Item>
        <Descriptions.Item label={t('asset.department')}>{dash(localName(asset.department, locale))}</Descriptions.Item>
        <Descriptions.Item label={t('asset.user')}>
          {dash(asset.user ? `${asset.user.employeeNumber} ${personText(asset.user, locale)}` : '')}
        </Descriptions.Item>
        <Descriptions.Item label={t('asset.purpose')} span={2}>
          {dash(asset.purpose)}
        </Descriptions.Item>
      </Descriptions>

      <div>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('asset.sectionNetwork')}>
          <Descriptions.Item label={t('asset.ipAddresses')}>{dash(asset.ipAddresses.join(', '))}</Descriptions.Item>
          <Descriptions.Item label={t('asset.macAddresses')}>{dash(asset.macAddresses.join(', '))}</Descriptions.Item>
        </Descriptions>
        {asset.napt.length > 0 && (
          <Table<NaptRule>
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(r) => `${r.protocol}-${r.insideAddress}-${r.insidePort}-${r.outsideAddress}-${r.outsidePort}`}
            columns={naptColumns}
            dataSource={asset.napt}
            pagination={false}
            title={() => t('asset.napt')}
          />
        )}
      </div>

      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('asset.sectionAcquisition')}>
        <Descriptions.Item label={t('asset.acquisition')}>{dash(choiceLabel(acquisitionKinds.items, asset.acquisition, locale))}</Descriptions.Item>
        <Descriptions.Item label={t('asset.purchaseDate')}>{day(asset.purchaseDate)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.priceYen')}>{dash(yen(asset.priceYen, locale))}</Descriptions.Item>
        <Descriptions.Item label={t('asset.leaseEnd')}>{day(asset.leaseEnd)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.warrantyEnd')}>{day(asset.warrantyEnd)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.maintenanceContract')}>{dash(asset.maintenanceContract)}</Descriptions.Item>
        <Descriptions.Item label={t('asset.vendor')}>{dash(asset.vendor)}</Descriptions.Item>
      </Descriptions>

      {asset.ledger === 'overseas' && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('asset.sectionOverseas')}>
          <Descriptions.Item label={t('asset.guidanceSentOn')}>{day(asset.guidanceSentOn)}</Descriptions.Item>
          <Descriptions.Item label={t('asset.entraRegisteredOn')}>{day(asset.entraRegisteredOn)}</Descriptions.Item>
          <Descriptions.Item label={t('asset.intuneRegisteredOn')}>{day(asset.intuneRegisteredOn)}</Descriptions.Item>
          <Descriptions.Item label={t('asset.standardSoftwareCheckedOn')}>{day(asset.standardSoftwareCheckedOn)}</Descriptions.Item>
        </Descriptions>
      )}

      <Descriptions bordered size="small" column={1} title={t('asset.sectionExtra')}>
        <Descriptions.Item label={t('asset.notes')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{dash(asset.notes)}</span>
        </Descriptions.Item>
        {Object.entries(asset.attributes).map(([k, v]) => (
          <Descriptions.Item key={k} label={k}>
            {dash(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>

      {(children.data?.items.length ?? 0) > 0 && (
        <div>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('asset.children')}
          </Typography.Title>
          <Table<HardwareAssetListItem>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={children.data?.items ?? []}
            columns={[
              { key: 'assetNumber', title: t('asset.assetNumber'), render: (_, c) => <Link to={`/assets/${c.id}`}>{c.assetNumber}</Link> },
              { key: 'name', title: t('asset.name'), dataIndex: 'name' },
              { key: 'category', title: t('asset.category'), render: (_, c) => <StatusTag items={assetCategories.items} value={c.category} /> },
              { key: 'status', title: t('asset.status'), render: (_, c) => <StatusTag items={assetStatuses.items} value={c.status} /> },
            ]}
          />
        </div>
      )}

      {asset.inventoryFacts && Object.keys(asset.inventoryFacts).length > 0 && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('asset.inventoryFacts')}>
          {Object.entries(asset.inventoryFacts).map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>
              {typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Flex>
  );
}

export function AssetDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const asset = useAsset(id);
  const canReadFindings = useCan('asset-finding.read');
  const canReadStocktakes = useCan('stocktake.read');
  const canUpdate = useCan(asset.data, 'update');
  const canDelete = useCan(asset.data, 'delete');
  const [editing, setEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [tab, setTab] = useState('overview');
  const remove = useAssetMutation((a: HardwareAssetDto) => deleteAsset(a.id, a.version));

  // Tabs of other slices appear only when their endpoint answers for this asset.
  const findings = useQuery({ queryKey: assetKeys.sub(id, 'findings'), queryFn: () => listAssetFindings(id), enabled: canReadFindings, retry: false });
  const stocktakes = useQuery({
    queryKey: assetKeys.sub(id, 'stocktakes'),
    queryFn: () => listAssetStocktakes(asset.data!),
    enabled: canReadStocktakes && !!asset.data,
    retry: false,
  });

  if (asset.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (asset.error) {
    if (isApiError(asset.error) && asset.error.status === 404) return <NotFound />;
    return <ProblemAlert error={asset.error} />;
  }
  const a = asset.data;
  if (!a) return <Result status="404" />;

  const printLabel = async () => {
    setPrinting(true);
    try {
      openBlob(await fetchLabelSheet(qc, [a.id], locale), `${a.assetNumber}.pdf`);
    } catch (err) {
      message.error(problemText(err, t('common.unexpectedError')));
    } finally {
      setPrinting(false);
    }
  };

  const items = [
    { key: 'overview', label: t('asset.tabOverview'), children: <Overview asset={a} /> },
    { key: 'timeline', label: t('asset.tabTimeline'), children: <TimelineTab asset={a} /> },
    { key: 'movements', label: t('asset.tabMovements'), children: <MovementsTab asset={a} /> },
    { key: 'repairs', label: t('asset.tabRepairs'), children: <RepairsTab asset={a} /> },
    { key: 'work-logs', label: t('asset.tabWorkLogs'), children: <WorkLogsTab asset={a} /> },
    ...(networkCategories.includes(a.category) ? [{ key: 'ports', label: t('asset.tabPorts'), children: <PortsTab asset={a} /> }] : []),
    { key: 'software', label: t('asset.tabSoftware'), children: <SoftwareTab asset={a} /> },
    ...(findings.data
      ? [{ key: 'findings', label: `${t('asset.tabFindings')} (${findings.data.length})`, children: <FindingsTab items={findings.data} /> }]
      : []),
    ...(stocktakes.data ? [{ key: 'stocktakes', label: t('asset.tabStocktakes'), children: <StocktakesTab items={stocktakes.data} /> }] : []),
  ];

  return (
    <>
      <Link to="/assets" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('asset.backToList')}
      </Link>
      <PageHeader
        title={`${a.assetNumber} ${a.name}`}
        description={
          <Space size={4} wrap>
            <StatusTag items={assetLedgers.items} value={a.ledger} />
            <StatusTag items={assetCategories.items} value={a.category} />
            <StatusTag items={assetStatuses.items} value={a.status} />
            {a.draft && <Typography.Text type="warning">{t('asset.draft')}</Typography.Text>}
            <Typography.Text type="secondary">
              {localName(a.site, locale)} {locationText(a)}
            </Typography.Text>
          </Space>
        }
        extra={
          <>
            <Button icon={<PrinterOutlined />} onClick={() => void printLabel()} loading={printing} data-testid="asset-print-label">
              {t('asset.printLabel')}
            </Button>
            {canUpdate && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="asset-edit">
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('common.confirmDelete', { name: a.assetNumber })}
                description={t('common.confirmDeleteHint')}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(a).then(
                    () => {
                      message.success(t('common.deleted'));
                      navigate('/assets');
                    },
                    (err) => message.error(problemText(err, t('common.unexpectedError'))),
                  )
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
      {editing && <AssetFormDrawer open asset={a} onClose={() => setEditing(false)} />}
    </>
  );
}
