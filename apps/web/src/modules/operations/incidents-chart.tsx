import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDate } from '../../lib/format.ts';
import { fetchIncidentsPerDay, operationsKeys } from './operations.api.ts';

const chartHeight = 120;

/** Incidents per day over the last 30 days: plain bars, as the other pages draw their charts without a chart library. */
export function IncidentsChart() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, error, isPending } = useQuery({
    queryKey: operationsKeys.widget('incidents-per-day'),
    queryFn: fetchIncidentsPerDay,
    refetchInterval: 300_000,
  });
  const days = data ?? [];
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((n, d) => n + d.count, 0);
  return (
    <Card
      size="small"
      title={t('operations.chartTitle')}
      loading={isPending}
      extra={<Link to="/incidents">{t('operations.showAll')}</Link>}
      data-testid="operations-chart"
    >
      {error && <ProblemAlert error={error} />}
      <Typography.Text type="secondary">{t('operations.chartTotal', { count: total })}</Typography.Text>
      <Flex
        align="flex-end"
        gap={2}
        style={{ height: chartHeight, marginTop: 8, borderBottom: '1px solid #d9d9d9' }}
        role="img"
        aria-label={t('operations.chartTitle')}
      >
        {days.map((d) => (
          <Tooltip key={d.day} title={t('operations.chartDay', { day: formatDate(d.day, locale), count: d.count })}>
            <div
              data-testid="operations-chart-bar"
              data-count={d.count}
              style={{
                flex: 1,
                minWidth: 4,
                height: d.count ? Math.max(4, (d.count / max) * chartHeight) : 1,
                background: d.count ? '#1677ff' : '#f0f0f0',
                borderRadius: '2px 2px 0 0',
              }}
            />
          </Tooltip>
        ))}
      </Flex>
      {days.length > 0 && (
        <Flex justify="space-between">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(days[0].day, locale)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDate(days[days.length - 1].day, locale)}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
