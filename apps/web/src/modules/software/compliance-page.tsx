import { CheckCircleOutlined, ExclamationCircleOutlined, FileExcelOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type ComplianceStatus, complianceStatuses, type SoftwareComplianceItem, type SoftwareProductRef } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceOptions, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { ComplianceDetailDrawer, productLabel } from './compliance-detail.tsx';
import { ComplianceSettingsButton } from './compliance-settings.tsx';
import { complianceReportUrl, getCompliance, softwareKeys } from './software.api.ts';

const listKeys = ['status'] as const;
/** Bar colours of the compliance statuses (antd's palette, as the tags use). */
const barColor: Record<ComplianceStatus, string> = { ok: '#52c41a', near: '#fa8c16', over: '#f5222d' };

/**
 * A utilization bar with the near-limit and 100 % marks: the chart the licence review needs, without a
 * chart library. `scale` is the percentage the full width stands for (over 100 when a product is over).
 */
function UtilizationBar({ item, nearPercent, scale }: { item: SoftwareComplianceItem; nearPercent: number; scale: number }) {
  const { t } = useTranslation();
  const pct = item.utilization;
  const at = (v: number) => `${Math.min(100, (v / scale) * 100)}%`;
  return (
    <Flex align="center" gap={8}>
      <div
        role="img"
        aria-label={pct === null ? t('swCompliance.noEntitlement') : `${Math.round(pct)}%`}
        style={{ position: 'relative', flex: 1, height: 14, background: '#f0f0f0', borderRadius: 3 }}
      >
        <div style={{ width: pct === null ? 0 : at(pct), height: '100%', borderRadius: 3, background: barColor[item.status] }} />
        <div style={{ position: 'absolute', left: at(nearPercent), top: -3, bottom: -3, borderLeft: '2px dashed #fa8c16' }} />
        <div style={{ position: 'absolute', left: at(100), top: -3, bottom: -3, borderLeft: '2px solid #595959' }} />
      </div>
      <span style={{ width: 64, textAlign: 'right', whiteSpace: 'nowrap' }}>{pct === null ? t('swCompliance.noEntitlement') : `${Math.round(pct)}%`}</span>
    </Flex>
  );
}

type SummaryCard = { status: ComplianceStatus; title: string; icon: ReactNode };

/** ライセンス適合状況: licences entitled against usage, per product (2.2.m). */
export function CompliancePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const [detail, setDetail] = useState<SoftwareProductRef | null>(null);
  const { data, error, isPending } = useQuery({ queryKey: softwareKeys.compliance(params.status), queryFn: () => getCompliance(params.status) });

  const items = data?.items ?? [];
  const nearPercent = data?.nearPercent ?? 90;
  const scale = Math.max(100, ...items.map((i) => i.utilization ?? 0));
  const chartItems = [...items].sort((a, b) => (b.utilization ?? -1) - (a.utilization ?? -1));

  const cards: SummaryCard[] = [
    { status: 'ok', title: t('swCompliance.summaryOk'), icon: <CheckCircleOutlined /> },
    { status: 'near', title: t('swCompliance.summaryNear'), icon: <WarningOutlined /> },
    { status: 'over', title: t('swCompliance.summaryOver'), icon: <ExclamationCircleOutlined /> },
  ];

  const columns: TableColumnsType<SoftwareComplianceItem> = [
    {
      key: 'product',
      title: t('swCompliance.product'),
      width: 260,
      ellipsis: true,
      render: (_, i) => (
        <Typography.Link onClick={() => setDetail(i.product)} data-testid="compliance-product">
          {productLabel(i.product)}
        </Typography.Link>
      ),
    },
    { key: 'status', title: t('swCompliance.status'), width: 110, render: (_, i) => <StatusTag items={complianceStatuses.items} value={i.status} /> },
    { key: 'entitled', title: t('swCompliance.entitled'), dataIndex: 'entitled', width: 110, align: 'right' },
    { key: 'consumed', title: t('swCompliance.consumed'), dataIndex: 'consumed', width: 90, align: 'right' },
    {
      key: 'shortfall',
      title: t('swCompliance.shortfall'),
      width: 90,
      align: 'right',
      render: (_, i) => <Typography.Text type={i.shortfall > 0 ? 'danger' : undefined}>{i.shortfall}</Typography.Text>,
    },
    {
      key: 'utilization',
      title: t('swCompliance.utilization'),
      width: 220,
      render: (_, i) => <UtilizationBar item={i} nearPercent={nearPercent} scale={scale} />,
    },
    { key: 'recorded', title: t('swCompliance.recorded'), dataIndex: 'recorded', width: 100, align: 'right' },
    { key: 'detected', title: t('swCompliance.detected'), dataIndex: 'detected', width: 120, align: 'right' },
    { key: 'distributed', title: t('swCompliance.distributed'), dataIndex: 'distributed', width: 100, align: 'right' },
    { key: 'detectedUnrecorded', title: t('swCompliance.detectedUnrecorded'), dataIndex: 'detectedUnrecorded', width: 130, align: 'right' },
    { key: 'recordedUndetected', title: t('swCompliance.recordedUndetected'), dataIndex: 'recordedUndetected', width: 130, align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={t('swCompliance.title')}
        description={
          <>
            {t('swCompliance.description')}
            {data && (
              <>
                <br />
                {t('swCompliance.computedAt', { at: formatDateTime(data.computedAt, locale) })} ・{' '}
                {t('swCompliance.nearPercentNote', { percent: data.nearPercent })}
              </>
            )}
          </>
        }
        extra={
          <>
            <Button icon={<FileExcelOutlined />} href={complianceReportUrl()} data-testid="compliance-report">
              {t('swCompliance.monthlyReport')}
            </Button>
            <ComplianceSettingsButton />
          </>
        }
      />
      {error && <ProblemAlert error={error} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {cards.map((c) => (
          <Col key={c.status} xs={24} sm={8}>
            <Card
              hoverable
              size="small"
              loading={isPending}
              onClick={() => setParams({ status: params.status === c.status ? undefined : c.status })}
              style={params.status === c.status ? { borderColor: barColor[c.status] } : undefined}
              data-testid={`compliance-summary-${c.status}`}
            >
              <Statistic title={c.title} value={data?.summary[c.status] ?? 0} prefix={c.icon} styles={{ content: { color: barColor[c.status] } }} />
            </Card>
          </Col>
        ))}
      </Row>
      {chartItems.length > 0 && (
        <Card size="small" title={t('swCompliance.chart')} style={{ marginBottom: 16 }} data-testid="compliance-chart">
          <Flex vertical gap={6}>
            {chartItems.map((i) => (
              <Flex key={i.product.id} align="center" gap={12}>
                <Typography.Text ellipsis style={{ width: 260, flexShrink: 0 }} title={productLabel(i.product)}>
                  {productLabel(i.product)}
                </Typography.Text>
                <div style={{ flex: 1 }}>
                  <UtilizationBar item={i} nearPercent={nearPercent} scale={scale} />
                </div>
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('swCompliance.filterStatus')}
          style={{ width: 180 }}
          value={params.status}
          options={choiceOptions(complianceStatuses.items, locale)}
          onChange={(status?: string) => setParams({ status })}
          aria-label={t('swCompliance.filterStatus')}
        />
      </Flex>
      <Table<SoftwareComplianceItem>
        className="unyo-table"
        rowKey={(i) => i.product.id}
        loading={isPending}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1480 }}
        locale={{ emptyText: t('swCompliance.empty') }}
        onRow={(i) => ({ onDoubleClick: () => setDetail(i.product), 'data-testid': `compliance-row-${i.product.name}` }) as object}
        data-testid="compliance-table"
      />
      {detail && <ComplianceDetailDrawer product={detail} onClose={() => setDetail(null)} />}
    </>
  );
}
