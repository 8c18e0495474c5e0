import { useQuery } from '@tanstack/react-query';
import { noticeSeverities, type PortalNoticeDto } from '@unyo/contracts';
import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { choiceLabel, formatDateTime } from '../../lib/format.ts';
import { listPortalNotices, noticeKeys } from './knowledge.api.ts';

const alertType: Record<PortalNoticeDto['severity'], 'info' | 'warning' | 'error'> = {
  info: 'info',
  maintenance: 'info',
  warning: 'warning',
  critical: 'error',
};

/** The notices currently published for the requester's site and for all sites, in the UI language. */
export function PortalNotices() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data } = useQuery({ queryKey: noticeKeys.portal(locale), queryFn: () => listPortalNotices(locale), staleTime: 60_000 });
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="portal-notices" aria-label={t('notice.portalTitle')}>
      {items.map((n) => (
        <Alert
          key={n.id}
          type={alertType[n.severity]}
          showIcon
          title={
            <span data-testid="portal-notice-title">
              [{choiceLabel(noticeSeverities.items, n.severity, locale)}] {n.title}
            </span>
          }
          description={
            <>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{n.body}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(n.publishFrom, locale)}
                {n.publishUntil ? ` – ${formatDateTime(n.publishUntil, locale)}` : ''}
              </Typography.Text>
            </>
          }
        />
      ))}
    </Space>
  );
}
