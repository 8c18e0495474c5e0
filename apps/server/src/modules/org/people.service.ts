import type { PersonCreateInput, PersonUpdateInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { findDepartmentById } from './departments.repo.ts';
import { assertSiteUsable } from './org.service.ts';
import { people } from './org.table.ts';
import { findPersonById } from './people.repo.ts';

async function assertDepartmentFits(tx: Db, ctx: Ctx, departmentId: string | null | undefined, siteId: string) {
  if (!departmentId) return;
  const dept = await findDepartmentById(tx, departmentId, ctx.actor);
  if (!dept) throw invalidField('departmentId', 'error.unknown_reference');
  if (dept.siteId !== siteId) throw invalidField('departmentId', 'error.department_site');
}

function stripRefs<T extends { site?: unknown; department?: unknown }>(row: T) {
  const { site: _s, department: _d, ...rest } = row;
  return rest;
}

/** The audit trail records the person, not the trigger-kept search grams. */
function auditedPerson<T extends { searchGrams?: unknown }>(row: T) {
  const { searchGrams: _g, ...rest } = row;
  return rest;
}

export async function createPerson(ctx: Ctx, input: PersonCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    await assertSiteUsable(tx, ctx, input.siteId);
    await assertDepartmentFits(tx, ctx, input.departmentId, input.siteId);
    const [row] = await tx.insert(people).values(input).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'person.created', entityType: 'person', entityId: row.id, siteId: row.siteId, after: auditedPerson(row) });
    return row.id;
  });
}

export async function updatePerson(ctx: Ctx, id: string, input: PersonUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const current = await findPersonById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const before = stripRefs(current);
    const siteId = input.siteId ?? before.siteId;
    if (siteId !== before.siteId) await assertSiteUsable(tx, ctx, siteId);
    const departmentId = input.departmentId === undefined ? before.departmentId : input.departmentId;
    if (departmentId !== before.departmentId || siteId !== before.siteId) await assertDepartmentFits(tx, ctx, departmentId, siteId);
    const startDate = input.startDate === undefined ? before.startDate : input.startDate;
    const endDate = input.endDate === undefined ? before.endDate : input.endDate;
    if (startDate && endDate && startDate > endDate) throw invalidField('endDate', 'error.end_before_start');
    const after = await updateVersioned(tx, people, before, expected, input);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'person.updated',
      entityType: 'person',
      entityId: id,
      siteId: after.siteId,
      before: auditedPerson(before),
      after: auditedPerson(after),
    });
    return id;
  });
}

export async function deletePerson(ctx: Ctx, id: string) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findPersonById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const before = stripRefs(current);
    await tx.delete(people).where(eq(people.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'person.deleted', entityType: 'person', entityId: id, siteId: before.siteId, before: auditedPerson(before) });
  });
}
