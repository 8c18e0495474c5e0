import { installationStatuses, SoftwareInstallationCreateInput, type SoftwareInstallationDto, SoftwareInstallationUpdateInput } from '@unyo/contracts';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { AssetSelect } from '../assets/asset-selects.tsx';
import { DepartmentSelect } from '../org/org-selects.tsx';
import { createInstallation, getInstallation, updateInstallation, useSoftwareMutation } from './software.api.ts';
import { LicenseSelect } from './software-selects.tsx';

type Text = string | null;
type InstallationFormValues = {
  entryNumber?: Text;
  appliedOn?: Dayjs | null;
  departmentId?: Text;
  applicant?: Text;
  workedOn?: Dayjs | null;
  operator?: Text;
  licenseId?: string;
  edition?: Text;
  usedVersion?: Text;
  language?: Text;
  deviceId?: string;
  status?: string;
  statusNote?: Text;
  note?: Text;
};

const fields = SoftwareInstallationCreateInput.shape;
const fieldNames = Object.keys(fields);
const toDay = (s: string | null) => (s ? dayjs(s) : null);

function toValues(i: SoftwareInstallationDto): InstallationFormValues {
  return {
    entryNumber: i.entryNumber,
    appliedOn: toDay(i.appliedOn),
    departmentId: i.department?.id ?? null,
    applicant: i.applicant,
    workedOn: toDay(i.workedOn),
    operator: i.operator,
    licenseId: i.license.id,
    edition: i.edition,
    usedVersion: i.usedVersion,
    language: i.language,
    deviceId: i.device.id,
    status: i.status,
    statusNote: i.statusNote,
    note: i.note,
  };
}

type InstallationFormDrawerProps = {
  installation?: SoftwareInstallationDto;
  onClose: () => void;
};

/** Create or edit one row of the usage ledger. */
export function InstallationFormDrawer({ installation, onClose }: InstallationFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<InstallationFormValues>();
  const editor = useRecordEditor({ form, initial: installation, load: getInstallation, toValues });
  const { save, onFinish } = useRecordSave(editor, useSoftwareMutation, {
    createSchema: SoftwareInstallationCreateInput,
    updateSchema: SoftwareInstallationUpdateInput,
    create: createInstallation,
    update: updateInstallation,
    onClose,
  });
  const status = Form.useWatch('status', form);
  const current = editor.record;
  const label = (name: keyof typeof fields) => t(`swInstallation.${name}`);
  const text = (name: keyof typeof fields, max: number) => (
    <Form.Item name={name} label={label(name)} {...schemaField(fields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );
  const date = (name: keyof typeof fields) => (
    <Form.Item name={name} label={label(name)} {...schemaField(fields[name])}>
      <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
    </Form.Item>
  );
  const col = (node: ReactNode, span = 8) => (
    <Col xs={24} sm={span}>
      {node}
    </Col>
  );

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('swInstallation.edit') : t('swInstallation.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={720}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<InstallationFormValues>
        form={form}
        layout="vertical"
        initialValues={installation ? toValues(installation) : { status: 'installed' }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="installation-form"
      >
        <Form.Item name="entryNumber" label={label('entryNumber')} extra={t('swInstallation.entryNumberHint')} {...schemaField(fields.entryNumber)}>
          <Input maxLength={50} autoComplete="off" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item name="licenseId" label={label('licenseId')} {...schemaField(fields.licenseId, { required: true })}>
          <LicenseSelect initialLabel={current ? `${current.license.assetNumber} ${current.license.softwareName}` : undefined} />
        </Form.Item>
        <Form.Item name="deviceId" label={label('deviceId')} {...schemaField(fields.deviceId, { required: true })}>
          <AssetSelect initialLabel={current ? `${current.device.assetNumber} ${current.device.name}` : undefined} />
        </Form.Item>
        <Row gutter={16}>
          {col(text('edition', 100))}
          {col(text('usedVersion', 50))}
          {col(text('language', 50))}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="status" label={label('status')} {...schemaField(fields.status, { required: true })}>
              <Select options={choiceOptions(installationStatuses.items, locale)} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="statusNote"
              label={label('statusNote')}
              extra={t('swInstallation.statusNoteHint')}
              dependencies={['status']}
              {...schemaField(fields.statusNote, { required: status === 'other' })}
            >
              <Input maxLength={500} autoComplete="off" />
            </Form.Item>,
            16,
          )}
        </Row>
        <Row gutter={16}>
          {col(date('appliedOn'))}
          {col(
            <Form.Item name="departmentId" label={label('departmentId')}>
              <DepartmentSelect siteId={undefined} allowClear />
            </Form.Item>,
            16,
          )}
        </Row>
        <Row gutter={16}>
          {col(text('applicant', 100))}
          {col(date('workedOn'))}
          {col(text('operator', 100))}
        </Row>
        <Form.Item name="note" label={label('note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
