import { type BackupResultDto, BackupTriageUpdateInput, backupTriageStatuses } from '@unyo/contracts';
import { App, DatePicker, Descriptions, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { choiceOptions, formatDate, localName } from '../../lib/format.ts';
import { updateBackupTriage, useBackupMutation } from './backups.api.ts';

type Values = {
  status?: string;
  isolationNotes?: string | null;
  staffNotifiedAt?: Dayjs | null;
  vendor?: string | null;
  vendorTicketRef?: string | null;
  escalatedAt?: Dayjs | null;
};
const fields = BackupTriageUpdateInput.shape;
const at = (v: string | null) => (v ? dayjs(v) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.toISOString() : null);
const text = (s: string | null | undefined) => (s?.trim() ? s : null);

/** First isolation, staff notification and escalation to the maintenance vendor of a failed or missing run (3.1.1.m, n). */
export function TriageDrawer({ result, onClose }: { result: BackupResultDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const triage = result.triage!;
  const [form] = Form.useForm<Values>();
  const save = useBackupMutation((input: BackupTriageUpdateInput) => updateBackupTriage(result.id, triage.version, input));

  const onFinish = (v: Values) => {
    const r = parse(BackupTriageUpdateInput, {
      status: v.status,
      isolationNotes: text(v.isolationNotes),
      staffNotifiedAt: iso(v.staffNotifiedAt),
      vendor: text(v.vendor),
      vendorTicketRef: text(v.vendorTicketRef),
      escalatedAt: iso(v.escalatedAt),
    });
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
    <FormDrawer open title={t('backups.triageTitle')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item
          label={t('backups.target')}
        >{`${result.asset.assetNumber} ${result.asset.name} (${localName(result.site, locale)})`}</Descriptions.Item>
        <Descriptions.Item label={t('backups.job')}>{result.job.name}</Descriptions.Item>
        <Descriptions.Item label={t('backups.runDate')}>{formatDate(result.runDate, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('backups.status')}>
          <StatusTag items={backupTriageStatuses.items} value={triage.status} />
        </Descriptions.Item>
        {result.message && <Descriptions.Item label={t('backups.message')}>{result.message}</Descriptions.Item>}
      </Descriptions>
      <ProblemAlert error={save.error} form={form} fields={Object.keys(fields)} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="backup-triage-form"
        initialValues={{
          status: triage.status,
          isolationNotes: triage.isolationNotes,
          staffNotifiedAt: at(triage.staffNotifiedAt),
          vendor: triage.vendor,
          vendorTicketRef: triage.vendorTicketRef,
          escalatedAt: at(triage.escalatedAt),
        }}
      >
        <Form.Item name="status" label={t('backups.triage')} {...schemaField(fields.status)}>
          <Select options={choiceOptions(backupTriageStatuses.items, locale)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="isolationNotes" label={t('backups.isolationNotes')} {...schemaField(fields.isolationNotes)}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="staffNotifiedAt" label={t('backups.staffNotifiedAt')} {...schemaField(fields.staffNotifiedAt)}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="vendor" label={t('backups.vendor')} {...schemaField(fields.vendor)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="vendorTicketRef" label={t('backups.vendorTicketRef')} {...schemaField(fields.vendorTicketRef)}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="escalatedAt" label={t('backups.escalatedAt')} {...schemaField(fields.escalatedAt)}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
