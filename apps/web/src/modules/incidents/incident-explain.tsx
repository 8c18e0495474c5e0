import { useQuery } from '@tanstack/react-query';
import type { IncidentExplainDto } from '@unyo/contracts';
import { Card, Descriptions, Flex, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { formatDuration } from '../servicedesk/ticket-clock.tsx';
import { clockStateColors } from './incident-clock.tsx';
import { explainIncident, incidentKeys } from './incidents.api.ts';

type Segment = IncidentExplainDto['clocks'][number]['segments'][number];

const segmentColors: Record<Segment['kind'], string> = { counted: '#1677ff', paused: '#faad14', closed: '#d9d9d9' };

/** "escalation:ベンダーA" → "2次エスカレーション中（ベンダーA）"; "recovered" and "calendar" have their own text. */
export function segmentReason(reason: string | null, t: TFunction): string {
  if (!reason) return '';
  if (reason.startsWith('escalation:')) return t('incident.explain.reasonEscalation', { vendor: reason.slice('escalation:'.length) });
  if (reason === 'recovered') return t('incident.explain.reasonRecovered');
  if (reason === 'calendar') return t('incident.explain.reasonCalendar');
  return reason;
}

/** "3時間0分12秒": the explain view shows seconds so the segments visibly add up to the elapsed time. */
function formatPrecise(ms: number, t: TFunction): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('incident.explain.hms', { h, m, s });
  if (m > 0) return t('incident.explain.ms', { m, s });
  return t('incident.explain.s', { s });
}

/** Rules without a business calendar are measured around the clock. */
function calendarLabel(calendar: string | null, t: TFunction): string {
  return !calendar || calendar === '24x7' ? t('incident.calendar247') : calendar;
}

/** The segments as one proportional bar: counted blue, paused amber, outside business hours grey. */
function SegmentBar({ segments }: { segments: Segment[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const total = segments.reduce((s, x) => s + x.ms, 0);
  if (total <= 0) return null;
  return (
    <div style={{ display: 'flex', height: 14, borderRadius: 4, overflow: 'hidden', marginBottom: 8 }} aria-hidden>
      {segments.map((s) => (
        <Tooltip key={s.from} title={`${t(`incident.explain.kind_${s.kind}`)} ${formatDateTime(s.from, locale)} – ${formatDateTime(s.to, locale)}`}>
          <div style={{ flexGrow: s.ms, flexBasis: 0, background: segmentColors[s.kind], minWidth: s.ms > 0 ? 2 : 0 }} />
        </Tooltip>
      ))}
    </div>
  );
}

/** 計測の説明: per clock, the rule in force and each period counted, paused or outside the calendar. */
export function IncidentExplainTab({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error } = useQuery({ queryKey: incidentKeys.explain(incidentId), queryFn: () => explainIncident(incidentId) });
  if (isPending) return <Spin />;
  if (error) return <ProblemAlert error={error} />;
  return (
    <Flex vertical gap={16} data-testid="incident-explain">
      <Typography.Text type="secondary">{t('incident.explain.asOf', { at: formatDateTime(data.asOf, locale) })}</Typography.Text>
      {data.clocks.map((c) => {
        const counted = c.segments.filter((s) => s.kind === 'counted').reduce((sum, s) => sum + s.ms, 0);
        return (
          <Card
            key={c.code}
            size="small"
            data-testid="incident-explain-clock"
            data-code={c.code}
            title={
              <Space>
                {t(`incident.clockName.${c.code}`)}
                <Tag color={clockStateColors[c.state]}>{t(`incident.clockState.${c.state}`)}</Tag>
              </Space>
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('incident.target')}>{formatDuration(c.targetMinutes * 60_000, t)}</Descriptions.Item>
              <Descriptions.Item label={t('incident.explain.calendar')}>{calendarLabel(c.rule.calendar, t)}</Descriptions.Item>
              <Descriptions.Item label={t('incident.explain.pauseOnEscalation')}>
                {c.rule.pauseOnEscalation ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('incident.explain.effectiveFrom')}>{formatDateTime(c.rule.effectiveFrom, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('incident.explain.startedAt')}>{formatDateTime(c.startedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('incident.elapsed')}>
                <span data-testid="incident-explain-elapsed">{formatPrecise(c.elapsedMs, t)}</span>
              </Descriptions.Item>
              {c.exclusions.length > 0 && (
                <Descriptions.Item label={t('incident.explain.exclusions')} span={3}>
                  {c.exclusions.join(', ')}
                </Descriptions.Item>
              )}
            </Descriptions>
            {c.state === 'not_applicable' || c.state === 'excluded' ? (
              <Typography.Text type="secondary">{t(`incident.explain.${c.state}`)}</Typography.Text>
            ) : (
              <>
                <SegmentBar segments={c.segments} />
                <Table<Segment>
                  size="small"
                  rowKey="from"
                  pagination={false}
                  dataSource={c.segments}
                  data-testid="incident-explain-segments"
                  onRow={(s) => ({ 'data-kind': s.kind }) as never}
                  columns={[
                    { key: 'from', title: t('incident.explain.from'), render: (_, s) => formatDateTime(s.from, locale) },
                    { key: 'to', title: t('incident.explain.to'), render: (_, s) => formatDateTime(s.to, locale) },
                    {
                      key: 'kind',
                      title: t('incident.explain.kind'),
                      render: (_, s) => (
                        <Tag color={s.kind === 'counted' ? 'blue' : s.kind === 'paused' ? 'gold' : 'default'}>{t(`incident.explain.kind_${s.kind}`)}</Tag>
                      ),
                    },
                    { key: 'reason', title: t('incident.explain.reason'), render: (_, s) => segmentReason(s.reason, t) },
                    { key: 'ms', title: t('incident.explain.duration'), align: 'right', render: (_, s) => formatPrecise(s.ms, t) },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={4}>
                        {t('incident.explain.countedTotal')}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        {formatPrecise(counted, t)}
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              </>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}
