import type { Choice } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { en } from '../../app/en.ts';
import { useLocale } from '../../app/i18n.ts';
import { ja } from '../../app/ja.ts';
import { DataTable } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { choiceOptions, formatDateTime } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { listMail, type MailDto, mailKeys } from './mail.api.ts';
import { MailInboundTab } from './mail-inbound-tab.tsx';

const mailStatuses: Choice[] = (['pending', 'sent', 'failed'] as const).map((value) => ({
  value,
  ja: ja.mailStatus[value],
  en: en.mailStatus[value],
  color: { pending: 'gold', sent: 'green', failed: 'red' }[value],
}));

const listKeys = ['tab', 'status', 'outcome'] as const;

/**
 * The outbox (every notification the system queued, with its delivery state) and, in a second tab, the service
 * desk's inbound log. The tab is in the URL so a link can open the inbound log directly.
 */
export function MailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useListParams(listKeys);
  const query = { status: params.status };

  const columns: TableColumnsType<MailDto> = [
    { key: 'createdAt', title: t('mail.createdAt'), width: 160, render: (_, m) => formatDateTime(m.createdAt, locale) },
    { key: 'to', title: t('mail.to'), dataIndex: 'to', width: 240, ellipsis: true },
    { key: 'subject', title: t('mail.subject'), dataIndex: 'subject', width: 320, ellipsis: true },
    {
      key: 'template',
      title: t('mail.template'),
      width: 200,
      render: (_, m) => <Typography.Text code>{m.template}</Typography.Text>,
    },
    { key: 'status', title: t('mail.status'), width: 110, render: (_, m) => <StatusTag items={mailStatuses} value={m.status} /> },
    { key: 'attempts', title: t('mail.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    { key: 'sentAt', title: t('mail.sentAt'), width: 160, render: (_, m) => formatDateTime(m.sentAt, locale) },
    {
      key: 'lastError',
      title: t('mail.lastError'),
      width: 280,
      ellipsis: { showTitle: true },
      render: (_, m) => m.lastError && <Typography.Text type="danger">{m.lastError}</Typography.Text>,
    },
  ];

  const outbox = (
    <DataTable<MailDto>
      queryKey={mailKeys.list(query)}
      fetchPage={(cursor) => listMail(query, cursor)}
      columns={columns}
      rowKey="id"
      size="small"
      scrollX={1560}
      refetchInterval={30_000}
      toolbar={
        <Select
          allowClear
          placeholder={t('mail.status')}
          style={{ width: 160 }}
          value={params.status}
          options={choiceOptions(mailStatuses, locale)}
          onChange={(status?: string) => setParams({ status })}
          aria-label={t('mail.status')}
        />
      }
    />
  );

  return (
    <>
      <PageHeader title={t('mailInbound.pageTitle')} />
      <Tabs
        activeKey={params.tab === 'inbound' ? 'inbound' : 'outbox'}
        onChange={(tab) => setParams({ tab: tab === 'inbound' ? 'inbound' : undefined })}
        destroyOnHidden
        items={[
          { key: 'outbox', label: <span data-testid="mail-tab-outbox">{t('mailInbound.tabOutbox')}</span>, children: outbox },
          {
            key: 'inbound',
            label: <span data-testid="mail-tab-inbound">{t('mailInbound.tabInbound')}</span>,
            children: <MailInboundTab outcome={params.outcome} onOutcome={(outcome) => setParams({ outcome })} />,
          },
        ]}
      />
    </>
  );
}
