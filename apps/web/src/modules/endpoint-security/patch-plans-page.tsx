import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type PatchPlanDto, patchPlanDeadlineStates, patchPlanStatuses, patchPreTestResults } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import {
  createPatchPlan,
  deletePatchPlan,
  endpointKeys,
  getPatchPlanApplication,
  getPatchPlanMonthly,
  listPatchPlans,
  updatePatchPlan,
} from './endpoint-security.api.ts';
import { EndpointSettingsButton } from './endpoint-settings.tsx';

/** One plan's application rate per target update (3.3.1.k), shown when its row is expanded. */
function ApplicationRate({ plan }: { plan: PatchPlanDto }) {
  const { t } = useTranslation();
  const { data, isPending } = useQuery({ queryKey: endpointKeys.application(plan.id), queryFn: () => getPatchPlanApplication(plan.id) });
  return (
    <Table
      size="small"
      rowKey="kb"
      loading={isPending}
      pagination={false}
      dataSource={data?.items ?? []}
      columns={[
        { key: 'kb', title: t('patchStatus.kb'), render: (_, i) => i.kb },
        { key: 'applicable', title: t('patchPlan.applicable'), align: 'right', render: (_, i) => i.applicable },
        { key: 'installed', title: t('patchPlan.installed'), align: 'right', render: (_, i) => i.installed },
        { key: 'rate', title: t('patchPlan.application'), align: 'right', render: (_, i) => (i.rate === null ? '-' : `${i.rate}%`) },
      ]}
      summary={() =>
        data ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('endpoint.rate')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {data.applicable}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {data.installed}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {data.rate === null ? '-' : `${data.rate}%`}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** セキュリティパッチ適用計画 (1.1.b): plans with the 2-week presentation rule (S-4-5-1-1) and their application rate. */
export function PatchPlansPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('endpoint-security.manage');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const [editing, setEditing] = useState<PatchPlanDto | 'new' | null>(null);
  const params = { status, q };
  const list = useQuery({ queryKey: endpointKeys.plans(params), queryFn: () => listPatchPlans(params) });
  const m = month.format('YYYY-MM');
  const monthly = useQuery({ queryKey: endpointKeys.plansMonthly(m), queryFn: () => getPatchPlanMonthly(m) });
  const remove = useMutation({
    mutationFn: (p: PatchPlanDto) => deletePatchPlan(p.id, p.version),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: endpointKeys.all });
      message.success(t('common.deleted'));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  const columns: TableColumnsType<PatchPlanDto> = [
    { key: 'title', title: t('patchPlan.planTitle'), width: 240, ellipsis: true, render: (_, p) => p.title },
    { key: 'instructedOn', title: t('patchPlan.instructedOn'), width: 120, render: (_, p) => formatDate(p.instructedOn, locale) },
    { key: 'presentDueOn', title: t('patchPlan.presentDueOn'), width: 120, render: (_, p) => formatDate(p.presentDueOn, locale) },
    { key: 'presentedOn', title: t('patchPlan.presentedOn'), width: 120, render: (_, p) => formatDate(p.presentedOn, locale) },
    { key: 'deadline', title: t('patchPlan.deadline'), width: 120, render: (_, p) => <StatusTag items={patchPlanDeadlineStates.items} value={p.deadline} /> },
    {
      key: 'patches',
      title: t('patchPlan.targetPatches'),
      render: (_, p) => p.targetPatches.map((k) => <Tag key={k}>{k}</Tag>),
    },
    {
      key: 'sites',
      title: t('patchPlan.targetSites'),
      width: 180,
      render: (_, p) => (p.targetSites.length ? p.targetSites.map((s) => localName(s, locale)).join('、') : t('patchPlan.allSites')),
    },
    {
      key: 'window',
      title: t('patchPlan.applyWindow'),
      width: 200,
      render: (_, p) => (p.applyFrom || p.applyUntil ? `${formatDate(p.applyFrom, locale)} – ${formatDate(p.applyUntil, locale)}` : ''),
    },
    {
      key: 'preTest',
      title: t('patchPlan.preTestResult'),
      width: 150,
      render: (_, p) =>
        p.preTestResult ? (
          <span data-testid={`patch-plan-pretest-${p.id}`}>
            <StatusTag items={patchPreTestResults.items} value={p.preTestResult} /> {formatDate(p.preTestedOn, locale)}
          </span>
        ) : null,
    },
    { key: 'status', title: t('patchPlan.status'), width: 100, render: (_, p) => <StatusTag items={patchPlanStatuses.items} value={p.status} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'right',
      render: (_, p) => (
        <Space size={4}>
          {canOn(p, 'update') && <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(p)} />}
          {canOn(p, 'delete') && (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
              onClick={() => modal.confirm({ title: t('patchPlan.confirmDelete'), okButtonProps: { danger: true }, onOk: () => remove.mutateAsync(p) })}
            />
          )}
        </Space>
      ),
    },
  ];

  const d = monthly.data;
  return (
    <>
      <PageHeader
        title={t('patchPlan.title')}
        description={t('patchPlan.description')}
        extra={
          <>
            <EndpointSettingsButton />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="patch-plan-create">
                {t('patchPlan.create')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" title={t('patchPlan.monthlyTitle')} style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="center">
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(v) => v && setMonth(v)}
            aria-label={t('endpoint.month')}
            format={locale === 'ja' ? 'YYYY/MM' : 'YYYY-MM'}
          />
          <Statistic title={t('patchPlan.metCount')} value={d?.met.length ?? '-'} />
          <Statistic title={t('patchPlan.missedCount')} value={d?.missed.length ?? '-'} />
          <Statistic title={t('patchPlan.pendingCount')} value={d?.pending.length ?? '-'} />
          <Statistic
            title={`${t('endpoint.rate')}（${t('endpoint.target')} ${d?.target ?? 95}%）`}
            value={d ? (d.rate ?? t('endpoint.noRate')) : '-'}
            suffix={d?.rate !== null && d ? '%' : undefined}
            styles={{ content: { color: d?.achieved === true ? '#389e0d' : d?.achieved === false ? '#cf1322' : undefined } }}
          />
        </Space>
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('patchPlan.status')}
          value={status}
          onChange={setStatus}
          options={choiceOptions(patchPlanStatuses.items, locale)}
        />
        <SearchBox value={q} onChange={setQ} />
      </Space>
      <ProblemAlert error={list.error ?? monthly.error} />
      <Table<PatchPlanDto>
        rowKey="id"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        expandable={{ expandedRowRender: (p) => <ApplicationRate plan={p} /> }}
        pagination={false}
        scroll={{ x: 1500 }}
      />
      {editing && <PlanDrawer plan={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

type FormValues = {
  title: string;
  instructedOn: Dayjs;
  presentedOn?: Dayjs | null;
  targetPatches?: string[];
  targetSiteIds?: string[];
  applyWindow?: [Dayjs | null, Dayjs | null] | null;
  status?: PatchPlanDto['status'];
  approvedBy?: string | null;
  preTestedOn?: Dayjs | null;
  preTestResult?: PatchPlanDto['preTestResult'];
  preTestNotes?: string | null;
  note?: string | null;
};

const day = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

function PlanDrawer({ plan, onClose }: { plan: PatchPlanDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const input = {
        title: v.title,
        instructedOn: day(v.instructedOn)!,
        presentedOn: day(v.presentedOn),
        targetPatches: v.targetPatches ?? [],
        targetSiteIds: v.targetSiteIds ?? [],
        applyFrom: day(v.applyWindow?.[0]),
        applyUntil: day(v.applyWindow?.[1]),
        status: v.status ?? 'draft',
        approvedBy: v.approvedBy || null,
        preTestedOn: day(v.preTestedOn),
        preTestResult: v.preTestResult ?? null,
        preTestNotes: v.preTestNotes || null,
        note: v.note || null,
      };
      return plan ? updatePatchPlan(plan.id, input, plan.version) : createPatchPlan(input);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: endpointKeys.all });
      message.success(t(plan ? 'common.saved' : 'common.created'));
      onClose();
    },
  });
  const initial: Partial<FormValues> = plan
    ? {
        title: plan.title,
        instructedOn: dayjs(plan.instructedOn),
        presentedOn: plan.presentedOn ? dayjs(plan.presentedOn) : null,
        targetPatches: plan.targetPatches,
        targetSiteIds: plan.targetSites.map((s) => s.id),
        applyWindow:
          plan.applyFrom || plan.applyUntil ? [plan.applyFrom ? dayjs(plan.applyFrom) : null, plan.applyUntil ? dayjs(plan.applyUntil) : null] : null,
        status: plan.status,
        approvedBy: plan.approvedBy,
        preTestedOn: plan.preTestedOn ? dayjs(plan.preTestedOn) : null,
        preTestResult: plan.preTestResult,
        preTestNotes: plan.preTestNotes,
        note: plan.note,
      }
    : { status: 'draft', instructedOn: dayjs() };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormDrawer open title={plan ? t('patchPlan.edit') : t('patchPlan.create')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending}>
      <ProblemAlert
        error={save.error}
        form={form}
        fields={[
          'title',
          'instructedOn',
          'presentedOn',
          'targetPatches',
          'targetSiteIds',
          'status',
          'approvedBy',
          'preTestedOn',
          'preTestResult',
          'preTestNotes',
          'note',
        ]}
        fieldAliases={{ applyFrom: 'applyWindow', applyUntil: 'applyWindow' }}
      />
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('patchPlan.planTitle')} rules={required}>
          <Input maxLength={200} data-testid="patch-plan-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="instructedOn" label={t('patchPlan.instructedOn')} rules={required}>
            <DatePicker format={datePickerFormat(locale)} />
          </Form.Item>
          <Form.Item name="presentedOn" label={t('patchPlan.presentedOn')}>
            <DatePicker format={datePickerFormat(locale)} />
          </Form.Item>
        </Space>
        <Form.Item name="targetPatches" label={t('patchPlan.targetPatches')} extra={t('patchPlan.targetPatchesHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ', '、']} open={false} />
        </Form.Item>
        <Form.Item name="targetSiteIds" label={t('patchPlan.targetSites')} extra={t('patchPlan.allSites')}>
          <SiteSelect mode="multiple" allowClear />
        </Form.Item>
        <Form.Item name="applyWindow" label={t('patchPlan.applyWindow')}>
          <DatePicker.RangePicker format={datePickerFormat(locale)} allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="status" label={t('patchPlan.status')}>
          <Select options={choiceOptions(patchPlanStatuses.items, locale)} />
        </Form.Item>
        <Form.Item name="approvedBy" label={t('patchPlan.approvedBy')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="preTestedOn" label={t('patchPlan.preTestedOn')}>
            <DatePicker format={datePickerFormat(locale)} />
          </Form.Item>
          <Form.Item name="preTestResult" label={t('patchPlan.preTestResult')}>
            <Select allowClear style={{ minWidth: 200 }} options={choiceOptions(patchPreTestResults.items, locale)} />
          </Form.Item>
        </Space>
        <Form.Item name="preTestNotes" label={t('patchPlan.preTestNotes')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="note" label={t('patchPlan.note')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
