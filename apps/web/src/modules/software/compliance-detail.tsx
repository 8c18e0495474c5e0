import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { complianceStatuses, licenseForms, type SoftwareComplianceDetail, type SoftwareProductRef } from '@unyo/contracts';
import { Descriptions, Drawer, Flex, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { getComplianceDetail, softwareKeys } from './software.api.ts';

type LicenseLine = SoftwareComplianceDetail['licenses'][number];
type DeviceLine = SoftwareComplianceDetail['devices'][number];

export const productLabel = (p: SoftwareProductRef) => (p.publisher ? `${p.publisher} ${p.name}` : p.name);

/** A yes/no cell: a green tick or a grey cross, with the word for screen readers. */
function Mark({ on, label }: { on: boolean; label: string }) {
  return on ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={label} /> : <CloseCircleTwoTone twoToneColor="#bfbfbf" aria-label={label} />;
}

/** One product's compliance: each licence (owned vs what the upgrade chain left vs used) and each device. */
export function ComplianceDetailDrawer({ product, onClose }: { product: SoftwareProductRef; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: softwareKeys.complianceDetail(product.id), queryFn: () => getComplianceDetail(product.id) });
  const yes = t('swLicense.yes');
  const no = t('swLicense.no');

  return (
    <Drawer
      open
      title={t('swCompliance.detailTitle', { name: productLabel(product) })}
      size={960}
      onClose={onClose}
      destroyOnHidden
      data-testid="compliance-detail"
    >
      {error && <ProblemAlert error={error} />}
      {isPending && <Spin style={{ display: 'block', margin: '40px auto' }} />}
      {data && (
        <Flex vertical gap={24}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('swCompliance.status')}>
              <StatusTag items={complianceStatuses.items} value={data.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.entitled')}>{data.entitled}</Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.consumed')}>{data.consumed}</Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.shortfall')}>
              <Typography.Text type={data.shortfall > 0 ? 'danger' : undefined}>{data.shortfall}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.utilization')}>
              {data.utilization === null ? t('swCompliance.noEntitlement') : `${Math.round(data.utilization)}%`}
            </Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.distributed')}>{data.distributed}</Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.recorded')}>{data.recorded}</Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.detected')}>{data.detected}</Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.detectedUnrecorded')}>{data.detectedUnrecorded}</Descriptions.Item>
            <Descriptions.Item label={t('swCompliance.recordedUndetected')}>{data.recordedUndetected}</Descriptions.Item>
          </Descriptions>
          <Table<LicenseLine>
            size="small"
            rowKey={(l) => l.license.id}
            pagination={false}
            dataSource={data.licenses}
            title={() => t('swCompliance.licenses')}
            data-testid="compliance-licenses"
            scroll={{ x: 900 }}
            columns={[
              {
                key: 'license',
                title: t('swLicense.assetNumber'),
                width: 150,
                render: (_, l) => <Link to={`/software-licenses/${l.license.id}`}>{l.license.assetNumber}</Link>,
              },
              { key: 'softwareName', title: t('swLicense.softwareName'), ellipsis: true, render: (_, l) => l.license.softwareName },
              {
                key: 'licenseForm',
                title: t('swLicense.licenseForm'),
                width: 190,
                render: (_, l) => <StatusTag items={licenseForms.items} value={l.licenseForm} />,
              },
              {
                key: 'version',
                title: t('swCompliance.licensedVersion'),
                width: 170,
                render: (_, l) => (
                  <>
                    {l.licensedVersion ?? t('common.none')}
                    {l.downgradeAllowed && <Tag style={{ marginInlineStart: 6 }}>{t('swCompliance.downgrade')}</Tag>}
                  </>
                ),
              },
              { key: 'ownedCount', title: t('swCompliance.ownedCount'), dataIndex: 'ownedCount', width: 80, align: 'right' },
              { key: 'effectiveCount', title: t('swCompliance.effectiveCount'), dataIndex: 'effectiveCount', width: 80, align: 'right' },
              { key: 'used', title: t('swCompliance.used'), dataIndex: 'used', width: 80, align: 'right' },
              { key: 'boundDevice', title: t('swCompliance.boundDevice'), width: 130, ellipsis: true, render: (_, l) => l.boundDevice?.assetNumber ?? '' },
            ]}
          />
          <Table<DeviceLine>
            size="small"
            rowKey={(d) => d.device.id}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={data.devices}
            title={() => t('swCompliance.devices')}
            data-testid="compliance-devices"
            columns={[
              {
                key: 'device',
                title: t('swCompliance.device'),
                render: (_, d) => <Link to={`/assets/${d.device.id}`}>{`${d.device.assetNumber} ${d.device.name}`}</Link>,
              },
              { key: 'version', title: t('swCompliance.version'), render: (_, d) => d.version ?? '' },
              { key: 'recorded', title: t('swCompliance.recorded'), align: 'center', render: (_, d) => <Mark on={d.recorded} label={d.recorded ? yes : no} /> },
              { key: 'detected', title: t('swCompliance.detected'), align: 'center', render: (_, d) => <Mark on={d.detected} label={d.detected ? yes : no} /> },
              {
                key: 'covered',
                title: t('swCompliance.covered'),
                render: (_, d) => <Tag color={d.covered ? 'green' : 'red'}>{d.covered ? t('swCompliance.coveredYes') : t('swCompliance.coveredNo')}</Tag>,
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
