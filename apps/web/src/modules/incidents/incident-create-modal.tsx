import {
  type IncidentCreateInput,
  type IncidentDto,
  type IncidentKind,
  incidentCountermeasureExclusions,
  incidentImpacts,
  incidentIsolations,
  incidentKinds,
  incidentReportExclusions,
  incidentStages,
} from '@unyo/contracts';
import { App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceOptions } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { BusinessSystemSelect } from './business-system-select.tsx';
import { AssetsSelect } from './incident-selects.tsx';
import { createIncident, useIncidentMutation } from './incidents.api.ts';

export const dateTimeFormat = { ja: 'YYYY/MM/DD HH:mm', en: 'YYYY-MM-DD HH:mm' } as const;

type FormValues = Omit<IncidentCreateInput, 'occurredAt' | 'detectedAt'> & { occurredAt: Dayjs; detectedAt?: Dayjs | null };

const fieldNames = [
  'title',
  'kind',
  'stage',
  'isolation',
  'ownerDepartment',
  'businessSystemId',
  'impact',
  'siteIds',
  'assetIds',
  'occurredAt',
  'detectedAt',
  'reportExclusions',
  'spreadOverLan',
  'countermeasureExclusions',
  'majorSecurity',
  'majorInfrastructure',
  'provider',
  'providerReference',
  'description',
];

/** 障害の登録: what failed, where, when it happened, and what the SLA clocks must leave out. */
export function IncidentCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (i: IncidentDto) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const create = useIncidentMutation((v: FormValues) =>
    createIncident({
      ...v,
      occurredAt: v.occurredAt.toISOString(),
      detectedAt: v.detectedAt ? v.detectedAt.toISOString() : undefined,
      provider: v.kind === 'cloud' ? v.provider || undefined : undefined,
      providerReference: v.kind === 'cloud' ? v.providerReference || undefined : undefined,
      isolation: v.kind === 'cloud' ? (v.isolation ?? null) : null,
      ownerDepartment: v.kind === 'business_system' ? v.ownerDepartment || undefined : undefined,
      businessSystemId: v.kind === 'business_system' ? (v.businessSystemId ?? null) : null,
      description: v.description || undefined,
    }),
  );
  const initialValues: Partial<FormValues> = {
    stage: 'failure',
    impact: 'individual',
    occurredAt: dayjs(),
    siteIds: [],
    assetIds: [],
    reportExclusions: [],
    countermeasureExclusions: [],
    spreadOverLan: false,
    majorSecurity: false,
    majorInfrastructure: false,
  };
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <Modal
      open
      title={t('incident.create')}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'incident-save' } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={fieldNames} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={create.isPending}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (i) => {
              message.success(t('incident.created', { number: i.number }));
              onClose();
              onCreated(i);
            },
          })
        }
        data-testid="incident-form"
      >
        <Form.Item name="title" label={t('incident.titleField')} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('incident.kind')} rules={required}>
          <Select options={choiceOptions(incidentKinds.items, locale)} />
        </Form.Item>
        {kind === 'cloud' && (
          <>
            <Form.Item name="provider" label={t('incident.provider')} extra={t('incident.providerHint')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="providerReference" label={t('incident.providerReference')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <IncidentStageFields kind={kind} />
        <Form.Item name="impact" label={t('incident.impact')}>
          <Select options={choiceOptions(incidentImpacts.items, locale)} />
        </Form.Item>
        <Form.Item name="siteIds" label={t('incident.sites')} extra={t('incident.sitesHint')}>
          <SiteSelect mode="multiple" maxTagCount="responsive" />
        </Form.Item>
        <Form.Item name="assetIds" label={t('incident.assets')}>
          <AssetsSelect />
        </Form.Item>
        <Form.Item name="occurredAt" label={t('incident.occurredAt')} rules={required}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimeFormat[locale]} />
        </Form.Item>
        <Form.Item name="detectedAt" label={t('incident.detectedAt')} extra={t('incident.detectedHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimeFormat[locale]} />
        </Form.Item>
        <IncidentExclusionFields />
        <Form.Item name="description" label={t('incident.description')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Stage (sign or failure), and the fields that belong to one kind: isolation for SaaS (4.1.4.a); for business
 * systems (4.1.3.a) the system and the owner department (left empty, the system's responsible department).
 */
export function IncidentStageFields({ kind }: { kind?: IncidentKind }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = Form.useFormInstance();
  return (
    <>
      <Form.Item name="stage" label={t('incident.stage')} extra={t('incident.stageHint')}>
        <Radio.Group options={choiceOptions(incidentStages.items, locale)} data-testid="incident-stage" />
      </Form.Item>
      {kind === 'cloud' && (
        <Form.Item name="isolation" label={t('incident.isolation')} extra={t('incident.isolationHint')}>
          <Radio.Group options={choiceOptions(incidentIsolations.items, locale)} data-testid="incident-isolation" />
        </Form.Item>
      )}
      {kind === 'business_system' && (
        <>
          <Form.Item name="businessSystemId" label={t('incident.businessSystem')} extra={t('incident.businessSystemHint')}>
            {/* A newly chosen system brings its own department: the server fills an empty owner department in. */}
            <BusinessSystemSelect onChange={() => form.setFieldValue('ownerDepartment', '')} />
          </Form.Item>
          <Form.Item name="ownerDepartment" label={t('incident.ownerDepartment')} extra={t('incident.ownerDepartmentHint')}>
            <Input maxLength={200} data-testid="incident-owner-department" />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** The classification shared by the create and edit forms: what the SLA clocks leave out, and the major flags. */
export function IncidentExclusionFields() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <Form.Item name="reportExclusions" label={t('incident.reportExclusions')} extra={t('incident.reportExclusionsHint')}>
        <Checkbox.Group options={choiceOptions(incidentReportExclusions.items, locale)} style={{ display: 'grid', gap: 4 }} />
      </Form.Item>
      <Form.Item name="spreadOverLan" label={t('incident.spreadOverLan')} extra={t('incident.spreadOverLanHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="countermeasureExclusions" label={t('incident.countermeasureExclusions')}>
        <Checkbox.Group options={choiceOptions(incidentCountermeasureExclusions.items, locale)} style={{ display: 'grid', gap: 4 }} />
      </Form.Item>
      <Form.Item name="majorSecurity" label={t('incident.majorSecurity')} extra={t('incident.majorSecurityHint')} valuePropName="checked">
        <Switch data-testid="incident-major-security" />
      </Form.Item>
      <Form.Item name="majorInfrastructure" label={t('incident.majorInfrastructure')} extra={t('incident.majorInfrastructureHint')} valuePropName="checked">
        <Switch data-testid="incident-major-infrastructure" />
      </Form.Item>
    </>
  );
}
