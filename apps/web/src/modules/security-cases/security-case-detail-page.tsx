import { ArrowLeftOutlined, CheckOutlined, NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type SecurityCaseDto, securityCaseKinds, securityChecklists } from '@unyo/contracts';
import { Alert, App, Button, Descriptions, Flex, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { NotFound } from '../../components/require-permission.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { isApiError } from '../../lib/api.ts';
import { useCan } from '../../lib/can.ts';
import { formatDateTime, localName } from '../../lib/format.ts';
import { closeSecurityCase, getSecurityCase, securityKeys, useSecurityMutation } from './security-cases.api.ts';
import { SecurityStatusTag } from './security-cases-page.tsx';
import { SecurityNoticeModal } from './security-notice-modal.tsx';
import { SecurityResponseClock } from './security-response-clock.tsx';
import { SecurityStepModal } from './security-step-modal.tsx';

type Step = SecurityCaseDto['steps'][number];

/** The step's label in the UI language (the DTO's label is in the language of the request that loaded it). */
function useStepLabel(kind: SecurityCaseDto['kind']) {
  const locale = useLocale();
  return (s: Step) => securityChecklists[kind].find((c) => c.step === s.step)?.[locale] ?? s.label;
}

/** The steps the server said are missing when closing (errors[].path `steps.<step>`). */
function missingSteps(error: unknown): Set<string> {
  if (!isApiError(error)) return new Set();
  return new Set(
    (error.problem.errors ?? [])
      .map((e) => e.path ?? '')
      .filter((p) => p.startsWith('steps.'))
      .map((p) => p.slice('steps.'.length)),
  );
}

/** One security case: its response checklist, the S-4-5-4-1 clock, and the notice of a mail campaign (4.2). */
export function SecurityCaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const query = useQuery({ queryKey: securityKeys.detail(id), queryFn: () => getSecurityCase(id) });
  const canUpdate = useCan(query.data, 'update');
  const canClose = useCan(query.data, 'close');
  const canNotice = useCan(query.data, 'notice');
  const canReadIncidents = useCan('incident.read');
  const [recording, setRecording] = useState<Step | null>(null);
  const [noticing, setNoticing] = useState(false);
  const close = useSecurityMutation(() => closeSecurityCase(id));
  const stepLabel = useStepLabel(query.data?.kind ?? 'other');

  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.error) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound />;
    return <ProblemAlert error={query.error} />;
  }
  const c = query.data;
  // Steps recorded since the failed close are no longer marked.
  const pendingSteps = new Set(c.steps.filter((s) => !s.done && !s.notApplicable).map((s) => s.step));
  const missing = new Set([...missingSteps(close.error)].filter((s) => pendingSteps.has(s)));

  return (
    <>
      <Link to="/security-cases" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('securityCase.backToList')}
      </Link>
      <PageHeader
        title={`${c.number} ${c.title}`}
        description={
          <Space size={4} wrap>
            <SecurityStatusTag status={c.status} />
            <StatusTag items={securityCaseKinds.items} value={c.kind} />
            {c.major && <Tag color="red">{t('incident.majorSecurityTag')}</Tag>}
            <SecurityResponseClock securityCase={c} />
          </Space>
        }
        extra={
          <>
            {canNotice && (
              <Button icon={<NotificationOutlined />} onClick={() => setNoticing(true)} data-testid="security-notice">
                {t('securityCase.notice.title')}
              </Button>
            )}
            {canClose && (
              <Popconfirm
                title={t('securityCase.closeConfirm')}
                okText={t('securityCase.close')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  close.mutate(undefined, {
                    onSuccess: () => message.success(t('securityCase.closed')),
                    // The missing steps are marked in the checklist; the toast only says why.
                    onError: (err) => message.error(isApiError(err) ? err.problem.title : t('common.unexpectedError')),
                  })
                }
              >
                <Button icon={<CheckOutlined />} loading={close.isPending} data-testid="security-case-close">
                  {t('securityCase.close')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        {missing.size > 0 && (
          <Alert
            type="error"
            showIcon
            title={t('securityCase.missingSteps', {
              steps: c.steps
                .filter((s) => missing.has(s.step))
                .map(stepLabel)
                .join('、'),
            })}
          />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('securityCase.detectedAt')}>{formatDateTime(c.detectedAt, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('securityCase.source')}>
            {t(`securityCase.source_${c.source as 'manual'}`, { defaultValue: c.source })}
            {c.sourceRef ? ` / ${c.sourceRef}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('incident.sites')}>
            {c.sites.length ? c.sites.map((s) => localName(s, locale)).join(', ') : t('incident.allSites')}
          </Descriptions.Item>
          <Descriptions.Item label={t('incident.assets')}>
            {c.assets.length
              ? c.assets.map((a) => (
                  <Link key={a.id} to={`/assets/${a.id}`} style={{ marginInlineEnd: 8 }}>
                    {`${a.assetNumber} ${a.name ?? ''}`}
                  </Link>
                ))
              : t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('securityCase.linkedIncident')}>
            {c.incidentId ? (
              canReadIncidents ? (
                <Link to={`/incidents/${c.incidentId}`} data-testid="security-incident-link">
                  {t('securityCase.openIncident')}
                </Link>
              ) : (
                t('securityCase.hasIncident')
              )
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('securityCase.noticeField')}>
            {c.noticeId ? <Link to="/notices">{t('securityCase.noticePublished')}</Link> : t('common.none')}
          </Descriptions.Item>
          {c.spreadOverLan && (
            <Descriptions.Item label={t('incident.spreadOverLan')} span={2}>
              <Tag color="red">{t('common.yes')}</Tag>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('securityCase.closedAt')}>{formatDateTime(c.closedAt, locale) || t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('incident.description')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.description || t('common.none')}</span>
          </Descriptions.Item>
        </Descriptions>
        <Table<Step>
          size="small"
          rowKey="step"
          pagination={false}
          dataSource={c.steps}
          title={() => <Typography.Text strong>{t('securityCase.checklist')}</Typography.Text>}
          data-testid="security-steps"
          onRow={(s) =>
            ({
              'data-step': s.step,
              'data-state': s.notApplicable ? 'not_applicable' : s.done ? 'done' : 'pending',
              'data-missing': missing.has(s.step) ? 'true' : 'false',
              style: missing.has(s.step) ? { background: 'var(--ant-color-error-bg, #fff2f0)' } : undefined,
            }) as never
          }
          columns={[
            {
              key: 'label',
              title: t('securityCase.step'),
              render: (_, s) => (
                <Space size={4}>
                  {stepLabel(s)}
                  {s.required && <Tag color={missing.has(s.step) ? 'red' : undefined}>{t('securityCase.required')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'state',
              title: t('securityCase.stepState'),
              width: 110,
              render: (_, s) =>
                s.notApplicable ? (
                  <Tag>{t('securityCase.notApplicable')}</Tag>
                ) : s.done ? (
                  <Tag color="green">{t('securityCase.done')}</Tag>
                ) : (
                  <Tag color={missing.has(s.step) ? 'red' : 'default'}>{t('securityCase.pending')}</Tag>
                ),
            },
            { key: 'at', title: t('incident.eventAt'), width: 150, render: (_, s) => formatDateTime(s.at, locale) },
            { key: 'by', title: t('incident.actor'), width: 140, render: (_, s) => s.by ?? '' },
            {
              key: 'note',
              title: t('incident.detail'),
              render: (_, s) => (
                <Flex vertical gap={2}>
                  {s.note && <span style={{ whiteSpace: 'pre-wrap' }}>{s.note}</span>}
                  {Object.entries(s.details).map(([k, v]) => (
                    <Typography.Text key={k} type="secondary" style={{ fontSize: 12 }}>{`${k}: ${v}`}</Typography.Text>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'action',
              title: t('common.actions'),
              width: 100,
              render: (_, s) =>
                canUpdate && (
                  <Button size="small" onClick={() => setRecording(s)} data-testid={`security-step-record-${s.step}`}>
                    {t('incident.record')}
                  </Button>
                ),
            },
          ]}
        />
      </Flex>
      {recording && <SecurityStepModal securityCase={c} step={recording} label={stepLabel(recording)} onClose={() => setRecording(null)} />}
      {noticing && <SecurityNoticeModal securityCase={c} onClose={() => setNoticing(false)} />}
    </>
  );
}
