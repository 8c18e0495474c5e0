import { SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { SoftwareSettingsInput } from '@unyo/contracts';
import { App, Button, Form, InputNumber, Modal, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { useSchemaField } from '../../lib/form.ts';
import { getSoftwareSettings, softwareKeys, updateSoftwareSettings, useSoftwareMutation } from './software.api.ts';

type SettingsValues = { nearPercent?: number | null };

function SettingsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const [form] = Form.useForm<SettingsValues>();
  const settings = useQuery({ queryKey: softwareKeys.settings, queryFn: getSoftwareSettings });
  const save = useSoftwareMutation((nearPercent: number) => updateSoftwareSettings(settings.data?.version ?? 0, { nearPercent }));

  const onFinish = (values: SettingsValues) => {
    save.mutate(values.nearPercent ?? 0, {
      onSuccess: () => {
        message.success(t('common.saved'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('swCompliance.settingsTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !settings.data, 'data-testid': 'compliance-settings-ok' }}
      destroyOnHidden
    >
      <ProblemAlert
        error={save.error ?? settings.error}
        form={form}
        fields={['nearPercent']}
        onReload={() => void settings.refetch().then(() => save.reset())}
      />
      {settings.isPending ? (
        <Spin />
      ) : (
        <Form<SettingsValues>
          form={form}
          layout="vertical"
          initialValues={{ nearPercent: settings.data?.nearPercent }}
          onFinish={onFinish}
          disabled={save.isPending}
        >
          <Form.Item
            name="nearPercent"
            label={t('swCompliance.nearPercent')}
            extra={t('swCompliance.nearPercentHint')}
            {...schemaField(SoftwareSettingsInput.shape.nearPercent)}
          >
            <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: 160 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** The compliance settings button; shown only to users who may change them. */
export function ComplianceSettingsButton() {
  const { t } = useTranslation();
  const allowed = useCan('software-compliance.manage');
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="compliance-settings">
        {t('swCompliance.settings')}
      </Button>
      {open && <SettingsModal onClose={() => setOpen(false)} />}
    </>
  );
}
