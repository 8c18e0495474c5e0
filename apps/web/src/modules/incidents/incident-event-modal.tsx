import type { FileDto, IncidentDto, IncidentEventInput, IncidentMilestone } from '@unyo/contracts';
import { incidentMilestones } from '@unyo/contracts';
import { App, DatePicker, Form, Input, Modal, Radio, Select, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceLabel } from '../../lib/format.ts';
import { AttachmentPicker, stillUploading, uploadedIds } from '../servicedesk/attachment-picker.tsx';
import { dateTimeFormat } from './incident-create-modal.tsx';
import { addIncidentEvent, useIncidentMutation } from './incidents.api.ts';

/** What the dialog records: a milestone, an escalation start or end, a reopen, a close, a note, or a piece of work. */
export type EventDraft =
  | { type: 'milestone'; milestone: Exclude<IncidentMilestone, 'occurred'> }
  | {
      type:
        | 'escalation_started'
        | 'escalation_ended'
        | 'reopened'
        | 'closed'
        | 'note'
        | 'lan_cable_checked'
        | 'repair_visit'
        | 'logs_sent'
        | 'department_contacted';
    };

export const lanResults = ['ok', 'faulty', 'replaced'] as const;
export const repairResults = ['passed', 'failed'] as const;
export const logsMethods = ['mail', 'file_transfer', 'media', 'other'] as const;
export const contactMethods = ['phone', 'mail', 'other'] as const;

type FormValues = {
  at?: Dayjs;
  vendor?: string;
  note?: string;
  lanResult?: (typeof lanResults)[number];
  contractor?: string;
  attendee?: string;
  testSteps?: string;
  repairResult?: (typeof repairResults)[number];
  to?: string;
  method?: (typeof logsMethods)[number];
  files?: UploadFile<FileDto>[];
  contact?: string;
  contactMethod?: (typeof contactMethods)[number];
};

const fieldNames = [
  'at',
  'vendor',
  'note',
  'lanResult',
  'contractor',
  'attendee',
  'testSteps',
  'repairResult',
  'to',
  'method',
  'files',
  'contact',
  'contactMethod',
];

/** The API names that differ from the form's (a 422 on `fileIds.0` marks the attachments). */
function fieldAliases(draft: EventDraft): Record<string, string> {
  return {
    fileIds: 'files',
    result: draft.type === 'repair_visit' ? 'repairResult' : 'lanResult',
    ...(draft.type === 'department_contacted' ? { method: 'contactMethod' } : {}),
  };
}

/** The attachment picker as a form control: the files upload at once and the form keeps their list. */
function FilesField({
  value = [],
  onChange,
  disabled,
}: {
  value?: UploadFile<FileDto>[];
  onChange?: (files: UploadFile<FileDto>[]) => void;
  disabled?: boolean;
}) {
  return <AttachmentPicker value={value} onChange={(f) => onChange?.(f)} disabled={disabled} />;
}

function toInput(draft: EventDraft, v: FormValues): IncidentEventInput {
  const at = v.at ? v.at.toISOString() : undefined;
  const note = v.note?.trim() || undefined;
  switch (draft.type) {
    case 'milestone':
      return { type: 'milestone', milestone: draft.milestone, at, note };
    case 'escalation_started':
      return { type: 'escalation_started', vendor: v.vendor?.trim() ?? '', at, note };
    case 'reopened':
      return { type: 'reopened', at, note: note ?? '' };
    case 'note':
      return { type: 'note', note: note ?? '', at, fileIds: uploadedIds(v.files ?? []) };
    case 'closed':
      return { type: 'closed', note };
    case 'lan_cable_checked':
      return { type: 'lan_cable_checked', result: v.lanResult ?? 'ok', at, note };
    case 'repair_visit':
      return {
        type: 'repair_visit',
        contractor: v.contractor?.trim() ?? '',
        attendee: v.attendee?.trim() ?? '',
        testSteps: v.testSteps?.trim() || undefined,
        result: v.repairResult ?? 'passed',
        at,
        note,
      };
    case 'logs_sent':
      return { type: 'logs_sent', to: v.to?.trim() ?? '', method: v.method ?? 'mail', fileIds: uploadedIds(v.files ?? []), at, note };
    case 'department_contacted':
      return { type: 'department_contacted', contact: v.contact?.trim() ?? '', method: v.contactMethod ?? 'phone', at, note };
    default:
      return { type: 'escalation_ended', at, note };
  }
}

/** Whom to contact about a business system: the master's contact person at its department (4.1.3.a). */
function defaultContact(i: IncidentDto): string {
  const s = i.businessSystem;
  if (!s) return i.ownerDepartment ?? '';
  return [i.ownerDepartment ?? s.departmentName, s.contactName].filter(Boolean).join(' ');
}

/** Adds one entry to the incident's timeline; the time defaults to now and may be set in the past. */
export function IncidentEventModal({ incident, draft, onClose }: { incident: IncidentDto; draft: EventDraft; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const files = Form.useWatch('files', form) ?? [];
  const save = useIncidentMutation((v: FormValues) => addIncidentEvent(incident.id, toInput(draft, v)));
  const title =
    draft.type === 'milestone'
      ? t('incident.recordMilestone', { milestone: choiceLabel(incidentMilestones.items, draft.milestone, locale) })
      : t(`incident.eventTitle.${draft.type}`);
  const noteRequired = draft.type === 'reopened' || draft.type === 'note';
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const withFiles = draft.type === 'note' || draft.type === 'logs_sent';

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('incident.record')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'incident-event-save', disabled: stillUploading(files) } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} fieldAliases={fieldAliases(draft)} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          at: dayjs(),
          lanResult: 'ok',
          repairResult: 'passed',
          method: 'mail',
          files: [],
          contact: defaultContact(incident),
          contactMethod: 'phone',
        }}
        disabled={save.isPending}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t('incident.recorded'));
              onClose();
            },
          })
        }
        data-testid="incident-event-form"
      >
        {draft.type !== 'closed' && (
          <Form.Item name="at" label={t('incident.eventAt')} extra={t('incident.eventAtHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimeFormat[locale]} allowClear={false} />
          </Form.Item>
        )}
        {draft.type === 'escalation_started' && (
          <Form.Item name="vendor" label={t('incident.vendor')} rules={required}>
            <Input maxLength={200} autoComplete="off" data-testid="incident-vendor" />
          </Form.Item>
        )}
        {draft.type === 'lan_cable_checked' && (
          <Form.Item name="lanResult" label={t('incident.lanResultLabel')} rules={required}>
            <Radio.Group options={lanResults.map((r) => ({ value: r, label: t(`incident.lanResult.${r}`) }))} />
          </Form.Item>
        )}
        {draft.type === 'repair_visit' && (
          <>
            <Form.Item name="contractor" label={t('incident.contractor')} rules={required}>
              <Input maxLength={200} autoComplete="off" data-testid="incident-contractor" />
            </Form.Item>
            <Form.Item name="attendee" label={t('incident.attendee')} rules={required}>
              <Input maxLength={100} autoComplete="off" data-testid="incident-attendee" />
            </Form.Item>
            <Form.Item name="testSteps" label={t('incident.testSteps')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="repairResult" label={t('incident.repairResultLabel')} rules={required}>
              <Radio.Group options={repairResults.map((r) => ({ value: r, label: t(`incident.repairResult.${r}`) }))} />
            </Form.Item>
          </>
        )}
        {draft.type === 'logs_sent' && (
          <>
            <Form.Item name="to" label={t('incident.logsTo')} rules={required}>
              <Input maxLength={200} autoComplete="off" data-testid="incident-logs-to" />
            </Form.Item>
            <Form.Item name="method" label={t('incident.logsMethodLabel')} rules={required}>
              <Select options={logsMethods.map((m) => ({ value: m, label: t(`incident.logsMethod.${m}`) }))} />
            </Form.Item>
          </>
        )}
        {draft.type === 'department_contacted' && (
          <>
            <Form.Item name="contact" label={t('incident.contactPerson')} extra={t('incident.contactPersonHint')} rules={required}>
              <Input maxLength={200} autoComplete="off" data-testid="incident-contact" />
            </Form.Item>
            <Form.Item name="contactMethod" label={t('incident.contactMethodLabel')} rules={required}>
              <Radio.Group options={contactMethods.map((m) => ({ value: m, label: t(`incident.contactMethod.${m}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('incident.note')} rules={noteRequired ? required : []}>
          <Input.TextArea rows={3} maxLength={draft.type === 'note' ? 10_000 : 2000} data-testid="incident-event-note" />
        </Form.Item>
        {withFiles && (
          <Form.Item name="files" label={t('incident.attachments')}>
            <FilesField />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
