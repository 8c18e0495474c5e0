import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ServicedeskSettings, ticketChannels } from '@unyo/contracts';
import { App, Button, Drawer, Form, InputNumber, Select, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { choiceOptions } from '../../lib/format.ts';
import { getMetricSettings, metricsKeys, patchMetricSettings } from './servicedesk-metrics.api.ts';

const numberFields = ['firstAnswerHours', 'firstAnswerRate', 'responseRate', 'answerWaitSeconds', 'handlingSeconds', 'mailAnswerHours', 'fcrRate'] as const;
/** Number lists (CDR import): typed as tags. */
const listFields = ['voiceSystemNumbers', 'deskNumbers', 'operatorExtensions', 'operatorDevicePrefixes'] as const;
const fields = [...numberFields, 'mailAnswerClock', 'mailChannels', ...listFields];

/** The metric targets and definitions (decision 0012); saving is audited and applies to every month shown. */
export function MetricSettingsDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ServicedeskSettings>();
  const current = useQuery({ queryKey: metricsKeys.settings, queryFn: getMetricSettings, staleTime: 0 });
  const save = useMutation({
    mutationFn: (v: ServicedeskSettings) => patchMetricSettings(v, current.data?.version ?? 0),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['servicedesk-metrics'] });
      message.success(t('sdMetrics.settingsSaved'));
      onClose();
    },
  });
  return (
    <Drawer
      open
      size={520}
      title={t('sdMetrics.settings')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} disabled={!current.data} onClick={() => form.submit()} data-testid="metric-settings-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ProblemAlert error={save.error ?? current.error} form={form} fields={fields} onReload={() => current.refetch()} />
      {current.data ? (
        <Form<ServicedeskSettings> form={form} layout="vertical" initialValues={current.data} onFinish={(v) => save.mutate(v)}>
          {numberFields.map((f) => (
            <Form.Item key={f} name={f} label={t(`sdMetrics.${f}`)} rules={[{ required: true }]}>
              <InputNumber min={0} step={f.endsWith('Hours') ? 0.5 : 1} style={{ width: 160 }} />
            </Form.Item>
          ))}
          <Form.Item name="mailAnswerClock" label={t('sdMetrics.mailAnswerClock')}>
            <Select
              options={[
                { value: 'business', label: t('sdMetrics.clockBusiness') },
                { value: 'calendar', label: t('sdMetrics.clockCalendar') },
              ]}
            />
          </Form.Item>
          <Form.Item name="mailChannels" label={t('sdMetrics.mailChannels')} rules={[{ required: true }]}>
            <Select mode="multiple" options={choiceOptions(ticketChannels.items, locale)} />
          </Form.Item>
          {listFields.map((f) => (
            <Form.Item key={f} name={f} label={t(`sdMetrics.${f}`)} extra={f === 'deskNumbers' ? t('sdMetrics.deskNumbersHelp') : undefined}>
              <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
            </Form.Item>
          ))}
        </Form>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}
