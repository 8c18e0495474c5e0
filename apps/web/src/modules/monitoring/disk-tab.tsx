import { useQuery } from '@tanstack/react-query';
import { diskLevels } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { DatePicker, Flex, Progress, Segmented, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { formatBytes } from '../backups/results-columns.tsx';
import { type DiskVolume, type DiskWeeklyItem, getDiskWeekly, listDiskVolumes, monitoringKeys } from './monitoring.api.ts';

type Level = DiskVolume['level'];
const levelColors: Record<Level, string> = { ok: '#52c41a', warning: '#faad14', critical: '#ff4d4f' };
const keyOf = (v: { host: string; mount: string }) => `${v.host}\u0000${v.mount}`;

/** Used space as a bar in the level's colour (green / gold / red). */
function UsageBar({ pct, level }: { pct: number; level: Level }) {
  return (
    <span data-testid="disk-usage" data-level={level}>
      <Progress percent={pct} size="small" strokeColor={levelColors[level]} format={(p) => `${(p ?? 0).toFixed(1)}%`} status="normal" />
    </span>
  );
}

/** The latest report of every host and mount (6.d), fullest first. */
function LatestVolumes() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error, isPending } = useQuery({ queryKey: monitoringKeys.disks, queryFn: listDiskVolumes, refetchInterval: 60_000 });
  const columns: TableColumnsType<DiskVolume> = [
    { key: 'host', title: t('monitoring.disk.host'), dataIndex: 'host', width: 160, ellipsis: true },
    { key: 'mount', title: t('monitoring.disk.mount'), width: 140, ellipsis: true, render: (_, v) => <Typography.Text code>{v.mount}</Typography.Text> },
    { key: 'target', title: t('monitoring.target'), width: 150, ellipsis: true, render: (_, v) => v.target?.name },
    { key: 'site', title: t('monitoring.site'), width: 130, ellipsis: true, render: (_, v) => localName(v.site, locale) },
    { key: 'used', title: t('monitoring.disk.used'), width: 220, render: (_, v) => <UsageBar pct={v.usedPct} level={v.level} /> },
    { key: 'level', title: t('monitoring.disk.level'), width: 90, render: (_, v) => <StatusTag items={diskLevels.items} value={v.level} /> },
    {
      key: 'size',
      title: t('monitoring.disk.size'),
      width: 170,
      align: 'right',
      render: (_, v) => `${formatBytes(v.usedBytes)} / ${formatBytes(v.sizeBytes)}`,
    },
    { key: 'reportedAt', title: t('monitoring.disk.reportedAt'), width: 150, render: (_, v) => formatDateTime(v.reportedAt, locale) },
  ];
  const rows = [...(data ?? [])].sort((a, b) => b.usedPct - a.usedPct);
  return (
    <>
      {error && <ProblemAlert error={error} />}
      <Table<DiskVolume>
        rowKey={keyOf}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1210 }}
        data-testid="disk-volumes"
      />
    </>
  );
}

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;

/** One week per volume (6.e): first, last and peak usage, growth, threshold breaches and days without a report. */
function WeeklyReport({ weekOf, onWeekChange }: { weekOf: string; onWeekChange: (weekOf: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error, isFetching } = useQuery({ queryKey: monitoringKeys.diskWeekly(weekOf), queryFn: () => getDiskWeekly(weekOf) });
  const pct = (n: number) => `${n.toFixed(1)}%`;
  const columns: TableColumnsType<DiskWeeklyItem> = [
    { key: 'host', title: t('monitoring.disk.host'), dataIndex: 'host', width: 160, ellipsis: true },
    { key: 'mount', title: t('monitoring.disk.mount'), width: 140, ellipsis: true, render: (_, v) => <Typography.Text code>{v.mount}</Typography.Text> },
    { key: 'site', title: t('monitoring.site'), width: 130, ellipsis: true, render: (_, v) => localName(v.site, locale) },
    { key: 'samples', title: t('monitoring.disk.samples'), dataIndex: 'samples', width: 80, align: 'right' },
    { key: 'firstPct', title: t('monitoring.disk.firstPct'), width: 90, align: 'right', render: (_, v) => pct(v.firstPct) },
    { key: 'lastPct', title: t('monitoring.disk.lastPct'), width: 90, align: 'right', render: (_, v) => pct(v.lastPct) },
    { key: 'maxPct', title: t('monitoring.disk.maxPct'), width: 90, align: 'right', render: (_, v) => pct(v.maxPct) },
    {
      key: 'growth',
      title: t('monitoring.disk.growth'),
      width: 110,
      align: 'right',
      render: (_, v) => (
        <Typography.Text type={v.growthPct >= 5 ? 'danger' : v.growthPct > 0 ? 'warning' : undefined}>
          {t('monitoring.disk.points', { value: signed(v.growthPct) })}
        </Typography.Text>
      ),
    },
    {
      key: 'breaches',
      title: t('monitoring.disk.breaches'),
      width: 90,
      align: 'right',
      render: (_, v) => (v.breaches > 0 ? <Typography.Text type="danger">{v.breaches}</Typography.Text> : 0),
    },
    { key: 'lastLevel', title: t('monitoring.disk.level'), width: 90, render: (_, v) => <StatusTag items={diskLevels.items} value={v.lastLevel} /> },
    {
      key: 'missingDays',
      title: t('monitoring.disk.missingDays'),
      width: 260,
      render: (_, v) =>
        v.missingDays.length === 0 ? (
          <Typography.Text type="secondary">{t('monitoring.disk.noMissing')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap data-testid="disk-missing-days">
            {v.missingDays.map((d) => (
              <Tag key={d} color="red">
                {formatDate(d, locale)}
              </Tag>
            ))}
          </Flex>
        ),
    },
  ];
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="week"
          allowClear={false}
          value={dayjs(weekOf)}
          onChange={(d) => d && onWeekChange(d.format('YYYY-MM-DD'))}
          aria-label={t('monitoring.disk.weekOf')}
          data-testid="disk-week"
        />
        {data && (
          <Typography.Text type="secondary">
            {t('monitoring.disk.period', { from: formatDate(data.from, locale), to: formatDate(data.to, locale) })}
          </Typography.Text>
        )}
      </Flex>
      {error && <ProblemAlert error={error} />}
      <Table<DiskWeeklyItem>
        rowKey={keyOf}
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        scroll={{ x: 1330 }}
        onRow={(v) => (v.missingDays.length > 0 ? { style: { background: 'var(--ant-color-warning-bg, #fffbe6)' } } : {})}
        data-testid="disk-weekly"
      />
    </>
  );
}

/** ディスク容量: latest usage per volume, and the weekly report with its missing days. */
export function DiskTab() {
  const { t } = useTranslation();
  const [params, setParams] = useListParams(['tab', 'view', 'weekOf'] as const);
  const view = params.view === 'weekly' ? 'weekly' : 'latest';
  const weekOf = params.weekOf ?? dayjs().format('YYYY-MM-DD');
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={view}
        onChange={(v) => setParams({ view: v === 'weekly' ? 'weekly' : undefined })}
        options={[
          { value: 'latest', label: t('monitoring.disk.latest') },
          { value: 'weekly', label: t('monitoring.disk.weekly') },
        ]}
      />
      {view === 'latest' ? <LatestVolumes /> : <WeeklyReport weekOf={weekOf} onWeekChange={(w) => setParams({ weekOf: w })} />}
    </>
  );
}
