import { mediaKinds, SoftwareMediaCreateInput, type SoftwareMediaDto, SoftwareMediaUpdateInput } from '@unyo/contracts';
import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { AssetSelect } from '../assets/asset-selects.tsx';
import { SiteSelect } from '../org/org-selects.tsx';
import { createMedia, getMedia, updateMedia, useSoftwareMutation } from './software.api.ts';
import { LicenseSelect } from './software-selects.tsx';

type Text = string | null;
type MediaFormValues = {
  itemNumber?: Text;
  kind?: string;
  title?: string;
  licenseId?: Text;
  assetId?: Text;
  siteId?: string;
  storageLocation?: string;
  documentVersion?: Text;
  copies?: number | null;
  disposed?: boolean;
  note?: Text;
};

const fields = SoftwareMediaCreateInput.shape;
const fieldNames = Object.keys(fields);

function toValues(m: SoftwareMediaDto): MediaFormValues {
  return {
    itemNumber: m.itemNumber,
    kind: m.kind,
    title: m.title,
    licenseId: m.license?.id ?? null,
    assetId: m.asset?.id ?? null,
    siteId: m.site.id,
    storageLocation: m.storageLocation,
    documentVersion: m.documentVersion,
    copies: m.copies,
    disposed: m.status === 'disposed',
    note: m.note,
  };
}

type MediaFormDrawerProps = { media?: SoftwareMediaDto; onClose: () => void };

/** Create or edit one item of the media and documents register (2.2.r, u); disposal is an edit. */
export function MediaFormDrawer({ media, onClose }: MediaFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<MediaFormValues>();
  const editor = useRecordEditor({ form, initial: media, load: getMedia, toValues });
  const { save, onFinish } = useRecordSave(editor, useSoftwareMutation, {
    createSchema: SoftwareMediaCreateInput,
    updateSchema: SoftwareMediaUpdateInput,
    create: createMedia,
    update: updateMedia,
    onClose,
  });
  const current = editor.record;
  const col = (node: ReactNode, span = 12) => (
    <Col xs={24} sm={span}>
      {node}
    </Col>
  );

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('swMedia.edit') : t('swMedia.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={680}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<MediaFormValues>
        form={form}
        layout="vertical"
        initialValues={media ? toValues(media) : { kind: 'install_media', copies: 1 }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="media-form"
      >
        <Row gutter={16}>
          {col(
            <Form.Item name="itemNumber" label={t('swMedia.itemNumber')} extra={t('swMedia.itemNumberHint')} {...schemaField(fields.itemNumber)}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="kind" label={t('swMedia.kind')} {...schemaField(fields.kind)}>
              <Select options={choiceOptions(mediaKinds.items, locale)} />
            </Form.Item>,
          )}
        </Row>
        <Form.Item name="title" label={t('swMedia.itemTitle')} {...schemaField(fields.title)}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item name="licenseId" label={t('swMedia.licenseId')} {...schemaField(fields.licenseId)}>
          <LicenseSelect initialLabel={current?.license ? `${current.license.assetNumber} ${current.license.softwareName}` : undefined} />
        </Form.Item>
        <Form.Item name="assetId" label={t('swMedia.assetId')} extra={t('swMedia.assetHint')} {...schemaField(fields.assetId)}>
          <AssetSelect initialLabel={current?.asset ? `${current.asset.assetNumber} ${current.asset.name}` : undefined} />
        </Form.Item>
        <Row gutter={16}>
          {col(
            <Form.Item name="siteId" label={t('swMedia.siteId')} {...schemaField(fields.siteId, { required: true })}>
              <SiteSelect />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="storageLocation" label={t('swMedia.storageLocation')} {...schemaField(fields.storageLocation)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="documentVersion" label={t('swMedia.documentVersion')} {...schemaField(fields.documentVersion)}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="copies" label={t('swMedia.copies')} {...schemaField(fields.copies)}>
              <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>,
          )}
        </Row>
        {editor.isEdit && (
          <Form.Item name="disposed" label={t('swMedia.disposed')} extra={t('swMedia.disposedHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('swMedia.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
