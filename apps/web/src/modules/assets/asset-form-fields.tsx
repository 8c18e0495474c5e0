import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { acquisitionKinds, assetCategories, assetLedgers, assetStatuses, HardwareAssetCreateInput, NaptRule } from '@unyo/contracts';
import type { FormInstance } from 'antd';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { PersonSelect } from '../access/person-select.tsx';
import { DepartmentSelect, SiteSelect } from '../org/org-selects.tsx';
import { AssetSelect } from './asset-selects.tsx';

type Day = Dayjs | null;
type Text = string | null;
export type AttributeRow = { key?: string; value?: string };
export type AssetFormValues = {
  assetNumber?: string;
  ledger?: string;
  name?: string;
  category?: string;
  manufacturer?: Text;
  model?: Text;
  serialNumber?: Text;
  status?: string;
  siteId?: string;
  building?: Text;
  floor?: Text;
  room?: Text;
  rack?: Text;
  departmentId?: Text;
  userId?: Text;
  purpose?: Text;
  ipAddresses?: string[];
  macAddresses?: string[];
  napt?: NaptRule[];
  osName?: Text;
  osVersion?: Text;
  acquisition?: Text;
  purchaseDate?: Day;
  priceYen?: number | null;
  leaseEnd?: Day;
  vendor?: Text;
  maintenanceContract?: Text;
  warrantyEnd?: Day;
  parentId?: Text;
  guidanceSentOn?: Day;
  entraRegisteredOn?: Day;
  intuneRegisteredOn?: Day;
  standardSoftwareCheckedOn?: Day;
  notes?: Text;
  attributes?: AttributeRow[];
};

const fields = HardwareAssetCreateInput.shape;
const naptFields = NaptRule.shape;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <Typography.Title level={2} style={{ fontSize: 15, margin: '8px 0 12px', paddingBottom: 4, borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

type AssetFormFieldsProps = {
  form: FormInstance<AssetFormValues>;
  assetId?: string;
  parentLabel?: string;
  userLabel?: string;
};

/** The asset form's fields, grouped as the ledger sheet groups them. */
export function AssetFormFields({ form, assetId, parentLabel, userLabel }: AssetFormFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const siteId = Form.useWatch('siteId', form);
  const ledger = Form.useWatch('ledger', form);
  const dateFormat = datePickerFormat(locale);
  const date = (name: keyof AssetFormValues, label: string) => (
    <Form.Item name={name} label={label} {...schemaField(fields[name as keyof typeof fields])}>
      <DatePicker format={dateFormat} style={{ width: '100%' }} />
    </Form.Item>
  );
  const text = (name: keyof typeof fields, label: string, max: number) => (
    <Form.Item name={name} label={label} {...schemaField(fields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );

  return (
    <>
      <Section title={t('asset.sectionBasic')}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            {text('assetNumber', t('asset.assetNumber'), 40)}
          </Col>
          <Col xs={24} sm={16}>
            {text('name', t('asset.name'), 200)}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="ledger" label={t('asset.ledger')} {...schemaField(fields.ledger)}>
              <Select options={choiceOptions(assetLedgers.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={t('asset.category')} {...schemaField(fields.category, { required: true })}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={choiceOptions(assetCategories.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="status" label={t('asset.status')} {...schemaField(fields.status, { required: true })}>
              <Select options={choiceOptions(assetStatuses.items, locale)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            {text('manufacturer', t('asset.manufacturer'), 100)}
          </Col>
          <Col xs={24} sm={8}>
            {text('model', t('asset.model'), 100)}
          </Col>
          <Col xs={24} sm={8}>
            {text('serialNumber', t('asset.serialNumber'), 100)}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            {text('osName', t('asset.osName'), 100)}
          </Col>
          <Col xs={24} sm={8}>
            {text('osVersion', t('asset.osVersion'), 100)}
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="parentId" label={t('asset.parent')} tooltip={t('asset.parentHint')} {...schemaField(fields.parentId)}>
              <AssetSelect initialLabel={parentLabel} excludeId={assetId} />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section title={t('asset.sectionPlacement')}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="siteId" label={t('asset.site')} {...schemaField(fields.siteId)}>
              <SiteSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('asset.department')} {...schemaField(fields.departmentId)}>
              <DepartmentSelect siteId={siteId} requireSite allowClear placeholder={t('asset.department')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} sm={6}>
            {text('building', t('asset.building'), 100)}
          </Col>
          <Col xs={12} sm={6}>
            {text('floor', t('asset.floor'), 40)}
          </Col>
          <Col xs={12} sm={6}>
            {text('room', t('asset.room'), 100)}
          </Col>
          <Col xs={12} sm={6}>
            {text('rack', t('asset.rack'), 40)}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="userId" label={t('asset.user')} {...schemaField(fields.userId)}>
              <PersonSelect initialLabel={userLabel} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {text('purpose', t('asset.purpose'), 500)}
          </Col>
        </Row>
      </Section>

      <Section title={t('asset.sectionNetwork')}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="ipAddresses" label={t('asset.ipAddresses')} extra={t('asset.listHint')}>
              <Select mode="tags" open={false} tokenSeparators={[',', ' ', ';']} aria-label={t('asset.ipAddresses')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="macAddresses" label={t('asset.macAddresses')} extra={t('asset.listHint')}>
              <Select mode="tags" open={false} tokenSeparators={[',', ' ', ';']} aria-label={t('asset.macAddresses')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('asset.napt')}</Typography.Text>
        <Form.List name="napt">
          {(rows, { add, remove }, { errors }) => (
            <div data-testid="asset-napt" style={{ marginTop: 8 }}>
              {rows.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top" wrap={false}>
                  <Col flex="90px">
                    <Form.Item name={[name, 'protocol']} initialValue="any">
                      <Select aria-label={t('asset.naptProtocol')} options={['any', 'tcp', 'udp'].map((v) => ({ value: v, label: v.toUpperCase() }))} />
                    </Form.Item>
                  </Col>
                  <Col flex="1">
                    <Form.Item name={[name, 'insideAddress']} {...schemaField(naptFields.insideAddress)}>
                      <Input placeholder={t('asset.naptInside')} aria-label={t('asset.naptInside')} />
                    </Form.Item>
                  </Col>
                  <Col flex="90px">
                    <Form.Item name={[name, 'insidePort']}>
                      <InputNumber min={0} max={65535} placeholder={t('asset.naptPort')} aria-label={t('asset.naptInsidePort')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="1">
                    <Form.Item name={[name, 'outsideAddress']} {...schemaField(naptFields.outsideAddress)}>
                      <Input placeholder={t('asset.naptOutside')} aria-label={t('asset.naptOutside')} />
                    </Form.Item>
                  </Col>
                  <Col flex="90px">
                    <Form.Item name={[name, 'outsidePort']}>
                      <InputNumber min={0} max={65535} placeholder={t('asset.naptPort')} aria-label={t('asset.naptOutsidePort')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="1">
                    <Form.Item name={[name, 'note']}>
                      <Input maxLength={200} placeholder={t('asset.naptNote')} aria-label={t('asset.naptNote')} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ protocol: 'any' })} style={{ marginBottom: 16 }}>
                {t('asset.naptAdd')}
              </Button>
            </div>
          )}
        </Form.List>
      </Section>

      <Section title={t('asset.sectionAcquisition')}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="acquisition" label={t('asset.acquisition')} {...schemaField(fields.acquisition)}>
              <Select allowClear options={choiceOptions(acquisitionKinds.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            {date('purchaseDate', t('asset.purchaseDate'))}
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="priceYen" label={t('asset.priceYen')} {...schemaField(fields.priceYen)}>
              <InputNumber min={0} step={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            {date('leaseEnd', t('asset.leaseEnd'))}
          </Col>
          <Col xs={24} sm={8}>
            {date('warrantyEnd', t('asset.warrantyEnd'))}
          </Col>
          <Col xs={24} sm={8}>
            {text('maintenanceContract', t('asset.maintenanceContract'), 100)}
          </Col>
        </Row>
        {text('vendor', t('asset.vendor'), 200)}
      </Section>

      {ledger === 'overseas' && (
        <Section title={t('asset.sectionOverseas')}>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              {date('guidanceSentOn', t('asset.guidanceSentOn'))}
            </Col>
            <Col xs={24} sm={12}>
              {date('entraRegisteredOn', t('asset.entraRegisteredOn'))}
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              {date('intuneRegisteredOn', t('asset.intuneRegisteredOn'))}
            </Col>
            <Col xs={24} sm={12}>
              {date('standardSoftwareCheckedOn', t('asset.standardSoftwareCheckedOn'))}
            </Col>
          </Row>
        </Section>
      )}

      <Section title={t('asset.sectionExtra')}>
        <Form.Item name="notes" label={t('asset.notes')} {...schemaField(fields.notes)}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>{t('asset.attributes')}</Typography.Text>
        <Form.List name="attributes">
          {(rows, { add, remove }, { errors }) => (
            <div data-testid="asset-attributes" style={{ marginTop: 8 }}>
              {rows.map(({ key, name }) => (
                <Row gutter={8} key={key} wrap={false}>
                  <Col flex="200px">
                    <Form.Item name={[name, 'key']} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                      <Input maxLength={60} placeholder={t('asset.attributeKey')} aria-label={t('asset.attributeKey')} />
                    </Form.Item>
                  </Col>
                  <Col flex="1">
                    <Form.Item name={[name, 'value']}>
                      <Input maxLength={500} placeholder={t('asset.attributeValue')} aria-label={t('asset.attributeValue')} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(name)} aria-label={t('common.delete')} />
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
                {t('asset.attributeAdd')}
              </Button>
            </div>
          )}
        </Form.List>
      </Section>
    </>
  );
}
