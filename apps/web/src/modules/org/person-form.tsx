import { PersonCreateInput, type PersonDto, PersonUpdateInput, personStatuses, staffTypes } from '@unyo/contracts';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { createPerson, getPerson, updatePerson, useOrgMutation } from './org.api.ts';
import { DepartmentSelect, SiteSelect } from './org-selects.tsx';

type PersonFormValues = {
  employeeNumber?: string;
  nameKanji?: string;
  nameKana?: string | null;
  nameRomaji?: string | null;
  staffType?: string;
  siteId?: string;
  departmentId?: string | null;
  email?: string | null;
  extension?: string | null;
  status?: string;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
};

const fields = PersonCreateInput.shape;
const fieldNames = Object.keys(fields);

const toDay = (s: string | null) => (s ? dayjs(s) : null);

function toValues(p: PersonDto): PersonFormValues {
  return {
    employeeNumber: p.employeeNumber,
    nameKanji: p.nameKanji,
    nameKana: p.nameKana,
    nameRomaji: p.nameRomaji,
    staffType: p.staffType,
    siteId: p.site.id,
    departmentId: p.department?.id ?? null,
    email: p.email,
    extension: p.extension,
    status: p.status,
    startDate: toDay(p.startDate),
    endDate: toDay(p.endDate),
  };
}

type PersonFormDrawerProps = {
  open: boolean;
  person?: PersonDto;
  /** Preselected site for a new person (the list's site filter). */
  siteId?: string;
  onClose: () => void;
};

export function PersonFormDrawer({ open, person, siteId, onClose }: PersonFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<PersonFormValues>();
  const schemaField = useSchemaField();
  const editor = useRecordEditor({ form, initial: person, load: getPerson, toValues });
  const selectedSite = Form.useWatch('siteId', form);
  const { save, onFinish } = useRecordSave<PersonCreateInput, PersonUpdateInput, unknown>(editor, useOrgMutation, {
    createSchema: PersonCreateInput,
    updateSchema: PersonUpdateInput,
    create: createPerson,
    update: updatePerson,
    onClose,
  });

  const dateFormat = datePickerFormat(locale);

  return (
    <FormDrawer
      open={open}
      title={editor.isEdit ? t('person.edit') : t('person.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={640}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        initialValues={person ? toValues(person) : { siteId, status: 'active', staffType: 'regular' }}
        onFinish={onFinish}
        onValuesChange={(changed: PersonFormValues) => {
          // The department must belong to the chosen site.
          if ('siteId' in changed) form.setFieldValue('departmentId', null);
        }}
        disabled={save.isPending}
      >
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="employeeNumber" label={t('person.employeeNumber')} {...schemaField(fields.employeeNumber)}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="nameKanji" label={t('person.nameKanji')} {...schemaField(fields.nameKanji)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="nameKana" label={t('person.nameKana')} {...schemaField(fields.nameKana)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nameRomaji" label={t('person.nameRomaji')} {...schemaField(fields.nameRomaji)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="staffType" label={t('person.staffType')} {...schemaField(fields.staffType)}>
              <Select options={choiceOptions(staffTypes.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('person.status')} {...schemaField(fields.status, { required: true })}>
              <Select options={choiceOptions(personStatuses.items, locale)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="siteId" label={t('person.site')} {...schemaField(fields.siteId)}>
              <SiteSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('person.department')} {...schemaField(fields.departmentId)}>
              <DepartmentSelect siteId={selectedSite} requireSite allowClear placeholder={t('person.department')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="email" label={t('person.email')} {...schemaField(fields.email)}>
              <Input type="email" maxLength={254} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="extension" label={t('person.extension')} {...schemaField(fields.extension)}>
              <Input maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="startDate" label={t('person.startDate')} {...schemaField(fields.startDate)}>
              <DatePicker format={dateFormat} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="endDate" label={t('person.endDate')} dependencies={['startDate']} {...schemaField(fields.endDate)}>
              <DatePicker format={dateFormat} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
