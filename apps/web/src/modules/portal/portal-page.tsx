import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../lib/session.ts';
import { PortalFaq } from '../knowledge/portal-faq.tsx';
import { PortalNotices } from '../knowledge/portal-notices.tsx';
import { PortalInquiryForm } from './portal-inquiry-form.tsx';
import { PortalSoftware } from './portal-software.tsx';
import { PortalTicketDetail, PortalTicketList } from './portal-tickets.tsx';

type Tab = 'new' | 'mine' | 'faq' | 'software';
const tabs: readonly Tab[] = ['new', 'mine', 'faq', 'software'];

/**
 * The requesters' help desk: notices for their site, a new inquiry, their own inquiries, the FAQ and the
 * software licences available (3.3.1.e).
 * The tab and the open inquiry live in the URL, so a link from a reply mail opens the inquiry.
 */
export function PortalPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? (params.get('ticket') ? 'mine' : 'new');
  const ticketId = params.get('ticket');

  const go = (next: { tab: Tab; ticket?: string | null }) => {
    const p = new URLSearchParams();
    p.set('tab', next.tab);
    if (next.ticket) p.set('ticket', next.ticket);
    setParams(p);
  };

  return (
    <>
      <PageHeader
        title={t('portalDesk.title')}
        description={<Typography.Text type="secondary">{t('portal.welcome', { name: me.displayName })}</Typography.Text>}
      />
      <PortalNotices />
      <Tabs
        activeKey={tab}
        onChange={(k) => go({ tab: k as Tab })}
        destroyOnHidden
        items={[
          {
            key: 'new',
            label: <span data-testid="portal-tab-new">{t('portalDesk.tabNew')}</span>,
            children: <PortalInquiryForm onCreated={(ticket) => go({ tab: 'mine', ticket: ticket.id })} />,
          },
          {
            key: 'mine',
            label: <span data-testid="portal-tab-mine">{t('portalDesk.tabMine')}</span>,
            children: ticketId ? (
              <PortalTicketDetail id={ticketId} onBack={() => go({ tab: 'mine' })} />
            ) : (
              <PortalTicketList onOpen={(id) => go({ tab: 'mine', ticket: id })} />
            ),
          },
          { key: 'faq', label: <span data-testid="portal-tab-faq">{t('portalDesk.tabFaq')}</span>, children: <PortalFaq /> },
          { key: 'software', label: <span data-testid="portal-tab-software">{t('portalDesk.tabSoftware')}</span>, children: <PortalSoftware /> },
        ]}
      />
    </>
  );
}
