import { ArrowLeftOutlined, CheckCircleOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { type FileDto, type PortalTicketListItemDto, ticketStatuses } from '@unyo/contracts';
import type { TableColumnsType, UploadFile } from 'antd';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { formatDateTime, localName } from '../../lib/format.ts';
import { AttachmentPicker, stillUploading, uploadedIds } from '../servicedesk/attachment-picker.tsx';
import { TicketTimeline } from '../servicedesk/ticket-timeline.tsx';
import {
  closePortalTicket,
  listPortalTickets,
  portalAttachmentUrl,
  portalKeys,
  replyPortalTicket,
  usePortalMutation,
  usePortalTicket,
} from '../servicedesk/tickets.api.ts';

type Filter = 'open' | 'done' | 'all';

/** The requester's own inquiries, newest first. */
export function PortalTicketList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [filter, setFilter] = useState<Filter>('open');
  const query = { status: filter === 'all' ? undefined : filter };
  const columns: TableColumnsType<PortalTicketListItemDto> = [
    {
      key: 'number',
      title: t('portalDesk.number'),
      width: 150,
      render: (_, r) => (
        <Typography.Link onClick={() => onOpen(r.id)} data-testid="portal-ticket-link">
          {r.number}
        </Typography.Link>
      ),
    },
    { key: 'subject', title: t('portalDesk.subject'), ellipsis: true, dataIndex: 'subject' },
    { key: 'status', title: t('portalDesk.status'), width: 150, render: (_, r) => <StatusTag items={ticketStatuses.items} value={r.status} /> },
    { key: 'category', title: t('portalDesk.category'), width: 180, ellipsis: true, render: (_, r) => (r.category ? localName(r.category, locale) : '') },
    { key: 'receivedAt', title: t('portalDesk.receivedAt'), width: 160, render: (_, r) => formatDateTime(r.receivedAt, locale) },
    { key: 'lastPublicAt', title: t('portalDesk.lastActivity'), width: 160, render: (_, r) => formatDateTime(r.lastPublicAt, locale) },
  ];
  return (
    <DataTable<PortalTicketListItemDto>
      queryKey={portalKeys.list(query)}
      fetchPage={(cursor) => listPortalTickets(query, cursor)}
      columns={columns}
      rowKey="id"
      onRowOpen={(r) => onOpen(r.id)}
      toolbar={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t('portalDesk.filterOpen') },
            { value: 'done', label: t('portalDesk.filterDone') },
            { value: 'all', label: t('portalDesk.filterAll') },
          ]}
          data-testid="portal-ticket-filter"
        />
      }
    />
  );
}

/** One inquiry as the requester sees it: public messages only, a reply box, and "solved, close it". */
export function PortalTicketDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const ticket = usePortalTicket(id);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<UploadFile<FileDto>[]>([]);
  const reply = usePortalMutation(() => replyPortalTicket(id, { body, attachmentFileIds: uploadedIds(files) }));
  const close = usePortalMutation(() => closePortalTicket(id));

  if (ticket.isPending) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  if (ticket.error) return <ProblemAlert error={ticket.error} />;
  const tk = ticket.data;
  const events = tk.events.map((e) => ({ ...e, visibility: 'public' as const }));
  // Files sent with the inquiry are logged right after it was received; they are shown with the inquiry text.
  const withInquiry = (e: { type: string; seq: number }) => e.type === 'received' || (e.type === 'attachment_added' && e.seq <= 2);
  const sentFiles = tk.events.filter(withInquiry).flatMap((e) => e.attachments);

  return (
    <Flex vertical gap={16} data-testid="portal-ticket-detail">
      <Typography.Link onClick={onBack}>
        <ArrowLeftOutlined /> {t('portalDesk.backToList')}
      </Typography.Link>
      <div>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {tk.number} {tk.subject}
        </Typography.Title>
        <Flex gap={8} align="center" wrap style={{ marginTop: 4 }}>
          <span data-testid="portal-ticket-status" data-status={tk.status}>
            <StatusTag items={ticketStatuses.items} value={tk.status} />
          </span>
          <Typography.Text type="secondary">
            {t('portalDesk.receivedOn', { at: formatDateTime(tk.receivedAt, locale) })}
            {tk.category ? ` / ${localName(tk.category, locale)}` : ''}
          </Typography.Text>
        </Flex>
      </div>
      <Card size="small" title={t('portalDesk.yourInquiry')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{tk.description}</Typography.Paragraph>
        {sentFiles.length > 0 && (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {sentFiles.map((a) => (
              <a key={a.id} href={portalAttachmentUrl(tk.id, a.id)} data-testid="ticket-attachment">
                <PaperClipOutlined /> {a.fileName}
              </a>
            ))}
          </Flex>
        )}
      </Card>
      <TicketTimeline
        events={events.filter((e) => !withInquiry(e))}
        attachmentUrl={(fileId) => portalAttachmentUrl(tk.id, fileId)}
        empty={<Typography.Text type="secondary">{t('portalDesk.awaitingAnswer')}</Typography.Text>}
      />
      {canOn(tk, 'close') && (
        <Alert
          type="success"
          showIcon
          title={t('portalDesk.resolvedTitle')}
          description={t('portalDesk.resolvedHint')}
          action={
            <Popconfirm
              title={t('portalDesk.closeConfirm')}
              okText={t('portalDesk.close')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                close.mutateAsync().then(
                  () => message.success(t('portalDesk.closed')),
                  (err) => message.error(problemText(err, t('common.unexpectedError'))),
                )
              }
            >
              <Button type="primary" icon={<CheckCircleOutlined />} loading={close.isPending} data-testid="portal-close">
                {t('portalDesk.close')}
              </Button>
            </Popconfirm>
          }
        />
      )}
      {canOn(tk, 'reply') && (
        <Card size="small" title={t('portalDesk.replyTitle')}>
          <ProblemAlert error={reply.error} />
          <Flex vertical gap={8}>
            <Input.TextArea
              rows={4}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={20_000}
              placeholder={tk.status === 'resolved' ? t('portalDesk.replyReopenHint') : t('portalDesk.replyPlaceholder')}
              aria-label={t('portalDesk.replyTitle')}
              data-testid="portal-reply-body"
            />
            <AttachmentPicker value={files} onChange={setFiles} endpoint="/portal/files" disabled={reply.isPending} />
            <Flex justify="flex-end">
              <Button
                type="primary"
                icon={<SendOutlined />}
                disabled={!body.trim() || stillUploading(files)}
                loading={reply.isPending}
                data-testid="portal-reply-send"
                onClick={() =>
                  reply.mutate(undefined, {
                    onSuccess: () => {
                      setBody('');
                      setFiles([]);
                      message.success(t('portalDesk.replySent'));
                    },
                  })
                }
              >
                {t('portalDesk.send')}
              </Button>
            </Flex>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
