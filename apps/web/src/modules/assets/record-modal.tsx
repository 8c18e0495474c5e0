import type { FormInstance } from 'antd';
import { App, Form, Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { cleanFormValues, useSchemaParse } from '../../lib/form.ts';
import { useAssetMutation } from './assets.api.ts';

type ObjectSchema = z.ZodType & { shape: Record<string, z.ZodType> };

type RecordModalProps<V extends object> = {
  title: string;
  form: FormInstance<V>;
  schema: ObjectSchema;
  initialValues?: Partial<V>;
  /** Form values → API input, before the schema check (nested objects, date-times). */
  toInput?: (values: Record<string, unknown>) => Record<string, unknown>;
  submit: (input: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
  testId: string;
  children: ReactNode;
};

/**
 * A small add/edit dialog of an asset's history (movement, repair, work log, port): checked with the
 * contracts schema first, the server's field errors shown on the fields, asset queries refreshed.
 */
export function RecordModal<V extends object>({ title, form, schema, initialValues, toInput, submit, onClose, testId, children }: RecordModalProps<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const parse = useSchemaParse();
  const save = useAssetMutation(submit);

  // The page keeps one form instance for every opening: start each from this opening's values.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opening.
  useEffect(() => {
    form.resetFields();
    if (initialValues) form.setFieldsValue(initialValues as Parameters<typeof form.setFieldsValue>[0]);
  }, []);

  const onFinish = (values: V) => {
    const cleaned = cleanFormValues(values as Record<string, unknown>, schema);
    const input = toInput ? toInput(cleaned) : cleaned;
    const r = parse(schema, input);
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data as Record<string, unknown>, {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={title}
      width={640}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': `${testId}-ok` }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <ProblemAlert error={save.error} form={form} fields={Object.keys(schema.shape)} />
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={save.isPending} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
