import { BusinessSystemCreateInput, type BusinessSystemDto, BusinessSystemUpdateInput } from '@unyo/contracts';
import { Col, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { DepartmentSelect } from '../org/org-selects.tsx';
import { createBusinessSystem, getBusinessSystem, updateBusinessSystem, useBusinessSystemMutation } from './business-systems.api.ts';

type Text = string | null;
type BusinessSystemFormValues = {
  code?: string;
  name?: string;
  nameEn?: Text;
  departmentId?: string;
  contactName?: Text;
  contactPhone?: Text;
  contactEmail?: Text;
  contractor?: Text;
  contractorContact?: Text;
  notes?: Text;
  active?: boolean;
};

const fields = BusinessSystemCreateInput.shape;
const fieldNames = Object.keys(fields);

const toValues = (s: BusinessSystemDto): BusinessSystemFormValues => ({
  code: s.code,
  name: s.name,
  nameEn: s.nameEn,
  departmentId: s.department.id,
  contactName: s.contactName,
  contactPhone: s.contactPhone,
  contactEmail: s.contactEmail,
  contractor: s.contractor,
  contractorContact: s.contractorContact,
  notes: s.notes,
  active: s.active,
});

/** Register or edit a business system: its responsible department, the contact there, and the maintenance contractor. */
export function BusinessSystemFormDrawer({ system, onClose }: { system?: BusinessSystemDto; onClose: () => void }) {
  const { t } = useTranslation();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<BusinessSystemFormValues>();
  const editor = useRecordEditor({ form, initial: system, load: getBusinessSystem, toValues });
  const { save, onFinish } = useRecordSave(editor, useBusinessSystemMutation, {
    createSchema: BusinessSystemCreateInput,
    updateSchema: BusinessSystemUpdateInput,
    create: createBusinessSystem,
    update: updateBusinessSystem,
    onClose,
  });

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('businessSystem.edit') : t('businessSystem.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<BusinessSystemFormValues>
        form={form}
        layout="vertical"
        initialValues={system ? toValues(system) : { active: true }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="business-system-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('businessSystem.code')} {...schemaField(fields.code)}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('businessSystem.name')} {...schemaField(fields.name)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="nameEn" label={t('businessSystem.nameEn')} {...schemaField(fields.nameEn)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('businessSystem.department')} {...schemaField(fields.departmentId, { required: true })}>
          <DepartmentSelect siteId={undefined} data-testid="business-system-department" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('businessSystem.contactName')} {...schemaField(fields.contactName)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('businessSystem.contactPhone')} {...schemaField(fields.contactPhone)}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="contactEmail" label={t('businessSystem.contactEmail')} {...schemaField(fields.contactEmail)}>
          <Input maxLength={200} autoComplete="off" type="email" />
        </Form.Item>
        <Form.Item name="contractor" label={t('businessSystem.contractor')} {...schemaField(fields.contractor)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="contractorContact" label={t('businessSystem.contractorContact')} {...schemaField(fields.contractorContact)}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item name="notes" label={t('businessSystem.notes')} {...schemaField(fields.notes)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="active" label={t('businessSystem.active')} valuePropName="checked" extra={t('businessSystem.activeHint')}>
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
