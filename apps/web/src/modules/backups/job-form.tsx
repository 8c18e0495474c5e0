import { BackupJobCreateInput, type BackupJobDto, BackupJobUpdateInput, backupSchedules, backupTypes } from '@unyo/contracts';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { AssetSelect } from '../assets/asset-selects.tsx';
import { createBackupJob, getBackupJob, updateBackupJob, useBackupMutation } from './backups.api.ts';

type Text = string | null;
type JobFormValues = {
  assetId?: string;
  name?: string;
  software?: string;
  backupType?: string;
  schedule?: string;
  weekdays?: number[];
  monthDay?: number | null;
  dueTime?: string;
  dueDayOffset?: number;
  retentionGenerations?: number;
  destination?: string;
  restoreNotes?: Text;
  startsOn?: Dayjs | null;
  reviewedOn?: Dayjs | null;
  active?: boolean;
  mailSender?: Text;
  mailSubjectPattern?: Text;
  mailSuccessKeywords?: string[];
  mailFailureKeywords?: string[];
  note?: Text;
};

const fields = BackupJobCreateInput.shape;
const fieldNames = Object.keys(fields);
const day = (d: string | null) => (d ? dayjs(d) : null);

function toValues(j: BackupJobDto): JobFormValues {
  return {
    assetId: j.asset.id,
    name: j.name,
    software: j.software,
    backupType: j.backupType,
    schedule: j.schedule,
    weekdays: j.weekdays,
    monthDay: j.monthDay,
    dueTime: j.dueTime,
    dueDayOffset: j.dueDayOffset,
    retentionGenerations: j.retentionGenerations,
    destination: j.destination,
    restoreNotes: j.restoreNotes,
    startsOn: day(j.startsOn),
    reviewedOn: day(j.reviewedOn),
    active: j.active,
    mailSender: j.mailSender,
    mailSubjectPattern: j.mailSubjectPattern,
    mailSuccessKeywords: j.mailSuccessKeywords,
    mailFailureKeywords: j.mailFailureKeywords,
    note: j.note,
  };
}

/** Create or edit one line of the backup schedule (1.1.f): target, timing, result deadline, retention, mail rule. */
export function JobFormDrawer({ job, onClose }: { job?: BackupJobDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<JobFormValues>();
  const editor = useRecordEditor({ form, initial: job, load: getBackupJob, toValues });
  const { save, onFinish } = useRecordSave(editor, useBackupMutation, {
    createSchema: BackupJobCreateInput,
    updateSchema: BackupJobUpdateInput,
    create: createBackupJob,
    update: updateBackupJob,
    onClose,
  });
  const schedule = Form.useWatch('schedule', form);
  const current = editor.record;
  const col = (node: ReactNode, span = 12) => (
    <Col xs={24} sm={span}>
      {node}
    </Col>
  );
  const weekdayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`backups.weekday${d}` as 'backups.weekday1') }));

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('backups.editJob') : t('backups.createJob')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={720}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<JobFormValues>
        form={form}
        layout="vertical"
        initialValues={
          job
            ? toValues(job)
            : {
                backupType: 'full',
                schedule: 'daily',
                dueTime: '07:00',
                dueDayOffset: 1,
                active: true,
                weekdays: [],
                mailSuccessKeywords: [],
                mailFailureKeywords: [],
              }
        }
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="backup-job-form"
      >
        <Form.Item name="assetId" label={t('backups.target')} {...schemaField(fields.assetId, { required: true })}>
          <AssetSelect initialLabel={current ? `${current.asset.assetNumber} ${current.asset.name}` : undefined} allowClear={false} />
        </Form.Item>
        <Row gutter={16}>
          {col(
            <Form.Item name="name" label={t('backups.job')} {...schemaField(fields.name)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="software" label={t('backups.software')} {...schemaField(fields.software)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="backupType" label={t('backups.type')} {...schemaField(fields.backupType)}>
              <Select options={choiceOptions(backupTypes.items, locale)} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="schedule" label={t('backups.schedule')} {...schemaField(fields.schedule)}>
              <Select options={choiceOptions(backupSchedules.items, locale)} />
            </Form.Item>,
          )}
        </Row>
        {schedule === 'weekly' && (
          <Form.Item name="weekdays" label={t('backups.weekdays')} {...schemaField(fields.weekdays, { required: true })}>
            <Select mode="multiple" options={weekdayOptions} optionFilterProp="label" />
          </Form.Item>
        )}
        {schedule === 'monthly' && (
          <Form.Item name="monthDay" label={t('backups.monthDay')} {...schemaField(fields.monthDay, { required: true })}>
            <InputNumber min={1} max={31} precision={0} style={{ width: 120 }} />
          </Form.Item>
        )}
        <Row gutter={16}>
          {col(
            <Form.Item name="dueTime" label={t('backups.dueTime')} extra={t('backups.dueTimeHint')} {...schemaField(fields.dueTime)}>
              <Input maxLength={5} placeholder="07:00" autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="dueDayOffset" label={t('backups.dueDayOffset')} {...schemaField(fields.dueDayOffset)}>
              <InputNumber min={0} max={7} precision={0} style={{ width: '100%' }} />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="retentionGenerations" label={t('backups.retention')} {...schemaField(fields.retentionGenerations)}>
              <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="destination" label={t('backups.destination')} {...schemaField(fields.destination)}>
              <Input maxLength={500} autoComplete="off" />
            </Form.Item>,
          )}
        </Row>
        <Form.Item name="restoreNotes" label={t('backups.restoreNotes')} {...schemaField(fields.restoreNotes)}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          {col(
            <Form.Item name="startsOn" label={t('backups.startsOn')} {...schemaField(fields.startsOn)}>
              <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="reviewedOn" label={t('backups.reviewedOn')} {...schemaField(fields.reviewedOn)}>
              <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="mailSender" label={t('backups.mailSender')} {...schemaField(fields.mailSender)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="mailSubjectPattern" label={t('backups.mailSubjectPattern')} {...schemaField(fields.mailSubjectPattern)}>
              <Input maxLength={500} autoComplete="off" />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="mailSuccessKeywords" label={t('backups.mailSuccessKeywords')} {...schemaField(fields.mailSuccessKeywords)}>
              <Select mode="tags" open={false} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="mailFailureKeywords" label={t('backups.mailFailureKeywords')} {...schemaField(fields.mailFailureKeywords)}>
              <Select mode="tags" open={false} />
            </Form.Item>,
          )}
        </Row>
        <Form.Item name="active" label={t('backups.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t('backups.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
