import { CheckOutlined, PauseCircleOutlined, PlayCircleOutlined, RedoOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { noResponseReasons, type ResolutionCode, resolutionCodes, type TicketDto, type TicketStatusInput } from '@unyo/contracts';
import { App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { canOn } from '../../lib/can.ts';
import { choiceLabel, choiceOptions } from '../../lib/format.ts';
import { DepartmentSelect } from '../org/org-selects.tsx';
import { TicketActionModal } from './ticket-action-modal.tsx';
import { useReferral } from './ticket-referral.ts';
import { changeTicketStatus, endEscalation, replyToTicket, setNoResponse, startEscalation, useTicketMutation } from './tickets.api.ts';

type StatusAction = { ability: string; status: TicketStatusInput['status']; label: string; icon: ReactNode; testId: string; primary?: boolean };

/** Status moves, vendor escalation and the unavoidable-no-response flag; each shown only when the server allows it. */
export function TicketActions({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const [escalating, setEscalating] = useState(false);
  const [ending, setEnding] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const [resolving, setResolving] = useState(false);
  const status = useTicketMutation((s: TicketStatusInput['status']) => changeTicketStatus(ticket.id, { status: s }));
  const clearNoResponse = useTicketMutation(() => setNoResponse(ticket.id, { noResponse: false }));

  const allMoves: StatusAction[] = [
    { ability: 'inProgress', status: 'in_progress', label: t('ticket.actionInProgress'), icon: <PlayCircleOutlined />, testId: 'ticket-in-progress' },
    { ability: 'waiting', status: 'waiting', label: t('ticket.actionWaiting'), icon: <PauseCircleOutlined />, testId: 'ticket-waiting' },
    { ability: 'resolve', status: 'resolved', label: t('ticket.actionResolve'), icon: <CheckOutlined />, testId: 'ticket-resolve', primary: true },
    { ability: 'close', status: 'closed', label: t('ticket.actionClose'), icon: <StopOutlined />, testId: 'ticket-close' },
    { ability: 'reopen', status: 'reopened', label: t('ticket.actionReopen'), icon: <RedoOutlined />, testId: 'ticket-reopen' },
  ];
  const moves = allMoves.filter((m) => canOn(ticket, m.ability));

  const move = (m: StatusAction) => {
    if (m.status === 'resolved') {
      setResolving(true);
      return;
    }
    status.mutate(m.status, {
      onSuccess: () => message.success(t('ticket.statusChanged')),
      onError: (err) => message.error(problemText(err, t('common.unexpectedError'))),
    });
  };

  const canEscalate = canOn(ticket, 'escalate');
  const canEnd = canOn(ticket, 'endEscalation');
  const canFlag = canOn(ticket, 'noResponse');
  if (moves.length === 0 && !canEscalate && !canEnd && !canFlag) return null;

  return (
    <Card size="small" title={t('ticket.actions')} style={{ marginBottom: 16 }}>
      <Flex vertical gap={12}>
        {moves.length > 0 && (
          <Flex gap={8} wrap>
            {moves.map((m) => (
              <Button
                key={m.status}
                type={m.primary ? 'primary' : 'default'}
                icon={m.icon}
                loading={status.isPending && status.variables === m.status}
                onClick={() => move(m)}
                data-testid={m.testId}
              >
                {m.label}
              </Button>
            ))}
          </Flex>
        )}
        {(canEscalate || canEnd || ticket.escalationVendor) && (
          <Flex gap={8} wrap align="center">
            {ticket.escalationVendor && (
              <Typography.Text>
                {t('ticket.escalatedTo', { vendor: ticket.escalationVendor })}
                {ticket.vendorReference ? `（${t('ticket.vendorReference')}: ${ticket.vendorReference}）` : ''}
              </Typography.Text>
            )}
            {canEscalate && (
              <Button icon={<SwapOutlined />} onClick={() => setEscalating(true)} data-testid="ticket-escalate">
                {t('ticket.escalate')}
              </Button>
            )}
            {canEnd && (
              <Button icon={<SwapOutlined />} onClick={() => setEnding(true)} data-testid="ticket-escalation-end">
                {t('ticket.escalationEnd')}
              </Button>
            )}
          </Flex>
        )}
        {(canFlag || ticket.noResponse) && (
          <Flex gap={8} wrap align="center">
            {ticket.noResponse ? (
              <>
                <Typography.Text type="warning">
                  {t('ticket.noResponseSet', { reason: choiceLabel(noResponseReasons.items, ticket.noResponseReason, locale) })}
                  {ticket.noResponseNote ? `（${ticket.noResponseNote}）` : ''}
                </Typography.Text>
                {canFlag && (
                  <Button
                    size="small"
                    loading={clearNoResponse.isPending}
                    onClick={() => clearNoResponse.mutate(undefined, { onError: (err) => message.error(problemText(err, t('common.unexpectedError'))) })}
                  >
                    {t('ticket.noResponseClear')}
                  </Button>
                )}
              </>
            ) : (
              <Button size="small" onClick={() => setFlagging(true)} data-testid="ticket-no-response">
                {t('ticket.noResponseFlag')}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
      {escalating && <EscalationModal ticket={ticket} onClose={() => setEscalating(false)} />}
      {ending && <EscalationEndModal ticket={ticket} onClose={() => setEnding(false)} />}
      {flagging && <NoResponseModal ticket={ticket} onClose={() => setFlagging(false)} />}
      {resolving && <ResolveModal ticket={ticket} onClose={() => setResolving(false)} />}
    </Card>
  );
}

function EscalationModal({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  type V = { vendor: string; vendorReference?: string; note?: string };
  const [form] = Form.useForm<V>();
  const save = useTicketMutation((v: V) => startEscalation(ticket.id, { vendor: v.vendor, vendorReference: v.vendorReference || null, note: v.note || null }));
  return (
    <TicketActionModal title={t('ticket.escalate')} onClose={onClose} onOk={() => form.submit()} okText={t('ticket.escalate')} pending={save.isPending}>
      <ProblemAlert error={save.error} form={form} fields={['vendor', 'vendorReference', 'note']} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="vendor" label={t('ticket.vendor')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="ticket-vendor" />
        </Form.Item>
        <Form.Item name="vendorReference" label={t('ticket.vendorReference')} extra={t('ticket.vendorReferenceHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('ticket.statusNote')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </TicketActionModal>
  );
}

function EscalationEndModal({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const save = useTicketMutation(() => endEscalation(ticket.id, { note: note || null }));
  return (
    <TicketActionModal
      title={t('ticket.escalationEnd')}
      onClose={onClose}
      onOk={() => save.mutate(undefined, { onSuccess: onClose })}
      okText={t('ticket.escalationEnd')}
      pending={save.isPending}
    >
      <ProblemAlert error={save.error} />
      <Typography.Paragraph>{t('ticket.escalationEndHint', { vendor: ticket.escalationVendor ?? '' })}</Typography.Paragraph>
      <Input.TextArea rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('ticket.statusNote')} />
    </TicketActionModal>
  );
}

function NoResponseModal({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<{ reason: string; note?: string }>();
  const save = useTicketMutation((v: { reason: string; note?: string }) =>
    setNoResponse(ticket.id, { noResponse: true, reason: v.reason as (typeof noResponseReasons.values)[number], note: v.note || null }),
  );
  return (
    <TicketActionModal title={t('ticket.noResponseFlag')} onClose={onClose} onOk={() => form.submit()} okText={t('common.save')} pending={save.isPending}>
      <Typography.Paragraph type="secondary">{t('ticket.noResponseHint')}</Typography.Paragraph>
      <ProblemAlert error={save.error} form={form} fields={['reason', 'note']} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="reason" label={t('ticket.noResponseReason')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={choiceOptions(noResponseReasons.items, locale)} />
        </Form.Item>
        <Form.Item name="note" label={t('ticket.statusNote')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </TicketActionModal>
  );
}

type ResolveValues = { resolutionCode: ResolutionCode; resolutionDepartmentId?: string; reply?: string; note?: string };

/**
 * Resolving records how it ended. A referral (5.1.b) names the department (default: the category's owner) and, when
 * the operator may reply, sends the requester the department's contact point as a public reply, prefilled and editable.
 */
function ResolveModal({ ticket, onClose }: { ticket: TicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<ResolveValues>();
  const code = Form.useWatch('resolutionCode', form);
  const department = Form.useWatch('resolutionDepartmentId', form);
  const reply = Form.useWatch('reply', form);
  const referring = code === 'referred';
  const referral = useReferral(ticket, referring);
  const canReply = canOn(ticket, 'reply');
  const referralText = referring && canReply ? referral.textFor(department) : null;
  const sendsReply = referring && canReply && !!reply?.trim();
  // Fill the reply while it is empty or still our text, so picking another department rewrites it but edits stay.
  const generated = useRef<string | null>(null);
  useEffect(() => {
    if (!referralText) return;
    const current: string = form.getFieldValue('reply') ?? '';
    if (current.trim() === '' || current === generated.current) form.setFieldValue('reply', referralText);
    generated.current = referralText;
  }, [referralText, form]);
  const save = useTicketMutation((v: ResolveValues) => {
    const resolutionDepartmentId = v.resolutionCode === 'referred' ? v.resolutionDepartmentId || undefined : undefined;
    if (v.resolutionCode === 'referred' && canReply && v.reply?.trim()) {
      return replyToTicket(ticket.id, { body: v.reply, status: 'resolved', resolutionCode: 'referred', resolutionDepartmentId });
    }
    return changeTicketStatus(ticket.id, { status: 'resolved', resolutionCode: v.resolutionCode, resolutionDepartmentId, note: v.note || null });
  });
  return (
    <TicketActionModal
      title={t('ticket.actionResolve')}
      onClose={onClose}
      onOk={() => form.submit()}
      okText={sendsReply ? t('ticket.replyAndResolve') : t('ticket.actionResolve')}
      pending={save.isPending}
      width={640}
      okButtonProps={{ id: 'ticket-resolve-ok' }}
    >
      <ProblemAlert error={save.error} form={form} fields={['resolutionCode', 'resolutionDepartmentId', 'reply', 'note']} fieldAliases={{ body: 'reply' }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ resolutionCode: 'answered', resolutionDepartmentId: referral.defaultDepartmentId }}
        onFinish={(v) => save.mutate(v, { onSuccess: onClose })}
      >
        <Form.Item name="resolutionCode" label={t('ticket.resolutionCode')}>
          <Select options={choiceOptions(resolutionCodes.items, locale)} data-testid="ticket-resolution-code" />
        </Form.Item>
        {referring && (
          <Form.Item
            name="resolutionDepartmentId"
            label={t('ticket.resolutionDepartment')}
            extra={department ? t('ticket.resolutionDepartmentHint') : t('ticket.referralDepartmentMissing')}
          >
            <DepartmentSelect siteId={undefined} allowClear data-testid="ticket-resolution-department-select" />
          </Form.Item>
        )}
        {referring && canReply && (
          <Form.Item name="reply" label={t('ticket.referralReply')} extra={t('ticket.referralReplyHint')}>
            <Input.TextArea rows={6} maxLength={20_000} data-testid="ticket-referral-reply" />
          </Form.Item>
        )}
        {!sendsReply && (
          <Form.Item name="note" label={t('ticket.statusNote')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        )}
      </Form>
    </TicketActionModal>
  );
}
