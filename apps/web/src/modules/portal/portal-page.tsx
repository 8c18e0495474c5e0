import { SmileOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../lib/session.ts';

/** The requesters' landing page; requests and inquiries will be added here. */
export function PortalPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('portal.title')} />
      <Card>
        <Result icon={<SmileOutlined />} title={t('portal.welcome', { name: me.displayName })} subTitle={t('portal.body')} />
      </Card>
    </>
  );
}
