import { LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { noResponseReasons, ticketChannels, ticketEventTypes, ticketStatuses } from '@unyo/contracts';
import { Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceLabel } from '../../lib/format.ts';
import { formatSiteTime } from './ticket-format.ts';

/** One timeline entry, as the operator or the portal API gives it. */
export type TimelineEvent = {
  id: string;
  type: string;
  at: string;
  actorLabel: string;
  body: string | null;
  /** Portal events are public by definition. */
  visibility: 'public' | 'internal';
  data?: Record<string, unknown>;
  attachments: { id: string; fileName: string; size: number }[];
  /** Portal: the requester's own message. */
  mine?: boolean;
};

/** Messages people wrote, shown as cards; the rest are one-line facts. */
const messageTypes = new Set(['public_reply', 'requester_reply', 'internal_note', 'mail_in', 'mail_out', 'received']);

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

function factText(e: TimelineEvent, t: TFunction, locale: 'ja' | 'en'): ReactNode {
  const d = e.data ?? {};
  switch (e.type) {
    case 'received':
      return d.channel ? choiceLabel(ticketChannels.items, str(d.channel), locale) : null;
    case 'status_changed':
      return (
        <>
          <StatusTag items={ticketStatuses.items} value={str(d.from) || null} /> → <StatusTag items={ticketStatuses.items} value={str(d.to) || null} />
        </>
      );
    case 'escalation_started':
      return t('ticket.eventEscalationStarted', { vendor: str(d.vendor) });
    case 'escalation_ended':
      return t('ticket.eventEscalationEnded');
    case 'assigned':
      // The log keeps user ids; a name is shown when the server gives one, "unassigned" when cleared.
      if (typeof d.toLabel === 'string') return t('ticket.eventAssigned', { to: d.toLabel });
      return d.to ? null : t('ticket.eventAssigned', { to: t('ticket.unassigned') });
    case 'call': {
      const direction = d.direction === 'outbound' ? t('ticket.callOutbound') : t('ticket.callInbound');
      const answered = d.answered === true ? t('ticket.callAnswered') : t('ticket.callUnanswered');
      const parts = [direction, answered];
      if (typeof d.waitSeconds === 'number') parts.push(t('ticket.callWait', { s: d.waitSeconds }));
      if (typeof d.talkSeconds === 'number' && d.voiceCallback !== true) parts.push(t('ticket.callTalk', { s: d.talkSeconds }));
      if (d.voiceCallback === true) parts.push(t('ticket.callVoice'));
      return parts.join(' / ');
    }
    case 'fields_changed': {
      const changes = d.changes && typeof d.changes === 'object' ? (d.changes as Record<string, { from?: unknown; to?: unknown }>) : {};
      if (changes.noResponse) {
        return changes.noResponse.to === true
          ? t('ticket.eventNoResponseSet', { reason: choiceLabel(noResponseReasons.items, str(changes.noResponseReason?.to), locale) })
          : t('ticket.eventNoResponseCleared');
      }
      const keys = Object.keys(changes);
      return keys.length ? t('ticket.eventFieldsChanged', { fields: keys.map((k) => fieldLabel(k, t)).join(', ') }) : null;
    }
    default:
      return null;
  }
}

function fieldLabel(key: string, t: TFunction): string {
  const known: Record<string, string> = {
    categoryId: t('ticket.category'),
    priority: t('ticket.priority'),
    assigneeId: t('ticket.assignee'),
    team: t('ticket.team'),
    installRequest: t('ticket.installRequest'),
    subject: t('ticket.subject'),
    description: t('ticket.descriptionField'),
    language: t('ticket.language'),
    siteId: t('ticket.site'),
    noResponse: t('ticket.noResponse'),
    requesterType: t('ticket.requesterType'),
    details: t('ticket.details'),
  };
  return known[key] ?? key;
}

type TimelineProps = {
  events: readonly TimelineEvent[];
  /** Shown instead of the timeline when there are no events. */
  empty?: ReactNode;
  /** The site's time zone: times are shown as the site's clock read them. */
  timeZone?: string;
  attachmentUrl: (fileId: string) => string;
};

/**
 * The ticket's event log, oldest first. Public messages (what the requester sees) are green/blue cards,
 * internal notes are amber with a lock so nobody mistakes them for something the requester read.
 */
function colourOf(e: TimelineEvent): string {
  if (e.type === 'internal_note') return '#faad14';
  if (e.visibility === 'internal') return 'gray';
  if (e.type === 'public_reply' || e.type === 'mail_out') return 'green';
  if (e.type === 'requester_reply' || e.type === 'mail_in') return 'blue';
  return 'gray';
}

/** Card colours: amber for internal, blue for the requester's side, green for our public answers. */
function cardStyle(e: TimelineEvent): { background?: string; borderColor?: string } {
  if (e.visibility === 'internal') return { background: '#fffbe6', borderColor: '#ffe58f' };
  if (e.mine || e.type === 'requester_reply' || e.type === 'mail_in') return { background: '#f0f5ff', borderColor: '#adc6ff' };
  if (e.type === 'public_reply' || e.type === 'mail_out') return { background: '#f6ffed', borderColor: '#b7eb8f' };
  return {};
}

function EventEntry({ e, timeZone, attachmentUrl }: { e: TimelineEvent; timeZone?: string; attachmentUrl: (fileId: string) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMessage = messageTypes.has(e.type) && (e.body || e.attachments.length > 0);
  // Only written messages carry the "internal" mark: system facts (status changes…) are never sent anyway.
  const internal = e.visibility === 'internal' && isMessage;
  const head = (
    <Flex gap={8} wrap align="center">
      <Typography.Text strong>{choiceLabel(ticketEventTypes.items, e.type, locale)}</Typography.Text>
      {internal && (
        <Tag icon={<LockOutlined />} color="gold">
          {t('ticket.internal')}
        </Tag>
      )}
      <Typography.Text type="secondary">{e.actorLabel}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatSiteTime(e.at, timeZone, locale)}
      </Typography.Text>
    </Flex>
  );
  const files = e.attachments.length > 0 && (
    <Flex gap={8} wrap style={{ marginTop: 6 }}>
      {e.attachments.map((a) => (
        <a key={a.id} href={attachmentUrl(a.id)} data-testid="ticket-attachment">
          <PaperClipOutlined /> {a.fileName}
        </a>
      ))}
    </Flex>
  );
  const fact = factText(e, t, locale);
  return (
    <div data-testid="ticket-event" data-type={e.type} data-visibility={e.visibility}>
      {isMessage ? (
        <Card size="small" title={head} style={{ ...cardStyle(e), maxWidth: 860, marginInlineStart: e.mine ? 'auto' : undefined }}>
          {e.body && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="ticket-event-body">
              {e.body}
            </Typography.Paragraph>
          )}
          {files}
        </Card>
      ) : (
        <>
          {head}
          {fact && <div style={{ marginTop: 4 }}>{fact}</div>}
          {e.body && (
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
              {e.body}
            </Typography.Paragraph>
          )}
          {files}
        </>
      )}
    </div>
  );
}

/**
 * The ticket's event log, oldest first. Public messages (what the requester sees) are green/blue cards,
 * internal notes are amber with a lock so nobody mistakes them for something the requester read.
 */
export function TicketTimeline({ events, timeZone, attachmentUrl, empty }: TimelineProps) {
  const { t } = useTranslation();
  if (events.length === 0) return empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.noEvents')} />;
  const items = events.map((e) => ({
    key: e.id,
    color: colourOf(e),
    content: <EventEntry e={e} timeZone={timeZone} attachmentUrl={attachmentUrl} />,
  }));
  return <Timeline items={items} />;
}
