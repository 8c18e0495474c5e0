import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { Db } from '../../db/client.ts';
import { defineCron } from '../../platform/jobs/jobs.ts';
import { mailInbound } from './mail-inbound.table.ts';
import { inboundKeyOf, ingestMail, type MailDeps } from './mail-inbound.ts';

/**
 * Failed ingest attempts of one message before the poll gives up on it (flags it \Seen \Flagged and leaves it in
 * mail_inbound as failed). Without a limit, one message that always fails would be fetched and fail every minute.
 */
export const MAX_IMAP_ATTEMPTS = 5;

/** imap://user:pass@host:port/Mailbox (imaps:// for TLS) → imapflow options and the mailbox to read. */
export function parseImapUrl(url: string) {
  const u = new URL(url);
  if (u.protocol !== 'imap:' && u.protocol !== 'imaps:') throw new Error(`UNYO_MAIL_IMAP_URL must be imap:// or imaps://, got ${u.protocol}`);
  const secure = u.protocol === 'imaps:';
  return {
    options: {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 993 : 143,
      secure,
      auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
      logger: false as const,
    },
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

export type PollResult = { seen: number; ingested: number; failed: number; tooLarge: number; givenUp: number };
type Envelope = { key: string | null; from: string | null; subject: string | null; size: number };

/**
 * One pass over the mailbox: every unseen message is ingested in its own transaction, and only after that
 * committed is it flagged \Seen (and moved, if UNYO_MAIL_IMAP_MOVE_TO is set). A message that fails stays unseen
 * for the next pass and does not hold up the others; a crash between commit and flag is harmless, since the
 * Message-ID was claimed and the re-read is ignored as a duplicate. Sizes are read first (IMAP RFC822.SIZE): a
 * message over UNYO_MAIL_MAX_MB is never downloaded, only logged as dropped (too_large) and flagged.
 */
export async function pollImapMailbox(deps: MailDeps): Promise<PollResult> {
  const cfg = deps.config.mailChannel;
  const result: PollResult = { seen: 0, ingested: 0, failed: 0, tooLarge: 0, givenUp: 0 };
  if (!cfg.imapUrl) return result;
  const log = deps.log ?? ((m: string) => console.info(m));
  const { options, mailbox } = parseImapUrl(cfg.imapUrl);
  const client = new ImapFlow(options);
  client.on('error', (err: Error) => log(`[mail] IMAP error: ${err.message}`));
  await client.connect();
  // Left in the mailbox, read and flagged, for a person to look at; never fetched again.
  const setAside = (uid: number) => client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const uids = ((await client.search({ seen: false }, { uid: true })) || []).sort((a, b) => a - b);
      result.seen = uids.length;
      if (uids.length === 0) return result;
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : '0';
      const envelopes = new Map<number, Envelope>();
      for (const m of await client.fetchAll(uids.join(','), { uid: true, size: true, envelope: true }, { uid: true })) {
        envelopes.set(m.uid, {
          key: m.envelope?.messageId?.trim() || null,
          from: m.envelope?.from?.[0]?.address?.toLowerCase() ?? null,
          subject: m.envelope?.subject?.slice(0, 300) ?? null,
          size: m.size ?? 0,
        });
      }
      for (const uid of uids) {
        const env = envelopes.get(uid);
        if (!env) continue; // expunged meanwhile
        if (env.size > cfg.maxMailBytes) {
          await recordInbound(deps.db, env.key ?? `<imap-${uidValidity}-${uid}@too-large>`, env, 'dropped', 'too_large');
          await setAside(uid);
          result.tooLarge++;
          log(`[mail] IMAP message uid ${uid} (${env.size} bytes) is over the limit, dropped without fetching it`);
          continue;
        }
        let raw: Buffer | undefined;
        try {
          const msg = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
          if (msg === false || !msg.source) throw new Error(`message uid ${uid} vanished`);
          raw = msg.source;
          const internal = msg.internalDate ? new Date(msg.internalDate) : undefined;
          await ingestMail(deps, raw, { source: 'imap', receivedAt: internal && !Number.isNaN(internal.getTime()) ? internal : undefined });
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          if (cfg.imapMoveTo) await client.messageMove(String(uid), cfg.imapMoveTo, { uid: true });
          result.ingested++;
        } catch (err) {
          result.failed++;
          const why = String((err as Error)?.message ?? err).slice(0, 300);
          // The same key ingest claims with, so that a later successful attempt takes this row over.
          const key = env.key ?? (raw ? inboundKeyOf(null, raw) : `<imap-${uidValidity}-${uid}@no-message-id>`);
          const attempts = await recordInbound(deps.db, key, env, 'failed', why).catch(() => 0);
          if (attempts >= MAX_IMAP_ATTEMPTS) {
            await setAside(uid).catch(() => undefined);
            result.givenUp++;
            log(`[mail] IMAP message uid ${uid} failed ${attempts} times, flagged and not retried: ${why}`);
          } else {
            log(`[mail] IMAP message uid ${uid} failed (attempt ${attempts}), left unseen: ${why}`);
          }
        }
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return result;
}

/**
 * Logs a message the poll did not ingest, outside any ingest transaction (that one rolled back). A failure counts one
 * more attempt on an existing failed row; a row that was filed meanwhile is left alone. Returns the attempts so far.
 */
async function recordInbound(db: Db, key: string, env: Envelope, outcome: 'dropped' | 'failed', reason: string): Promise<number> {
  const insert = db.insert(mailInbound).values({
    messageId: key,
    source: 'imap',
    fromAddress: env.from,
    subject: env.subject,
    size: env.size,
    outcome,
    reason,
    attempts: outcome === 'failed' ? 1 : 0,
  });
  const [row] = await (outcome === 'failed'
    ? insert.onConflictDoUpdate({
        target: mailInbound.messageId,
        set: { attempts: sql`${mailInbound.attempts} + 1`, reason },
        setWhere: sql`${mailInbound.outcome} = 'failed'`,
      })
    : insert.onConflictDoNothing()
  ).returning({ attempts: mailInbound.attempts });
  return row?.attempts ?? 0;
}

/** Every minute (the 12 h mail-answer target, S-4-6-1-6, needs no faster); a no-op unless UNYO_MAIL_IMAP_URL is set. */
export const imapPollCron = defineCron('servicedesk.imap-poll', '* * * * *', async (ctx) => {
  const r = await pollImapMailbox({ db: ctx.db, config: ctx.config, queue: ctx.queue, log: ctx.log });
  if (r.seen > 0) {
    ctx.log(`${r.ingested} of ${r.seen} unseen messages ingested, ${r.failed} failed (${r.givenUp} given up), ${r.tooLarge} too large`);
  }
  if (r.failed > r.givenUp && r.ingested === 0) throw new Error(`${r.failed} message(s) could not be ingested`);
});

export const mailChannelJobs = [imapPollCron];
