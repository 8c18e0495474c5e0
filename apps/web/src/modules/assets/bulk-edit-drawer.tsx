import { assetStatuses, HardwareAssetBulkUpdateInput } from '@unyo/contracts';
import { Alert, App, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { cleanFormValue } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { DepartmentSelect, SiteSelect } from '../org/org-selects.tsx';
import { bulkUpdateAssets, useAssetMutation } from './assets.api.ts';

type Values = {
  siteId?: string;
  building?: string;
  floor?: string;
  room?: string;
  rack?: string;
  status?: string;
  departmentId?: string;
};
const fieldNames = ['siteId', 'building', 'floor', 'room', 'rack', 'status', 'departmentId'] as const;

type BulkEditDrawerProps = { ids: string[]; onClose: () => void; onDone: () => void };

/**
 * Location, status and department of the selected assets in one request (one audited transaction on
 * the server). Only the fields filled in change; the others keep each asset's own value.
 */
export function BulkEditDrawer({ ids, onClose, onDone }: BulkEditDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const siteId = Form.useWatch('siteId', form);
  const save = useAssetMutation(bulkUpdateAssets);

  const onFinish = (values: Values) => {
    const set: Record<string, unknown> = {};
    for (const k of fieldNames) {
      const v = cleanFormValue(values[k]);
      if (v !== null && v !== undefined) set[k] = v;
    }
    const parsed = HardwareAssetBulkUpdateInput.safeParse({ ids, set });
    if (!parsed.success) {
      form.setFields([{ name: 'siteId', errors: [t('asset.bulkEditNothing')] }]);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (r) => {
        message.success(t('asset.bulkUpdated', { count: r.updated }));
        onDone();
      },
    });
  };

  return (
    <FormDrawer open title={t('asset.bulkEditTitle', { count: ids.length })} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('asset.bulkEditHint')} />
      <ProblemAlert error={save.error} form={form} fields={fieldNames} fieldAliases={Object.fromEntries(fieldNames.map((f) => [`set.${f}`, f]))} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={save.isPending}
        onValuesChange={(changed: Values) => {
          if ('siteId' in changed) form.setFieldValue('departmentId', undefined);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="siteId" label={t('asset.site')}>
              <SiteSelect allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('asset.department')}>
              <DepartmentSelect siteId={siteId} allowClear placeholder={t('asset.department')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="building" label={t('asset.building')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="floor" label={t('asset.floor')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="room" label={t('asset.room')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="rack" label={t('asset.rack')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="status" label={t('asset.status')}>
          <Select allowClear options={choiceOptions(assetStatuses.items, locale)} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
