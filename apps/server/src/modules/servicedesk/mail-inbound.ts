import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
import { checkContent, PgFileStore } from '../../platform/files/store.ts';
import { type Ctx, inTransaction, type TxScope } from '../../platform/http/context.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { recordBackupMail } from '../backups/backups.mail.ts';
import { bareAddress, type DropReason, dropReasonOf, firstAddress, guessLanguage, threadIdsOf } from './mail-classify.ts';
import { mailInbound } from './mail-inbound.table.ts';
import { defaultSiteId, findTicketForMail, isRequesterAddress, requesterByAddress } from './mail-match.ts';
import { queueTicketReceivedMail } from './mail-outbound.ts';
import { plainTextOfHtml, sanitizeMailHtml } from './mail-sanitize.ts';
import { appendTicketEvents, type InsertedTicket, insertTicket, type NewTicketEvent, nextTicketNumber } from './tickets.kernel.ts';
import type { TicketRow } from './tickets.table.ts';

export type MailDeps = Pick<Ctx, 'db' | 'config' | 'queue'> & { log?: (msg: string) => void };
export type MailSource = 'smtp' | 'imap';
export type IngestResult =
  | { outcome: 'created' | 'appended'; ticketId: string; ticketNumber: string; messageId: string }
  | { outcome: 'dropped'; reason: DropReason; messageId: string }
  | { outcome: 'backup_result'; resultId: string; messageId: string }
  | { outcome: 'duplicate'; messageId: string };

const MAX_SUBJECT = 300;
const MAX_BODY = 20_000;
const store = new PgFileStore();
/** Who the audit log names for changes made by an inbound mail. */
const mailAudit: AuditContext = { actor: { userId: null, label: 'mail' }, requestId: null };

/** The key of a mail in mail_inbound: its Message-ID, or a hash of its bytes when it has none. */
export function inboundKeyOf(messageId: string | null | undefined, raw: Buffer): string {
  return messageId?.trim() || `<sha256-${createHash('sha256').update(raw).digest('hex')}@no-message-id>`;
}

/**
 * Turns one raw RFC 822 mail into a new ticket or an event on an existing one, in one transaction (decision 0013).
 * The Message-ID is claimed first in mail_inbound, so the same mail delivered by SMTP and found again by the IMAP
 * poll — even at the same moment — is ingested once. Loops, auto-replies and bounces are kept in the log, never
 * filed. Throws only on infrastructure failures, for the transport to retry (SMTP 451, IMAP: left unseen).
 */
export async function ingestMail(
  deps: MailDeps,
  raw: Buffer,
  meta: { source: MailSource; envelopeFrom?: string | null; receivedAt?: Date },
): Promise<IngestResult> {
  // HTML-only mail gets its text from our own sanitized HTML (plainTextOfHtml), not from the raw markup.
  const mail = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: true });
  const messageId = inboundKeyOf(mail.messageId, raw);
  const ownAddress = bareAddress(deps.config.mail.from);
  const from = firstAddress(mail.from);
  let reason = dropReasonOf(mail, { envelopeFrom: meta.envelopeFrom, ownAddress, ownIdDomain: deps.config.mailChannel.messageIdDomain });

  const result = await inTransaction(deps.db, async (scope): Promise<IngestResult> => {
    const { tx } = scope;
    const [claimed] = await tx
      .insert(mailInbound)
      .values({
        messageId,
        source: meta.source,
        fromAddress: from?.address ?? null,
        subject: mail.subject?.slice(0, MAX_SUBJECT) ?? null,
        size: raw.length,
        outcome: 'pending',
      })
      // A mail the IMAP poll failed to ingest before (outcome failed, see mail-imap-poller.ts) may be claimed again;
      // any other existing row means it was already filed or dropped, or is being ingested right now.
      .onConflictDoUpdate({
        target: mailInbound.messageId,
        set: { outcome: 'pending', reason: null, source: meta.source },
        setWhere: sql`${mailInbound.outcome} = 'failed'`,
      })
      .returning({ id: mailInbound.id });
    if (!claimed) return { outcome: 'duplicate', messageId };
    // A mail we sent (its id is in the outbox) coming back, whatever domain its id has.
    if (!reason) {
      const [own] = await tx.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.messageId, messageId)).limit(1);
      if (own) reason = 'own_message';
    }
    // Backup-software reports (3.1.1.l) are often sent as automatic mail: a job's mail rule is tried before the drop.
    if (from && reason !== 'own_message') {
      const text = plainText(mail);
      const backup = await recordBackupMail(tx, mailAudit, {
        from: from.address,
        subject: mail.subject ?? '',
        body: text,
        receivedAt: meta.receivedAt ?? new Date(),
      });
      if (backup) {
        await tx.update(mailInbound).set({ outcome: 'backup_result', reason: backup.jobName }).where(eq(mailInbound.id, claimed.id));
        return { outcome: 'backup_result', resultId: backup.resultId, messageId };
      }
    }
    if (reason || !from) {
      const why = reason ?? 'no_sender';
      await tx.update(mailInbound).set({ outcome: 'dropped', reason: why }).where(eq(mailInbound.id, claimed.id));
      return { outcome: 'dropped', reason: why, messageId };
    }

    const receivedAt = meta.receivedAt ?? new Date();
    // Locked: the decisions below are made on the ticket as it is now (decision 0013).
    const match = await findTicketForMail(tx, mail, deps.config.mailChannel.messageIdDomain);
    const fromRequester = !!match && (await isRequesterAddress(tx, match.ticket, from.address));
    // A bare `[HD-…]` in the subject is trusted from the requester only; anyone else citing it opens a new ticket, so
    // that an outsider cannot write into (or reopen) someone else's ticket by guessing its number.
    const cited = match?.via === 'subject' && !fromRequester ? match.ticket : null;
    const target = match && !cited && match.ticket.status !== 'closed' ? match.ticket : null;
    const attachments = await storeAttachments(scope, deps, mail.attachments);
    const mailIn = mailInEvent(mail, messageId, from, receivedAt, meta.source, attachments, fromRequester || !target);
    let ticket: InsertedTicket;
    if (target) {
      // Other participants of a real thread (a colleague in Cc) are shown with their address but change no status.
      ticket = await appendTicketEvents(tx, mailAudit, target.id, [
        ...mailIn,
        ...(fromRequester ? statusAfterRequesterMail(target, from.address, receivedAt) : []),
      ]);
    } else {
      const note = cited ? { kind: 'cited' as const, ticket: cited } : match ? { kind: 'follow_up' as const, ticket: match.ticket } : null;
      ticket = await createTicketFromMail(scope, deps, mail, messageId, from, receivedAt, mailIn, note);
    }
    const outcome = target ? 'appended' : 'created';
    const how = match ? `${cited ? 'cited' : match.via}:${match.ticket.number}` : null;
    await tx.update(mailInbound).set({ outcome, reason: how, ticketId: ticket.id }).where(eq(mailInbound.id, claimed.id));
    return { outcome, ticketId: ticket.id, ticketNumber: ticket.number, messageId };
  });
  const log = deps.log ?? ((m: string) => console.info(m));
  if (result.outcome === 'dropped') log(`[mail] dropped ${messageId} from ${from?.address ?? '?'} (${result.reason}) via ${meta.source}`);
  else if (result.outcome === 'duplicate') log(`[mail] duplicate ${messageId} via ${meta.source} ignored`);
  else if (result.outcome === 'backup_result') log(`[mail] backup result ${result.resultId} from ${messageId} via ${meta.source}`);
  else log(`[mail] ${result.outcome} ${result.ticketNumber} from ${messageId} via ${meta.source}`);
  return result;
}

type StoredAttachments = { fileIds: string[]; skipped: { name: string; size: number; reason: string }[] };

/** Stores attachments within the per-file and per-mail limits; the rest are only named in the event. */
async function storeAttachments(scope: TxScope, deps: MailDeps, list: Attachment[]): Promise<StoredAttachments> {
  const { maxAttachmentBytes, maxAttachmentBytesPerMail } = deps.config.mailChannel;
  const out: StoredAttachments = { fileIds: [], skipped: [] };
  let total = 0;
  for (const a of list) {
    const name = (a.filename ?? 'attachment').slice(0, 200);
    const size = a.content.length;
    if (size > maxAttachmentBytes) {
      out.skipped.push({ name, size, reason: 'too_large' });
      continue;
    }
    if (total + size > maxAttachmentBytesPerMail) {
      out.skipped.push({ name, size, reason: 'mail_total_too_large' });
      continue;
    }
    let type: string;
    try {
      // The same type and signature rules as an upload through the desk.
      type = checkContent(a.contentType, a.content, maxAttachmentBytes);
    } catch {
      out.skipped.push({ name, size, reason: 'unsupported_type' });
      continue;
    }
    const f = await store.put(scope.tx, { name, contentType: type, data: a.content, purpose: 'ticket-mail' });
    out.fileIds.push(f.id);
    total += size;
  }
  return out;
}

function mailInEvent(
  mail: ParsedMail,
  messageId: string,
  from: { address: string; name: string },
  at: Date,
  source: MailSource,
  att: StoredAttachments,
  fromRequester: boolean,
): NewTicketEvent[] {
  const addresses = (a: ParsedMail['to']) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean);
  const actorLabel = from.name ? `${from.name} <${from.address}>` : from.address;
  const events: NewTicketEvent[] = [
    {
      type: 'mail_in',
      at,
      visibility: 'public',
      actorUserId: null,
      actorLabel,
      body: plainText(mail),
      data: {
        messageId,
        from: from.address,
        fromName: from.name || null,
        to: addresses(mail.to),
        cc: addresses(mail.cc),
        subject: mail.subject ?? '',
        threadIds: threadIdsOf(mail),
        html: typeof mail.html === 'string' ? sanitizeMailHtml(mail.html) : null,
        fileIds: att.fileIds,
        skippedAttachments: att.skipped,
        source,
        fromRequester,
      },
    },
  ];
  // The files ride on the mail_in event itself (data.fileIds), so the timeline shows them with the mail they came in.
  return events;
}

function plainText(mail: ParsedMail): string {
  const text = (mail.text ?? '').replace(/\r\n/g, '\n').trim();
  const fromHtml = !text && typeof mail.html === 'string' ? plainTextOfHtml(sanitizeMailHtml(mail.html)) : text;
  return fromHtml.slice(0, MAX_BODY);
}

/** The requester answering: a resolved ticket is reopened; one waiting for them goes back to in progress. */
function statusAfterRequesterMail(t: TicketRow, address: string, at: Date): NewTicketEvent[] {
  const to = t.status === 'resolved' ? 'reopened' : t.status === 'waiting' ? 'in_progress' : null;
  return to ? [{ type: 'status_changed', at, actorUserId: null, actorLabel: address, data: { from: t.status, to, by: 'mail' } }] : [];
}

async function createTicketFromMail(
  scope: TxScope,
  deps: MailDeps,
  mail: ParsedMail,
  messageId: string,
  from: { address: string; name: string },
  receivedAt: Date,
  mailIn: NewTicketEvent[],
  note: { kind: 'follow_up' | 'cited'; ticket: TicketRow } | null,
): Promise<InsertedTicket> {
  const { tx } = scope;
  const requester = await requesterByAddress(tx, from.address);
  const siteId = requester.siteId ?? (await defaultSiteId(tx, deps.config.mailChannel.defaultSiteCode));
  if (!siteId) throw new Error('no site to file a mail inquiry under (set UNYO_MAIL_DEFAULT_SITE)');
  const text = plainText(mail);
  const language = guessLanguage(`${mail.subject ?? ''}\n${text}`);
  const subject = (mail.subject ?? '').trim().slice(0, MAX_SUBJECT) || (language === 'ja' ? '（件名なし）' : '(no subject)');
  const number = await nextTicketNumber(tx, receivedAt);
  const requesterName = from.name || requester.name;
  const ackId = await queueTicketReceivedMail(scope, deps, { number, subject, language, requesterName }, from.address, messageId);
  const more: NewTicketEvent[] = [...mailIn];
  if (note?.kind === 'follow_up') {
    const closed = note.ticket;
    more.push({
      type: 'internal_note',
      at: receivedAt,
      actorUserId: null,
      actorLabel: 'mail',
      body: `完了済みのお問い合わせ ${closed.number} への返信です。 / Reply to the closed inquiry ${closed.number}.`,
      data: { followUpOf: closed.id, followUpOfNumber: closed.number },
    });
  } else if (note?.kind === 'cited') {
    // Only the number: the sender cited it themselves; the cited ticket may belong to a site this one is not filed under.
    const n = note.ticket.number;
    more.push({
      type: 'internal_note',
      at: receivedAt,
      actorUserId: null,
      actorLabel: 'mail',
      body: `件名にお問い合わせ ${n} の番号がありますが、その依頼者以外からのメールのため新規に受け付けました。 / The subject cites ${n}, but the sender is not its requester, so the mail was filed as a new inquiry.`,
      data: { citedNumber: n },
    });
  }
  more.push({
    type: 'mail_out',
    at: receivedAt,
    actorUserId: null,
    actorLabel: 'mail',
    data: { messageId: ackId, template: 'ticket.received', to: from.address, auto: true },
  });
  return insertTicket(
    tx,
    mailAudit,
    {
      number,
      channel: 'mail',
      language,
      requesterPersonId: requester.personId,
      requesterUserId: requester.userId,
      requesterName,
      requesterEmail: from.address,
      siteId,
      subject,
      description: text,
      receivedAt,
      mailThreadId: messageId,
    },
    more,
  );
}
