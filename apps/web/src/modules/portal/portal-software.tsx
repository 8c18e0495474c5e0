import { useQuery } from '@tanstack/react-query';
import { complianceStatuses, type SoftwareAvailability } from '@unyo/contracts';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { api } from '../../lib/api.ts';

type Row = SoftwareAvailability['items'][number];

/** 3.3.1.e: licences the agency holds, in use and still available, per product (no devices, no people). */
export function PortalSoftware() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['portal', 'software-availability'],
    queryFn: () => api.get<SoftwareAvailability>('/portal/software-availability'),
    staleTime: 60_000,
  });
  if (q.error) return <ProblemAlert error={q.error} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('portalSoftware.intro')}</Typography.Paragraph>
      <Table<Row>
        rowKey={(r) => r.product.id}
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        size="small"
        data-testid="portal-software"
        columns={[
          { title: t('portalSoftware.product'), render: (_, r) => [r.product.publisher, r.product.name].filter(Boolean).join(' ') },
          { title: t('portalSoftware.entitled'), dataIndex: 'entitled', align: 'right' },
          { title: t('portalSoftware.inUse'), dataIndex: 'inUse', align: 'right' },
          { title: t('portalSoftware.available'), dataIndex: 'available', align: 'right' },
          { title: t('portalSoftware.status'), render: (_, r) => <StatusTag items={complianceStatuses.items} value={r.status} /> },
        ]}
      />
    </>
  );
}
