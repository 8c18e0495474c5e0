import { type SecurityCaseCreateInput, type SecurityCaseDto, securityCaseKinds } from '@unyo/contracts';
import { App, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceOptions } from '../../lib/format.ts';
import { dateTimeFormat } from '../incidents/incident-create-modal.tsx';
import { AssetsSelect } from '../incidents/incident-selects.tsx';
import { SiteSelect } from '../org/org-selects.tsx';
import { createSecurityCase, useSecurityMutation } from './security-cases.api.ts';

type FormValues = Omit<SecurityCaseCreateInput, 'detectedAt'> & { detectedAt: Dayjs };

const fieldNames = ['kind', 'title', 'description', 'siteIds', 'assetIds', 'detectedAt', 'source', 'sourceRef', 'spreadOverLan', 'major'];
const sources = ['manual', 'quarantine', 'mail'] as const;

/** セキュリティ対応の登録: the kind decides the checklist; a major case also opens an S-3 incident. */
export function SecurityCaseCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (c: SecurityCaseDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useSecurityMutation((v: FormValues) =>
    createSecurityCase({ ...v, detectedAt: v.detectedAt.toISOString(), description: v.description || undefined, sourceRef: v.sourceRef || undefined }),
  );
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={t('securityCase.create')}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'security-case-save' } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={fieldNames} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ detectedAt: dayjs(), source: 'manual', siteIds: [], assetIds: [], spreadOverLan: false, major: false }}
        disabled={create.isPending}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (c) => {
              message.success(t('securityCase.created', { number: c.number }));
              onClose();
              onCreated(c);
            },
          })
        }
        data-testid="security-case-form"
      >
        <Form.Item name="kind" label={t('securityCase.kind')} rules={required}>
          <Select options={choiceOptions(securityCaseKinds.items, locale)} />
        </Form.Item>
        <Form.Item name="title" label={t('securityCase.titleField')} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item name="detectedAt" label={t('securityCase.detectedAt')} rules={required}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimeFormat[locale]} allowClear={false} />
        </Form.Item>
        <Form.Item name="siteIds" label={t('incident.sites')}>
          <SiteSelect mode="multiple" maxTagCount="responsive" />
        </Form.Item>
        <Form.Item name="assetIds" label={t('incident.assets')}>
          <AssetsSelect />
        </Form.Item>
        <Form.Item name="source" label={t('securityCase.source')}>
          <Select options={sources.map((s) => ({ value: s, label: t(`securityCase.source_${s}`) }))} />
        </Form.Item>
        <Form.Item name="sourceRef" label={t('securityCase.sourceRef')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="spreadOverLan" label={t('incident.spreadOverLan')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="major" label={t('securityCase.major')} extra={t('securityCase.majorHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="description" label={t('incident.description')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
