import { noticeSeverities } from '@unyo/contracts';
import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { defineCron, defineJob, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { noticeLocale } from '../assets/damage-reports.service.ts';
import { notices } from './knowledge.table.ts';
import { findRecipientBatch } from './notices.repo.ts';

/** Mails written per transaction: progress becomes visible batch by batch and a crash loses at most one batch. */
export const BROADCAST_BATCH = 200;

/**
 * Mails the next batch of a requested broadcast. The notice row is locked and the cursor (last person mailed) moves
 * in the same transaction as the outbox rows, so concurrent or retried jobs never mail anyone twice.
 * Returns whether more batches remain.
 */
export async function sendBroadcastBatch(db: Db, config: Config, queue: JobQueue, noticeId: string, batchSize = BROADCAST_BATCH): Promise<boolean> {
  return inTransaction(db, async (scope) => {
    const { tx } = scope;
    const [n] = await tx.select().from(notices).where(eq(notices.id, noticeId)).for('update');
    if (!n || (n.broadcastStatus !== 'queued' && n.broadcastStatus !== 'sending')) return false;
    // Withdrawing (or un-publishing) a notice stops its broadcast: the remaining people are not mailed a notice the
    // portal no longer shows. The broadcast ends as done with what was sent; the sweep then leaves it alone.
    if (n.status !== 'published') {
      await tx.update(notices).set({ broadcastStatus: 'done', broadcastFinishedAt: new Date() }).where(eq(notices.id, noticeId));
      await writeAudit(
        tx,
        { actor: systemActor, requestId: null },
        { action: 'notice.broadcast-stopped', entityType: 'notice', entityId: noticeId, after: { sent: n.broadcastSent, status: n.status } },
      );
      return false;
    }
    // Scheduled for the start of the publish window (a job that runs early, or a window moved later, waits for the
    // sweep after the new start).
    if (n.publishFrom.getTime() > Date.now()) return false;
    const batch = await findRecipientBatch(tx, n, n.broadcastCursor, batchSize);
    const severity = noticeSeverities.items.find((s) => s.value === n.severity)!;
    for (const p of batch) {
      // Only English when the notice has it; notices to overseas sites always do (validated on save).
      const locale = noticeLocale(p) === 'en' && n.titleEn ? 'en' : 'ja';
      await enqueueMail(scope, queue, {
        to: p.email!,
        template: 'notice.broadcast',
        locale,
        vars: {
          name: locale === 'en' ? (p.nameRomaji ?? p.nameKanji) : p.nameKanji,
          title: locale === 'en' ? n.titleEn! : n.titleJa,
          body: locale === 'en' ? (n.bodyEn ?? '') : n.bodyJa,
          severity: locale === 'en' ? severity.en : severity.ja,
          url: `${config.publicUrl}/portal`,
        },
      });
    }
    const done = batch.length < batchSize;
    const sent = n.broadcastSent + batch.length;
    await tx
      .update(notices)
      .set({
        broadcastSent: sent,
        broadcastCursor: batch.length > 0 ? batch[batch.length - 1].id : n.broadcastCursor,
        broadcastStatus: done ? 'done' : 'sending',
        broadcastFinishedAt: done ? new Date() : null,
        // The total was counted at the request; people added since are mailed too.
        broadcastTotal: sql`greatest(${notices.broadcastTotal}, ${sent})`,
      })
      .where(eq(notices.id, noticeId));
    if (done) {
      await writeAudit(
        tx,
        { actor: systemActor, requestId: null },
        { action: 'notice.broadcast-finished', entityType: 'notice', entityId: noticeId, after: { sent } },
      );
    }
    return !done;
  });
}

export const noticeBroadcastJob = defineJob('knowledge.notice-broadcast', z.object({ noticeId: z.uuid() }), async ({ noticeId }, ctx) => {
  let batches = 0;
  while (await sendBroadcastBatch(ctx.db, ctx.config, ctx.queue, noticeId)) batches++;
  ctx.log(`notice ${noticeId}: ${batches + 1} batch(es)`);
});

/**
 * Picks up broadcasts whose job was lost (crash between commit and enqueue) or whose scheduled start has come; the
 * cursor makes a rerun safe.
 */
export const noticeBroadcastSweep = defineCron('knowledge.notice-broadcast-sweep', '*/10 * * * *', async (ctx) => {
  const stale = await ctx.db
    .select({ id: notices.id })
    .from(notices)
    .where(
      and(
        inArray(notices.broadcastStatus, ['queued', 'sending']),
        lt(notices.broadcastRequestedAt, sql`now() - interval '10 minutes'`),
        lte(notices.publishFrom, sql`now()`),
      ),
    );
  for (const { id } of stale) await ctx.queue.send(noticeBroadcastJob, { noticeId: id });
});
