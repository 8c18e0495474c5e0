import { PasswordChangeInput } from '@unyo/contracts';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { useChangePassword } from '../../lib/session.ts';

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

type PasswordChangeModalProps = {
  open: boolean;
  /** After first login or a reset: the user cannot dismiss the dialog. */
  forced?: boolean;
  onClose: () => void;
  /** Offered instead of "cancel" when the change is forced. */
  onLogout?: () => void;
};

export function PasswordChangeModal({ open, forced = false, onClose, onLogout }: PasswordChangeModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const schemaField = useSchemaField();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: PasswordValues) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success(t('auth.passwordChanged'));
          form.resetFields();
          onClose();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      okText={t('common.save')}
      cancelText={forced ? t('auth.logout') : t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={forced ? onLogout : onClose}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: false }}
      cancelButtonProps={{ style: forced && !onLogout ? { display: 'none' } : undefined }}
      okButtonProps={{ loading: change.isPending }}
      destroyOnHidden
    >
      {forced && <Alert type="info" showIcon title={t('auth.mustChangePassword')} style={{ marginBottom: 16 }} />}
      <ProblemAlert error={change.error} form={form} fields={['currentPassword', 'newPassword']} />
      <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} {...schemaField(PasswordChangeInput.shape.currentPassword)}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('auth.newPassword')} extra={t('auth.passwordPolicy')} {...schemaField(PasswordChangeInput.shape.newPassword)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          required
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (!value) throw new Error(t('validation.required'));
                if (value !== getFieldValue('newPassword')) throw new Error(t('auth.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
