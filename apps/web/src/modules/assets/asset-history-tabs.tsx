import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  type HardwareAssetDto,
  MovementCreateInput,
  type MovementDto,
  movementKinds,
  RepairCreateInput,
  type RepairDto,
  RepairUpdateInput,
  WorkLogCreateInput,
  type WorkLogDto,
} from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { canOn } from '../../lib/can.ts';
import { choiceOptions, datePickerFormat, formatDate, formatDateTime, localName } from '../../lib/format.ts';
import { PersonSelect } from '../access/person-select.tsx';
import { DepartmentSelect, SiteSelect } from '../org/org-selects.tsx';
import { locationText, personText, yen } from './asset-format.ts';
import { assetKeys, createMovement, createRepair, createWorkLog, listMovements, listRepairs, listWorkLogs, updateRepair } from './assets.api.ts';
import { RecordModal } from './record-modal.tsx';

type TabProps = { asset: HardwareAssetDto };

function AddButton({ onClick, label, testId }: { onClick: () => void; label: string; testId: string }) {
  return (
    <Flex justify="flex-end" style={{ marginBottom: 12 }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
        {label}
      </Button>
    </Flex>
  );
}

// Movements (2.1.h) ------------------------------------------------------------------------

type MovementValues = {
  kind?: string;
  movedOn?: Dayjs;
  siteId?: string;
  building?: string;
  floor?: string;
  room?: string;
  rack?: string;
  toUserId?: string | null;
  toDepartmentId?: string | null;
  requestRef?: string;
  note?: string;
};

export function MovementsTab({ asset }: TabProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<MovementValues>();
  const siteId = Form.useWatch('siteId', form);
  const list = useQuery({ queryKey: assetKeys.sub(asset.id, 'movements'), queryFn: () => listMovements(asset.id) });
  const place = (l: MovementDto['from']) => [localName(l.site, locale), locationText(l)].filter(Boolean).join(' ');

  const columns: TableColumnsType<MovementDto> = [
    { key: 'movedOn', title: t('assetMovement.movedOn'), width: 110, render: (_, m) => formatDate(m.movedOn, locale) },
    { key: 'kind', title: t('assetMovement.kind'), width: 140, render: (_, m) => <StatusTag items={movementKinds.items} value={m.kind} /> },
    { key: 'from', title: t('assetMovement.from'), render: (_, m) => place(m.from) },
    { key: 'to', title: t('assetMovement.to'), render: (_, m) => place(m.to) },
    {
      key: 'user',
      title: t('assetMovement.user'),
      render: (_, m) =>
        m.fromUser?.id === m.toUser?.id ? personText(m.toUser, locale) : `${personText(m.fromUser, locale) || '—'} → ${personText(m.toUser, locale) || '—'}`,
    },
    { key: 'requestRef', title: t('assetMovement.requestRef'), dataIndex: 'requestRef', width: 130 },
    { key: 'operator', title: t('assetMovement.operator'), dataIndex: 'operator', width: 140 },
  ];

  // A destination is sent only when a site is chosen; "collect" may keep the site.
  const toInput = (v: Record<string, unknown>) => {
    const { siteId: to, building, floor, room, rack, toUserId, toDepartmentId, ...rest } = v;
    return {
      ...rest,
      ...(to ? { to: { siteId: to, building, floor, room, rack } } : {}),
      ...(form.isFieldTouched('toUserId') ? { toUserId: toUserId ?? null } : {}),
      ...(form.isFieldTouched('toDepartmentId') ? { toDepartmentId: toDepartmentId ?? null } : {}),
    };
  };

  return (
    <>
      {canOn(asset, 'update') && <AddButton onClick={() => setAdding(true)} label={t('assetMovement.add')} testId="movement-add" />}
      <ProblemAlert error={list.error} />
      <Table<MovementDto> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isPending} pagination={false} />
      {adding && (
        <RecordModal<MovementValues>
          title={t('assetMovement.add')}
          form={form}
          schema={MovementCreateInput}
          initialValues={{ kind: 'move', movedOn: dayjs(), siteId: asset.site.id }}
          toInput={toInput}
          submit={(input) => createMovement(asset.id, input as MovementCreateInput)}
          onClose={() => setAdding(false)}
          testId="movement-form"
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="kind" label={t('assetMovement.kind')} required>
                <Select options={choiceOptions(movementKinds.items, locale)} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="movedOn" label={t('assetMovement.movedOn')} required>
                <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="siteId" label={t('assetMovement.toSite')}>
            <SiteSelect allowClear />
          </Form.Item>
          <Row gutter={8}>
            {(['building', 'floor', 'room', 'rack'] as const).map((k) => (
              <Col span={6} key={k}>
                <Form.Item name={k} label={t(`asset.${k}`)}>
                  <Input maxLength={k === 'floor' || k === 'rack' ? 40 : 100} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="toUserId" label={t('assetMovement.toUser')} extra={t('assetMovement.keepHint')}>
                <PersonSelect />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="toDepartmentId" label={t('assetMovement.toDepartment')} extra={t('assetMovement.keepHint')}>
                <DepartmentSelect siteId={siteId} allowClear placeholder={t('asset.department')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="requestRef" label={t('assetMovement.requestRef')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label={t('assetMovement.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </RecordModal>
      )}
    </>
  );
}

// Repairs (2.1.a 修理履歴) ------------------------------------------------------------------

type RepairValues = {
  reportedOn?: Dayjs;
  symptom?: string;
  vendor?: string | null;
  action?: string | null;
  costYen?: number | null;
  sentOn?: Dayjs | null;
  returnedOn?: Dayjs | null;
};
const toDay = (s: string | null) => (s ? dayjs(s) : null);

export function RepairsTab({ asset }: TabProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState<{ repair?: RepairDto } | null>(null);
  const [form] = Form.useForm<RepairValues>();
  const list = useQuery({ queryKey: assetKeys.sub(asset.id, 'repairs'), queryFn: () => listRepairs(asset.id) });
  const canEdit = canOn(asset, 'update');

  const columns: TableColumnsType<RepairDto> = [
    { key: 'reportedOn', title: t('assetRepair.reportedOn'), width: 110, render: (_, r) => formatDate(r.reportedOn, locale) },
    { key: 'symptom', title: t('assetRepair.symptom'), dataIndex: 'symptom', ellipsis: true },
    { key: 'vendor', title: t('assetRepair.vendor'), dataIndex: 'vendor', width: 150, ellipsis: true },
    { key: 'action', title: t('assetRepair.action'), dataIndex: 'action', ellipsis: true },
    { key: 'costYen', title: t('assetRepair.costYen'), width: 110, align: 'right', render: (_, r) => yen(r.costYen, locale) },
    { key: 'sentOn', title: t('assetRepair.sentOn'), width: 110, render: (_, r) => formatDate(r.sentOn, locale) },
    { key: 'returnedOn', title: t('assetRepair.returnedOn'), width: 110, render: (_, r) => formatDate(r.returnedOn, locale) || t('assetRepair.notReturned') },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_: unknown, r: RepairDto) => (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ repair: r })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const repair = editing?.repair;
  return (
    <>
      {canEdit && <AddButton onClick={() => setEditing({})} label={t('assetRepair.add')} testId="repair-add" />}
      <ProblemAlert error={list.error} />
      <Table<RepairDto> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isPending} pagination={false} />
      {editing && (
        <RecordModal<RepairValues>
          title={repair ? t('assetRepair.edit') : t('assetRepair.add')}
          form={form}
          schema={repair ? RepairUpdateInput : RepairCreateInput}
          initialValues={
            repair
              ? { ...repair, reportedOn: dayjs(repair.reportedOn), sentOn: toDay(repair.sentOn), returnedOn: toDay(repair.returnedOn) }
              : { reportedOn: dayjs() }
          }
          submit={(input) => (repair ? updateRepair(asset.id, repair.id, repair.version, input) : createRepair(asset.id, input as RepairCreateInput))}
          onClose={() => setEditing(null)}
          testId="repair-form"
        >
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="reportedOn" label={t('assetRepair.reportedOn')} required>
                <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="sentOn" label={t('assetRepair.sentOn')}>
                <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="returnedOn" label={t('assetRepair.returnedOn')}>
                <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="symptom" label={t('assetRepair.symptom')} required>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item name="vendor" label={t('assetRepair.vendor')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="costYen" label={t('assetRepair.costYen')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="action" label={t('assetRepair.action')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </RecordModal>
      )}
    </>
  );
}

// Work log (作業記録: 3.1.1.i, 3.4.1.c) --------------------------------------------------------

type WorkLogValues = { performedAt?: Dayjs; content?: string; worker?: string; requestRef?: string };

export function WorkLogsTab({ asset }: TabProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<WorkLogValues>();
  const list = useQuery({ queryKey: assetKeys.sub(asset.id, 'work-logs'), queryFn: () => listWorkLogs(asset.id) });

  const columns: TableColumnsType<WorkLogDto> = [
    { key: 'performedAt', title: t('assetWorkLog.performedAt'), width: 150, render: (_, w) => formatDateTime(w.performedAt, locale) },
    { key: 'content', title: t('assetWorkLog.content'), dataIndex: 'content', render: (c: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{c}</span> },
    { key: 'worker', title: t('assetWorkLog.worker'), dataIndex: 'worker', width: 140 },
    { key: 'requestRef', title: t('assetWorkLog.requestRef'), dataIndex: 'requestRef', width: 130 },
    { key: 'source', title: t('assetWorkLog.source'), dataIndex: 'source', width: 110 },
  ];

  return (
    <>
      {canOn(asset, 'update') && <AddButton onClick={() => setAdding(true)} label={t('assetWorkLog.add')} testId="work-log-add" />}
      <ProblemAlert error={list.error} />
      <Table<WorkLogDto> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isPending} pagination={false} />
      {adding && (
        <RecordModal<WorkLogValues>
          title={t('assetWorkLog.add')}
          form={form}
          schema={WorkLogCreateInput}
          initialValues={{ performedAt: dayjs() }}
          // The form's cleaner turns dates into days; a work log needs the moment with its offset.
          toInput={(v) => ({ ...v, performedAt: form.getFieldValue('performedAt')?.format() })}
          submit={(input) => createWorkLog(asset.id, input as WorkLogCreateInput)}
          onClose={() => setAdding(false)}
          testId="work-log-form"
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="performedAt" label={t('assetWorkLog.performedAt')} required>
                <DatePicker showTime={{ format: 'HH:mm' }} format={`${datePickerFormat(locale)} HH:mm`} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="worker" label={t('assetWorkLog.worker')} extra={t('assetWorkLog.workerHint')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="content" label={t('assetWorkLog.content')} required>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item name="requestRef" label={t('assetWorkLog.requestRef')}>
            <Input maxLength={100} />
          </Form.Item>
        </RecordModal>
      )}
    </>
  );
}
