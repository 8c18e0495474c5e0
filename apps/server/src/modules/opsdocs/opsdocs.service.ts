import type { Locale, OpsDocumentDto, OpsDocumentInput, OpsDocumentReviewInput, OpsDocumentUpdateInput } from '@unyo/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { type Actor, auditActorOf, can, systemActor } from '../../platform/auth/actor.ts';
import { localDateOf } from '../../platform/calendar/zoned-time.ts';
import { files } from '../../platform/files/files.table.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { defineCron, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { users } from '../access/access.table.ts';
import { iso } from '../org/org.presenter.ts';
import { minusMonths } from '../software/versions.ts';
import { opsDocumentReviews, opsDocuments } from './opsdocs.table.ts';

type DocRow = typeof opsDocuments.$inferSelect;
type ReviewRow = typeof opsDocumentReviews.$inferSelect;

/** A review is "due soon" this many days ahead, so the meeting before it can plan it. */
const DUE_SOON_DAYS = 30;

export const nextReviewOn = (d: Pick<DocRow, 'lastVerifiedOn' | 'reviewIntervalMonths'>) =>
  d.lastVerifiedOn ? minusMonths(d.lastVerifiedOn, -d.reviewIntervalMonths) : null;

function reviewState(next: string | null, today: string): 'ok' | 'due_soon' | 'overdue' {
  if (!next || next <= today) return 'overdue';
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  return next <= soon ? 'due_soon' : 'ok';
}

const today = (config: Config) => localDateOf(Date.now(), config.metrics.reportingTimeZone);

function present(row: DocRow, reviews: ReviewRow[], actor: Actor, todayDate: string): OpsDocumentDto {
  const next = nextReviewOn(row);
  return {
    id: row.id,
    kind: row.kind as OpsDocumentDto['kind'],
    title: row.title,
    docVersion: row.docVersion,
    fileId: row.fileId,
    owner: row.owner,
    reviewIntervalMonths: row.reviewIntervalMonths,
    lastVerifiedOn: row.lastVerifiedOn,
    nextReviewOn: next,
    reviewState: reviewState(next, todayDate),
    note: row.note,
    reviews: reviews.map((r) => ({
      id: r.id,
      verifiedOn: r.verifiedOn,
      verifiedBy: r.verifiedBy,
      result: r.result as 'no_change' | 'updated',
      fromVersion: r.fromVersion,
      toVersion: r.toVersion,
      note: r.note,
      createdAt: iso(r.createdAt)!,
    })),
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    abilities: { update: can(actor, 'ops-document.manage'), review: can(actor, 'ops-document.manage') },
  };
}

export async function listDocuments(ctx: Ctx): Promise<OpsDocumentDto[]> {
  const rows = await ctx.db.select().from(opsDocuments).orderBy(asc(opsDocuments.kind), asc(opsDocuments.title));
  const reviews = rows.length
    ? await ctx.db
        .select()
        .from(opsDocumentReviews)
        .where(
          inArray(
            opsDocumentReviews.documentId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(opsDocumentReviews.verifiedOn), desc(opsDocumentReviews.createdAt))
    : [];
  const t = today(ctx.config);
  return rows.map((r) =>
    present(
      r,
      reviews.filter((v) => v.documentId === r.id),
      ctx.actor,
      t,
    ),
  );
}

export async function getDocument(ctx: Ctx, id: string): Promise<OpsDocumentDto> {
  const [row] = await ctx.db.select().from(opsDocuments).where(eq(opsDocuments.id, id));
  if (!row) throw notFound();
  const reviews = await ctx.db
    .select()
    .from(opsDocumentReviews)
    .where(eq(opsDocumentReviews.documentId, id))
    .orderBy(desc(opsDocumentReviews.verifiedOn), desc(opsDocumentReviews.createdAt));
  return present(row, reviews, ctx.actor, today(ctx.config));
}

async function checkFile(tx: Db, fileId: string | null | undefined, path = 'fileId') {
  if (!fileId) return;
  const [f] = await tx.select({ id: files.id }).from(files).where(eq(files.id, fileId));
  if (!f) throw invalidField(path, 'error.unknown_reference');
}

export async function createDocument(ctx: Ctx, input: OpsDocumentInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkFile(tx, input.fileId);
    if (input.lastVerifiedOn && input.lastVerifiedOn > today(ctx.config)) throw invalidField('lastVerifiedOn', 'error.in_future');
    const [row] = await tx
      .insert(opsDocuments)
      .values({
        kind: input.kind,
        title: input.title,
        docVersion: input.docVersion,
        fileId: input.fileId ?? null,
        owner: input.owner ?? null,
        reviewIntervalMonths: input.reviewIntervalMonths,
        lastVerifiedOn: input.lastVerifiedOn ?? null,
        note: input.note ?? null,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'ops-document.created', entityType: 'ops-document', entityId: row.id, after: row });
    return row.id;
  });
}

export async function updateDocument(ctx: Ctx, id: string, input: OpsDocumentUpdateInput, expected: number | null) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [current] = await tx.select().from(opsDocuments).where(eq(opsDocuments.id, id)).for('update');
    if (!current) throw notFound();
    await checkFile(tx, input.fileId);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    const after = await updateVersioned(tx, opsDocuments, current, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'ops-document.updated', entityType: 'ops-document', entityId: id, before: current, after });
  });
}

/** Records a verification (1.1.d: at least yearly); it moves the next review date and, if updated, the version. */
export async function reviewDocument(ctx: Ctx, id: string, input: OpsDocumentReviewInput) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [current] = await tx.select().from(opsDocuments).where(eq(opsDocuments.id, id)).for('update');
    if (!current) throw notFound();
    if (input.verifiedOn > today(ctx.config)) throw invalidField('verifiedOn', 'error.in_future');
    if (input.result === 'updated' && !input.newVersion) throw invalidField('newVersion', 'error.required');
    if (input.result === 'updated' && input.newVersion === current.docVersion) throw invalidField('newVersion', 'error.same_version');
    await checkFile(tx, input.fileId);
    const toVersion = input.result === 'updated' ? input.newVersion! : current.docVersion;
    const [review] = await tx
      .insert(opsDocumentReviews)
      .values({
        documentId: id,
        verifiedOn: input.verifiedOn,
        verifiedBy: auditActorOf(ctx.actor).label,
        result: input.result,
        fromVersion: current.docVersion,
        toVersion,
        note: input.note ?? null,
      })
      .returning();
    const lastVerifiedOn = !current.lastVerifiedOn || input.verifiedOn > current.lastVerifiedOn ? input.verifiedOn : current.lastVerifiedOn;
    const after = await updateVersioned(tx, opsDocuments, current, null, {
      lastVerifiedOn,
      docVersion: toVersion,
      ...(input.fileId ? { fileId: input.fileId } : {}),
    });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'ops-document.reviewed',
      entityType: 'ops-document',
      entityId: id,
      before: current,
      after: { ...after, review },
    });
  });
}

/**
 * The yearly review reminder (1.1.d): a document never verified, or whose next review date has come, is reminded
 * to the administrators and the staff in charge (supervisors), once per due date, and the reminder is audited.
 */
export async function reviewReminderSweep(db: Db, queue: JobQueue, config: Config, now = new Date()) {
  const t = localDateOf(now.getTime(), config.metrics.reportingTimeZone);
  const rows = await db.select().from(opsDocuments);
  const due = rows.filter((r) => {
    const next = nextReviewOn(r) ?? t;
    return next <= t && r.remindedFor !== next;
  });
  let reminded = 0;
  for (const d of due) {
    await inTransaction(db, async (scope) => {
      const [row] = await scope.tx.select().from(opsDocuments).where(eq(opsDocuments.id, d.id)).for('update');
      const next = nextReviewOn(row) ?? t;
      if (next > t || row.remindedFor === next) return;
      const recipients = await scope.tx
        .select({ email: users.email, name: users.displayName, locale: users.locale })
        .from(users)
        .where(and(eq(users.active, true), sql`(${users.roles} && array['admin','supervisor']::text[])`));
      for (const r of recipients) {
        const locale: Locale = r.locale === 'en' ? 'en' : 'ja';
        await enqueueMail(scope, queue, {
          to: r.email,
          template: 'ops-document.review-due',
          locale,
          vars: {
            name: r.name,
            title: row.title,
            docVersion: row.docVersion,
            lastVerifiedOn: row.lastVerifiedOn ?? '—',
            dueOn: next,
            url: `${config.publicUrl.replace(/\/$/, '')}/ops-documents`,
          },
        });
      }
      await scope.tx.update(opsDocuments).set({ remindedFor: next }).where(eq(opsDocuments.id, row.id));
      await writeAudit(
        scope.tx,
        { actor: systemActor, requestId: null },
        {
          action: 'ops-document.review-reminded',
          entityType: 'ops-document',
          entityId: row.id,
          after: { dueOn: next, recipients: recipients.map((r) => r.email) },
        },
      );
      reminded++;
    });
  }
  return { checked: rows.length, reminded };
}

export const opsDocumentReviewSweep = defineCron('ops-documents.review-sweep', '10 6 * * *', async (ctx) => {
  const out = await reviewReminderSweep(ctx.db, ctx.queue, ctx.config);
  ctx.log(`ops documents: ${out.reminded} review reminders of ${out.checked}`);
});
