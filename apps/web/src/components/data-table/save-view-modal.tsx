import type { SavedViewDto, SavedViewState } from '@unyo/contracts';
import { Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSavedViewMutation } from '../../lib/views.api.ts';
import { ProblemAlert } from '../problem-alert.tsx';

type SaveViewModalProps = {
  ledger: string;
  state: SavedViewState;
  onClose: () => void;
  onSaved: (view: SavedViewDto) => void;
};

type Values = { name: string; isDefault: boolean };

/** "Save as": names the list's current filters, sort and columns. */
export function SaveViewModal({ ledger, state, onClose, onSaved }: SaveViewModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mutation = useSavedViewMutation(ledger);

  const submit = (values: Values) =>
    mutation.mutate(
      { kind: 'create', input: { ledger, name: values.name.trim(), state, isDefault: !!values.isDefault } },
      { onSuccess: (view) => view && onSaved(view) },
    );

  return (
    <Modal
      open
      title={t('views.saveAsTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'views-save-ok' }}
      destroyOnHidden
    >
      <ProblemAlert error={mutation.error} form={form} fields={['name']} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ name: '', isDefault: false }}>
        <Form.Item
          name="name"
          label={t('views.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input autoFocus maxLength={100} data-testid="views-name" />
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox data-testid="views-make-default">{t('views.makeDefault')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
