import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { assetLedgers, assetStatuses, pivotFields } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceOptions } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { getPivot, pivotExportUrl, pivotKeys } from './findings.api.ts';

const listKeys = ['rows', 'cols', 'ledger', 'siteId', 'status'] as const;
type Line = { key: string; label: string; cells: number[]; total: number; isTotal?: boolean };

/** Cross-tabulation of the hardware ledger by any two fields (2.1.f), exportable to Excel. */
export function AssetPivotPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canExport = useCan('asset.export');
  const [params, setParams] = useListParams(listKeys);
  const query = {
    rows: params.rows ?? 'site',
    cols: params.cols ?? 'category',
    ledger: params.ledger,
    siteId: params.siteId,
    status: params.status,
  };
  const { data, error, isFetching } = useQuery({ queryKey: pivotKeys.table(query), queryFn: () => getPivot(query) });

  const lines: Line[] = data
    ? [
        ...data.rows.map((r, i) => ({ key: r.key || '-', label: r.label, cells: data.cells[i], total: data.rowTotals[i] })),
        { key: '__total', label: t('assetPivot.total'), cells: data.colTotals, total: data.total, isTotal: true },
      ]
    : [];
  const strong = (line: Line, v: number | string) => (line.isTotal ? <Typography.Text strong>{v}</Typography.Text> : v);
  const columns: TableColumnsType<Line> = [
    { key: 'label', title: '', fixed: 'left', width: 220, render: (_, l) => strong(l, l.label) },
    ...(data?.cols ?? []).map((c, j) => ({
      key: `c${j}`,
      title: c.label,
      align: 'right' as const,
      width: 110,
      render: (_: unknown, l: Line) => strong(l, l.cells[j] ? l.cells[j].toLocaleString() : ''),
    })),
    {
      key: 'total',
      title: t('assetPivot.total'),
      align: 'right',
      width: 110,
      fixed: 'right',
      render: (_, l) => <Typography.Text strong>{l.total.toLocaleString()}</Typography.Text>,
    },
  ];
  const fieldOptions = choiceOptions(pivotFields.items, locale);

  return (
    <>
      <PageHeader
        title={t('assetPivot.title')}
        description={t('assetPivot.description')}
        extra={
          canExport && (
            <Button icon={<DownloadOutlined />} href={pivotExportUrl(query)} download data-testid="pivot-export">
              {t('assetPivot.exportXlsx')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('assetPivot.rows')}</span>
        <Select
          style={{ width: 160 }}
          value={query.rows}
          options={fieldOptions}
          onChange={(rows: string) => setParams({ rows })}
          aria-label={t('assetPivot.rows')}
          data-testid="pivot-rows"
        />
        <span>{t('assetPivot.cols')}</span>
        <Select
          style={{ width: 160 }}
          value={query.cols}
          options={fieldOptions}
          onChange={(cols: string) => setParams({ cols })}
          aria-label={t('assetPivot.cols')}
          data-testid="pivot-cols"
        />
        <Select
          allowClear
          placeholder={t('asset.ledger')}
          style={{ width: 120 }}
          value={params.ledger}
          options={choiceOptions(assetLedgers.items, locale)}
          onChange={(ledger?: string) => setParams({ ledger })}
          aria-label={t('asset.ledger')}
        />
        <SiteSelect allowClear style={{ width: 200 }} value={params.siteId} onChange={(siteId?: string | null) => setParams({ siteId: siteId ?? undefined })} />
        <Select
          allowClear
          placeholder={t('asset.status')}
          style={{ width: 140 }}
          value={params.status}
          options={choiceOptions(assetStatuses.items, locale)}
          onChange={(status?: string) => setParams({ status })}
          aria-label={t('asset.status')}
        />
      </Space>
      {error && <ProblemAlert error={error} />}
      <Card size="small">
        <Table<Line>
          rowKey="key"
          size="small"
          loading={isFetching}
          columns={columns}
          dataSource={lines}
          pagination={false}
          scroll={{ x: 220 + 110 * ((data?.cols.length ?? 0) + 1) }}
          data-testid="pivot-table"
        />
      </Card>
    </>
  );
}
