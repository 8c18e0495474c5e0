import { DepartmentCreateInput, type DepartmentDto, DepartmentUpdateInput } from '@unyo/contracts';
import { Col, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { createDepartment, getDepartment, updateDepartment, useOrgMutation } from './org.api.ts';
import { DepartmentSelect, SiteSelect } from './org-selects.tsx';

type DepartmentFormValues = {
  code?: string;
  nameJa?: string;
  nameEn?: string;
  siteId?: string;
  parentId?: string | null;
  mail?: string | null;
  active?: boolean;
};

const fieldNames = Object.keys(DepartmentCreateInput.shape);
const fields = DepartmentCreateInput.shape;

function toValues(d: DepartmentDto): DepartmentFormValues {
  return {
    code: d.code,
    nameJa: d.nameJa,
    nameEn: d.nameEn,
    siteId: d.site.id,
    parentId: d.parentId,
    mail: d.mail,
    active: d.active,
  };
}

type DepartmentFormDrawerProps = {
  open: boolean;
  department?: DepartmentDto;
  /** Preselected site for a new department (the list's site filter). */
  siteId?: string;
  onClose: () => void;
};

export function DepartmentFormDrawer({ open, department, siteId, onClose }: DepartmentFormDrawerProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepartmentFormValues>();
  const schemaField = useSchemaField();
  const editor = useRecordEditor({ form, initial: department, load: getDepartment, toValues });
  const selectedSite = Form.useWatch('siteId', form);
  const { save, onFinish } = useRecordSave<DepartmentCreateInput, DepartmentUpdateInput, unknown>(editor, useOrgMutation, {
    createSchema: DepartmentCreateInput,
    updateSchema: DepartmentUpdateInput,
    create: createDepartment,
    update: updateDepartment,
    onClose,
  });

  return (
    <FormDrawer
      open={open}
      title={editor.isEdit ? t('department.edit') : t('department.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<DepartmentFormValues>
        form={form}
        layout="vertical"
        initialValues={department ? toValues(department) : { siteId, active: true }}
        onFinish={onFinish}
        onValuesChange={(changed: DepartmentFormValues) => {
          // A parent must belong to the same site.
          if ('siteId' in changed) form.setFieldValue('parentId', null);
        }}
        disabled={save.isPending}
      >
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="code" label={t('department.code')} {...schemaField(fields.code)}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="siteId" label={t('department.site')} {...schemaField(fields.siteId)}>
              <SiteSelect />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="nameJa" label={t('department.nameJa')} {...schemaField(fields.nameJa)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('department.nameEn')} {...schemaField(fields.nameEn)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="parentId" label={t('department.parent')} {...schemaField(fields.parentId)}>
          <DepartmentSelect siteId={selectedSite} requireSite excludeId={editor.record?.id} allowClear />
        </Form.Item>
        <Form.Item name="mail" label={t('department.mail')} {...schemaField(fields.mail)}>
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item name="active" label={t('department.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
