import type { NoticeInput } from '@unyo/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { AppError, type FieldError, forbidden, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { sites } from '../org/org.table.ts';
import { noticeSites, notices } from './knowledge.table.ts';
import { noticeBroadcastJob } from './notices.broadcast.ts';
import { noticePolicy } from './notices.presenter.ts';
import { countRecipients, findNoticeById } from './notices.repo.ts';

/**
 * Japanese is always required (title and body); English is a complete pair or absent, and required as soon as an
 * overseas office is among the targets — "all sites" included when an overseas site exists.
 */
async function validate(ctx: Ctx, tx: Db, input: NoticeInput): Promise<void> {
  const errors: FieldError[] = [];
  if (!input.ja.title) errors.push({ path: 'ja.title', key: 'error.required' });
  if (!input.ja.body) errors.push({ path: 'ja.body', key: 'error.required' });
  if (input.targetAll && ctx.actor.visibleSiteIds !== null) throw forbidden();
  if (!input.targetAll && input.siteIds.length === 0) errors.push({ path: 'siteIds', key: 'error.required' });
  const targeted = input.targetAll
    ? await tx.select({ id: sites.id, kind: sites.kind }).from(sites).where(eq(sites.kind, 'overseas')).limit(1)
    : input.siteIds.length > 0
      ? await tx
          .select({ id: sites.id, kind: sites.kind })
          .from(sites)
          .where(and(inArray(sites.id, input.siteIds), siteScope(ctx.actor, sites.id)))
      : [];
  if (!input.targetAll) {
    const known = new Set(targeted.map((s) => s.id));
    input.siteIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ path: `siteIds.${i}`, key: 'error.unknown_reference' });
    });
  }
  const overseas = targeted.some((s) => s.kind === 'overseas');
  const { title: enTitle, body: enBody } = input.en;
  if ((overseas || enTitle || enBody) && !enTitle) errors.push({ path: 'en.title', key: overseas ? 'error.required_overseas' : 'error.required' });
  if ((overseas || enTitle || enBody) && !enBody) errors.push({ path: 'en.body', key: overseas ? 'error.required_overseas' : 'error.required' });
  if (input.publishUntil && new Date(input.publishUntil) <= new Date(input.publishFrom)) {
    errors.push({ path: 'publishUntil', key: 'error.invalid' });
  }
  if (errors.length > 0) throw new AppError(422, 'problem.validation', errors);
}

function valuesOf(input: NoticeInput) {
  return {
    titleJa: input.ja.title!,
    bodyJa: input.ja.body!,
    titleEn: input.en.title ?? null,
    bodyEn: input.en.body ?? null,
    severity: input.severity,
    status: input.status,
    targetAll: input.targetAll,
    publishFrom: new Date(input.publishFrom),
    publishUntil: input.publishUntil ? new Date(input.publishUntil) : null,
  };
}

export async function createNotice(ctx: Ctx, input: NoticeInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await validate(ctx, tx, input);
    const [row] = await tx
      .insert(notices)
      .values({ ...valuesOf(input), createdById: ctx.actor.userId })
      .returning();
    if (!input.targetAll) await tx.insert(noticeSites).values(input.siteIds.map((siteId) => ({ noticeId: row.id, siteId })));
    await writeAudit(tx, auditCtx(ctx), { action: 'notice.created', entityType: 'notice', entityId: row.id, after: { ...row, siteIds: input.siteIds } });
    return row.id;
  });
}

async function lockNotice(ctx: Ctx, tx: Db, id: string) {
  const before = await findNoticeById(tx, id, ctx.actor);
  if (!before) throw notFound();
  await tx.select({ id: notices.id }).from(notices).where(eq(notices.id, id)).for('update');
  return before;
}

export async function updateNotice(ctx: Ctx, id: string, input: NoticeInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await lockNotice(ctx, tx, id);
    if (!noticePolicy.update(ctx.actor, before)) throw forbidden();
    if (expected !== null && expected !== before.version) throw preconditionFailed();
    await validate(ctx, tx, input);
    const [after] = await tx
      .update(notices)
      .set({ ...valuesOf(input), version: sql`${notices.version} + 1`, updatedAt: new Date() })
      .where(eq(notices.id, id))
      .returning();
    await tx.delete(noticeSites).where(eq(noticeSites.noticeId, id));
    if (!input.targetAll) await tx.insert(noticeSites).values(input.siteIds.map((siteId) => ({ noticeId: id, siteId })));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'notice.updated',
      entityType: 'notice',
      entityId: id,
      before: { ...before, siteIds: before.sites.map((s) => s.id) },
      after: { ...after, siteIds: input.siteIds },
    });
  });
}

/**
 * Requests the mail broadcast of a published notice. A notice is broadcast once: asking again returns its progress
 * and mails nobody. The job fans out in batches (notices.broadcast.ts). A notice whose publish window has not
 * started is scheduled: it stays queued and the job starts with the window (the portal shows it from then on too),
 * so nobody is mailed about a notice they cannot open yet.
 */
export async function requestBroadcast(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx, afterCommit }) => {
    const before = await lockNotice(ctx, tx, id);
    if (!noticePolicy.update(ctx.actor, before)) throw forbidden();
    if (before.broadcastStatus !== 'none') return;
    if (before.status !== 'published') throw new AppError(409, 'problem.notice_not_published', [{ path: 'status', key: 'error.notice_not_published' }]);
    const total = await countRecipients(tx, before);
    const now = new Date();
    await tx
      .update(notices)
      .set({ broadcastStatus: 'queued', broadcastRequestedAt: now, broadcastRequestedById: ctx.actor.userId, broadcastTotal: total })
      .where(eq(notices.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'notice.broadcast-requested',
      entityType: 'notice',
      entityId: id,
      before: { broadcastStatus: 'none' },
      after: { broadcastStatus: 'queued', broadcastTotal: total },
    });
    const wait = Math.ceil((before.publishFrom.getTime() - now.getTime()) / 1000);
    afterCommit(() => ctx.queue.send(noticeBroadcastJob, { noticeId: id }, wait > 0 ? { startAfterSeconds: wait } : {}));
  });
}
