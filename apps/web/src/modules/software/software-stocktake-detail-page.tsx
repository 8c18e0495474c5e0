import { CheckCircleOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { complianceStatuses, type SoftwareStocktakeDto, stocktakeStatuses } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Col, Descriptions, Row, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { closeSoftwareStocktake, getSoftwareStocktake, softwareKeys, softwareStocktakeReportUrl, useSoftwareMutation } from './software.api.ts';
import { MediaProgress } from './software-stocktakes-page.tsx';
import { StocktakeMediaTab } from './stocktake-media-tab.tsx';

type LicenseLine = SoftwareStocktakeDto['licenses'][number];

/** Ledger against inventory: live while the stock-take is open, frozen at closing. */
function LicensesTab({ st }: { st: SoftwareStocktakeDto }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<LicenseLine> = [
    { key: 'product', title: t('swStocktake.product'), dataIndex: 'product', width: 280, ellipsis: true },
    {
      key: 'status',
      title: t('swStocktake.lineStatus'),
      width: 110,
      render: (_, l) => (
        <span data-testid="sw-stocktake-line-status" data-status={l.status}>
          <StatusTag items={complianceStatuses.items} value={l.status} />
        </span>
      ),
    },
    { key: 'entitled', title: t('swStocktake.entitled'), dataIndex: 'entitled', width: 110, align: 'right' },
    { key: 'consumed', title: t('swStocktake.consumed'), dataIndex: 'consumed', width: 90, align: 'right' },
    {
      key: 'shortfall',
      title: t('swStocktake.shortfall'),
      width: 90,
      align: 'right',
      render: (_, l) => <Typography.Text type={l.shortfall > 0 ? 'danger' : undefined}>{l.shortfall}</Typography.Text>,
    },
    { key: 'detectedUnrecorded', title: t('swStocktake.detectedUnrecorded'), dataIndex: 'detectedUnrecorded', width: 170, align: 'right' },
    { key: 'recordedUndetected', title: t('swStocktake.recordedUndetected'), dataIndex: 'recordedUndetected', width: 170, align: 'right' },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{st.status === 'open' ? t('swStocktake.licensesLive') : t('swStocktake.licensesFrozen')}</Typography.Paragraph>
      <Table<LicenseLine>
        className="unyo-table"
        size="small"
        rowKey="product"
        columns={columns}
        dataSource={st.licenses}
        pagination={false}
        scroll={{ x: 1020 }}
        locale={{ emptyText: t('swStocktake.licensesEmpty') }}
        data-testid="sw-stocktake-licenses"
      />
    </>
  );
}

function Summary({ st }: { st: SoftwareStocktakeDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const over = st.licenses.filter((l) => l.status === 'over').length;
  const near = st.licenses.filter((l) => l.status === 'near').length;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('swStocktake.status')}>
          <span data-testid="sw-stocktake-status" data-status={st.status}>
            <StatusTag items={stocktakeStatuses.items} value={st.status} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('swStocktake.fiscalYear')}>{t('swStocktake.fiscalYearValue', { year: st.fiscalYear })}</Descriptions.Item>
        <Descriptions.Item label={t('swStocktake.dueOn')}>{formatDate(st.dueOn, locale)}</Descriptions.Item>
        {st.closedAt && (
          <Descriptions.Item label={t('swStocktake.closed')}>
            {formatDateTime(st.closedAt, locale)} {st.closedBy ?? ''}
          </Descriptions.Item>
        )}
        {st.note && <Descriptions.Item label={t('swStocktake.note')}>{st.note}</Descriptions.Item>}
      </Descriptions>
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} md={9}>
          <Typography.Text type="secondary">{t('swStocktake.mediaProgress')}</Typography.Text>
          <MediaProgress media={st.media} closed={st.status === 'closed'} />
          <Typography.Text type="secondary" data-testid="sw-stocktake-counts">
            {t('swStocktake.progressCounts', st.media)}
          </Typography.Text>
        </Col>
        <Col xs={8} md={5}>
          <Statistic title={t('swStocktake.summaryMissing')} value={st.media.missing} styles={{ content: st.media.missing ? { color: '#f5222d' } : {} }} />
        </Col>
        <Col xs={8} md={5}>
          <Statistic title={t('swStocktake.summaryOver')} value={over} styles={{ content: over ? { color: '#f5222d' } : {} }} />
        </Col>
        <Col xs={8} md={5}>
          <Statistic title={t('swStocktake.summaryNear')} value={near} styles={{ content: near ? { color: '#fa8c16' } : {} }} />
        </Col>
      </Row>
    </Card>
  );
}

/** One software stock-take: its progress, licences against use, and the media register check. */
export function SoftwareStocktakeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { data: st, error } = useQuery({ queryKey: softwareKeys.detail('stocktakes', id), queryFn: () => getSoftwareStocktake(id) });
  const close = useSoftwareMutation(closeSoftwareStocktake);

  if (error) return <ProblemAlert error={error} />;
  if (!st) return <Spin />;

  // The 422 for unchecked items is shown above the tabs rather than in a toast, so it stays while the user checks them.
  const confirmClose = () =>
    modal.confirm({
      title: t('swStocktake.closeConfirm'),
      content: t('swStocktake.closeHint'),
      okText: t('swStocktake.close'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'sw-stocktake-close-ok' } as never,
      onOk: () =>
        close
          .mutateAsync(st)
          .then(() => message.success(t('swStocktake.closedMessage')))
          .catch(() => undefined),
    });

  return (
    <>
      <PageHeader
        title={st.name}
        extra={
          <>
            <Link to="/software-stocktakes">
              <Button>{t('swStocktake.back')}</Button>
            </Link>
            <Button icon={<FileExcelOutlined />} href={softwareStocktakeReportUrl(st.id)} data-testid="sw-stocktake-report">
              {t('swStocktake.report')}
            </Button>
            {canOn(st, 'close') && (
              <Button danger icon={<CheckCircleOutlined />} loading={close.isPending} onClick={confirmClose} data-testid="sw-stocktake-close">
                {t('swStocktake.close')}
              </Button>
            )}
          </>
        }
      />
      {close.error && <ProblemAlert error={close.error} />}
      <Summary st={st} />
      <Tabs
        defaultActiveKey="licenses"
        destroyOnHidden
        items={[
          { key: 'licenses', label: t('swStocktake.tabLicenses'), children: <LicensesTab st={st} /> },
          { key: 'media', label: t('swStocktake.tabMedia'), children: <StocktakeMediaTab st={st} /> },
        ]}
      />
    </>
  );
}
