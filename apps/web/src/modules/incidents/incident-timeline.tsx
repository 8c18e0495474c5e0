import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type IncidentEventDto, incidentMilestones } from '@unyo/contracts';
import { Flex, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceLabel, formatDateTime } from '../../lib/format.ts';
import { contactMethods, lanResults, logsMethods, repairResults } from './incident-event-modal.tsx';
import { getIncidentFile, incidentFileUrl, incidentKeys, listIncidentEvents } from './incidents.api.ts';

const eventTypes = [
  'occurred',
  'updated',
  'occurred_corrected',
  'escalation_started',
  'escalation_ended',
  'reopened',
  'note',
  'lan_cable_checked',
  'repair_visit',
  'logs_sent',
  'department_contacted',
  'closed',
  'report_sent',
  'monitoring_resolved',
] as const;
type EventType = (typeof eventTypes)[number];

function eventLabel(e: IncidentEventDto, t: TFunction, locale: 'ja' | 'en'): string {
  if (e.type === 'milestone') return choiceLabel(incidentMilestones.items, String(e.data.milestone ?? ''), locale);
  return (eventTypes as readonly string[]).includes(e.type) ? t(`incident.eventType.${e.type as EventType}`) : e.type;
}

const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

/** The facts of one entry, each "label: value"; the note last. */
function eventDetail(e: IncidentEventDto, t: TFunction): string[] {
  const d = e.data;
  const parts: string[] = [];
  const fact = (label: string, value: string) => parts.push(`${label}: ${value}`);
  if (typeof d.vendor === 'string') parts.push(t('incident.vendorIs', { vendor: d.vendor }));
  if (Array.isArray(d.to)) parts.push(t('incident.reportTo', { to: d.to.join(', ') }));
  if (Array.isArray(d.fields)) parts.push(t('incident.changedFields', { fields: d.fields.join(', ') }));
  if (e.type === 'lan_cable_checked' && isOneOf(lanResults, d.result)) fact(t('incident.lanResultLabel'), t(`incident.lanResult.${d.result}`));
  if (e.type === 'repair_visit') {
    if (typeof d.contractor === 'string') fact(t('incident.contractor'), d.contractor);
    if (typeof d.attendee === 'string') fact(t('incident.attendee'), d.attendee);
    if (isOneOf(repairResults, d.result)) fact(t('incident.repairResultLabel'), t(`incident.repairResult.${d.result}`));
    if (typeof d.testSteps === 'string') fact(t('incident.testSteps'), d.testSteps);
  }
  if (e.type === 'logs_sent') {
    if (typeof d.to === 'string') fact(t('incident.logsTo'), d.to);
    if (isOneOf(logsMethods, d.method)) fact(t('incident.logsMethodLabel'), t(`incident.logsMethod.${d.method}`));
  }
  if (e.type === 'department_contacted') {
    if (typeof d.contact === 'string') fact(t('incident.contactPerson'), d.contact);
    if (isOneOf(contactMethods, d.method)) fact(t('incident.contactMethodLabel'), t(`incident.contactMethod.${d.method}`));
  }
  if (typeof d.note === 'string') parts.push(d.note);
  return parts;
}

/** One attachment: its name once known, downloading from /files. */
function FileLink({ id, index }: { id: string; index: number }) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['files', id], queryFn: () => getIncidentFile(id), staleTime: Number.POSITIVE_INFINITY, retry: false });
  return (
    <Typography.Link href={incidentFileUrl(id)} data-testid="incident-event-file">
      <PaperClipOutlined /> {info.data?.name ?? `${t('incident.file')} ${index + 1}`}
    </Typography.Link>
  );
}

function EventDetail({ event }: { event: IncidentEventDto }) {
  const { t } = useTranslation();
  const fileIds = Array.isArray(event.data.fileIds) ? event.data.fileIds.map(String) : [];
  return (
    <Flex vertical gap={2}>
      {eventDetail(event, t).map((p, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one immutable entry never reorder
        <span key={n} style={{ whiteSpace: 'pre-wrap' }}>
          {p}
        </span>
      ))}
      {fileIds.length > 0 && (
        <Flex gap={8} wrap>
          {fileIds.map((id, n) => (
            <FileLink key={id} id={id} index={n} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** The immutable timeline: when each thing happened, when it was typed in, and by whom. */
export function IncidentTimelineTab({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending, error } = useQuery({ queryKey: incidentKeys.events(incidentId), queryFn: () => listIncidentEvents(incidentId) });
  if (error) return <ProblemAlert error={error} />;
  return (
    <Table<IncidentEventDto>
      size="small"
      rowKey="id"
      loading={isPending}
      pagination={false}
      dataSource={data?.items ?? []}
      data-testid="incident-timeline"
      onRow={(e) => ({ 'data-type': e.type }) as never}
      columns={[
        { key: 'type', title: t('incident.eventTypeColumn'), width: 200, render: (_, e) => eventLabel(e, t, locale) },
        { key: 'at', title: t('incident.eventAt'), width: 150, render: (_, e) => formatDateTime(e.at, locale) },
        { key: 'recordedAt', title: t('incident.recordedAt'), width: 150, render: (_, e) => formatDateTime(e.recordedAt, locale) },
        { key: 'actor', title: t('incident.actor'), width: 160, dataIndex: 'actor' },
        { key: 'detail', title: t('incident.detail'), render: (_, e) => <EventDetail event={e} /> },
      ]}
    />
  );
}
