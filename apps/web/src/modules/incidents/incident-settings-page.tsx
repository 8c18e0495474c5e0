import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type IncidentClockSettingDto, type IncidentClockSettingInput, incidentClockCodes, incidentKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, DatePicker, Form, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../app/i18n.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceLabel, choiceOptions, formatDateTime, localName } from '../../lib/format.ts';
import { formatDuration } from '../servicedesk/ticket-clock.tsx';
import { dateTimeFormat } from './incident-create-modal.tsx';
import { addClockSetting, incidentKeys, listClockSettings, useCalendarLookup, useIncidentMutation } from './incidents.api.ts';

/** 24×7 is stored as no calendar; the select needs a non-null value for it. */
const allHours = '24x7';

function useColumns(): TableColumnsType<IncidentClockSettingDto> {
  const { t } = useTranslation();
  const locale = useLocale();
  const kindLabel = (k: string) => (k === 'malware' ? t('incident.settings.malware') : choiceLabel(incidentKinds.items, k, locale));
  return [
    { key: 'code', title: t('incident.clock'), width: 240, render: (_, s) => choiceLabel(incidentClockCodes.items, s.code, locale) },
    { key: 'target', title: t('incident.target'), width: 110, render: (_, s) => formatDuration(s.targetMinutes * 60_000, t) },
    { key: 'rate', title: t('incident.settings.targetRate'), width: 90, align: 'right', render: (_, s) => `${s.targetRate}%` },
    { key: 'calendar', title: t('incident.explain.calendar'), width: 150, render: (_, s) => s.calendarName ?? t('incident.calendar247') },
    { key: 'pause', title: t('incident.explain.pauseOnEscalation'), width: 110, render: (_, s) => (s.pauseOnEscalation ? t('common.yes') : t('common.no')) },
    { key: 'kinds', title: t('incident.settings.kinds'), render: (_, s) => s.kinds.map((k) => <Tag key={k}>{kindLabel(k)}</Tag>) },
    { key: 'effectiveFrom', title: t('incident.explain.effectiveFrom'), width: 150, render: (_, s) => formatDateTime(s.effectiveFrom, locale) },
    { key: 'createdBy', title: t('incident.settings.createdBy'), width: 140, render: (_, s) => s.createdBy ?? '' },
  ];
}

/** 障害対応時間の目標: the rules each clock is measured by, kept with their history (a new rule applies from its date). */
export function IncidentSettingsPage() {
  const { t } = useTranslation();
  const canChange = useCan('incident.settings');
  const [adding, setAdding] = useState(false);
  const { data, isPending, error } = useQuery({ queryKey: incidentKeys.settings, queryFn: listClockSettings });
  const columns = useColumns();
  return (
    <>
      <PageHeader
        title={t('incident.settings.title')}
        description={t('incident.settings.description')}
        extra={
          <>
            <Link to="/incidents">{t('incident.backToList')}</Link>
            {canChange && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="clock-setting-add">
                {t('incident.settings.add')}
              </Button>
            )}
          </>
        }
      />
      <ProblemAlert error={error} />
      <Card size="small" title={t('incident.settings.current')} style={{ marginBottom: 16 }}>
        <Table<IncidentClockSettingDto>
          size="small"
          rowKey="id"
          loading={isPending}
          columns={columns}
          dataSource={data?.current ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
        />
      </Card>
      <Card size="small" title={t('incident.settings.history')}>
        <Table<IncidentClockSettingDto>
          size="small"
          rowKey="id"
          loading={isPending}
          columns={columns}
          dataSource={data?.history ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
        />
      </Card>
      {adding && <AddRuleModal onClose={() => setAdding(false)} />}
    </>
  );
}

type FormValues = Omit<IncidentClockSettingInput, 'calendarId' | 'effectiveFrom'> & { calendarId: string; effectiveFrom?: Dayjs | null };

function AddRuleModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const calendars = useCalendarLookup(useCan('calendar.read'));
  const save = useIncidentMutation((v: FormValues) =>
    addClockSetting({
      ...v,
      calendarId: v.calendarId === allHours ? null : v.calendarId,
      effectiveFrom: v.effectiveFrom ? v.effectiveFrom.toISOString() : undefined,
    }),
  );
  const kindOptions = [...choiceOptions(incidentKinds.items, locale), { value: 'malware', label: t('incident.settings.malware') }];
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={t('incident.settings.add')}
      width={600}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ProblemAlert
        error={save.error}
        form={form}
        fields={['code', 'targetMinutes', 'targetRate', 'calendarId', 'pauseOnEscalation', 'kinds', 'effectiveFrom']}
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ targetRate: 95, calendarId: allHours, pauseOnEscalation: false, kinds: [] }}
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
        <Form.Item name="code" label={t('incident.clock')} rules={required}>
          <Select options={choiceOptions(incidentClockCodes.items, locale)} />
        </Form.Item>
        <Form.Item name="targetMinutes" label={t('incident.settings.targetMinutes')} rules={required}>
          <InputNumber min={1} max={60 * 24 * 60} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="targetRate" label={t('incident.settings.targetRatePercent')} rules={required}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="calendarId" label={t('incident.explain.calendar')}>
          <Select
            loading={calendars.isPending}
            options={[
              { value: allHours, label: t('incident.calendar247') },
              ...(calendars.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${localName(c, locale)}` })),
            ]}
          />
        </Form.Item>
        <Form.Item name="pauseOnEscalation" label={t('incident.explain.pauseOnEscalation')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="kinds" label={t('incident.settings.kinds')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select mode="multiple" options={kindOptions} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('incident.explain.effectiveFrom')} extra={t('incident.settings.effectiveFromHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimeFormat[locale]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
