import { CheckCircleOutlined, MailOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { LocalSurveyDto, LocalSurveySiteDto } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Descriptions, Form, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { canOn } from '../../lib/can.ts';
import { formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { AnswerProgress, SurveyStatusTag } from './local-surveys-page.tsx';
import { closeLocalSurvey, getLocalSurvey, sendLocalSurvey, softwareKeys, useSoftwareMutation } from './software.api.ts';

const stateColors: Record<LocalSurveySiteDto['state'], string | undefined> = { not_sent: undefined, sent: 'processing', answered: 'success' };

/** The distribution ledger filtered to one office's local purchases (the ledger keeps its filters in the URL). */
const ledgerUrl = (siteId: string) => `/software-distributions?${new URLSearchParams({ origin: 'local', siteId })}`;

/** Sites whose link was (re)mailed by a send: their mailedAt changed. */
function newlyMailed(before: LocalSurveyDto, after: LocalSurveyDto): number {
  const was = new Map(before.sites.map((s) => [s.site.id, s.mailedAt]));
  return after.sites.filter((s) => s.mailedAt && s.mailedAt !== was.get(s.site.id)).length;
}

/** One local-purchase survey: each office's link and answer, reminders, and closing. */
export function LocalSurveyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const [sendingTo, setSendingTo] = useState<LocalSurveySiteDto | null>(null);
  const { data: s, error } = useQuery({ queryKey: softwareKeys.detail('surveys', id), queryFn: () => getLocalSurvey(id) });
  const remind = useSoftwareMutation((survey: LocalSurveyDto) => sendLocalSurvey(survey.id, {}));
  const close = useSoftwareMutation(closeLocalSurvey);

  if (error) return <ProblemAlert error={error} />;
  if (!s) return <Spin />;

  const reportSent = (before: LocalSurveyDto, after: LocalSurveyDto) => {
    const count = newlyMailed(before, after);
    if (count > 0) message.success(t('swSurvey.sent', { count }));
    else message.warning(t('swSurvey.sentNone'));
  };

  const confirmRemind = () =>
    modal.confirm({
      title: t('swSurvey.remindConfirm'),
      content: t('swSurvey.remindHint'),
      okText: t('swSurvey.send'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'local-survey-remind-ok' } as never,
      onOk: () =>
        remind
          .mutateAsync(s)
          .then((after) => reportSent(s, after))
          .catch((err) => message.error(problemText(err, t('common.unexpectedError')))),
    });

  const confirmClose = () =>
    modal.confirm({
      title: t('swSurvey.closeConfirm'),
      content: t('swSurvey.closeHint'),
      okText: t('swSurvey.close'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'local-survey-close-ok' } as never,
      onOk: () =>
        close
          .mutateAsync(s.id)
          .then(() => message.success(t('swSurvey.closedMessage')))
          .catch((err) => message.error(problemText(err, t('common.unexpectedError')))),
    });

  const columns: TableColumnsType<LocalSurveySiteDto> = [
    { key: 'site', title: t('swSurvey.site'), width: 180, ellipsis: true, render: (_, x) => `${x.site.code} ${localName(x.site, locale)}` },
    {
      key: 'state',
      title: t('swSurvey.state'),
      width: 100,
      render: (_, x) => (
        <Tag color={stateColors[x.state]} data-testid="local-survey-site-state" data-state={x.state}>
          {t(`swSurvey.state_${x.state}`)}
        </Tag>
      ),
    },
    {
      key: 'mailedTo',
      title: t('swSurvey.mailedTo'),
      ellipsis: true,
      render: (_, x) => x.mailedTo ?? <Tag>{t('swSurvey.noRecipient')}</Tag>,
    },
    { key: 'mailedAt', title: t('swSurvey.mailedAt'), width: 130, render: (_, x) => formatDateTime(x.mailedAt, locale) },
    {
      key: 'linkExpiresAt',
      title: t('swSurvey.linkExpiresAt'),
      width: 130,
      // An answered office's link is spent, so its expiry no longer matters.
      render: (_, x) => (x.state === 'answered' ? '' : formatDateTime(x.linkExpiresAt, locale)),
    },
    {
      key: 'answered',
      title: t('swSurvey.answered'),
      width: 180,
      ellipsis: true,
      render: (_, x) => (x.answeredAt ? `${x.answeredBy ?? ''} (${formatDateTime(x.answeredAt, locale)})` : ''),
    },
    {
      key: 'reported',
      title: t('swSurvey.reported'),
      width: 80,
      align: 'right',
      render: (_, x) =>
        x.state === 'answered' && x.reported === 0 ? (
          <Typography.Text type="secondary">{t('swSurvey.noneBought')}</Typography.Text>
        ) : (
          <span data-testid="local-survey-site-reported">{x.reported}</span>
        ),
    },
    { key: 'licenses', title: t('swSurvey.licenses'), width: 90, align: 'right', dataIndex: 'licenses' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 180,
      fixed: 'right',
      render: (_, x) => (
        <Space size={4} wrap>
          {x.reported > 0 && (
            <Link to={ledgerUrl(x.site.id)} data-testid="local-survey-site-ledger">
              {t('swSurvey.openLedger')}
            </Link>
          )}
          {canOn(s, 'send') && x.state !== 'answered' && (
            <Button size="small" icon={<MailOutlined />} onClick={() => setSendingTo(x)} data-testid="local-survey-send-to">
              {t('swSurvey.sendTo')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={s.name}
        extra={
          <>
            <Link to="/software-surveys">
              <Button>{t('swSurvey.back')}</Button>
            </Link>
            <Link to="/software-distributions?origin=local">
              <Button>{t('swSurvey.ledger')}</Button>
            </Link>
            {canOn(s, 'send') && (
              <Button icon={<MailOutlined />} loading={remind.isPending} onClick={confirmRemind} data-testid="local-survey-remind">
                {t('swSurvey.remind')}
              </Button>
            )}
            {canOn(s, 'close') && (
              <Button danger icon={<CheckCircleOutlined />} loading={close.isPending} onClick={confirmClose} data-testid="local-survey-close">
                {t('swSurvey.close')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('swSurvey.status')}>
            <SurveyStatusTag status={s.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('swSurvey.period')}>
            {t('swSurvey.periodValue', { from: formatDate(s.periodFrom, locale), to: formatDate(s.periodTo, locale) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('swSurvey.dueOn')}>{formatDate(s.dueOn, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('swSurvey.createdAt')}>{formatDateTime(s.createdAt, locale)}</Descriptions.Item>
          {s.closedAt && (
            <Descriptions.Item label={t('swSurvey.closed')}>
              {formatDateTime(s.closedAt, locale)} {s.closedBy ?? ''}
            </Descriptions.Item>
          )}
          {s.note && <Descriptions.Item label={t('swSurvey.note')}>{s.note}</Descriptions.Item>}
        </Descriptions>
        <div style={{ maxWidth: 420, marginTop: 8 }}>
          <AnswerProgress s={s} />
        </div>
        <Typography.Text type="secondary" data-testid="local-survey-counts">
          {t('swSurvey.counts', s.progress)}
        </Typography.Text>
      </Card>
      <Table<LocalSurveySiteDto>
        className="unyo-table"
        size="small"
        rowKey={(x) => x.site.id}
        columns={columns}
        dataSource={s.sites}
        pagination={false}
        scroll={{ x: 1250 }}
        data-testid="local-survey-sites"
      />
      {sendingTo && (
        <SendToModal
          survey={s}
          site={sendingTo}
          onClose={() => setSendingTo(null)}
          onSent={(after) => {
            reportSent(s, after);
            setSendingTo(null);
          }}
        />
      )}
    </>
  );
}

type SendValues = { recipients: string[] };

/** Mails one office its link at addresses given here (an office without a department mail, or a bounced one). */
function SendToModal({
  survey,
  site,
  onClose,
  onSent,
}: {
  survey: LocalSurveyDto;
  site: LocalSurveySiteDto;
  onClose: () => void;
  onSent: (after: LocalSurveyDto) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<SendValues>();
  const send = useSoftwareMutation((v: SendValues) => sendLocalSurvey(survey.id, { siteIds: [site.site.id], recipients: { [site.site.id]: v.recipients } }));
  return (
    <Modal
      open
      title={t('swSurvey.sendToTitle', { site: `${site.site.code} ${localName(site.site, locale)}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('swSurvey.send')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      okButtonProps={{ 'data-testid': 'local-survey-send-to-ok' } as never}
      destroyOnHidden
    >
      <ProblemAlert error={send.error} form={form} fields={['recipients']} />
      <Form<SendValues>
        form={form}
        layout="vertical"
        initialValues={{ recipients: site.mailedTo ? site.mailedTo.split(', ') : [] }}
        onFinish={(v) => send.mutate(v, { onSuccess: onSent })}
      >
        <Form.Item
          name="recipients"
          label={t('swSurvey.recipients')}
          extra={t('swSurvey.recipientsHint')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('validation.required') },
            { type: 'array', max: 10, message: t('validation.invalid') },
            { type: 'array', defaultField: { type: 'email', message: t('validation.email') } },
          ]}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', ' ', ';']} aria-label={t('swSurvey.recipients')} data-testid="local-survey-recipients" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
