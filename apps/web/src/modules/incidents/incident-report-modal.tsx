import type { IncidentDto } from '@unyo/contracts';
import { App, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { reportIncident, useIncidentMutation } from './incidents.api.ts';

type FormValues = { to: string[]; locale: 'ja' | 'en'; markReported: boolean; message?: string };

/** 担当職員への発生報告: mails the incident summary and, by default, records the "reported" milestone. */
export function IncidentReportModal({ incident, onClose }: { incident: IncidentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const send = useIncidentMutation((v: FormValues) => reportIncident(incident.id, { ...v, message: v.message?.trim() || undefined }));
  return (
    <Modal
      open
      title={t('incident.report.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('incident.report.send')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={send.error} form={form} fields={['to', 'locale', 'markReported', 'message']} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ to: [], locale: 'ja', markReported: !incident.milestones.reported }}
        disabled={send.isPending}
        onFinish={(v) =>
          send.mutate(v, {
            onSuccess: () => {
              message.success(t('incident.report.sent'));
              onClose();
            },
          })
        }
      >
        <Form.Item
          name="to"
          label={t('incident.report.to')}
          extra={t('incident.report.toHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ', ';']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="locale" label={t('incident.report.language')}>
          <Radio.Group
            options={[
              { value: 'ja', label: '日本語' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Form.Item name="markReported" label={t('incident.report.markReported')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="message" label={t('incident.report.message')}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
