import { CloneImageCreateInput, type CloneImageDto, CloneImageUpdateInput, cloneImageKinds } from '@unyo/contracts';
import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { createCloneImage, getCloneImage, updateCloneImage, useCloneImageMutation } from './clone-images.api.ts';

type Text = string | null;
type ImageFormValues = {
  code?: string;
  model?: string;
  os?: string;
  softwareSet?: string;
  kind?: string;
  siteId?: string | null;
  storageLocation?: Text;
  currentVersion?: Text;
  lastUpdatedOn?: Dayjs | null;
  active?: boolean;
  note?: Text;
};

const fields = CloneImageCreateInput.shape;
const fieldNames = Object.keys(fields);

function toValues(i: CloneImageDto): ImageFormValues {
  return {
    code: i.code,
    model: i.model,
    os: i.os,
    softwareSet: i.softwareSet,
    kind: i.kind,
    siteId: i.site?.id ?? null,
    storageLocation: i.storageLocation,
    active: i.active,
    note: i.note,
  };
}

/**
 * Create or edit a clone image (3.3.1.k). The version and last-updated date are entered once at registration;
 * afterwards they move only with a recorded update.
 */
export function CloneImageFormDrawer({ image, onClose }: { image?: CloneImageDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<ImageFormValues>();
  const editor = useRecordEditor({ form, initial: image, load: getCloneImage, toValues });
  const { save, onFinish } = useRecordSave(editor, useCloneImageMutation, {
    createSchema: CloneImageCreateInput,
    updateSchema: CloneImageUpdateInput,
    create: createCloneImage,
    update: updateCloneImage,
    toInput: (v) => {
      const { lastUpdatedOn, ...rest } = v as ImageFormValues;
      return editor.isEdit ? rest : { ...rest, lastUpdatedOn: lastUpdatedOn ? lastUpdatedOn.format('YYYY-MM-DD') : null };
    },
    onClose,
  });

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('cloneImage.edit') : t('cloneImage.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={640}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<ImageFormValues>
        form={form}
        layout="vertical"
        initialValues={image ? toValues(image) : { kind: 'physical', active: true, siteId: null }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="clone-image-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label={t('cloneImage.code')} {...schemaField(fields.code)}>
              <Input maxLength={60} autoComplete="off" placeholder="IMG-TKY-W11-STD" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('cloneImage.kind')} {...schemaField(fields.kind)}>
              <Select options={choiceOptions(cloneImageKinds.items, locale)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="model" label={t('cloneImage.model')} {...schemaField(fields.model)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="os" label={t('cloneImage.os')} {...schemaField(fields.os)}>
          <Input maxLength={200} autoComplete="off" placeholder="Windows 11 Enterprise 23H2" />
        </Form.Item>
        <Form.Item name="softwareSet" label={t('cloneImage.softwareSet')} {...schemaField(fields.softwareSet)}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="siteId" label={t('cloneImage.site')} extra={t('cloneImage.siteHint')}>
              <SiteSelect allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="storageLocation" label={t('cloneImage.storageLocation')} {...schemaField(fields.storageLocation)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {!editor.isEdit && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="currentVersion" label={t('cloneImage.currentVersion')} {...schemaField(fields.currentVersion)}>
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="lastUpdatedOn" label={t('cloneImage.lastUpdatedOn')}>
                <DatePicker format={datePickerFormat(locale)} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="active" label={t('cloneImage.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t('cloneImage.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
