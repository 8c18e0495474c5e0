import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { SecurityCaseDto } from '@unyo/contracts';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { dateTimeFormat } from '../incidents/incident-create-modal.tsx';
import { recordSecurityStep, useSecurityMutation } from './security-cases.api.ts';

type Step = SecurityCaseDto['steps'][number];
type FormValues = { at: Dayjs; notApplicable: boolean; note?: string; details: { key: string; value: string }[] };

/** The details a step usually carries (4.2.a–b), offered as empty rows; more can be added. */
const suggestedDetails: Record<string, string[]> = {
  isolate: ['method'],
  collect_sample: ['sampleHash', 'storage'],
  submit_sample: ['vendorReference'],
  emergency_definitions: ['definitionVersion'],
  announcement: ['channel'],
  export_audit_log: ['file'],
  action: ['action'],
};

/** Records one checklist step: when, by a note, or as not applicable (with the reason in the note). */
export function SecurityStepModal({ securityCase, step, label, onClose }: { securityCase: SecurityCaseDto; step: Step; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const notApplicable = Form.useWatch('notApplicable', form);
  const save = useSecurityMutation((v: FormValues) =>
    recordSecurityStep(securityCase.id, {
      step: step.step,
      at: v.at.toISOString(),
      notApplicable: v.notApplicable,
      note: v.note?.trim() || undefined,
      details: Object.fromEntries(v.details.filter((d) => d.key?.trim() && d.value?.trim()).map((d) => [d.key.trim(), d.value.trim()])),
    }),
  );
  const existing = Object.entries(step.details).map(([key, value]) => ({ key, value }));
  const details = existing.length ? existing : (suggestedDetails[step.step] ?? []).map((key) => ({ key, value: '' }));
  return (
    <Modal
      open
      title={t('securityCase.recordStep', { step: label })}
      width={600}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('incident.record')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'security-step-save' } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={save.error} form={form} fields={['at', 'notApplicable', 'note']} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ at: dayjs(), notApplicable: false, note: '', details }}
        disabled={save.isPending}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t('incident.recorded'));
              onClose();
            },
          })
        }
        data-testid="security-step-form"
      >
        <Form.Item name="at" label={t('incident.eventAt')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimeFormat[locale]} allowClear={false} />
        </Form.Item>
        <Form.Item name="notApplicable" label={t('securityCase.notApplicable')} valuePropName="checked">
          <Switch data-testid="security-step-na" />
        </Form.Item>
        <Form.Item
          name="note"
          label={notApplicable ? t('securityCase.notApplicableReason') : t('incident.note')}
          rules={notApplicable ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="security-step-note" />
        </Form.Item>
        <Form.Item label={t('securityCase.details')} extra={t('securityCase.detailsHint')}>
          <Form.List name="details">
            {(fields, { add, remove }) => (
              <Flex vertical gap={6}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={6}>
                    <Form.Item name={[f.name, 'key']} noStyle>
                      <Input placeholder={t('securityCase.detailKey')} style={{ width: 180 }} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} noStyle>
                      <Input placeholder={t('securityCase.detailValue')} maxLength={1000} data-testid={`security-step-detail-${f.name}`} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })} style={{ alignSelf: 'flex-start' }}>
                  {t('securityCase.addDetail')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
