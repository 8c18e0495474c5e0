import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { type FileDto, type ResolutionCode, resolutionCodes, type TicketDto } from '@unyo/contracts';
import type { UploadFile } from 'antd';
import { App, Button, Card, Flex, Input, Radio, Select, Tabs, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { canOn } from '../../lib/can.ts';
import { choiceOptions } from '../../lib/format.ts';
import { DepartmentSelect } from '../org/org-selects.tsx';
import { AttachmentPicker, stillUploading, uploadedIds } from './attachment-picker.tsx';
import { useReferral } from './ticket-referral.ts';
import { addTicketNote, replyToTicket, useTicketMutation } from './tickets.api.ts';

type After = 'keep' | 'waiting' | 'resolved';

/** Public reply (mailed to the requester) or internal note, with attachments. */
export function TicketComposer({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const [tab, setTab] = useState<'reply' | 'note'>(canOn(ticket, 'reply') ? 'reply' : 'note');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<UploadFile<FileDto>[]>([]);
  const [after, setAfter] = useState<After>('keep');
  const [resolution, setResolution] = useState<ResolutionCode>('answered');
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const referring = tab === 'reply' && after === 'resolved' && resolution === 'referred';
  const referral = useReferral(ticket, referring);
  const referralDepartment = department ?? referral.defaultDepartmentId;
  const referralText = referring ? referral.textFor(referralDepartment) : null;
  // The referral text fills the box while it is empty or still the text we put there (a department change rewrites it).
  const generated = useRef<string | null>(null);
  useEffect(() => {
    if (!referralText) return;
    setBody((current) => (current.trim() === '' || current === generated.current ? referralText : current));
    generated.current = referralText;
  }, [referralText]);
  const reply = useTicketMutation(() =>
    replyToTicket(ticket.id, {
      body,
      attachmentFileIds: uploadedIds(files),
      status: after === 'keep' ? undefined : after,
      resolutionCode: after === 'resolved' ? resolution : undefined,
      resolutionDepartmentId: referring ? referralDepartment || undefined : undefined,
    }),
  );
  const note = useTicketMutation(() => addTicketNote(ticket.id, { body, attachmentFileIds: uploadedIds(files) }));
  const mutation = tab === 'reply' ? reply : note;
  const canReply = canOn(ticket, 'reply');
  const canNote = canOn(ticket, 'note');
  if (!canReply && !canNote) return null;

  const submit = () =>
    mutation.mutate(undefined, {
      onSuccess: () => {
        message.success(tab === 'reply' ? t('ticket.replySent') : t('ticket.noteAdded'));
        setBody('');
        setFiles([]);
        setAfter('keep');
        setResolution('answered');
        setDepartment(undefined);
        generated.current = null;
      },
    });

  const editor = (
    <Flex vertical gap={8}>
      {tab === 'note' && (
        <Typography.Text type="warning">
          <LockOutlined /> {t('ticket.noteHint')}
        </Typography.Text>
      )}
      <Input.TextArea
        rows={6}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={20_000}
        placeholder={tab === 'reply' ? t('ticket.replyPlaceholder') : t('ticket.notePlaceholder')}
        style={tab === 'note' ? { background: '#fffbe6' } : undefined}
        data-testid={tab === 'reply' ? 'ticket-reply-body' : 'ticket-note-body'}
        aria-label={tab === 'reply' ? t('ticket.reply') : t('ticket.note')}
      />
      <AttachmentPicker value={files} onChange={setFiles} disabled={mutation.isPending} />
      <Flex gap={12} align="center" wrap justify="space-between">
        {tab === 'reply' ? (
          <Radio.Group
            value={after}
            onChange={(e) => setAfter(e.target.value as After)}
            optionType="button"
            options={[
              { value: 'keep', label: t('ticket.afterKeep') },
              { value: 'waiting', label: t('ticket.afterWaiting') },
              { value: 'resolved', label: <span data-testid="ticket-reply-resolve">{t('ticket.afterResolve')}</span> },
            ]}
            aria-label={t('ticket.afterReply')}
          />
        ) : (
          <span />
        )}
        {tab === 'reply' && after === 'resolved' && (
          <Select<ResolutionCode>
            value={resolution}
            onChange={setResolution}
            options={choiceOptions(resolutionCodes.items, locale)}
            style={{ width: 200 }}
            aria-label={t('ticket.resolutionCode')}
            id="ticket-reply-resolution"
          />
        )}
        {referring && (
          <DepartmentSelect
            siteId={undefined}
            allowClear
            value={referralDepartment || undefined}
            onChange={(v?: string) => setDepartment(v ?? '')}
            style={{ width: 240 }}
            placeholder={t('ticket.resolutionDepartment')}
            aria-label={t('ticket.resolutionDepartment')}
            id="ticket-reply-department"
          />
        )}
        <Button
          type="primary"
          icon={tab === 'reply' ? <SendOutlined /> : <LockOutlined />}
          disabled={!body.trim() || stillUploading(files)}
          loading={mutation.isPending}
          onClick={submit}
          data-testid={tab === 'reply' ? 'ticket-reply-send' : 'ticket-note-add'}
        >
          {tab === 'reply' ? (after === 'resolved' ? t('ticket.replyAndResolve') : t('ticket.sendReply')) : t('ticket.addNote')}
        </Button>
      </Flex>
    </Flex>
  );

  return (
    <Card size="small" style={{ marginTop: 16 }}>
      <ProblemAlert error={mutation.error} />
      <Tabs
        // One editor: the text typed stays when switching between reply and note, only the active pane is rendered.
        destroyOnHidden
        activeKey={tab}
        onChange={(k) => {
          setTab(k as 'reply' | 'note');
          mutation.reset();
        }}
        items={[
          ...(canReply ? [{ key: 'reply', label: <span data-testid="ticket-tab-reply">{t('ticket.reply')}</span>, children: editor }] : []),
          ...(canNote ? [{ key: 'note', label: <span data-testid="ticket-tab-note">{t('ticket.note')}</span>, children: editor }] : []),
        ]}
      />
    </Card>
  );
}
