import { SiteCreateInput, type SiteDto, SiteUpdateInput, siteKinds } from '@unyo/contracts';
import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { createSite, getSite, updateSite, useOrgMutation } from './org.api.ts';

type SiteFormValues = {
  code?: string;
  kind?: string;
  nameJa?: string;
  nameEn?: string;
  country?: string;
  timeZone?: string;
  officeCode?: string | null;
  accountCode?: string | null;
  active?: boolean;
};

const fieldNames = Object.keys(SiteCreateInput.shape);
const fields = SiteCreateInput.shape;

function toValues(s: SiteDto): SiteFormValues {
  return {
    code: s.code,
    kind: s.kind,
    nameJa: s.nameJa,
    nameEn: s.nameEn,
    country: s.country,
    timeZone: s.timeZone,
    officeCode: s.officeCode,
    accountCode: s.accountCode,
    active: s.active,
  };
}

const defaults: SiteFormValues = { country: 'JP', timeZone: 'Asia/Tokyo', active: true };

type SiteFormDrawerProps = { open: boolean; site?: SiteDto; onClose: () => void };

export function SiteFormDrawer({ open, site, onClose }: SiteFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<SiteFormValues>();
  const schemaField = useSchemaField();
  const editor = useRecordEditor({ form, initial: site, load: getSite, toValues });
  const { save, onFinish } = useRecordSave<SiteCreateInput, SiteUpdateInput, unknown>(editor, useOrgMutation, {
    createSchema: SiteCreateInput,
    updateSchema: SiteUpdateInput,
    create: createSite,
    update: updateSite,
    onClose,
  });

  return (
    <FormDrawer
      open={open}
      title={editor.isEdit ? t('site.edit') : t('site.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<SiteFormValues> form={form} layout="vertical" initialValues={site ? toValues(site) : defaults} onFinish={onFinish} disabled={save.isPending}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="code" label={t('site.code')} {...schemaField(fields.code)}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t('site.kind')} {...schemaField(fields.kind)}>
              <Select options={choiceOptions(siteKinds.items, locale)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="nameJa" label={t('site.nameJa')} {...schemaField(fields.nameJa)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('site.nameEn')} {...schemaField(fields.nameEn)}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="country" label={t('site.country')} tooltip={t('site.countryHint')} {...schemaField(fields.country, { required: true })}>
              <Input maxLength={2} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="timeZone" label={t('site.timeZone')} {...schemaField(fields.timeZone, { required: true })}>
              <Input placeholder="Asia/Tokyo" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="officeCode" label={t('site.officeCode')} {...schemaField(fields.officeCode)}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="accountCode" label={t('site.accountCode')} {...schemaField(fields.accountCode)}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label={t('site.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
