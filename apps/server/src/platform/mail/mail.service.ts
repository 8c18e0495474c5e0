import type { Locale } from '@unyo/contracts';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { files } from '../files/files.table.ts';
import type { TxScope } from '../http/context.ts';
import { defineCron, defineJob, type JobQueue } from '../jobs/jobs.ts';
import { mailOutbox } from './mail.table.ts';
import { type MailTemplateName, type MailVars, renderMail } from './templates.ts';

const MAX_ATTEMPTS = 6;

/** Optional headers of a threaded mail (service-desk replies) and stored files to attach. */
export type MailThreading = {
  messageId?: string;
  inReplyTo?: string | null;
  references?: string[];
  headers?: Record<string, string>;
  attachmentFileIds?: string[];
};

/** Writes a mail into the outbox inside the caller's transaction; it is sent once that commits. */
export async function enqueueMail<N extends MailTemplateName>(
  scope: TxScope,
  queue: JobQueue,
  mail: { to: string; template: N; locale: Locale; vars: MailVars<N> } & MailThreading,
): Promise<string> {
  const { subject, text } = renderMail(mail.template, mail.locale, mail.vars);
  const [row] = await scope.tx
    .insert(mailOutbox)
    .values({
      to: mail.to,
      subject,
      text,
      template: mail.template,
      locale: mail.locale,
      vars: mail.vars,
      messageId: mail.messageId ?? null,
      inReplyTo: mail.inReplyTo ?? null,
      referenceIds: mail.references?.length ? mail.references : null,
      headers: mail.headers && Object.keys(mail.headers).length > 0 ? mail.headers : null,
      attachmentFileIds: mail.attachmentFileIds?.length ? mail.attachmentFileIds : null,
    })
    .returning({ id: mailOutbox.id });
  scope.afterCommit(() => queue.send(sendMailJob, { id: row.id }));
  return row.id;
}

let cachedTransport: { url: string; transport: Transporter } | null = null;
function transportFor(config: Config): Transporter | null {
  if (!config.mail.smtpUrl) return null;
  if (cachedTransport?.url !== config.mail.smtpUrl) {
    cachedTransport = { url: config.mail.smtpUrl, transport: nodemailer.createTransport(config.mail.smtpUrl) };
  }
  return cachedTransport.transport;
}

/**
 * Sends one outbox row. A row is claimed atomically (pending → sending) so that a retry and a sweep
 * racing for the same mail cannot both send it; a row already sent is skipped; failures go back to
 * pending with the error and are retried with backoff.
 */
export async function deliverMail(db: Db, config: Config, id: string): Promise<'sent' | 'skipped' | 'unconfigured'> {
  const transport = transportFor(config);
  if (!transport) {
    await db
      .update(mailOutbox)
      .set({ lastError: 'SMTP is not configured (UNYO_SMTP_URL)' })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending')));
    return 'unconfigured';
  }
  const [row] = await db
    .update(mailOutbox)
    .set({ status: 'sending', claimedAt: new Date() })
    .where(
      and(
        eq(mailOutbox.id, id),
        or(eq(mailOutbox.status, 'pending'), and(eq(mailOutbox.status, 'sending'), lt(mailOutbox.claimedAt, sql`now() - interval '10 minutes'`))),
      ),
    )
    .returning();
  if (!row) return 'skipped';
  try {
    const attachments = [];
    for (const fileId of row.attachmentFileIds ?? []) {
      const [f] = await db.select({ name: files.name, contentType: files.contentType, data: files.data }).from(files).where(eq(files.id, fileId));
      // A file removed since the reply was written cannot be sent; the rest of the mail still goes.
      if (f) attachments.push({ filename: f.name, contentType: f.contentType, content: f.data });
    }
    const info = await transport.sendMail({
      from: config.mail.from,
      to: row.to,
      subject: row.subject,
      text: row.text,
      html: row.html ?? undefined,
      messageId: row.messageId ?? undefined,
      inReplyTo: row.inReplyTo ?? undefined,
      references: row.referenceIds ?? undefined,
      headers: row.headers ?? undefined,
      attachments,
    });
    await db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date(), messageId: info.messageId ?? null, attempts: row.attempts + 1, lastError: null, claimedAt: null })
      .where(eq(mailOutbox.id, id));
    return 'sent';
  } catch (err) {
    const attempts = row.attempts + 1;
    await db
      .update(mailOutbox)
      .set({
        attempts,
        claimedAt: null,
        lastError: String((err as Error).message ?? err).slice(0, 1000),
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      })
      .where(eq(mailOutbox.id, id));
    throw err;
  }
}

export const sendMailJob = defineJob(
  'mail.send',
  z.object({ id: z.uuid() }),
  async ({ id }, ctx) => {
    await deliverMail(ctx.db, ctx.config, id);
  },
  { retryLimit: MAX_ATTEMPTS - 1, retryDelaySeconds: 10, retryBackoff: true },
);

/** Re-enqueues pending mail whose job was lost (e.g. a crash between commit and enqueue). */
export const mailOutboxSweep = defineCron('mail.outbox-sweep', '*/5 * * * *', async (ctx) => {
  const stale = await ctx.db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lt(mailOutbox.createdAt, sql`now() - interval '5 minutes'`), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
    .limit(500);
  for (const { id } of stale) await ctx.queue.send(sendMailJob, { id });
});
