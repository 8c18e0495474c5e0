import { SoftwareProductCreateInput, type SoftwareProductDto, SoftwareProductUpdateInput } from '@unyo/contracts';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { createProduct, getProduct, updateProduct, useSoftwareMutation } from './software.api.ts';

type ProductFormValues = { publisher?: string | null; name?: string; editionFamily?: string | null; note?: string | null };

const fields = SoftwareProductCreateInput.shape;
const fieldNames = Object.keys(fields);

const toValues = (p: SoftwareProductDto): ProductFormValues => ({ publisher: p.publisher, name: p.name, editionFamily: p.editionFamily, note: p.note });

/** The product fields, shared by the product drawer and the "create from an unmapped name" dialog. */
export function ProductFields() {
  const { t } = useTranslation();
  const schemaField = useSchemaField();
  return (
    <>
      <Form.Item name="publisher" label={t('swProduct.publisher')} {...schemaField(fields.publisher)}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('swProduct.name')} {...schemaField(fields.name)}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item name="editionFamily" label={t('swProduct.editionFamily')} {...schemaField(fields.editionFamily)}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="note" label={t('swProduct.note')} {...schemaField(fields.note)}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}

type ProductFormDrawerProps = { product?: SoftwareProductDto; onClose: () => void };

/** Create or edit one catalogue product (its rules are edited in their own drawer). */
export function ProductFormDrawer({ product, onClose }: ProductFormDrawerProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProductFormValues>();
  const editor = useRecordEditor({ form, initial: product, load: getProduct, toValues });
  const { save, onFinish } = useRecordSave(editor, useSoftwareMutation, {
    createSchema: SoftwareProductCreateInput,
    updateSchema: SoftwareProductUpdateInput,
    create: createProduct,
    update: updateProduct,
    onClose,
  });
  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('swProduct.edit') : t('swProduct.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<ProductFormValues> form={form} layout="vertical" initialValues={product ? toValues(product) : {}} onFinish={onFinish} disabled={save.isPending}>
        <ProductFields />
      </Form>
    </FormDrawer>
  );
}
