import { PhoneOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type CallDirection, CallRecordCreateInput, callDirections, type TicketDto } from '@unyo/contracts';
import { App, Button, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { canOn, useCan } from '../../lib/can.ts';
import { useSchemaParse } from '../../lib/form.ts';
import { choiceOptions } from '../../lib/format.ts';
import { TicketActionModal } from './ticket-action-modal.tsx';
import { createCallRecord, useTicketMutation } from './tickets.api.ts';

type Values = {
  direction: CallDirection;
  callerNumber?: string;
  queuedAt?: Dayjs | null;
  answeredAt?: Dayjs | null;
  endedAt?: Dayjs | null;
  voiceCallback: boolean;
  callbackAt?: Dayjs | null;
};

const fields = ['direction', 'callerNumber', 'queuedAt', 'answeredAt', 'endedAt', 'voiceCallback', 'callbackAt'];

/** Call times matter to the second (S-4-6-1-4 average wait is 10 s), so the pickers show seconds. */
const pickerFormat = { ja: 'YYYY/MM/DD HH:mm:ss', en: 'YYYY-MM-DD HH:mm:ss' } as const;

const seconds = (from: Dayjs | null | undefined, to: Dayjs | null | undefined) => (from && to ? Math.max(0, to.diff(from, 'second')) : null);

/**
 * "Record call" on the ticket page (5.1.a): a call taken or made for this inquiry, entered by hand when the call
 * manager's CDR is not imported. The server appends a `call` event, so an answered call is the ticket's first answer.
 */
export function RecordCallButton({ ticket, hasCalls }: { ticket: TicketDto; hasCalls: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const canRecord = useCan('call-record.manage');
  if (!canRecord || !canOn(ticket, 'update')) return null;
  return (
    <>
      <Button icon={<PhoneOutlined />} onClick={() => setOpen(true)} data-testid="ticket-record-call">
        {t('ticket.recordCall')}
      </Button>
      {open && <RecordCallModal ticket={ticket} hasCalls={hasCalls} onClose={() => setOpen(false)} />}
    </>
  );
}

function RecordCallModal({ ticket, hasCalls, onClose }: { ticket: TicketDto; hasCalls: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const parse = useSchemaParse();
  const [form] = Form.useForm<Values>();
  const save = useTicketMutation(createCallRecord);
  const voice = Form.useWatch('voiceCallback', form) ?? false;
  const queuedAt = Form.useWatch('queuedAt', form);
  const answeredAt = Form.useWatch('answeredAt', form);
  const endedAt = Form.useWatch('endedAt', form);
  const wait = seconds(queuedAt, answeredAt);
  const talk = seconds(answeredAt, endedAt);

  // The phone inquiry's own call started when the ticket was received; a later call (a call-back…) starts now.
  const now = dayjs().startOf('second');
  const start = ticket.channel === 'phone' && !hasCalls ? dayjs(ticket.receivedAt) : now;
  const initialValues: Values = {
    direction: 'inbound',
    callerNumber: ticket.requester.phone ?? undefined,
    queuedAt: start,
    answeredAt: start,
    endedAt: now.isAfter(start) ? now : start,
    voiceCallback: false,
    callbackAt: null,
  };

  const iso = (d: Dayjs | null | undefined) => (d ? d.toISOString() : null);
  const onFinish = (v: Values) => {
    const r = parse(CallRecordCreateInput, {
      ticketId: ticket.id,
      direction: v.direction,
      callerNumber: v.callerNumber?.trim() || null,
      queuedAt: iso(v.queuedAt) ?? undefined,
      answeredAt: iso(v.answeredAt),
      endedAt: iso(v.endedAt),
      voiceCallback: v.voiceCallback,
      callbackAt: v.voiceCallback ? iso(v.callbackAt) : null,
    });
    if (!r.ok) {
      form.setFields(r.fields.map((f) => ({ name: String(f.name[0]), errors: f.errors })) as Parameters<typeof form.setFields>[0]);
      return;
    }
    save.mutate(r.data, {
      onSuccess: () => {
        message.success(t('ticket.callSaved'));
        // The call-record list shows it too.
        void qc.invalidateQueries({ queryKey: ['call-records'] });
        onClose();
      },
    });
  };

  const picker = (testId: string) => (
    <DatePicker showTime={{ format: 'HH:mm:ss' }} format={pickerFormat[locale]} style={{ width: '100%' }} data-testid={testId} />
  );

  return (
    <TicketActionModal
      title={t('ticket.recordCall')}
      onClose={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      pending={save.isPending}
      width={600}
      okButtonProps={{ id: 'ticket-call-ok' }}
    >
      <Typography.Paragraph type="secondary">{t('ticket.recordCallHint')}</Typography.Paragraph>
      <ProblemAlert error={save.error} form={form} fields={fields} />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={save.isPending}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="direction" label={t('ticket.callDirection')}>
              <Radio.Group optionType="button" options={choiceOptions(callDirections.items, locale)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="callerNumber" label={t('ticket.callCallerNumber')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="queuedAt" label={t('ticket.callQueuedAt')} required>
              {picker('ticket-call-queued')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="answeredAt" label={t('ticket.callAnsweredAt')} extra={t('ticket.callAnsweredAtHint')}>
              {picker('ticket-call-answered')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="endedAt" label={t('ticket.callEndedAt')}>
              {picker('ticket-call-ended')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12} style={{ display: 'flex', alignItems: 'center' }}>
            <Typography.Text type="secondary" data-testid="ticket-call-durations">
              {t('ticket.callDurations', { wait: wait ?? '-', talk: talk ?? '-' })}
            </Typography.Text>
          </Col>
        </Row>
        <Form.Item name="voiceCallback" valuePropName="checked" style={{ marginBottom: voice ? 8 : undefined }}>
          <Checkbox>{t('ticket.callVoiceCallback')}</Checkbox>
        </Form.Item>
        {voice && (
          <Form.Item name="callbackAt" label={t('ticket.callCallbackAt')}>
            {picker('ticket-call-callback')}
          </Form.Item>
        )}
      </Form>
    </TicketActionModal>
  );
}
