import { SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EndpointSecuritySettings, type EndpointSecuritySettingsInput } from '@unyo/contracts';
import { App, Button, Form, InputNumber, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { useSchemaField } from '../../lib/form.ts';
import { endpointKeys, getEndpointSettings, updateEndpointSettings } from './endpoint-security.api.ts';

const fields = ['staleDays', 'maxVersionsBehind', 'reportsPlannedPerMonth', 'planDeadlineDays'] as const;

function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<EndpointSecuritySettingsInput>();
  const settings = useQuery({ queryKey: endpointKeys.settings, queryFn: getEndpointSettings });
  const save = useMutation({
    mutationFn: (v: EndpointSecuritySettingsInput) => updateEndpointSettings(settings.data?.version ?? 0, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: endpointKeys.all });
      message.success(t('common.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('endpoint.settingsTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !settings.data }}
      destroyOnHidden
    >
      <ProblemAlert error={save.error ?? settings.error} form={form} fields={[...fields]} onReload={() => void settings.refetch().then(() => save.reset())} />
      {settings.isPending ? (
        <Spin />
      ) : (
        <Form<EndpointSecuritySettingsInput>
          form={form}
          layout="vertical"
          initialValues={settings.data}
          onFinish={(v) => save.mutate(v)}
          disabled={save.isPending}
        >
          {fields.map((f) => (
            <Form.Item key={f} name={f} label={t(`endpoint.${f}`)} {...schemaField(EndpointSecuritySettings.shape[f])}>
              <InputNumber min={0} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ))}
        </Form>
      )}
    </Modal>
  );
}

/** Thresholds of the outdated judgement and the two SLA definitions (decision 0022); shown to managers only. */
export function EndpointSettingsButton() {
  const { t } = useTranslation();
  const allowed = useCan('endpoint-security.manage');
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="endpoint-settings">
        {t('endpoint.settings')}
      </Button>
      {open && <SettingsModal onClose={() => setOpen(false)} />}
    </>
  );
}
