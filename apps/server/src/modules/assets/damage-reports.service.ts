import { type DamageReportCreateInput, type DamageReportUpdateInput, damageKinds, type Locale } from '@unyo/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { AppError, invalidField, notFound } from '../../platform/http/errors.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { findPersonById } from '../org/people.repo.ts';
import { assetDamageReports, hardwareAssets } from './assets.table.ts';
import { damageReportPolicy } from './damage-reports.presenter.ts';
import { findNoticeRecipient } from './damage-reports.repo.ts';

/**
 * The notice goes out in English to people at overseas offices and to people whose name is recorded
 * in Latin letters only (locally hired staff); everyone else gets Japanese.
 */
export function noticeLocale(p: { siteKind: string; nameKanji: string }): Locale {
  return p.siteKind === 'overseas' || !/[\u3040-\u30ff\u3400-\u9fff]/.test(p.nameKanji) ? 'en' : 'ja';
}

function formatAt(d: Date, locale: Locale, timeZone: string): string {
  const text = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
  return `${text} (${timeZone})`;
}

/**
 * Records a theft / loss / damage report (2.1.i) in one transaction: the report, the asset marked
 * lost for theft and loss, and the procedure notice to the user in the outbox (user_notified_at is
 * when it was queued). Damage leaves the status alone: whether it goes to repair is the operator's call.
 */
export async function createDamageReport(ctx: Ctx, input: DamageReportCreateInput): Promise<string> {
  return inTransaction(ctx.db, async (scope) => {
    const { tx } = scope;
    const [asset] = await tx
      .select({
        id: hardwareAssets.id,
        assetNumber: hardwareAssets.assetNumber,
        name: hardwareAssets.name,
        status: hardwareAssets.status,
        siteId: hardwareAssets.siteId,
        userId: hardwareAssets.userId,
      })
      .from(hardwareAssets)
      .where(and(eq(hardwareAssets.id, input.assetId), siteScope(ctx.actor, hardwareAssets.siteId)))
      .for('update');
    if (!asset) throw invalidField('assetId', 'error.unknown_reference');
    // An explicit person must be visible to the operator; the asset's own user is taken as recorded.
    if (input.personId && !(await findPersonById(tx, input.personId, ctx.actor))) throw invalidField('personId', 'error.unknown_reference');
    const personId = input.personId === undefined ? asset.userId : input.personId;

    const [report] = await tx
      .insert(assetDamageReports)
      .values({
        assetId: asset.id,
        kind: input.kind,
        occurredAt: new Date(input.occurredAt),
        place: input.place ?? null,
        circumstances: input.circumstances,
        personId,
        notes: input.notes ?? null,
        supervisorFlag: true,
        createdById: ctx.actor.userId,
      })
      .returning();

    if (input.kind !== 'damage' && asset.status !== 'lost') {
      await tx
        .update(hardwareAssets)
        .set({ status: 'lost', version: sql`${hardwareAssets.version} + 1`, updatedAt: sql`now()` })
        .where(eq(hardwareAssets.id, asset.id));
      await writeAudit(tx, auditCtx(ctx), {
        action: 'asset.updated',
        entityType: 'asset',
        entityId: asset.id,
        siteId: asset.siteId,
        before: { status: asset.status },
        after: { status: 'lost', damageReportId: report.id },
      });
    }

    let notice: { userNotifiedAt: Date; noticeMailId: string } | null = null;
    const person = personId ? await findNoticeRecipient(tx, personId) : null;
    if (person?.email) {
      const locale = noticeLocale(person);
      const kind = damageKinds.items.find((k) => k.value === input.kind)!;
      const mailId = await enqueueMail(scope, ctx.queue, {
        to: person.email,
        template: 'asset.damage-notice',
        locale,
        vars: {
          name: locale === 'en' ? (person.nameRomaji ?? person.nameKanji) : person.nameKanji,
          kind: input.kind,
          kindJa: kind.ja,
          kindEn: kind.en,
          assetNumber: asset.assetNumber,
          assetName: asset.name,
          occurredAt: formatAt(new Date(input.occurredAt), locale, person.timeZone),
          place: input.place ?? null,
          reportId: report.id,
        },
      });
      notice = { userNotifiedAt: new Date(), noticeMailId: mailId };
      await tx.update(assetDamageReports).set(notice).where(eq(assetDamageReports.id, report.id));
    }
    await writeAudit(tx, auditCtx(ctx), {
      action: 'damage-report.created',
      entityType: 'damage-report',
      entityId: report.id,
      siteId: asset.siteId,
      after: { ...report, ...notice },
    });
    return report.id;
  });
}

async function lockReport(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ report: assetDamageReports, siteId: hardwareAssets.siteId })
    .from(assetDamageReports)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, assetDamageReports.assetId))
    .where(and(eq(assetDamageReports.id, id), siteScope(ctx.actor, hardwareAssets.siteId)))
    .for('update', { of: assetDamageReports });
  if (!row) throw notFound();
  return row;
}

/** Follow-up timestamps (reported to the staff in charge, the user's report received) and notes. */
export async function updateDamageReport(ctx: Ctx, id: string, input: DamageReportUpdateInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const { report: before, siteId } = await lockReport({ ...ctx, db: tx }, id);
    const set: Partial<typeof assetDamageReports.$inferInsert> = {};
    if (input.reportedToStaffAt !== undefined) set.reportedToStaffAt = input.reportedToStaffAt ? new Date(input.reportedToStaffAt) : null;
    if (input.userReportReceivedAt !== undefined) set.userReportReceivedAt = input.userReportReceivedAt ? new Date(input.userReportReceivedAt) : null;
    if (input.userNotifiedAt !== undefined) set.userNotifiedAt = input.userNotifiedAt ? new Date(input.userNotifiedAt) : null;
    if (input.notes !== undefined) set.notes = input.notes;
    if (Object.keys(set).length === 0) return;
    const [after] = await tx
      .update(assetDamageReports)
      .set({ ...set, version: sql`${assetDamageReports.version} + 1`, updatedAt: sql`now()` })
      .where(eq(assetDamageReports.id, id))
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'damage-report.updated', entityType: 'damage-report', entityId: id, siteId, before, after });
  });
}

/** The staff in charge have taken the report in: the supervisor flag is cleared. */
export async function confirmDamageReport(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const { report: before, siteId } = await lockReport({ ...ctx, db: tx }, id);
    if (!damageReportPolicy.confirm(ctx.actor, before)) {
      if (!before.supervisorFlag) return;
      throw new AppError(403, 'problem.forbidden', [{ path: 'supervisorFlag', key: 'error.supervisor_only' }]);
    }
    const reportedToStaffAt = before.reportedToStaffAt ?? new Date();
    await tx
      .update(assetDamageReports)
      .set({
        supervisorFlag: false,
        reportedToStaffAt,
        version: sql`${assetDamageReports.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(assetDamageReports.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'damage-report.confirmed',
      entityType: 'damage-report',
      entityId: id,
      siteId,
      before: { supervisorFlag: true, reportedToStaffAt: before.reportedToStaffAt, assetId: before.assetId, kind: before.kind },
      after: { supervisorFlag: false, reportedToStaffAt, assetId: before.assetId, kind: before.kind },
    });
  });
}
