import { compactDetails, detailSchemaFor, type ResolutionCode, type TicketReferralDepartmentDto, type TicketStatus } from '@unyo/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError, type FieldError, invalidField } from '../../platform/http/errors.ts';
import { departments } from '../org/org.table.ts';
import { findCategoryById } from './ticket-categories.repo.ts';
import { type TicketRow, ticketEvents } from './tickets.table.ts';

/**
 * What the spec's "System:" lines add to a ticket beyond the reception record: category-specific details (5.4.a,
 * 5.6.a), the resolution code with the referred department (5.1.b, 5.4.a) and the vendor's reference of an
 * escalation (5.3.a, 5.4.c, 5.5.a).
 */

/**
 * The details object checked against a category's schema (ticket-details.ts), without empty fields. A category
 * without a schema accepts only an empty object; errors point at `details.<field>`.
 */
export async function checkDetails(db: Db, categoryId: string | null, details: Record<string, unknown>): Promise<Record<string, unknown>> {
  const category = categoryId ? await findCategoryById(db, categoryId) : null;
  const schema = detailSchemaFor(category?.code);
  const filled = compactDetails(details);
  if (!schema) {
    if (Object.keys(filled).length > 0) throw invalidField('details', 'error.details_not_allowed');
    return {};
  }
  const parsed = schema.safeParse(details);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => {
      const key = i.code === 'unrecognized_keys' ? i.keys[0] : i.path.join('.');
      return { path: key ? `details.${key}` : 'details', key: 'error.invalid' };
    });
    throw new AppError(422, 'problem.validation', errors);
  }
  return compactDetails(parsed.data);
}

/**
 * The details to keep when a ticket moves to another category: they stay if they fit the new category's schema,
 * otherwise they are dropped (the fields_changed event keeps the old values).
 */
export async function detailsAfterCategoryChange(db: Db, categoryId: string | null, details: Record<string, unknown>) {
  try {
    return await checkDetails(db, categoryId, details);
  } catch (e) {
    if (e instanceof AppError) return {};
    throw e;
  }
}

export type Resolution = { resolutionCode: ResolutionCode; resolutionDepartmentId: string | null };
type ResolutionInput = { resolutionCode?: ResolutionCode; resolutionDepartmentId?: string };

/**
 * The resolution recorded with a move to `to`: resolving without a code means it was answered; closing without one
 * keeps the code given at resolution (null = leave as is). A referral goes to the department chosen, else to the
 * owner department of the ticket's category (5.1.b).
 */
export async function resolutionFor(db: Db, row: TicketRow, to: TicketStatus, input: ResolutionInput): Promise<Resolution | null> {
  const code = input.resolutionCode ?? (to === 'resolved' ? 'answered' : null);
  if (!code || (to !== 'resolved' && to !== 'closed')) return null;
  if (code !== 'referred') return { resolutionCode: code, resolutionDepartmentId: null };
  let deptId = input.resolutionDepartmentId ?? null;
  if (!deptId && row.categoryId) deptId = (await findCategoryById(db, row.categoryId))?.ownerDepartmentId ?? null;
  if (!deptId) throw invalidField('resolutionDepartmentId', 'error.resolution_department_required');
  const [d] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, deptId), eq(departments.active, true)));
  if (!d) throw invalidField('resolutionDepartmentId', 'error.unknown_reference');
  return { resolutionCode: code, resolutionDepartmentId: deptId };
}

export type TicketExtras = { vendorReference: string | null; resolutionDepartment: TicketReferralDepartmentDto | null };

/** The detail view's extras: the open escalation's vendor reference (from its event) and the referred department. */
export async function findTicketExtras(db: Db, row: Pick<TicketRow, 'id' | 'escalationVendor' | 'resolutionDepartmentId'>): Promise<TicketExtras> {
  const [started] = row.escalationVendor
    ? await db
        .select({ data: ticketEvents.data })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, row.id), eq(ticketEvents.type, 'escalation_started')))
        .orderBy(desc(ticketEvents.seq))
        .limit(1)
    : [];
  const ref = (started?.data as { vendorReference?: unknown } | undefined)?.vendorReference;
  const [dept] = row.resolutionDepartmentId
    ? await db
        .select({ id: departments.id, code: departments.code, nameJa: departments.nameJa, nameEn: departments.nameEn, mail: departments.mail })
        .from(departments)
        .where(eq(departments.id, row.resolutionDepartmentId))
    : [];
  return { vendorReference: typeof ref === 'string' ? ref : null, resolutionDepartment: dept ?? null };
}
