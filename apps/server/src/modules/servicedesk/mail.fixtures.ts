import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { type Config, loadConfig } from '../../config.ts';
import type { Dovecot } from '../../test/dovecot.ts';
import type { TestApp } from '../../test/harness.ts';
import { mailInbound } from './mail-inbound.table.ts';
import { ticketEvents } from './tickets.table.ts';

// Shared setup of the mail-channel tests (mail-*.test.ts): the SMTP server our outbox delivers to, the config the app
// reads from env, an IMAP session on the Dovecot inbox and the rows the tests check.

/** A local SMTP server our outbox delivers to: keeps every raw mail it accepts, in order. */
export interface SmtpSink {
  sent: Buffer[];
  /** `smtp://127.0.0.1:<port>` for `config.mail.smtpUrl`. */
  url: string;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sent: Buffer[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, _s, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sent.push(Buffer.concat(chunks));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    sent,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The config the app would read with only UNYO_MAIL_FROM set: the base the tests override mail settings on. */
export const mailTestConfig = (from: string): Config => loadConfig({ UNYO_MAIL_FROM: from } as NodeJS.ProcessEnv);

/** Runs `fn` on the Dovecot INBOX with the mailbox locked, as a mail client of the help-desk account would. */
export async function withInbox<T>(dovecot: Dovecot, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await c.connect();
  try {
    const lock = await c.getMailboxLock('INBOX');
    try {
      return await fn(c);
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

/** A ticket's event log, oldest first. */
export const eventsOf = (t: TestApp, ticketId: string) =>
  t.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.seq));

/** The inbound-mail record of one Message-ID (what the listener or poller decided), if any. */
export const inboundRow = async (t: TestApp, messageId: string) => (await t.db.select().from(mailInbound).where(eq(mailInbound.messageId, messageId)))[0];

/** Unique Message-IDs `<tag-time-n@domain>`, so reruns against the same database never collide. */
export function messageIds(domain: string): (tag: string) => string {
  let n = 0;
  return (tag) => `<${tag}-${Date.now()}-${n++}@${domain}>`;
}
