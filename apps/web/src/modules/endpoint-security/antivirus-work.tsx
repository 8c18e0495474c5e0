import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AntivirusWorkDto, type AntivirusWorkKind, antivirusWorkKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ImportButton } from '../../components/import-wizard/import-button.tsx';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDateTime } from '../../lib/format.ts';
import { AssetSelect } from '../assets/asset-selects.tsx';
import { SiteSelect } from '../org/org-selects.tsx';
import { createAntivirusWork, deleteAntivirusWork, endpointKeys, listAntivirusWork } from './endpoint-security.api.ts';

/** The device a record is started for (the "record fix" action of an outdated row). */
export type WorkPreset = { kind: AntivirusWorkKind; deviceId: string; deviceLabel: string; versionAfter?: string };

type FormValues = {
  kind: AntivirusWorkKind;
  deviceId?: string | null;
  siteId?: string | null;
  doneAt: Dayjs;
  versionBefore?: string | null;
  versionAfter?: string | null;
  packageName?: string | null;
  targetGroup?: string | null;
  targetCount?: number | null;
  successCount?: number | null;
  failureCount?: number | null;
  setting?: string | null;
  valueBefore?: string | null;
  valueAfter?: string | null;
  reason?: string | null;
  approvalRef?: string | null;
  note?: string | null;
};

const FIELDS = [
  'kind',
  'deviceId',
  'siteId',
  'doneAt',
  'versionBefore',
  'versionAfter',
  'packageName',
  'targetGroup',
  'targetCount',
  'successCount',
  'failureCount',
  'setting',
  'valueBefore',
  'valueAfter',
  'reason',
  'approvalRef',
  'note',
];

/**
 * Adds a work record; the fields shown follow the kind (a device and versions, a distribution job's counts, or a
 * settings change on a device or a group's policy).
 */
export function WorkDrawer({ preset, onClose }: { preset: WorkPreset | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? preset?.kind ?? 'definition_update';
  const distribution = kind === 'distribution';
  const settings = kind === 'settings_change';
  // A settings change without a device is a group's policy: it is recorded for a chosen site, as a distribution job.
  const deviceId = Form.useWatch('deviceId', form);
  const groupPolicy = settings && !deviceId;
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      createAntivirusWork({
        kind: v.kind,
        deviceId: distribution ? null : (v.deviceId ?? null),
        siteId: distribution || groupPolicy ? (v.siteId ?? null) : null,
        doneAt: v.doneAt.toISOString(),
        versionBefore: settings ? null : v.versionBefore || null,
        versionAfter: settings ? null : v.versionAfter || null,
        packageName: distribution ? v.packageName || null : null,
        targetGroup: distribution || settings ? v.targetGroup || null : null,
        targetCount: distribution ? (v.targetCount ?? null) : null,
        successCount: distribution ? (v.successCount ?? null) : null,
        failureCount: distribution ? (v.failureCount ?? null) : null,
        setting: settings ? v.setting || null : null,
        valueBefore: settings ? v.valueBefore || null : null,
        valueAfter: settings ? v.valueAfter || null : null,
        reason: settings ? v.reason || null : null,
        approvalRef: settings ? v.approvalRef || null : null,
        note: v.note || null,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: endpointKeys.all });
      message.success(t('common.created'));
      onClose();
    },
  });
  const required = [{ required: true, message: t('validation.required') }];
  const initial: Partial<FormValues> = {
    kind: preset?.kind ?? 'definition_update',
    deviceId: preset?.deviceId,
    versionAfter: preset?.versionAfter,
    doneAt: dayjs(),
  };
  return (
    <FormDrawer open title={t('avWork.create')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending}>
      <ProblemAlert error={save.error} form={form} fields={FIELDS} />
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('avWork.kind')} rules={required}>
          <Select options={choiceOptions(antivirusWorkKinds.items, locale)} data-testid="av-work-kind" />
        </Form.Item>
        {distribution ? (
          <>
            <Form.Item name="packageName" label={t('avWork.packageName')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="targetGroup" label={t('avWork.targetGroup')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="siteId" label={t('avWork.site')} extra={t('avWork.siteHint')}>
                <SiteSelect allowClear style={{ width: 220 }} />
              </Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="targetCount" label={t('avWork.targetCount')} rules={required}>
                <InputNumber min={0} precision={0} />
              </Form.Item>
              <Form.Item name="successCount" label={t('avWork.successCount')} rules={required}>
                <InputNumber min={0} precision={0} />
              </Form.Item>
              <Form.Item name="failureCount" label={t('avWork.failureCount')} rules={required}>
                <InputNumber min={0} precision={0} />
              </Form.Item>
            </Space>
          </>
        ) : settings ? (
          <>
            <Form.Item name="deviceId" label={t('avWork.device')} extra={t('avWork.deviceOrGroupHint')}>
              <AssetSelect initialLabel={preset?.deviceLabel} data-testid="av-work-device" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="targetGroup" label={t('avWork.policyGroup')} extra={t('avWork.policyGroupHint')} rules={groupPolicy ? required : []}>
                <Input maxLength={200} style={{ width: 260 }} data-testid="av-work-target-group" />
              </Form.Item>
              {groupPolicy && (
                <Form.Item name="siteId" label={t('avWork.site')} extra={t('avWork.policySiteHint')}>
                  <SiteSelect allowClear style={{ width: 220 }} />
                </Form.Item>
              )}
            </Space>
          </>
        ) : (
          <Form.Item name="deviceId" label={t('avWork.device')} rules={required}>
            <AssetSelect initialLabel={preset?.deviceLabel} data-testid="av-work-device" />
          </Form.Item>
        )}
        <Form.Item name="doneAt" label={t('avWork.doneAt')} rules={required}>
          <DatePicker showTime format={`${datePickerFormat(locale)} HH:mm`} />
        </Form.Item>
        {settings ? (
          <>
            <Form.Item name="setting" label={t('avWork.setting')} rules={required}>
              <Input maxLength={200} data-testid="av-work-setting" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="valueBefore" label={t('avWork.valueBefore')}>
                <Input maxLength={1000} style={{ width: 260 }} data-testid="av-work-value-before" />
              </Form.Item>
              <Form.Item name="valueAfter" label={t('avWork.valueAfter')}>
                <Input maxLength={1000} style={{ width: 260 }} data-testid="av-work-value-after" />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label={t('avWork.reason')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name="approvalRef" label={t('avWork.approvalRef')} extra={t('avWork.approvalRefHint')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : (
          <Space wrap>
            <Form.Item name="versionBefore" label={t('avWork.versionBefore')} extra={distribution ? undefined : t('avWork.versionBeforeHint')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="versionAfter" label={t('avWork.versionAfter')}>
              <Input maxLength={100} data-testid="av-work-version-after" />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="note" label={t('avWork.note')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** 作業記録 (3.1.1.v, 3.1.1.x, 3.3.1.l, 3.1.1.w): upgrades, patches, manual definition fixes, distribution jobs and settings changes. */
export function WorkRecordsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const canManage = useCan('antivirus-work.manage');
  const [kind, setKind] = useState<AntivirusWorkKind | undefined>();
  const [siteId, setSiteId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [adding, setAdding] = useState(false);
  const params = { kind, siteId, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const list = useQuery({ queryKey: endpointKeys.antivirusWork(params), queryFn: () => listAntivirusWork(params) });
  const remove = useMutation({
    mutationFn: (w: AntivirusWorkDto) => deleteAntivirusWork(w.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: endpointKeys.all });
      message.success(t('common.deleted'));
    },
    onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
  });

  const columns: TableColumnsType<AntivirusWorkDto> = [
    { key: 'doneAt', title: t('avWork.doneAt'), width: 150, render: (_, w) => formatDateTime(w.doneAt, locale) },
    { key: 'kind', title: t('avWork.kind'), width: 150, render: (_, w) => <StatusTag items={antivirusWorkKinds.items} value={w.kind} /> },
    {
      key: 'target',
      title: t('avWork.target'),
      width: 220,
      ellipsis: true,
      render: (_, w) =>
        w.device ? (
          <Link to={`/assets/${w.device.id}`}>{`${w.device.assetNumber} ${w.device.name}`}</Link>
        ) : (
          [w.packageName, w.targetGroup].filter(Boolean).join(' / ')
        ),
    },
    {
      key: 'versions',
      title: t('avWork.versions'),
      width: 280,
      render: (_, w) =>
        w.kind === 'settings_change' ? (
          <SettingChange w={w} />
        ) : w.versionBefore || w.versionAfter ? (
          `${w.versionBefore ?? '?'} → ${w.versionAfter ?? '?'}`
        ) : (
          ''
        ),
    },
    {
      key: 'counts',
      title: t('avWork.counts'),
      width: 170,
      render: (_, w) => (w.targetCount === null ? '' : t('avWork.countsText', { target: w.targetCount, success: w.successCount, failure: w.failureCount })),
    },
    { key: 'operator', title: t('avWork.operator'), width: 140, render: (_, w) => w.operator?.name ?? '' },
    { key: 'note', title: t('avWork.note'), ellipsis: true, render: (_, w) => w.note ?? '' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 70,
      fixed: 'right',
      render: (_, w) =>
        canOn(w, 'delete') && (
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.delete')}
            onClick={() =>
              modal.confirm({
                title: t('avWork.confirmDelete'),
                content: t('avWork.confirmDeleteHint'),
                okButtonProps: { danger: true },
                onOk: () => remove.mutateAsync(w),
              })
            }
          />
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('avWork.kind')}
          value={kind}
          onChange={setKind}
          options={choiceOptions(antivirusWorkKinds.items, locale)}
        />
        <SiteSelect allowClear style={{ width: 220 }} value={siteId} onChange={(v) => setSiteId(v as string | undefined)} />
        <DatePicker.RangePicker format={datePickerFormat(locale)} allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v)} />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="av-work-create">
            {t('avWork.create')}
          </Button>
        )}
        <ImportButton
          ledger="antivirus-distributions"
          ledgerLabel={t('avWork.importLabel')}
          permission="antivirus-work.import"
          onImported={() => void qc.invalidateQueries({ queryKey: endpointKeys.all })}
        />
      </Space>
      <ProblemAlert error={list.error} />
      <Table<AntivirusWorkDto>
        rowKey="id"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 100, showSizeChanger: false }}
        scroll={{ x: 1360 }}
      />
      {adding && <WorkDrawer preset={null} onClose={() => setAdding(false)} />}
    </>
  );
}

/** A settings change in the list: the setting, its value before → after, then why and under which approval. */
function SettingChange({ w }: { w: AntivirusWorkDto }) {
  const { t } = useTranslation();
  const why = [w.reason, w.approvalRef && `${t('avWork.approvalRef')}: ${w.approvalRef}`].filter(Boolean).join(' / ');
  return (
    <>
      <div>{w.setting}</div>
      {(w.valueBefore || w.valueAfter) && <div>{`${w.valueBefore ?? '?'} → ${w.valueAfter ?? '?'}`}</div>}
      {why && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {why}
        </Typography.Text>
      )}
    </>
  );
}
