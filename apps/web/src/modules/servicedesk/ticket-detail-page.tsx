import { ArrowLeftOutlined, FilePdfOutlined, UserAddOutlined } from '@ant-design/icons';
import { ticketChannels, ticketPriorities, ticketStatuses } from '@unyo/contracts';
import { App, Button, Col, Row, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { NotFound } from '../../components/require-permission.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { isApiError } from '../../lib/api.ts';
import { canOn } from '../../lib/can.ts';
import { useCurrentUser } from '../../lib/session.ts';
import { FindingReportButton } from '../software/finding-report-form.tsx';
import { TicketActions } from './ticket-actions.tsx';
import { RecordCallButton } from './ticket-call-form.tsx';
import { TicketClockTag } from './ticket-clock.tsx';
import { TicketComposer } from './ticket-composer.tsx';
import { TicketFields } from './ticket-fields.tsx';
import { useSiteZones } from './ticket-format.ts';
import { TicketTimeline } from './ticket-timeline.tsx';
import { receptionSheetUrl, ticketAttachmentUrl, updateTicket, useTicket, useTicketEvents, useTicketMutation } from './tickets.api.ts';

export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const ticket = useTicket(id);
  const events = useTicketEvents(id);
  const zones = useSiteZones();
  const takeOver = useTicketMutation(() => updateTicket(id, ticket.data?.version ?? 0, { assigneeId: me.id }));

  if (ticket.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (ticket.error) {
    if (isApiError(ticket.error) && ticket.error.status === 404) return <NotFound />;
    return <ProblemAlert error={ticket.error} />;
  }
  const tk = ticket.data;
  const zone = zones.get(tk.site.id);
  const timeline = (events.data?.items ?? []).map((e) => ({ ...e, actorLabel: e.actor.label }));

  return (
    <>
      <Link to="/tickets" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('ticket.backToList')}
      </Link>
      <PageHeader
        title={`${tk.number} ${tk.subject}`}
        description={
          <Space size={4} wrap>
            <span data-testid="ticket-status" data-status={tk.status}>
              <StatusTag items={ticketStatuses.items} value={tk.status} />
            </span>
            <TicketClockTag clock={tk.clock} />
            <StatusTag items={ticketChannels.items} value={tk.channel} />
            <StatusTag items={ticketPriorities.items} value={tk.priority} />
            {tk.installRequest && <Typography.Text type="secondary">{t('ticket.installRequest')}</Typography.Text>}
          </Space>
        }
        extra={
          <>
            {canOn(tk, 'update') && tk.assignee?.id !== me.id && (
              <Button
                icon={<UserAddOutlined />}
                loading={takeOver.isPending}
                onClick={() => takeOver.mutate(undefined, { onError: (err) => message.error(problemText(err, t('common.unexpectedError'))) })}
                data-testid="ticket-take"
              >
                {t('ticket.takeOver')}
              </Button>
            )}
            <RecordCallButton ticket={tk} hasCalls={timeline.some((e) => e.type === 'call')} />
            <FindingReportButton ticketId={tk.id} label={t('swFinding.reportFromTicket')} />
            <Button icon={<FilePdfOutlined />} href={receptionSheetUrl(tk.id)} target="_blank" rel="noopener" data-testid="ticket-reception-sheet">
              {t('ticket.receptionSheet')}
            </Button>
          </>
        }
      />
      <Row gutter={24}>
        <Col xs={24} xl={16}>
          {tk.description && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 6 }} data-testid="ticket-description-text">
              {tk.description}
            </Typography.Paragraph>
          )}
          {events.error ? (
            <ProblemAlert error={events.error} />
          ) : events.isPending ? (
            <Spin />
          ) : (
            <TicketTimeline events={timeline} timeZone={zone} attachmentUrl={(fileId) => ticketAttachmentUrl(tk.id, fileId)} />
          )}
          <TicketComposer ticket={tk} />
        </Col>
        <Col xs={24} xl={8}>
          <TicketActions ticket={tk} />
          <TicketFields ticket={tk} timeZone={zone} />
        </Col>
      </Row>
    </>
  );
}
