import { MonitoringTargetCreateInput, type MonitoringTargetDto, MonitoringTargetUpdateInput, monitoringTargetKinds } from '@unyo/contracts';
import { Col, Form, Input, Row, Select, Switch } from 'antd';
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
import { createTarget, getTarget, labelsToText, textToLabels, updateTarget, useMonitoringMutation } from './monitoring.api.ts';

type Text = string | null;
type TargetFormValues = {
  name?: string;
  kind?: string;
  assetId?: Text;
  siteId?: Text;
  matchLabels?: string;
  thresholds?: string;
  monitoredItems?: Text;
  active?: boolean;
  requestedBy?: Text;
  requestRef?: Text;
  note?: Text;
};

const fields = MonitoringTargetCreateInput.shape;
const fieldNames = Object.keys(fields);

function toValues(m: MonitoringTargetDto): TargetFormValues {
  return {
    name: m.name,
    kind: m.kind,
    assetId: m.asset?.id ?? null,
    siteId: m.site.id,
    matchLabels: labelsToText(m.matchLabels),
    thresholds: m.thresholds ? JSON.stringify(m.thresholds) : '',
    monitoredItems: m.monitoredItems,
    active: m.active,
    requestedBy: null,
    requestRef: m.requestRef,
    note: m.note,
  };
}

/** Add or change a monitored target (6.a): on request, so the requester and request reference go with it. */
export function TargetFormDrawer({ target, onClose }: { target?: MonitoringTargetDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<TargetFormValues>();
  const editor = useRecordEditor({ form, initial: target, load: getTarget, toValues });
  const { save, onFinish } = useRecordSave(editor, useMonitoringMutation, {
    createSchema: MonitoringTargetCreateInput,
    updateSchema: MonitoringTargetUpdateInput,
    create: createTarget,
    update: updateTarget,
    toInput: (values) => {
      const v = values as TargetFormValues;
      let thresholds: unknown = null;
      if (v.thresholds?.trim()) {
        try {
          thresholds = JSON.parse(v.thresholds);
        } catch {
          form.setFields([{ name: 'thresholds', errors: [t('monitoring.invalidJson')] }]);
          return null;
        }
      }
      return { ...v, matchLabels: textToLabels(v.matchLabels), thresholds };
    },
    onClose,
  });

  const current = editor.record;

  return (
    <FormDrawer
      open
      title={editor.isEdit ? t('monitoring.editTarget') : t('monitoring.createTarget')}
      onClose={onClose}
      onSubmit={() => form.submit()}
      submitting={save.isPending}
      width={640}
    >
      <ProblemAlert error={save.error} form={form} fields={fieldNames} onReload={() => void editor.reload(() => save.reset())} reloading={editor.reloading} />
      <Form<TargetFormValues>
        form={form}
        layout="vertical"
        initialValues={target ? toValues(target) : { kind: 'server', active: true }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="monitoring-target-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('monitoring.name')} {...schemaField(fields.name)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="kind" label={t('monitoring.kind')} {...schemaField(fields.kind)}>
              <Select options={choiceOptions(monitoringTargetKinds.items, locale)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="assetId" label={t('monitoring.asset')} extra={t('monitoring.assetHint')} {...schemaField(fields.assetId)}>
          <AssetSelect initialLabel={current?.asset ? `${current.asset.assetNumber} ${current.asset.name}` : undefined} />
        </Form.Item>
        <Form.Item name="siteId" label={t('monitoring.site')} {...schemaField(fields.siteId)}>
          <SiteSelect allowClear />
        </Form.Item>
        <Form.Item name="matchLabels" label={t('monitoring.matchLabels')} extra={t('monitoring.matchLabelsHint')}>
          <Input.TextArea rows={3} placeholder="instance=db01:9100" data-testid="monitoring-target-labels" />
        </Form.Item>
        <Form.Item name="monitoredItems" label={t('monitoring.monitoredItems')} {...schemaField(fields.monitoredItems)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="thresholds" label={t('monitoring.thresholds')}>
          <Input.TextArea rows={2} placeholder='{"diskFreePercentMin": 10}' />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="requestedBy" label={t('monitoring.requestedBy')} {...schemaField(fields.requestedBy)}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="requestRef" label={t('monitoring.requestRef')} {...schemaField(fields.requestRef)}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label={t('monitoring.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="note" label={t('monitoring.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
