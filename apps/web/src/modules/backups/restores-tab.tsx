import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type BackupLedgerEntryDto,
  RestoreRequestCreateInput,
  type RestoreRequestDto,
  RestoreRequestUpdateInput,
  restoreRequestStatuses,
} from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { choiceOptions, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { backupKeys, createRestore, listBackupJobs, listBackupLedger, listRestores, updateRestore, useBackupMutation } from './backups.api.ts';

type CreateValues = { jobId?: string; resultId?: string | null; requestedBy?: string; what?: string; restoreTo?: string | null; note?: string | null };
const createFields = RestoreRequestCreateInput.shape;

/** A restore asked for by the staff in charge (3.1.1.o): which job and generation, what, to where. */
function RestoreCreateDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const [form] = Form.useForm<CreateValues>();
  const jobId = Form.useWatch('jobId', form);
  const jobs = useQuery({ queryKey: backupKeys.list('job-options', {}), queryFn: () => listBackupJobs({ limit: 500, active: 'true' }) });
  const generations = useQuery({
    queryKey: backupKeys.list('generations', { jobId }),
    queryFn: () => listBackupLedger({ jobId, limit: 100 }),
    enabled: !!jobId,
  });
  const save = useBackupMutation((input: RestoreRequestCreateInput) => createRestore(input));
  const onFinish = (values: CreateValues) => {
    const r = parse(RestoreRequestCreateInput, cleanFormValues(values, RestoreRequestCreateInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        message.success(t('common.created'));
        onClose();
      },
    });
  };
  const genLabel = (g: BackupLedgerEntryDto) =>
    `${formatDate(g.runDate, locale)} ${g.generation ?? ''} ${g.takenAt ? `(${formatDateTime(g.takenAt, locale)})` : ''}`;
  return (
    <FormDrawer open title={t('backups.createRestore')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending}>
      <ProblemAlert error={save.error} form={form} fields={Object.keys(createFields)} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={onFinish} disabled={save.isPending} data-testid="backup-restore-form">
        <Form.Item name="jobId" label={t('backups.job')} {...schemaField(createFields.jobId, { required: true })}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={jobs.isPending}
            options={(jobs.data?.items ?? []).map((j) => ({ value: j.id, label: `${j.asset.assetNumber} / ${j.name} (${localName(j.site, locale)})` }))}
            onChange={() => form.setFieldValue('resultId', null)}
          />
        </Form.Item>
        <Form.Item name="resultId" label={t('backups.generation')} {...schemaField(createFields.resultId)}>
          <Select allowClear loading={generations.isFetching} options={(generations.data?.items ?? []).map((g) => ({ value: g.id, label: genLabel(g) }))} />
        </Form.Item>
        <Form.Item name="requestedBy" label={t('backups.requestedBy')} {...schemaField(createFields.requestedBy)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="what" label={t('backups.what')} {...schemaField(createFields.what)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="restoreTo" label={t('backups.restoreTo')} {...schemaField(createFields.restoreTo)}>
          <Input maxLength={500} autoComplete="off" />
        </Form.Item>
        <Form.Item name="note" label={t('backups.note')} {...schemaField(createFields.note)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

type UpdateValues = { status?: string; resultNotes?: string | null };

function RestoreUpdateModal({ request, onClose }: { request: RestoreRequestDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const parse = useSchemaParse();
  const [form] = Form.useForm<UpdateValues>();
  const save = useBackupMutation((input: RestoreRequestUpdateInput) => updateRestore(request.id, request.version, input));
  const onFinish = (values: UpdateValues) => {
    const r = parse(RestoreRequestUpdateInput, cleanFormValues(values, RestoreRequestUpdateInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
    });
  };
  return (
    <Modal open title={t('backups.updateRestore')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <ProblemAlert error={save.error} form={form} fields={['status', 'resultNotes']} />
      <Form<UpdateValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ status: request.status, resultNotes: request.resultNotes }}
        data-testid="backup-restore-update"
      >
        <Form.Item name="status" label={t('backups.status')}>
          <Select options={choiceOptions(restoreRequestStatuses.items, locale)} />
        </Form.Item>
        <Form.Item name="resultNotes" label={t('backups.resultNotes')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Restore requests (3.1.1.o). */
export function RestoresTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan('backup.manage');
  const [creating, setCreating] = useState(false);
  const [updating, setUpdating] = useState<RestoreRequestDto | null>(null);
  const query = {};
  const columns: TableColumnsType<RestoreRequestDto> = [
    { key: 'requestedAt', title: t('backups.requestedAt'), width: 150, render: (_, r) => formatDateTime(r.requestedAt, locale) },
    { key: 'requestedBy', title: t('backups.requestedBy'), dataIndex: 'requestedBy', width: 140, ellipsis: true },
    { key: 'target', title: t('backups.target'), width: 200, ellipsis: true, render: (_, r) => `${r.asset.assetNumber} / ${r.job.name}` },
    {
      key: 'generation',
      title: t('backups.generation'),
      width: 160,
      render: (_, r) => r.result && `${formatDate(r.result.runDate, locale)} ${r.result.generation ?? ''}`,
    },
    { key: 'what', title: t('backups.what'), dataIndex: 'what', width: 260, ellipsis: true },
    { key: 'status', title: t('backups.status'), width: 110, render: (_, r) => <StatusTag items={restoreRequestStatuses.items} value={r.status} /> },
    { key: 'doneAt', title: t('backups.doneAt'), width: 150, render: (_, r) => formatDateTime(r.doneAt, locale) },
    { key: 'resultNotes', title: t('backups.resultNotes'), dataIndex: 'resultNotes', width: 220, ellipsis: true },
  ];
  return (
    <>
      <DataTable<RestoreRequestDto>
        queryKey={backupKeys.list('restores', query)}
        fetchPage={(cursor) => listRestores(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        onRowOpen={(r) => canOn(r, 'update') && setUpdating(r)}
        toolbar={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="backup-restore-create" onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          )
        }
      />
      {creating && <RestoreCreateDrawer onClose={() => setCreating(false)} />}
      {updating && <RestoreUpdateModal request={updating} onClose={() => setUpdating(null)} />}
    </>
  );
}
