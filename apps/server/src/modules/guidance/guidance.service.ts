import type { GuidanceLogCreateInput, GuidanceLogUpdateInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { sites } from '../org/org.table.ts';
import { findGuidanceLogById } from './guidance.repo.ts';
import { guidanceLogs } from './guidance.table.ts';

async function assertSite(tx: Db, ctx: Ctx, siteId: string) {
  if (!canSeeSite(ctx.actor, siteId)) throw invalidField('siteId', 'error.out_of_scope');
  const [s] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
  if (!s) throw invalidField('siteId', 'error.unknown_reference');
}

const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

export async function createGuidanceLog(ctx: Ctx, input: GuidanceLogCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await assertSite(tx, ctx, input.siteId);
    const [row] = await tx
      .insert(guidanceLogs)
      .values({
        ...input,
        heldAt: new Date(input.heldAt),
        endsAt: toDate(input.endsAt) ?? null,
        attendees: input.attendees ?? null,
        attendeeCount: input.attendeeCount ?? null,
        topic: input.topic ?? null,
        staffAgreedBy: input.staffAgreedBy ?? null,
        staffAgreedOn: input.staffAgreedOn ?? null,
        note: input.note ?? null,
        createdById: ctx.actor.userId,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'guidance-log.created', entityType: 'guidance-log', entityId: row.id, siteId: row.siteId, after: row });
    return row.id;
  });
}

export async function updateGuidanceLog(ctx: Ctx, id: string, input: GuidanceLogUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findGuidanceLogById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    const { site: _s, timeZone: _z, ...before } = current;
    if (input.siteId !== undefined && input.siteId !== before.siteId) await assertSite(tx, ctx, input.siteId);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    if (input.heldAt !== undefined) values.heldAt = new Date(input.heldAt);
    if (input.endsAt !== undefined) values.endsAt = toDate(input.endsAt);
    const heldAt = (values.heldAt as Date | undefined) ?? new Date(before.heldAt);
    const endsAt = values.endsAt === undefined ? before.endsAt : (values.endsAt as Date | null);
    if (endsAt && new Date(endsAt) < heldAt) throw invalidField('endsAt', 'error.end_before_start');
    const after = await updateVersioned(tx, guidanceLogs, before, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'guidance-log.updated', entityType: 'guidance-log', entityId: id, siteId: after.siteId, before, after });
  });
}

export async function deleteGuidanceLog(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findGuidanceLogById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    const { site: _s, timeZone: _z, ...before } = current;
    if (expected !== null && expected !== before.version) throw preconditionFailed();
    await tx.delete(guidanceLogs).where(eq(guidanceLogs.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'guidance-log.deleted', entityType: 'guidance-log', entityId: id, siteId: before.siteId, before });
  });
}
