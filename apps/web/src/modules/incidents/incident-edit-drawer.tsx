import { type IncidentDto, type IncidentUpdateInput, incidentImpacts, incidentKinds } from '@unyo/contracts';
import { App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceOptions } from '../../lib/format.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { IncidentExclusionFields, IncidentStageFields } from './incident-create-modal.tsx';
import { AssetsSelect } from './incident-selects.tsx';
import { updateIncident, useIncidentMutation } from './incidents.api.ts';

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
  'reportExclusions',
  'spreadOverLan',
  'countermeasureExclusions',
  'majorSecurity',
  'majorInfrastructure',
  'provider',
  'providerReference',
  'rootCause',
  'countermeasureText',
  'description',
];

/** Edits the classification, cause and countermeasure; the times are timeline events, not fields. */
export function IncidentEditDrawer({ incident, onClose }: { incident: IncidentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<IncidentUpdateInput>();
  const kind = Form.useWatch('kind', form);
  // A kind's own fields are cleared when the kind changes away from it.
  const save = useIncidentMutation((v: IncidentUpdateInput) =>
    updateIncident(
      incident.id,
      {
        ...v,
        isolation: v.kind === 'cloud' ? (v.isolation ?? null) : null,
        ownerDepartment: v.kind === 'business_system' ? v.ownerDepartment : '',
        businessSystemId: v.kind === 'business_system' ? (v.businessSystemId ?? null) : null,
      },
      incident.version,
    ),
  );
  const i = incident;
  const initialValues: IncidentUpdateInput = {
    title: i.title,
    description: i.description ?? '',
    kind: i.kind,
    stage: i.stage,
    isolation: i.isolation,
    ownerDepartment: i.ownerDepartment ?? '',
    businessSystemId: i.businessSystem?.id ?? null,
    impact: i.impact,
    siteIds: i.sites.map((s) => s.id),
    assetIds: i.assets.map((a) => a.id),
    reportExclusions: i.reportExclusions,
    spreadOverLan: i.spreadOverLan,
    countermeasureExclusions: i.countermeasureExclusions,
    majorSecurity: i.majorSecurity,
    majorInfrastructure: i.majorInfrastructure,
    provider: i.provider ?? '',
    providerReference: i.providerReference ?? '',
    rootCause: i.rootCause ?? '',
    countermeasureText: i.countermeasureText ?? '',
  };
  return (
    <Drawer
      open
      title={t('incident.edit')}
      size={640}
      onClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="incident-edit-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} />
      <Form<IncidentUpdateInput>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={save.isPending}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => {
              message.success(t('common.saved'));
              onClose();
            },
          })
        }
      >
        <Form.Item name="title" label={t('incident.titleField')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kind" label={t('incident.kind')}>
          <Select options={choiceOptions(incidentKinds.items, locale)} />
        </Form.Item>
        {kind === 'cloud' && (
          <>
            <Form.Item name="provider" label={t('incident.provider')}>
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
          <AssetsSelect known={i.assets} />
        </Form.Item>
        <IncidentExclusionFields />
        <Form.Item name="rootCause" label={t('incident.rootCause')}>
          <Input.TextArea rows={4} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="countermeasureText" label={t('incident.countermeasureText')}>
          <Input.TextArea rows={4} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="description" label={t('incident.description')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
