import { type OpsDocumentDto, OpsDocumentInput, OpsDocumentUpdateInput, opsDocumentKinds } from '@unyo/contracts';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { createOpsDocument, getOpsDocument, updateOpsDocument, useOpsDocumentMutation } from './ops-documents.api.ts';
import { OpsFileField } from './ops-file-field.tsx';

type Text = string | null;
type OpsDocumentFormValues = {
  kind?: string;
  title?: string;
  docVersion?: string;
  fileId?: string | null;
  owner?: Text;
  reviewIntervalMonths?: number;
  lastVerifiedOn?: Dayjs | null;
  note?: Text;
};

const fields = OpsDocumentInput.shape;
const fieldNames = Object.keys(fields);

function toValues(d: OpsDocumentDto): OpsDocumentFormValues {
  return {
    kind: d.kind,
    title: d.title,
    docVersion: d.docVersion,
    fileId: d.fileId,
    owner: d.owner,
    reviewIntervalMonths: d.reviewIntervalMonths,
    lastVerifiedOn: d.lastVerifiedOn ? dayjs(d.lastVerifiedOn) : null,
    note: d.note,
  };
}

/** Register or edit an operations document: its kind, version, file, owner and review interval. */
export function OpsDocumentFormDrawer({ doc, onClose }: { doc?: OpsDocumentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<OpsDocumentFormValues>();
  const editor = useRecordEditor({ form, initial: doc, load: getOpsDocument, toValues });
  const { save, onFinish } = useRecordSave(editor, useOpsDocumentMutation, {
    createSchema: OpsDocumentInput,
    updateSchema: OpsDocumentUpdateInput,
    create: createOpsDocument,
    update: updateOpsDocument,
    onClose,
  });

  return (
    <FormDrawer open title={editor.isEdit ? t('opsDoc.edit') : t('opsDoc.create')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending}>
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<OpsDocumentFormValues>
        form={form}
        layout="vertical"
        initialValues={doc ? toValues(doc) : { kind: 'malware_response_plan', reviewIntervalMonths: 12, fileId: null }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="ops-doc-form"
      >
        <Form.Item name="kind" label={t('opsDoc.kind')} {...schemaField(fields.kind, { required: true })}>
          <Select options={choiceOptions(opsDocumentKinds.items, locale)} />
        </Form.Item>
        <Form.Item name="title" label={t('opsDoc.titleField')} {...schemaField(fields.title)}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="docVersion" label={t('opsDoc.docVersion')} {...schemaField(fields.docVersion)}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="owner" label={t('opsDoc.owner')} {...schemaField(fields.owner)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="fileId" label={t('opsDoc.file')}>
          <OpsFileField />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="reviewIntervalMonths" label={t('opsDoc.reviewIntervalMonths')} {...schemaField(fields.reviewIntervalMonths, { required: true })}>
              <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="lastVerifiedOn" label={t('opsDoc.lastVerifiedOn')} {...schemaField(fields.lastVerifiedOn)}>
              <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('opsDoc.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
