import { DeleteOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { type MonitoringExportDto, type MonitoringMonthlyRow, monitoringDataKinds, monitoringSeverities, monitoringTargetKinds } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useCan } from '../../lib/can.ts';
import { choiceLabel, choiceOptions, datePickerFormat, formatDateTime, localName } from '../../lib/format.ts';
import {
  createMonitoringExport,
  deleteMonitoringExport,
  getMonthlySummary,
  listMonitoringExports,
  monitoringKeys,
  monthlyReportUrl,
  useMonitoringMutation,
} from './monitoring.api.ts';

/** Seconds as h:mm. */
const hm = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;

/** 月次報告 (6.i): the month's summary per target, the XLSX report and the export checklist. */
export function ReportTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month').startOf('month'));
  const m = month.format('YYYY-MM');
  const { data, error, isFetching } = useQuery({ queryKey: monitoringKeys.monthly(m), queryFn: () => getMonthlySummary(m) });
  const columns: TableColumnsType<MonitoringMonthlyRow> = [
    { key: 'target', title: t('monitoring.target'), width: 180, ellipsis: true, render: (_, r) => r.target.name },
    { key: 'kind', title: t('monitoring.kind'), width: 120, render: (_, r) => choiceLabel(monitoringTargetKinds.items, r.target.kind, locale) },
    { key: 'site', title: t('monitoring.site'), width: 130, ellipsis: true, render: (_, r) => localName(r.site, locale) },
    ...monitoringSeverities.items.map((s) => ({
      key: s.value,
      title: choiceLabel(monitoringSeverities.items, s.value, locale),
      width: 80,
      align: 'right' as const,
      render: (_: unknown, r: MonitoringMonthlyRow) => r.alerts[s.value] ?? 0,
    })),
    { key: 'total', title: t('monitoring.report.total'), dataIndex: 'totalAlerts', width: 80, align: 'right' },
    { key: 'firing', title: t('monitoring.report.firingTime'), width: 110, align: 'right', render: (_, r) => hm(r.firingSeconds) },
    { key: 'longest', title: t('monitoring.report.longest'), width: 110, align: 'right', render: (_, r) => hm(r.longestSeconds) },
    { key: 'incidents', title: t('monitoring.report.incidents'), dataIndex: 'incidents', width: 100, align: 'right' },
  ];
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          onChange={(d) => d && setMonth(d.startOf('month'))}
          aria-label={t('monitoring.report.month')}
          data-testid="monitoring-report-month"
        />
        <Button icon={<FileExcelOutlined />} href={monthlyReportUrl(m, locale)} data-testid="monitoring-report-download">
          {t('monitoring.report.download')}
        </Button>
      </Flex>
      {error && <ProblemAlert error={error} />}
      <Table<MonitoringMonthlyRow>
        rowKey={(r) => r.target.id}
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        scroll={{ x: 1230 }}
        data-testid="monitoring-report-summary"
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('monitoring.report.exports')}
      </Typography.Title>
      <ExportList month={m} />
    </>
  );
}

type ExportForm = { mediumId: string; periodFrom: Dayjs; periodTo: Dayjs; dataKinds: string[]; note?: string };

function ExportList({ month }: { month: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('monitoring.manage');
  const { data, error, isPending } = useQuery({ queryKey: monitoringKeys.exports(month), queryFn: () => listMonitoringExports(month) });
  const remove = useMonitoringMutation((id: string) => deleteMonitoringExport(id));
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<MonitoringExportDto> = [
    { key: 'exportedAt', title: t('monitoring.report.exportedAt'), width: 150, render: (_, e) => formatDateTime(e.exportedAt, locale) },
    { key: 'mediumId', title: t('monitoring.report.mediumId'), dataIndex: 'mediumId', width: 160 },
    { key: 'period', title: t('monitoring.report.period'), width: 200, render: (_, e) => `${e.periodFrom} – ${e.periodTo}` },
    {
      key: 'dataKinds',
      title: t('monitoring.report.dataKinds'),
      width: 220,
      render: (_, e) => e.dataKinds.map((k) => <Tag key={k}>{choiceLabel(monitoringDataKinds.items, k, locale)}</Tag>),
    },
    { key: 'site', title: t('monitoring.site'), width: 120, render: (_, e) => (e.site ? localName(e.site, locale) : t('monitoring.report.allSites')) },
    { key: 'operator', title: t('monitoring.report.operator'), width: 130, render: (_, e) => e.operator?.name },
    { key: 'note', title: t('monitoring.report.note'), dataIndex: 'note', ellipsis: true },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_: unknown, e: MonitoringExportDto) => (
              <Popconfirm
                title={t('monitoring.report.deleteConfirm')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutateAsync(e.id).catch((err: unknown) => message.error(problemText(err, t('common.unexpectedError'))))}
              >
                <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('monitoring.report.delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {canManage && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="monitoring-export-add">
          {t('monitoring.report.addExport')}
        </Button>
      )}
      {error && <ProblemAlert error={error} />}
      <Table<MonitoringExportDto>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data ?? []}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1200 }}
        data-testid="monitoring-exports"
      />
      {adding && <ExportModal month={month} onClose={() => setAdding(false)} />}
    </>
  );
}

function ExportModal({ month, onClose }: { month: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<ExportForm>();
  const create = useMonitoringMutation(createMonitoringExport);
  const first = dayjs(`${month}-01`);
  return (
    <Modal
      open
      title={t('monitoring.report.addExport')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <ProblemAlert error={create.error} form={form} fields={['mediumId', 'periodFrom', 'periodTo', 'dataKinds', 'note']} />
      <Form<ExportForm>
        form={form}
        layout="vertical"
        initialValues={{ periodFrom: first, periodTo: first.endOf('month'), dataKinds: ['performance', 'operating', 'logs'] }}
        onFinish={(v) =>
          create.mutate(
            {
              month,
              mediumId: v.mediumId,
              periodFrom: v.periodFrom.format('YYYY-MM-DD'),
              periodTo: v.periodTo.format('YYYY-MM-DD'),
              dataKinds: v.dataKinds as MonitoringExportDto['dataKinds'],
              note: v.note || null,
            },
            { onSuccess: onClose },
          )
        }
        disabled={create.isPending}
      >
        <Form.Item name="mediumId" label={t('monitoring.report.mediumId')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} autoComplete="off" data-testid="monitoring-export-medium" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="periodFrom" label={t('monitoring.report.periodFrom')} rules={[{ required: true }]}>
            <DatePicker format={datePickerFormat(locale)} allowClear={false} />
          </Form.Item>
          <Form.Item name="periodTo" label={t('monitoring.report.periodTo')} rules={[{ required: true }]}>
            <DatePicker format={datePickerFormat(locale)} allowClear={false} />
          </Form.Item>
        </Flex>
        <Form.Item name="dataKinds" label={t('monitoring.report.dataKinds')} rules={[{ required: true }]}>
          <Select mode="multiple" options={choiceOptions(monitoringDataKinds.items, locale)} />
        </Form.Item>
        <Form.Item name="note" label={t('monitoring.report.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
