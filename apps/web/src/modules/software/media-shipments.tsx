import { PlusOutlined } from '@ant-design/icons';
import { MediaShipmentCreateInput, type MediaShipmentDto, shipmentMethods } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { DataTable } from '../../components/data-table.tsx';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { SearchBox } from '../../components/search-box.tsx';
import { StatusTag } from '../../components/status-tag.tsx';
import { useCan } from '../../lib/can.ts';
import { cleanFormValues, useSchemaField, useSchemaParse } from '../../lib/form.ts';
import { choiceOptions, datePickerFormat, formatDate, localName } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { SiteSelect } from '../org/org-selects.tsx';
import { createMediaShipment, listMediaShipments, softwareKeys, useSoftwareMutation } from './software.api.ts';
import { MediaSelect } from './software-selects.tsx';

const listKeys = ['q'] as const;
const fields = MediaShipmentCreateInput.shape;

type ShipmentValues = {
  item?: string;
  copies?: number | null;
  direction?: 'sent' | 'received';
  sender?: string;
  recipient?: string;
  method?: string;
  shippedOn?: Dayjs | null;
  siteId?: string;
  mediaId?: string | null;
  note?: string | null;
};

/** Records one shipment of copies (2.2.t); shipments are a log, so there is no edit. */
function ShipmentFormDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const schemaField = useSchemaField();
  const parse = useSchemaParse();
  const [form] = Form.useForm<ShipmentValues>();
  const save = useSoftwareMutation(createMediaShipment);

  const onFinish = (values: ShipmentValues) => {
    const r = parse(MediaShipmentCreateInput, cleanFormValues(values, MediaShipmentCreateInput));
    if (!r.ok) {
      form.setFields(r.fields as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        message.success(t('common.created'));
        onClose();
      },
    });
  };
  const col = (node: ReactNode, span = 12) => (
    <Col xs={24} sm={span}>
      {node}
    </Col>
  );
  const text = (name: 'item' | 'sender' | 'recipient', label: string, max: number) => (
    <Form.Item name={name} label={label} {...schemaField(fields[name])}>
      <Input maxLength={max} autoComplete="off" />
    </Form.Item>
  );

  return (
    <FormDrawer open title={t('swMedia.shipmentCreate')} onClose={onClose} onSubmit={() => form.submit()} submitting={save.isPending} width={640}>
      <ProblemAlert error={save.error} form={form} fields={Object.keys(fields)} />
      <Form<ShipmentValues>
        form={form}
        layout="vertical"
        initialValues={{ direction: 'sent', copies: 1, method: 'internal_mail', shippedOn: dayjs() }}
        onFinish={onFinish}
        disabled={save.isPending}
        data-testid="shipment-form"
      >
        <Form.Item name="direction" label={t('swMedia.direction')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'sent', label: t('swMedia.sent') },
              { value: 'received', label: t('swMedia.received') },
            ]}
          />
        </Form.Item>
        <Form.Item name="mediaId" label={t('swMedia.mediaId')} extra={t('swMedia.mediaHint')}>
          <MediaSelect />
        </Form.Item>
        <Row gutter={16}>
          {col(text('item', t('swMedia.item'), 300), 16)}
          {col(
            <Form.Item name="copies" label={t('swMedia.copies')} {...schemaField(fields.copies)}>
              <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>,
            8,
          )}
        </Row>
        <Row gutter={16}>
          {col(text('sender', t('swMedia.sender'), 200))}
          {col(text('recipient', t('swMedia.recipient'), 200))}
        </Row>
        <Row gutter={16}>
          {col(
            <Form.Item name="method" label={t('swMedia.method')} {...schemaField(fields.method)}>
              <Select options={choiceOptions(shipmentMethods.items, locale)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="shippedOn" label={t('swMedia.shippedOn')} {...schemaField(fields.shippedOn)}>
              <DatePicker format={datePickerFormat(locale)} style={{ width: '100%' }} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="siteId" label={t('swMedia.shipmentSite')} {...schemaField(fields.siteId)}>
              <SiteSelect />
            </Form.Item>,
            8,
          )}
        </Row>
        <Form.Item name="note" label={t('swMedia.note')} {...schemaField(fields.note)}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** 送付記録: copies of media and manuals sent or received (社内便 etc.). */
export function ShipmentsTab() {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan('software-media.manage');
  const [params, setParams] = useListParams(listKeys);
  const [creating, setCreating] = useState(false);
  const query = { q: params.q };

  const columns: TableColumnsType<MediaShipmentDto> = [
    { key: 'shippedOn', title: t('swMedia.shippedOn'), width: 110, render: (_, s) => formatDate(s.shippedOn, locale) },
    { key: 'direction', title: t('swMedia.direction'), width: 80, render: (_, s) => t(s.direction === 'sent' ? 'swMedia.sent' : 'swMedia.received') },
    { key: 'item', title: t('swMedia.item'), dataIndex: 'item', width: 240, ellipsis: true },
    { key: 'media', title: t('swMedia.mediaId'), width: 200, ellipsis: true, render: (_, s) => (s.media ? `${s.media.itemNumber} ${s.media.title}` : '') },
    { key: 'copies', title: t('swMedia.copies'), dataIndex: 'copies', width: 70, align: 'right' },
    { key: 'sender', title: t('swMedia.sender'), dataIndex: 'sender', width: 150, ellipsis: true },
    { key: 'recipient', title: t('swMedia.recipient'), dataIndex: 'recipient', width: 150, ellipsis: true },
    { key: 'method', title: t('swMedia.method'), width: 110, render: (_, s) => <StatusTag items={shipmentMethods.items} value={s.method} /> },
    { key: 'site', title: t('swMedia.shipmentSite'), width: 140, ellipsis: true, render: (_, s) => localName(s.site, locale) },
    { key: 'note', title: t('swMedia.note'), dataIndex: 'note', width: 200, ellipsis: true },
  ];

  return (
    <>
      <DataTable<MediaShipmentDto>
        queryKey={softwareKeys.list('media-shipments', query)}
        fetchPage={(cursor) => listMediaShipments(query, cursor)}
        columns={columns}
        rowKey="id"
        size="small"
        ledger="software-media-shipments"
        toolbar={
          <>
            <SearchBox value={params.q} onChange={(q) => setParams({ q })} placeholder={t('swMedia.shipmentSearch')} width={300} />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="shipment-create" onClick={() => setCreating(true)}>
                {t('swMedia.shipmentCreate')}
              </Button>
            )}
          </>
        }
      />
      {creating && <ShipmentFormDrawer onClose={() => setCreating(false)} />}
    </>
  );
}
