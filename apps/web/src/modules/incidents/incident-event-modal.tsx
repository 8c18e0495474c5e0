import type { IncidentDto, IncidentEventInput, IncidentMilestone } from '@unyo/contracts';
import { incidentMilestones } from '@unyo/contracts';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceLabel } from '../../lib/format.ts';
import { dateTimeFormat } from './incident-create-modal.tsx';
import { addIncidentEvent, useIncidentMutation } from './incidents.api.ts';

/** What the dialog records: a milestone, an escalation start or end, a reopen, a close, or a note. */
export type EventDraft =
  | { type: 'milestone'; milestone: Exclude<IncidentMilestone, 'occurred'> }
  | { type: 'escalation_started' | 'escalation_ended' | 'reopened' | 'closed' | 'note' };

type FormValues = { at?: Dayjs; vendor?: string; note?: string };

/** Adds one entry to the incident's timeline; the time defaults to now and may be set in the past. */
export function IncidentEventModal({ incident, draft, onClose }: { incident: IncidentDto; draft: EventDraft; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useIncidentMutation((v: FormValues) => {
    const at = v.at ? v.at.toISOString() : undefined;
    const note = v.note?.trim() || undefined;
    let input: IncidentEventInput;
    switch (draft.type) {
      case 'milestone':
        input = { type: 'milestone', milestone: draft.milestone, at, note };
        break;
      case 'escalation_started':
        input = { type: 'escalation_started', vendor: v.vendor?.trim() ?? '', at, note };
        break;
      case 'reopened':
        input = { type: 'reopened', at, note: note ?? '' };
        break;
      case 'note':
        input = { type: 'note', note: note ?? '', at };
        break;
      case 'closed':
        input = { type: 'closed', note };
        break;
      default:
        input = { type: 'escalation_ended', at, note };
    }
    return addIncidentEvent(incident.id, input);
  });
  const title =
    draft.type === 'milestone'
      ? t('incident.recordMilestone', { milestone: choiceLabel(incidentMilestones.items, draft.milestone, locale) })
      : t(`incident.eventTitle.${draft.type}`);
  const noteRequired = draft.type === 'reopened' || draft.type === 'note';

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('incident.record')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'incident-event-save' } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} form={form} fields={['at', 'vendor', 'note']} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ at: dayjs() }}
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
          <Form.Item name="vendor" label={t('incident.vendor')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={200} autoComplete="off" data-testid="incident-vendor" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('incident.note')} rules={noteRequired ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="incident-event-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
