import { type MailInboundDto, mailDropReasons, mailInboundOutcomes } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceLabel, choiceOptions, formatDateTime } from '../../lib/format.ts';
import { listInboundMail, mailInboundKeys } from './mail.api.ts';

/** `reason` is a drop reason, or how the mail found its ticket: `thread:HD-…` (In-Reply-To) / `subject:HD-…`. */
function reasonText(m: MailInboundDto, t: TFunction, locale: 'ja' | 'en'): ReactNode {
  if (!m.reason) return null;
  if (m.outcome === 'dropped') return <StatusTag items={mailDropReasons.items} value={m.reason} />;
  const [how, number] = m.reason.split(':', 2);
  if (how === 'thread') return t('mailInbound.matchedThread', { number });
  if (how === 'subject') return t('mailInbound.matchedSubject', { number });
  return choiceLabel(mailDropReasons.items, m.reason, locale);
}

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024).toLocaleString()} KB`);

/** Received service-desk mail: new tickets, replies added to tickets, and dropped machine mail with the reason. */
export function MailInboundTab({ outcome, onOutcome }: { outcome: string | undefined; onOutcome: (outcome: string | undefined) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = { outcome };

  // The outcome and the inquiry first: what operations look for is "what became of this mail".
  const columns: TableColumnsType<MailInboundDto> = [
    { key: 'receivedAt', title: t('mailInbound.receivedAt'), width: 150, render: (_, m) => formatDateTime(m.receivedAt, locale) },
    {
      key: 'outcome',
      title: t('mailInbound.outcome'),
      width: 120,
      render: (_, m) => (
        <span data-testid="mail-inbound-outcome" data-outcome={m.outcome}>
          <StatusTag items={mailInboundOutcomes.items} value={m.outcome} />
        </span>
      ),
    },
    {
      key: 'ticket',
      title: t('mailInbound.ticket'),
      width: 150,
      render: (_, m) =>
        m.ticketId ? (
          <Link to={`/tickets/${m.ticketId}`} data-testid="mail-inbound-ticket">
            {m.ticketNumber ?? m.ticketId}
          </Link>
        ) : null,
    },
    { key: 'from', title: t('mailInbound.from'), dataIndex: 'fromAddress', width: 220, ellipsis: true },
    { key: 'subject', title: t('mailInbound.subject'), dataIndex: 'subject', width: 300, ellipsis: true },
    { key: 'reason', title: t('mailInbound.reason'), width: 240, render: (_, m) => reasonText(m, t, locale) },
    { key: 'source', title: t('mailInbound.source'), width: 90, render: (_, m) => <Typography.Text code>{m.source.toUpperCase()}</Typography.Text> },
    { key: 'size', title: t('mailInbound.size'), width: 90, align: 'right', render: (_, m) => kb(m.size) },
  ];

  return (
    <DataTable<MailInboundDto>
      queryKey={mailInboundKeys.list(query)}
      fetchPage={(cursor) => listInboundMail(query, cursor)}
      columns={columns}
      rowKey="id"
      size="small"
      scrollX={1360}
      refetchInterval={30_000}
      toolbar={
        <Select
          allowClear
          placeholder={t('mailInbound.outcome')}
          style={{ width: 180 }}
          value={outcome}
          options={choiceOptions(mailInboundOutcomes.items, locale)}
          onChange={(v?: string) => onOutcome(v)}
          aria-label={t('mailInbound.outcome')}
          id="mail-inbound-filter"
        />
      }
    />
  );
}
