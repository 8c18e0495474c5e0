import { licenseForms, licenseTypes, SoftwareLicenseCreateInput } from '@unyo/contracts';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat } from '../../lib/format.ts';
import { DeviceNumberSelect, LicenseSelect, ProductSelect } from './software-selects.tsx';

type Day = Dayjs | null;
type Text = string | null;
export type LicenseFormValues = {
  assetNumber?: string;
  licenseType?: string;
  licenseForm?: string;
  softwareName?: string;
  productIds?: string[];
  usableEditions?: Text;
  usableVersions?: Text;
  usableLanguages?: Text;
  licensedVersion?: Text;
  downgradeAllowed?: boolean;
  ownedCount?: number | null;
  manufacturer?: Text;
  certificateNumber?: Text;
  storageLocation?: Text;
  acquiredOn?: Day;
  approvalDocument?: Text;
  unitPrice?: number | null;
  totalCost?: number | null;
  contractAmount?: number | null;
  conditions?: Text;
  upgradeValidUntil?: Day;
  renewalDate?: Day;
  upgradeFromAssetNumber?: Text;
  boundDeviceAssetNumber?: Text;
  procuredBy?: Text;
  vendorRegisteredOn?: Day;
  note?: Text;
};

const fields = SoftwareLicenseCreateInput.shape;
type FieldName = keyof typeof fields;

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <Typography.Title level={2} style={{ fontSize: 15, margin: '8px 0 12px', paddingBottom: 4, borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

type LicenseFormFieldsProps = {
  /** The licence being edited: it cannot upgrade itself. */
  licenseId?: string;
  upgradeFromLabel?: string;
  boundDeviceLabel?: string;
};

/** The licence form's fields, grouped as the ledger sheet groups them. */
export function LicenseFormFields({ licenseId, upgradeFromLabel, boundDeviceLabel }: LicenseFormFieldsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const dateFormat = datePickerFormat(locale);
  const label = (name: FieldName) => t(`swLicense.${name}`);
  const text = (name: FieldName, max: number) => (
    <Form.Item name={name} label={label(name)} {...schemaField(fields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );
  const date = (name: FieldName) => (
    <Form.Item name={name} label={label(name)} {...schemaField(fields[name])}>
      <DatePicker format={dateFormat} style={{ width: '100%' }} />
    </Form.Item>
  );
  const amount = (name: FieldName, extra?: string) => (
    <Form.Item name={name} label={label(name)} extra={extra} {...schemaField(fields[name])}>
      <InputNumber min={0} step={1000} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  const col = (node: ReactNode, span = 8) => (
    <Col xs={24} sm={span}>
      {node}
    </Col>
  );

  return (
    <>
      <Section title={t('software.sectionBasic')}>
        <Row gutter={16}>
          {col(text('assetNumber', 50))}
          {col(
            <Form.Item name="licenseType" label={label('licenseType')} {...schemaField(fields.licenseType, { required: true })}>
              <Select options={choiceOptions(licenseTypes.items, locale)} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="licenseForm" label={label('licenseForm')} {...schemaField(fields.licenseForm, { required: true })}>
              <Select options={choiceOptions(licenseForms.items, locale)} />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(text('softwareName', 200), 16)}
          {col(text('manufacturer', 200))}
        </Row>
        <Form.Item name="productIds" label={label('productIds')} extra={t('swLicense.productsHint')} {...schemaField(fields.productIds)}>
          <ProductSelect mode="multiple" allowClear />
        </Form.Item>
      </Section>
      <Section title={t('software.sectionEntitlement')}>
        <Row gutter={16}>
          {col(
            <Form.Item name="ownedCount" label={label('ownedCount')} {...schemaField(fields.ownedCount, { required: true })}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(
            <Form.Item
              name="licensedVersion"
              label={label('licensedVersion')}
              tooltip={t('swLicense.licensedVersionHint')}
              {...schemaField(fields.licensedVersion)}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="downgradeAllowed" label={label('downgradeAllowed')} valuePropName="checked">
              <Switch />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(text('usableEditions', 200))}
          {col(text('usableVersions', 200))}
          {col(text('usableLanguages', 200))}
        </Row>
        <Form.Item name="boundDeviceAssetNumber" label={label('boundDeviceAssetNumber')} extra={t('swLicense.boundDeviceHint')}>
          <DeviceNumberSelect initialLabel={boundDeviceLabel} />
        </Form.Item>
        <Form.Item name="conditions" label={label('conditions')} {...schemaField(fields.conditions)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Section>
      <Section title={t('software.sectionAcquisition')}>
        <Row gutter={16}>
          {col(date('acquiredOn'))}
          {col(text('approvalDocument', 200))}
          {col(text('procuredBy', 100))}
        </Row>
        <Row gutter={16}>
          {col(amount('unitPrice'))}
          {col(amount('totalCost'))}
          {col(amount('contractAmount', t('swLicense.contractAmountHint')))}
        </Row>
        <Row gutter={16}>
          {col(text('certificateNumber', 200))}
          {col(text('storageLocation', 200))}
          {col(date('vendorRegisteredOn'))}
        </Row>
      </Section>
      <Section title={t('software.sectionRenewal')}>
        <Row gutter={16}>
          {col(date('renewalDate'))}
          {col(date('upgradeValidUntil'))}
          {col(
            <Form.Item name="upgradeFromAssetNumber" label={label('upgradeFromAssetNumber')} tooltip={t('swLicense.upgradeFromHint')}>
              <LicenseSelect valueKey="assetNumber" excludeId={licenseId} initialLabel={upgradeFromLabel} />
            </Form.Item>,
          )}
        </Row>
      </Section>
      <Section title={t('software.sectionOther')}>
        <Form.Item name="note" label={label('note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Section>
    </>
  );
}
