import {
  distributionOrigins,
  expenseTransferStatuses,
  SoftwareDistributionCreateInput,
  type SoftwareDistributionDto,
  SoftwareDistributionUpdateInput,
  staffTypes,
} from '@unyo/contracts';
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
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
import { SiteSelect } from '../org/org-selects.tsx';
import { createDistribution, getDistribution, updateDistribution, useSoftwareMutation } from './software.api.ts';
import { LicenseSelect } from './software-selects.tsx';

type Text = string | null;
type DistributionFormValues = {
  entryNumber?: Text;
  distributedOn?: Dayjs | null;
  siteId?: string;
  recipient?: Text;
  origin?: string;
  licenseId?: Text;
  softwareName?: Text;
  edition?: Text;
  usedVersion?: Text;
  language?: Text;
  licenseCount?: number | null;
  mediaCount?: number | null;
  expenseTransfer?: string;
  accountCode?: Text;
  distributor?: Text;
  staffType?: Text;
  note?: Text;
};

const fields = SoftwareDistributionCreateInput.shape;
const fieldNames = Object.keys(fields);
const overseas = ['overseas'] as const;

function toValues(d: SoftwareDistributionDto): DistributionFormValues {
  return {
    entryNumber: d.entryNumber,
    distributedOn: dayjs(d.distributedOn),
    siteId: d.site.id,
    recipient: d.recipient,
    origin: d.origin,
    licenseId: d.license?.id ?? null,
    // An HQ row's name comes from its licence; only a local purchase keeps its own.
    softwareName: d.origin === 'local' ? d.softwareName : null,
    edition: d.edition,
    usedVersion: d.usedVersion,
    language: d.language,
    licenseCount: d.licenseCount,
    mediaCount: d.mediaCount,
    expenseTransfer: d.expenseTransfer,
    accountCode: d.accountCode,
    distributor: d.distributor,
    staffType: d.staffType,
    note: d.note,
  };
}

type DistributionFormDrawerProps = {
  distribution?: SoftwareDistributionDto;
  onClose: () => void;
};

/** Create or edit one row of the overseas distribution ledger. */
export function DistributionFormDrawer({ distribution, onClose }: DistributionFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<DistributionFormValues>();
  const editor = useRecordEditor({ form, initial: distribution, load: getDistribution, toValues });
  const { save, onFinish } = useRecordSave(editor, useSoftwareMutation, {
    createSchema: SoftwareDistributionCreateInput,
    updateSchema: SoftwareDistributionUpdateInput,
    create: createDistribution,
    update: updateDistribution,
    // The field of the other origin is hidden: clear it rather than keep a stale value.
    toInput: (v) => (v.origin === 'local' ? { ...v, licenseId: null } : { ...v, softwareName: null }),
    onClose,
  });
  const origin = Form.useWatch('origin', form);
  const current = editor.record;
  const label = (name: keyof typeof fields) => t(`swDistribution.${name}`);
  const text = (name: keyof typeof fields, max: number) => (
    <Form.Item name={name} label={label(name)} {...schemaField(fields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );
  const count = (name: 'licenseCount' | 'mediaCount') => (
    <Form.Item name={name} label={label(name)} {...schemaField(fields[name], { required: name === 'licenseCount' })}>
      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
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
      title={editor.isEdit ? t('swDistribution.edit') : t('swDistribution.create')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={720}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<DistributionFormValues>
        form={form}
        layout="vertical"
        initialValues={distribution ? toValues(distribution) : { origin: 'hq', expenseTransfer: 'not_needed', mediaCount: 0, distributedOn: dayjs() }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="distribution-form"
      >
        <Form.Item name="entryNumber" label={label('entryNumber')} extra={t('swDistribution.entryNumberHint')} {...schemaField(fields.entryNumber)}>
          <Input maxLength={50} autoComplete="off" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Row gutter={16}>
          {col(
            <Form.Item name="distributedOn" label={label('distributedOn')} {...schemaField(fields.distributedOn, { required: true })}>
              <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="siteId" label={label('siteId')} {...schemaField(fields.siteId, { required: true })}>
              <SiteSelect kinds={overseas} />
            </Form.Item>,
            16,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="origin" label={label('origin')} {...schemaField(fields.origin, { required: true })}>
              <Radio.Group options={choiceOptions(distributionOrigins.items, locale)} optionType="button" />
            </Form.Item>,
            12,
          )}
          {col(
            <Form.Item name="recipient" label={label('recipient')} tooltip={t('swDistribution.recipientHint')} {...schemaField(fields.recipient)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>,
            12,
          )}
        </Row>
        {origin === 'local' ? (
          <Form.Item
            name="softwareName"
            label={label('softwareName')}
            extra={t('swDistribution.softwareNameHint')}
            {...schemaField(fields.softwareName, { required: true })}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item name="licenseId" label={label('licenseId')} {...schemaField(fields.licenseId, { required: true })}>
            <LicenseSelect initialLabel={current?.license ? `${current.license.assetNumber} ${current.license.softwareName}` : undefined} />
          </Form.Item>
        )}
        <Row gutter={16}>
          {col(text('edition', 100))}
          {col(text('usedVersion', 50))}
          {col(text('language', 50))}
        </Row>
        <Row gutter={16}>
          {col(count('licenseCount'))}
          {col(count('mediaCount'))}
          {col(
            <Form.Item name="staffType" label={label('staffType')}>
              <Select allowClear options={choiceOptions(staffTypes.items, locale)} />
            </Form.Item>,
          )}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="expenseTransfer" label={label('expenseTransfer')} {...schemaField(fields.expenseTransfer, { required: true })}>
              <Select options={choiceOptions(expenseTransferStatuses.items, locale)} />
            </Form.Item>,
          )}
          {col(text('accountCode', 50))}
          {col(text('distributor', 100))}
        </Row>
        <Form.Item name="note" label={label('note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
