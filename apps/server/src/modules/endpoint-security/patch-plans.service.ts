import type { PatchPlanCreateInput, PatchPlanDeadlineState, PatchPlanDto, PatchPlanListQuery, PatchPlanMonthly, PatchPlanUpdateInput } from '@unyo/contracts';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { dateOfDayNumber, dayNumberOf } from '../../platform/calendar/zoned-time.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { loadEndpointSecuritySettings } from './endpoint-security.settings.ts';
import { patchPlans } from './endpoint-security.table.ts';
import { patchPlanApplication } from './patch-status.repo.ts';

type PlanRow = typeof patchPlans.$inferSelect;
type SiteRef = { id: string; code: string; nameJa: string; nameEn: string };

export const patchPlanPolicy: Policy<PlanRow> = {
  update: (a) => can(a, 'endpoint-security.manage'),
  delete: (a) => can(a, 'endpoint-security.manage'),
};

/** S-4-5-1-1: presented within `days` calendar days of the instruction is met; after it missed; not presented and not yet due, pending. */
export function deadlineOf(p: Pick<PlanRow, 'instructedOn' | 'presentedOn'>, days: number, today: string): { dueOn: string; state: PatchPlanDeadlineState } {
  const due = dayNumberOf(p.instructedOn) + days;
  const dueOn = dateOfDayNumber(due);
  if (p.presentedOn) return { dueOn, state: dayNumberOf(p.presentedOn) <= due ? 'met' : 'missed' };
  return { dueOn, state: dayNumberOf(today) > due ? 'missed' : 'pending' };
}

const todayIn = (timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date());

async function siteRefs(db: Db, ids: string[]): Promise<Map<string, SiteRef>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn }).from(sites).where(inArray(sites.id, ids));
  return new Map(rows.map((s) => [s.id, s]));
}

export async function presentPlans(db: Db, rows: PlanRow[], actor: Actor, timeZone: string): Promise<PatchPlanDto[]> {
  const { planDeadlineDays } = await loadEndpointSecuritySettings(db);
  const refs = await siteRefs(db, [...new Set(rows.flatMap((r) => r.targetSiteIds))]);
  const today = todayIn(timeZone);
  return rows.map((r) => {
    const d = deadlineOf(r, planDeadlineDays, today);
    return {
      id: r.id,
      title: r.title,
      instructedOn: r.instructedOn,
      presentedOn: r.presentedOn,
      presentDueOn: d.dueOn,
      deadline: d.state,
      targetPatches: r.targetPatches,
      targetSites: r.targetSiteIds.flatMap((id) => refs.get(id) ?? []),
      applyFrom: r.applyFrom,
      applyUntil: r.applyUntil,
      status: r.status as PatchPlanDto['status'],
      approvedBy: r.approvedBy,
      preTestedOn: r.preTestedOn,
      preTestResult: r.preTestResult as PatchPlanDto['preTestResult'],
      preTestNotes: r.preTestNotes,
      note: r.note,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      abilities: abilitiesOf(patchPlanPolicy, actor, r),
    };
  });
}

export async function findPatchPlanById(db: Db, id: string, lock?: 'update'): Promise<PlanRow | null> {
  const q = db.select().from(patchPlans).where(eq(patchPlans.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function findPatchPlans(db: Db, q: PatchPlanListQuery) {
  const f: (SQL | undefined)[] = [];
  if (q.status) f.push(eq(patchPlans.status, q.status));
  if (q.q) f.push(contains(sql`concat_ws(' ', ${patchPlans.title}, array_to_string(${patchPlans.targetPatches}, ' '), ${patchPlans.note})`, q.q));
  const where = and(...f);
  const items = await db.select().from(patchPlans).where(where).orderBy(desc(patchPlans.instructedOn), desc(patchPlans.id)).limit(q.limit);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(patchPlans).where(where);
  return { items, total: Number(n) };
}

async function assertSites(tx: Db, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = await siteRefs(tx, ids);
  if (ids.some((id) => !found.has(id))) throw invalidField('targetSiteIds', 'error.unknown_reference');
}

const normalizePatches = (list: string[]) => [
  ...new Set(
    list.map((p) =>
      p
        .normalize('NFKC')
        .trim()
        .replace(/^kb\s*/i, 'KB'),
    ),
  ),
];

export async function createPatchPlan(ctx: Ctx, input: PatchPlanCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await assertSites(tx, input.targetSiteIds);
    const [row] = await tx
      .insert(patchPlans)
      .values({
        ...input,
        presentedOn: input.presentedOn ?? null,
        applyFrom: input.applyFrom ?? null,
        applyUntil: input.applyUntil ?? null,
        approvedBy: input.approvedBy ?? null,
        preTestedOn: input.preTestedOn ?? null,
        preTestResult: input.preTestResult ?? null,
        preTestNotes: input.preTestNotes ?? null,
        note: input.note ?? null,
        targetPatches: normalizePatches(input.targetPatches),
        createdById: ctx.actor.userId,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'patch-plan.created', entityType: 'patch-plan', entityId: row.id, after: row });
    return row.id;
  });
}

export async function updatePatchPlan(ctx: Ctx, id: string, input: PatchPlanUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await findPatchPlanById(tx, id, 'update');
    if (!before) throw notFound();
    await assertSites(tx, input.targetSiteIds);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    if (input.targetPatches) values.targetPatches = normalizePatches(input.targetPatches);
    const instructedOn = (values.instructedOn as string | undefined) ?? before.instructedOn;
    const presentedOn = values.presentedOn === undefined ? before.presentedOn : (values.presentedOn as string | null);
    if (presentedOn && presentedOn < instructedOn) throw invalidField('presentedOn', 'error.presented_before_instruction');
    const applyFrom = values.applyFrom === undefined ? before.applyFrom : (values.applyFrom as string | null);
    const applyUntil = values.applyUntil === undefined ? before.applyUntil : (values.applyUntil as string | null);
    if (applyFrom && applyUntil && applyUntil < applyFrom) throw invalidField('applyUntil', 'error.end_before_start');
    const after = await updateVersioned(tx, patchPlans, before, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'patch-plan.updated', entityType: 'patch-plan', entityId: id, before, after });
  });
}

export async function deletePatchPlan(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await findPatchPlanById(tx, id, 'update');
    if (!before) throw notFound();
    if (expected !== null && expected !== before.version) throw preconditionFailed();
    await tx.delete(patchPlans).where(eq(patchPlans.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'patch-plan.deleted', entityType: 'patch-plan', entityId: id, before });
  });
}

/**
 * S-4-5-1-1 for the plans instructed in a month: met ÷ (met + missed) × 100. A plan not presented while its
 * deadline has not passed is pending and not counted yet; cancelled plans are left out.
 */
export async function patchPlanMonthly(db: Db, month: string, timeZone: string): Promise<PatchPlanMonthly> {
  const { planDeadlineDays } = await loadEndpointSecuritySettings(db);
  const rows = await db
    .select({
      id: patchPlans.id,
      title: patchPlans.title,
      instructedOn: patchPlans.instructedOn,
      presentedOn: patchPlans.presentedOn,
      targetPatches: patchPlans.targetPatches,
      targetSiteIds: patchPlans.targetSiteIds,
    })
    .from(patchPlans)
    .where(and(sql`to_char(${patchPlans.instructedOn}, 'YYYY-MM') = ${month}`, sql`${patchPlans.status} <> 'cancelled'`))
    .orderBy(asc(patchPlans.instructedOn), asc(patchPlans.id));
  const today = todayIn(timeZone);
  const out = { met: [] as string[], missed: [] as string[], pending: [] as string[] };
  for (const r of rows) out[deadlineOf(r, planDeadlineDays, today).state].push(r.id);
  const due = out.met.length + out.missed.length;
  const rate = due ? Math.round((out.met.length / due) * 1000) / 10 : null;
  // A month has a handful of plans: one small aggregate each.
  const application = [];
  for (const r of rows) {
    const a = await patchPlanApplication(db, r);
    application.push({ planId: r.id, title: r.title, applicable: a.applicable, installed: a.installed, rate: a.rate });
  }
  return { month, slaNo: 'S-4-5-1-1', target: 95, deadlineDays: planDeadlineDays, ...out, rate, achieved: rate === null ? null : rate >= 95, application };
}
