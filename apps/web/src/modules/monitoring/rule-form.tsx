import {
  alertIncidentKinds,
  MonitoringRuleCreateInput,
  type MonitoringRuleDto,
  MonitoringRuleUpdateInput,
  monitoringRuleActions,
  monitoringSeverities,
  monitoringSources,
  monitoringTargetKinds,
} from '@unyo/contracts';
import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useSchemaField } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { useRecordEditor } from '../../lib/record-editor.ts';
import { useRecordSave } from '../../lib/record-save.ts';
import { createRule, getRule, labelsToText, textToLabels, updateRule, useMonitoringMutation } from './monitoring.api.ts';

type RuleFormValues = {
  name?: string;
  position?: number;
  enabled?: boolean;
  source?: string | null;
  minSeverity?: string | null;
  labelMatchers?: string;
  targetKind?: string | null;
  action?: string;
  incidentKind?: string | null;
};

const fields = MonitoringRuleCreateInput.shape;

function toValues(r: MonitoringRuleDto): RuleFormValues {
  return {
    name: r.name,
    position: r.position,
    enabled: r.enabled,
    source: r.source,
    minSeverity: r.minSeverity,
    labelMatchers: labelsToText(r.labelMatchers),
    targetKind: r.targetKind,
    action: r.action,
    incidentKind: r.incidentKind,
  };
}

export function RuleFormDrawer({ rule, onClose }: { rule?: MonitoringRuleDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<RuleFormValues>();
  const editor = useRecordEditor({ form, initial: rule, load: getRule, toValues });
  const { save, onFinish } = useRecordSave(editor, useMonitoringMutation, {
    createSchema: MonitoringRuleCreateInput,
    updateSchema: MonitoringRuleUpdateInput,
    create: createRule,
    update: updateRule,
    toInput: (values) => {
      const v = values as RuleFormValues;
      return {
        ...v,
        source: v.source ?? null,
        minSeverity: v.minSeverity ?? null,
        targetKind: v.targetKind ?? null,
        incidentKind: v.incidentKind ?? null,
        labelMatchers: textToLabels(v.labelMatchers),
      };
    },
    onClose,
  });
  const action = Form.useWatch('action', form);
  const any = t('monitoring.any');

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('monitoring.editRule') : t('monitoring.createRule')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={600}
    >
      <ProblemAlert
        error={save.error}
        form={form}
        fields={Object.keys(fields)}
        onReload={() => void editor.reload(() => save.reset())}
        reloading={editor.reloading}
      />
      <Form<RuleFormValues>
        form={form}
        layout="vertical"
        initialValues={rule ? toValues(rule) : { position: 100, enabled: true, action: 'record' }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="monitoring-rule-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('monitoring.ruleName')} {...schemaField(fields.name)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={4}>
            <Form.Item name="position" label={t('monitoring.position')}>
              <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={4}>
            <Form.Item name="enabled" label={t('monitoring.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('monitoring.source')}>
              <Select allowClear placeholder={any} options={choiceOptions(monitoringSources.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="minSeverity" label={t('monitoring.minSeverity')}>
              <Select allowClear placeholder={any} options={choiceOptions(monitoringSeverities.items, locale)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="targetKind" label={t('monitoring.targetKind')}>
          <Select allowClear placeholder={any} options={choiceOptions(monitoringTargetKinds.items, locale)} />
        </Form.Item>
        <Form.Item name="labelMatchers" label={t('monitoring.labelMatchers')} extra={t('monitoring.labelMatchersHint')}>
          <Input.TextArea rows={3} placeholder="alertname=DiskFull" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="action" label={t('monitoring.action')} {...schemaField(fields.action)}>
              <Select options={choiceOptions(monitoringRuleActions.items, locale)} />
            </Form.Item>
          </Col>
          {action === 'incident' && (
            <Col xs={24} sm={12}>
              <Form.Item name="incidentKind" label={t('monitoring.incidentKind')} extra={t('monitoring.incidentKindHint')}>
                <Select allowClear options={alertIncidentKinds.map((k) => ({ value: k, label: t(`monitoring.incidentKinds.${k}`) }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormDrawer>
  );
}
