import { ArrowLeftOutlined, EditOutlined, MailOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type FileDto,
  type IncidentDto,
  type IncidentMilestone,
  incidentCountermeasureExclusions,
  incidentImpacts,
  incidentIsolations,
  incidentKinds,
  incidentMilestones,
  incidentReportExclusions,
  incidentStages,
  incidentStatuses,
} from '@unyo/contracts';
import { App, Button, Card, Descriptions, Flex, Input, Space, Spin, Table, Tabs, Tag, Typography, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { NotFound } from '../../components/require-permission.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { isApiError } from '../../lib/api.ts';
import { useCan } from '../../lib/can.ts';
import { choiceLabel, formatDateTime, localName } from '../../lib/format.ts';
import { AttachmentPicker, stillUploading, uploadedIds } from '../servicedesk/attachment-picker.tsx';
import { formatDuration } from '../servicedesk/ticket-clock.tsx';
import { IncidentClockTag } from './incident-clock.tsx';
import { IncidentEditDrawer } from './incident-edit-drawer.tsx';
import { type EventDraft, IncidentEventModal } from './incident-event-modal.tsx';
import { IncidentExplainTab } from './incident-explain.tsx';
import { IncidentReportModal } from './incident-report-modal.tsx';
import { IncidentTimelineTab } from './incident-timeline.tsx';
import { addIncidentEvent, getIncident, incidentKeys, useIncidentMutation } from './incidents.api.ts';
import { MajorTags } from './incidents-page.tsx';

type RecordableMilestone = Exclude<IncidentMilestone, 'occurred'>;

/** Each milestone with its time; the ones not reached yet can be recorded. */
function MilestonePanel({ incident, onRecord }: { incident: IncidentDto; onRecord: (m: RecordableMilestone) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const canAdd = incident.abilities.addEvent === true;
  return (
    <Card size="small" title={t('incident.milestones')} data-testid="incident-milestones">
      <Flex vertical gap={6}>
        {incidentMilestones.items.map((m) => {
          const at = incident.milestones[m.value] ?? null;
          return (
            <Flex
              key={m.value}
              justify="space-between"
              align="center"
              gap={8}
              data-testid="incident-milestone"
              data-milestone={m.value}
              data-done={at ? 'true' : 'false'}
            >
              <Space size={6}>
                <Tag color={at ? m.color : undefined}>{m[locale]}</Tag>
                <Typography.Text type={at ? undefined : 'secondary'}>{at ? formatDateTime(at, locale) : t('incident.notYet')}</Typography.Text>
              </Space>
              {!at && canAdd && m.value !== 'occurred' && (
                <Button size="small" onClick={() => onRecord(m.value as RecordableMilestone)} data-testid={`incident-record-${m.value}`}>
                  {t('incident.record')}
                </Button>
              )}
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}

/** Every clock with its target, elapsed time, state and due time. */
function ClocksPanel({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card size="small" title={t('incident.clocks')}>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={incident.clocks.filter((c) => c.state !== 'not_applicable')}
        data-testid="incident-clocks"
        columns={[
          { key: 'code', title: t('incident.clock'), render: (_, c) => t(`incident.clockName.${c.code}`) },
          { key: 'target', title: t('incident.target'), render: (_, c) => formatDuration(c.targetMinutes * 60_000, t) },
          { key: 'elapsed', title: t('incident.elapsed'), render: (_, c) => formatDuration(c.elapsedMs, t) },
          { key: 'state', title: t('incident.clockStateColumn'), render: (_, c) => <IncidentClockTag clock={c} /> },
          { key: 'due', title: t('incident.due'), render: (_, c) => formatDateTime(c.dueAt, locale) || t('common.none') },
          { key: 'ended', title: t('incident.endedAt'), render: (_, c) => formatDateTime(c.endedAt, locale) || t('common.none') },
        ]}
      />
    </Card>
  );
}

/** A free note added to the timeline, with logs, screenshots or diagnostics attached (4.1.5.c). */
function NoteBox({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<UploadFile<FileDto>[]>([]);
  const add = useIncidentMutation((text: string) => addIncidentEvent(incident.id, { type: 'note', note: text, fileIds: uploadedIds(files) }));
  return (
    <Card size="small" title={t('incident.addNote')}>
      <Input.TextArea rows={3} maxLength={10_000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="incident-note" />
      <div style={{ marginTop: 8 }}>
        <AttachmentPicker value={files} onChange={setFiles} disabled={add.isPending} />
      </div>
      <Button
        style={{ marginTop: 8 }}
        disabled={!note.trim() || stillUploading(files)}
        loading={add.isPending}
        onClick={() =>
          add.mutate(note.trim(), {
            onSuccess: () => {
              setNote('');
              setFiles([]);
              message.success(t('incident.recorded'));
            },
            onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
          })
        }
      >
        {t('incident.addNote')}
      </Button>
    </Card>
  );
}

const workEvents = ['lan_cable_checked', 'repair_visit', 'logs_sent', 'department_contacted'] as const;

/**
 * The isolation and repair work recorded on the timeline: LAN cable check (4.1.1.b), repair visit (4.1.5.b), logs
 * sent (4.1.5.c), and for a business system the contact with its responsible department (4.1.3.a).
 */
function WorkPanel({ kind, onRecord }: { kind: IncidentDto['kind']; onRecord: (type: (typeof workEvents)[number]) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('incident.workGroup')}>
      <Flex gap={8} wrap>
        {workEvents
          .filter((type) => type !== 'department_contacted' || kind === 'business_system')
          .map((type) => (
            <Button key={type} onClick={() => onRecord(type)} data-testid={`incident-work-${type}`}>
              {t(`incident.eventTitle.${type}`)}
            </Button>
          ))}
      </Flex>
    </Card>
  );
}

/** 4.1.3.a: the system, its responsible department and contact now (the incident's owner department is the snapshot), and its contractor. */
function BusinessSystemFacts({ incident: i }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const s = i.businessSystem;
  if (!s) return <>{t('common.none')}</>;
  const contact = [s.contactName, s.contactPhone].filter(Boolean).join(' ');
  return (
    <Flex vertical gap={2} data-testid="incident-business-system-facts">
      <span>
        <Link to={`/business-systems?q=${encodeURIComponent(s.code)}`}>{`${s.code} ${locale === 'en' && s.nameEn ? s.nameEn : s.name}`}</Link>
      </span>
      <span>{t('incident.responsibleDepartmentIs', { department: locale === 'en' ? s.departmentNameEn : s.departmentName })}</span>
      {(contact || s.contactEmail) && (
        <span>
          {t('incident.contactIs', { contact: contact || '' })}
          {s.contactEmail && (
            <>
              {' '}
              <Typography.Link href={`mailto:${s.contactEmail}`}>{s.contactEmail}</Typography.Link>
            </>
          )}
        </span>
      )}
      {s.contractor && <span>{t('incident.contractorIs', { contractor: [s.contractor, s.contractorContact].filter(Boolean).join(' / ') })}</span>}
    </Flex>
  );
}

function Details({ incident: i }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const none = t('common.none');
  const text = (v: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || none}</span>;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t('incident.impact')}>{choiceLabel(incidentImpacts.items, i.impact, locale)}</Descriptions.Item>
      <Descriptions.Item label={t('incident.sites')}>
        {i.sites.length ? i.sites.map((s) => localName(s, locale)).join(', ') : t('incident.allSites')}
      </Descriptions.Item>
      <Descriptions.Item label={t('incident.assets')} span={2}>
        {i.assets.length
          ? i.assets.map((a) => (
              <Link key={a.id} to={`/assets/${a.id}`} style={{ marginInlineEnd: 8 }}>
                {`${a.assetNumber} ${a.name ?? ''}`}
              </Link>
            ))
          : none}
      </Descriptions.Item>
      {i.kind === 'cloud' && (
        <Descriptions.Item label={t('incident.provider')}>{[i.provider, i.providerReference].filter(Boolean).join(' / ') || none}</Descriptions.Item>
      )}
      {i.kind === 'cloud' && (
        <Descriptions.Item label={t('incident.isolation')}>{i.isolation ? choiceLabel(incidentIsolations.items, i.isolation, locale) : none}</Descriptions.Item>
      )}
      {i.kind === 'business_system' && (
        <Descriptions.Item label={t('incident.businessSystem')} span={2}>
          <BusinessSystemFacts incident={i} />
        </Descriptions.Item>
      )}
      {i.kind === 'business_system' && (
        <Descriptions.Item label={t('incident.ownerDepartment')} span={2}>
          <span data-testid="incident-owner-department-detail">{i.ownerDepartment || none}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('incident.reportExclusions')} span={2}>
        {i.reportExclusions.length ? i.reportExclusions.map((r) => <Tag key={r}>{choiceLabel(incidentReportExclusions.items, r, locale)}</Tag>) : none}
        {i.spreadOverLan && <Tag color="red">{t('incident.spreadOverLan')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('incident.countermeasureExclusions')} span={2}>
        {i.countermeasureExclusions.length
          ? i.countermeasureExclusions.map((r) => <Tag key={r}>{choiceLabel(incidentCountermeasureExclusions.items, r, locale)}</Tag>)
          : none}
      </Descriptions.Item>
      <Descriptions.Item label={t('incident.description')} span={2}>
        {text(i.description)}
      </Descriptions.Item>
      <Descriptions.Item label={t('incident.rootCause')} span={2}>
        {text(i.rootCause)}
      </Descriptions.Item>
      <Descriptions.Item label={t('incident.countermeasureText')} span={2}>
        {text(i.countermeasureText)}
      </Descriptions.Item>
      <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(i.updatedAt, locale)}</Descriptions.Item>
    </Descriptions>
  );
}

/** One incident: milestones, live clocks, the explain view and the timeline (4.1). */
export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const incident = useQuery({ queryKey: incidentKeys.detail(id), queryFn: () => getIncident(id) });
  const canUpdate = useCan(incident.data, 'update');
  const canAddEvent = useCan(incident.data, 'addEvent');
  const canReport = useCan(incident.data, 'report');
  const canClose = useCan(incident.data, 'close');
  const canReopen = useCan(incident.data, 'reopen');
  const [draft, setDraft] = useState<EventDraft | null>(null);
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [tab, setTab] = useState('overview');

  if (incident.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (incident.error) {
    if (isApiError(incident.error) && incident.error.status === 404) return <NotFound />;
    return <ProblemAlert error={incident.error} />;
  }
  const i = incident.data;
  const open = i.status === 'open';

  return (
    <>
      <Link to="/incidents" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('incident.backToList')}
      </Link>
      <PageHeader
        title={`${i.number} ${i.title}`}
        description={
          <Space size={4} wrap>
            <span data-testid="incident-status" data-status={i.status}>
              <StatusTag items={incidentStatuses.items} value={i.status} />
            </span>
            <StatusTag items={incidentKinds.items} value={i.kind} />
            {i.stage === 'sign' && (
              <span data-testid="incident-stage" data-stage={i.stage}>
                <StatusTag items={incidentStages.items} value={i.stage} />
              </span>
            )}
            {i.isolation && (
              <span data-testid="incident-isolation" data-isolation={i.isolation}>
                <StatusTag items={incidentIsolations.items} value={i.isolation} />
              </span>
            )}
            {i.ownerDepartment && <Tag data-testid="incident-owner-department">{t('incident.ownerDepartmentIs', { department: i.ownerDepartment })}</Tag>}
            <MajorTags incident={i} />
            {i.escalation && (
              <Tag color="gold" data-testid="incident-escalation">
                {t('incident.escalatedTo', { vendor: i.escalation.vendor, since: formatDateTime(i.escalation.since, locale) })}
              </Tag>
            )}
          </Space>
        }
        extra={
          <>
            {canReport && (
              <Button icon={<MailOutlined />} onClick={() => setReporting(true)} data-testid="incident-report">
                {t('incident.report.title')}
              </Button>
            )}
            {canAddEvent && open && !i.escalation && (
              <Button onClick={() => setDraft({ type: 'escalation_started' })} data-testid="incident-escalation-start">
                {t('incident.eventTitle.escalation_started')}
              </Button>
            )}
            {canAddEvent && i.escalation && (
              <Button onClick={() => setDraft({ type: 'escalation_ended' })} data-testid="incident-escalation-end">
                {t('incident.eventTitle.escalation_ended')}
              </Button>
            )}
            {canReopen && (
              <Button onClick={() => setDraft({ type: 'reopened' })} data-testid="incident-reopen">
                {t('incident.eventTitle.reopened')}
              </Button>
            )}
            {canClose && (
              <Button onClick={() => setDraft({ type: 'closed' })} data-testid="incident-close">
                {t('incident.eventTitle.closed')}
              </Button>
            )}
            {canUpdate && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="incident-edit">
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'overview',
            label: t('incident.tabOverview'),
            children: (
              <Flex vertical gap={16}>
                <Flex gap={16} wrap align="flex-start">
                  <div style={{ flex: '1 1 320px' }}>
                    <MilestonePanel incident={i} onRecord={(milestone) => setDraft({ type: 'milestone', milestone })} />
                  </div>
                  <div style={{ flex: '2 1 560px' }}>
                    <ClocksPanel incident={i} />
                  </div>
                </Flex>
                <Details incident={i} />
                {canAddEvent && <WorkPanel kind={i.kind} onRecord={(type) => setDraft({ type })} />}
                {canAddEvent && <NoteBox incident={i} />}
              </Flex>
            ),
          },
          {
            key: 'explain',
            label: <span data-testid="incident-tab-explain">{t('incident.tabExplain')}</span>,
            children: <IncidentExplainTab incidentId={i.id} />,
          },
          {
            key: 'timeline',
            label: <span data-testid="incident-tab-timeline">{t('incident.tabTimeline')}</span>,
            children: <IncidentTimelineTab incidentId={i.id} />,
          },
        ]}
      />
      {draft && <IncidentEventModal incident={i} draft={draft} onClose={() => setDraft(null)} />}
      {editing && <IncidentEditDrawer incident={i} onClose={() => setEditing(false)} />}
      {reporting && <IncidentReportModal incident={i} onClose={() => setReporting(false)} />}
    </>
  );
}
