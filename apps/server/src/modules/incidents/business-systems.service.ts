import type { BusinessSystemCreateInput, BusinessSystemDto, BusinessSystemUpdateInput, IncidentBusinessSystemRef } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { AppError, invalidField, notFound } from '../../platform/http/errors.ts';
import { iso } from '../org/org.presenter.ts';
import { departments } from '../org/org.table.ts';
import { type BusinessSystemRow, type BusinessSystemWithRefs, findBusinessSystemById } from './business-systems.repo.ts';
import { businessSystems } from './business-systems.table.ts';
import { incidents } from './incidents.table.ts';

export function presentBusinessSystem(row: BusinessSystemWithRefs, actor: Actor): BusinessSystemDto {
  const manage = can(actor, 'business-system.manage');
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    department: row.department,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    contractor: row.contractor,
    contractorContact: row.contractorContact,
    notes: row.notes,
    active: row.active,
    incidentCount: row.incidentCount,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: { update: manage, delete: manage && row.incidentCount === 0 },
  };
}

export const presentIncidentBusinessSystem = (row: BusinessSystemRow & { department: { nameJa: string; nameEn: string } }): IncidentBusinessSystemRef => ({
  id: row.id,
  code: row.code,
  name: row.name,
  nameEn: row.nameEn,
  departmentName: row.department.nameJa,
  departmentNameEn: row.department.nameEn,
  contactName: row.contactName,
  contactPhone: row.contactPhone,
  contactEmail: row.contactEmail,
  contractor: row.contractor,
  contractorContact: row.contractorContact,
});

async function checkDepartment(tx: Db, departmentId: string | undefined) {
  if (!departmentId) return;
  const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, departmentId));
  if (!d) throw invalidField('departmentId', 'error.unknown_reference');
}

export async function createBusinessSystem(ctx: Ctx, input: BusinessSystemCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkDepartment(tx, input.departmentId);
    const [row] = await tx
      .insert(businessSystems)
      .values({
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        departmentId: input.departmentId,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail ?? null,
        contractor: input.contractor ?? null,
        contractorContact: input.contractorContact ?? null,
        notes: input.notes ?? null,
        active: input.active,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'business-system.created', entityType: 'business-system', entityId: row.id, after: row });
    return row.id;
  });
}

export async function updateBusinessSystem(ctx: Ctx, id: string, input: BusinessSystemUpdateInput, expected: number | null) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findBusinessSystemById(tx, id, 'update');
    if (!current) throw notFound();
    await checkDepartment(tx, input.departmentId);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    const after = await updateVersioned(tx, businessSystems, current, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'business-system.updated', entityType: 'business-system', entityId: id, before: current, after });
  });
}

/** Deletes a system no incident points at; a referenced one is kept for history (deactivate it instead). */
export async function deleteBusinessSystem(ctx: Ctx, id: string, expected: number | null) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findBusinessSystemById(tx, id, 'update');
    if (!current) throw notFound();
    if (expected !== null && expected !== current.version) throw invalidField('version', 'error.invalid');
    const [used] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.businessSystemId, id)).limit(1);
    if (used) throw new AppError(409, 'problem.conflict', [{ path: '', key: 'error.in_use' }]);
    await tx.delete(businessSystems).where(eq(businessSystems.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'business-system.deleted', entityType: 'business-system', entityId: id, before: current });
  });
}
