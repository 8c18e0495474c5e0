import { ArrowLeftOutlined, ArrowRightOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { installationStatuses, licenseForms, licenseTypes, type SoftwareInstallationDto, type SoftwareLicenseDto } from '@unyo/contracts';
import { App, Button, Descriptions, Flex, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { NotFound } from '../../components/require-permission.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { isApiError } from '../../lib/api.ts';
import { useCan } from '../../lib/can.ts';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { yen } from '../assets/asset-format.ts';
import { LicenseFormDrawer } from './license-form.tsx';
import { RenewalNotice } from './licenses-page.tsx';
import { deleteLicense, getLicense, listInstallations, softwareKeys, useSoftwareMutation } from './software.api.ts';

/** upgradeFrom → this licence → upgradeTo, each a link to its licence. */
function UpgradeChain({ license }: { license: SoftwareLicenseDto }) {
  const { t } = useTranslation();
  if (!license.upgradeFrom && license.upgradeTo.length === 0) return <Typography.Text type="secondary">{t('swLicense.chainEmpty')}</Typography.Text>;
  const ref = (r: { id: string; assetNumber: string; softwareName: string }, testId: string) => (
    <Link to={`/software-licenses/${r.id}`} data-testid={testId}>
      {`${r.assetNumber} ${r.softwareName}`}
    </Link>
  );
  return (
    <Flex gap={12} align="center" wrap data-testid="license-chain">
      {license.upgradeFrom && (
        <>
          <Space direction="vertical" size={0}>
            <Typography.Text type="secondary">{t('swLicense.upgradeFrom')}</Typography.Text>
            {ref(license.upgradeFrom, 'license-upgrade-from')}
          </Space>
          <ArrowRightOutlined />
        </>
      )}
      <Tag color="blue" style={{ fontSize: 14, padding: '2px 8px' }}>
        {license.assetNumber}
      </Tag>
      {license.upgradeTo.length > 0 && (
        <>
          <ArrowRightOutlined />
          <Space direction="vertical" size={0}>
            <Typography.Text type="secondary">{t('swLicense.upgradeTo')}</Typography.Text>
            {license.upgradeTo.map((r) => (
              <div key={r.id}>{ref(r, 'license-upgrade-to')}</div>
            ))}
          </Space>
        </>
      )}
    </Flex>
  );
}

function Installations({ licenseId }: { licenseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const params = { licenseId, limit: 100 };
  const { data, isPending } = useQuery({ queryKey: softwareKeys.list('installations', params), queryFn: () => listInstallations(params) });
  return (
    <Table<SoftwareInstallationDto>
      size="small"
      rowKey="id"
      loading={isPending}
      pagination={false}
      dataSource={data?.items ?? []}
      title={() => t('swLicense.installations')}
      columns={[
        {
          key: 'device',
          title: t('swInstallation.device'),
          render: (_, i) => <Link to={`/assets/${i.device.id}`}>{`${i.device.assetNumber} ${i.device.name}`}</Link>,
        },
        { key: 'site', title: t('swInstallation.site'), render: (_, i) => localName(i.site, locale) },
        { key: 'usedVersion', title: t('swInstallation.usedVersion'), dataIndex: 'usedVersion' },
        { key: 'status', title: t('swInstallation.status'), render: (_, i) => <StatusTag items={installationStatuses.items} value={i.status} /> },
        { key: 'workedOn', title: t('swInstallation.workedOn'), render: (_, i) => formatDate(i.workedOn, locale) },
      ]}
    />
  );
}

/** One licence of the owned-licence ledger with its upgrade chain and where it is used. */
export function LicenseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const license = useQuery({ queryKey: softwareKeys.detail('licenses', id), queryFn: () => getLicense(id) });
  const canUpdate = useCan(license.data, 'update');
  const canDelete = useCan(license.data, 'delete');
  const canReadInstallations = useCan('software-installation.read');
  const [editing, setEditing] = useState(false);
  const remove = useSoftwareMutation((l: SoftwareLicenseDto) => deleteLicense(l.id, l.version));

  if (license.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (license.error) {
    if (isApiError(license.error) && license.error.status === 404) return <NotFound />;
    return <ProblemAlert error={license.error} />;
  }
  const l = license.data;
  if (!l) return <NotFound />;
  const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? t('common.none') : v);
  const day = (v: string | null) => dash(formatDate(v, locale));
  const money = (v: number | null) => dash(yen(v, locale));

  return (
    <>
      <Link to="/software-licenses" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('swLicense.backToList')}
      </Link>
      <PageHeader
        title={`${l.assetNumber} ${l.softwareName}`}
        description={
          <Space size={4} wrap>
            <StatusTag items={licenseTypes.items} value={l.licenseType} />
            <StatusTag items={licenseForms.items} value={l.licenseForm} />
          </Space>
        }
        extra={
          <>
            {canUpdate && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="license-edit">
                {t('common.edit')}
              </Button>
            )}
            {canDelete && (
              <Popconfirm
                title={t('common.confirmDelete', { name: l.assetNumber })}
                description={t('common.confirmDeleteHint')}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutateAsync(l, {
                    onSuccess: () => {
                      message.success(t('common.deleted'));
                      navigate('/software-licenses');
                    },
                    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
                  })
                }
              >
                <Button danger icon={<DeleteOutlined />}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Flex vertical gap={24}>
        <div>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('swLicense.chain')}
          </Typography.Title>
          <UpgradeChain license={l} />
        </div>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('software.sectionBasic')}>
          <Descriptions.Item label={t('swLicense.assetNumber')}>{l.assetNumber}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.softwareName')}>{l.softwareName}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.manufacturer')}>{dash(l.manufacturer)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.products')} span={3}>
            {l.products.length ? l.products.map((p) => <Tag key={p.id}>{p.publisher ? `${p.publisher} ${p.name}` : p.name}</Tag>) : t('common.none')}
          </Descriptions.Item>
        </Descriptions>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('software.sectionEntitlement')}>
          <Descriptions.Item label={t('swLicense.ownedCount')}>{l.ownedCount}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.licensedVersion')}>{dash(l.licensedVersion)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.downgradeAllowed')}>{l.downgradeAllowed ? t('swLicense.yes') : t('swLicense.no')}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.usableEditions')}>{dash(l.usableEditions)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.usableVersions')}>{dash(l.usableVersions)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.usableLanguages')}>{dash(l.usableLanguages)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.boundDevice')}>
            {l.boundDevice ? <Link to={`/assets/${l.boundDevice.id}`}>{`${l.boundDevice.assetNumber} ${l.boundDevice.name}`}</Link> : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('swLicense.conditions')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{dash(l.conditions)}</span>
          </Descriptions.Item>
        </Descriptions>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('software.sectionAcquisition')}>
          <Descriptions.Item label={t('swLicense.acquiredOn')}>{day(l.acquiredOn)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.approvalDocument')}>{dash(l.approvalDocument)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.procuredBy')}>{dash(l.procuredBy)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.unitPrice')}>{money(l.unitPrice)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.totalCost')}>{money(l.totalCost)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.contractAmount')}>{money(l.contractAmount)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.certificateNumber')}>{dash(l.certificateNumber)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.storageLocation')}>{dash(l.storageLocation)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.vendorRegisteredOn')}>{day(l.vendorRegisteredOn)}</Descriptions.Item>
        </Descriptions>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title={t('software.sectionRenewal')}>
          <Descriptions.Item label={t('swLicense.renewalDate')}>{day(l.renewalDate)}</Descriptions.Item>
          <Descriptions.Item label={t('swLicense.renewalNoticeDate')}>
            {l.renewalNoticeDate ? (
              <>
                <RenewalNotice license={l} />
                {l.renewalNoticeMonths && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    {t('swLicense.renewalNoticeMonths', { months: l.renewalNoticeMonths })}
                  </Typography.Text>
                )}
              </>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('swLicense.upgradeValidUntil')}>{day(l.upgradeValidUntil)}</Descriptions.Item>
        </Descriptions>
        <Descriptions bordered size="small" column={1} title={t('software.sectionOther')}>
          <Descriptions.Item label={t('swLicense.note')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{dash(l.note)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(l.updatedAt, locale)}</Descriptions.Item>
        </Descriptions>
        {canReadInstallations && <Installations licenseId={l.id} />}
      </Flex>
      {editing && <LicenseFormDrawer license={l} onClose={() => setEditing(false)} />}
    </>
  );
}
