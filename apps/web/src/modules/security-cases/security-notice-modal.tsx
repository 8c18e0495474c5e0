import type { SecurityCaseDto, SecurityNoticeInput } from '@unyo/contracts';
import { App, Form, Input, Modal, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SiteSelect } from '../org/org-selects.tsx';
import { publishSecurityNotice, useSecurityMutation } from './security-cases.api.ts';

const fieldNames = ['ja', 'en', 'targetAll', 'siteIds', 'publish'];

/** 4.2.b: the suspicious-mail notice, in Japanese and English (both required), published to the notice board. */
export function SecurityNoticeModal({ securityCase, onClose }: { securityCase: SecurityCaseDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecurityNoticeInput>();
  const targetAll = Form.useWatch('targetAll', form);
  const publish = useSecurityMutation((v: SecurityNoticeInput) => publishSecurityNotice(securityCase.id, v));
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={t('securityCase.notice.title')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('securityCase.notice.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={publish.error} form={form} fields={fieldNames} />
      <Form<SecurityNoticeInput>
        form={form}
        layout="vertical"
        initialValues={{ ja: { title: securityCase.title, body: '' }, en: { title: '', body: '' }, targetAll: true, siteIds: [], publish: true }}
        disabled={publish.isPending}
        onFinish={(v) =>
          publish.mutate(v, {
            onSuccess: () => {
              message.success(t('securityCase.notice.published'));
              onClose();
            },
          })
        }
      >
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          日本語
        </Typography.Title>
        <Form.Item name={['ja', 'title']} label={t('securityCase.notice.noticeTitle')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name={['ja', 'body']} label={t('securityCase.notice.body')} rules={required}>
          <Input.TextArea rows={5} maxLength={50_000} />
        </Form.Item>
        <Typography.Title level={3} style={{ fontSize: 15 }}>
          English
        </Typography.Title>
        <Form.Item name={['en', 'title']} label={t('securityCase.notice.noticeTitle')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name={['en', 'body']} label={t('securityCase.notice.body')} rules={required}>
          <Input.TextArea rows={5} maxLength={50_000} />
        </Form.Item>
        <Form.Item name="targetAll" label={t('securityCase.notice.targetAll')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {!targetAll && (
          <Form.Item name="siteIds" label={t('incident.sites')} rules={[{ required: true, message: t('validation.required') }]}>
            <SiteSelect mode="multiple" maxTagCount="responsive" />
          </Form.Item>
        )}
        <Form.Item name="publish" label={t('securityCase.notice.publishNow')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
