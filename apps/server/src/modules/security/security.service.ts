import {
  type SecurityCaseCreateInput,
  type SecurityCaseDto,
  type SecurityCaseKind,
  type SecurityCaseListQuery,
  type SecurityCaseUpdateInput,
  type SecurityNoticeInput,
  type SecurityStepInput,
  securityChecklists,
} from '@unyo/contracts';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { type Actor, auditActorOf, can, canSeeSite } from '../../platform/auth/actor.ts';
import { siteArrayScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { AppError, invalidField, notFound } from '../../platform/http/errors.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { findRefs, loadRules } from '../incidents/incidents.repo.ts';
import { createIncidentInTx } from '../incidents/incidents.service.ts';
import { createNotice } from '../knowledge/notices.service.ts';
import { iso } from '../org/org.presenter.ts';
import { sites } from '../org/org.table.ts';
import { securityCaseSteps, securityCases } from './security.table.ts';

export type CaseRow = typeof securityCases.$inferSelect;
type StepRow = typeof securityCaseSteps.$inferSelect;

const stateConflict = () => new AppError(409, 'problem.security_case_state');

/** Like incidents: visible through any of its sites; a case with no site is the whole organization's. */
export const caseScope = (actor: Actor) => siteArrayScope(actor, securityCases.siteIds);

async function findCase(db: Db, id: string, actor: Actor | null, lock?: 'update'): Promise<CaseRow | null> {
  const q = db
    .select()
    .from(securityCases)
    .where(and(eq(securityCases.id, id), actor ? caseScope(actor) : undefined));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export const stepsOf = (db: Db, ids: string[]) =>
  ids.length
    ? db.select().from(securityCaseSteps).where(inArray(securityCaseSteps.caseId, ids)).orderBy(asc(securityCaseSteps.id))
    : Promise.resolve([] as StepRow[]);

/** The latest record of each step (a later record corrects an earlier one). */
export function latestSteps(rows: StepRow[]) {
  const out = new Map<string, StepRow>();
  for (const r of rows) out.set(r.step, r);
  return out;
}

type Rules = Awaited<ReturnType<typeof loadRules>>;

/**
 * S-4-5-4-1 on a malware case: from detection until the user has been interviewed and, when the infection was
 * confirmed, the device isolated. Cases of other kinds have no such clock.
 */
export function responseOf(row: CaseRow, steps: Map<string, StepRow>, rules: Rules, now: Date) {
  if (row.kind !== 'malware') return null;
  const rule = rules.one('infected_response', row.detectedAt);
  const targetMinutes = rule?.targetMinutes ?? 240;
  const interview = steps.get('interview');
  const confirmed = steps.get('confirmed');
  const isolate = steps.get('isolate');
  const needIsolation = !!confirmed && !confirmed.notApplicable;
  const doneAt = (s: StepRow | undefined) => (s ? s.at : null);
  const parts = [doneAt(interview), needIsolation ? doneAt(isolate) : new Date(0)];
  const completedAt = parts.every((p) => p !== null) ? new Date(Math.max(...parts.map((p) => p!.getTime()))) : null;
  const end = completedAt ?? now;
  const elapsedMs = Math.max(0, end.getTime() - row.detectedAt.getTime());
  const within = elapsedMs <= targetMinutes * 60_000;
  const state: 'running' | 'met' | 'breached' = completedAt ? (within ? 'met' : 'breached') : within ? 'running' : 'breached';
  return { targetMinutes, targetRate: rule?.targetRate ?? 100, completedAt, elapsedMs, state };
}

function present(
  row: CaseRow,
  steps: StepRow[],
  refs: Awaited<ReturnType<typeof findRefs>>,
  rules: Rules,
  actor: Actor,
  locale: 'ja' | 'en',
  now = new Date(),
): SecurityCaseDto {
  const latest = latestSteps(steps);
  const manage = can(actor, 'security-case.manage');
  const response = responseOf(row, latest, rules, now);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as SecurityCaseKind,
    title: row.title,
    description: row.description,
    sites: row.siteIds.flatMap((id) => refs.sites.get(id) ?? []),
    assets: row.assetIds.flatMap((id) => refs.assets.get(id) ?? []),
    detectedAt: iso(row.detectedAt)!,
    source: row.source,
    sourceRef: row.sourceRef,
    spreadOverLan: row.spreadOverLan,
    major: row.major,
    incidentId: row.incidentId,
    noticeId: row.noticeId,
    status: row.status as 'open' | 'closed',
    closedAt: iso(row.closedAt),
    steps: securityChecklists[row.kind as SecurityCaseKind].map((c) => {
      const s = latest.get(c.step);
      return {
        step: c.step,
        label: c[locale],
        required: c.required,
        done: !!s && !s.notApplicable,
        notApplicable: !!s?.notApplicable,
        at: iso(s?.at ?? null),
        by: s?.actorLabel ?? null,
        note: s?.note ?? null,
        details: (s?.details as Record<string, string>) ?? {},
      };
    }),
    response: response && {
      targetMinutes: response.targetMinutes,
      completedAt: iso(response.completedAt),
      elapsedMs: response.elapsedMs,
      state: response.state,
    },
    version: row.version,
    createdAt: iso(row.createdAt)!,
    abilities: {
      update: manage && row.status === 'open',
      close: manage && row.status === 'open',
      notice: manage && row.kind === 'suspicious_mail' && !row.noticeId,
    },
  };
}

export async function securityCaseResponse(ctx: Ctx, id: string): Promise<SecurityCaseDto> {
  const row = await findCase(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  const [steps, refs, rules] = await Promise.all([stepsOf(ctx.db, [id]), findRefs(ctx.db, [row]), loadRules(ctx.db)]);
  return present(row, steps, refs, rules, ctx.actor, ctx.locale);
}

export async function securityCasePage(ctx: Ctx, q: SecurityCaseListQuery) {
  const f: (SQL | undefined)[] = [caseScope(ctx.actor)];
  if (q.q)
    f.push(contains(sql`concat_ws(' ', ${securityCases.number}, ${securityCases.title}, ${securityCases.description}, ${securityCases.sourceRef})`, q.q));
  if (q.kind) f.push(eq(securityCases.kind, q.kind));
  if (q.status) f.push(eq(securityCases.status, q.status));
  if (q.siteId) f.push(sql`${q.siteId}::uuid = any(${securityCases.siteIds})`);
  const where = and(...f);
  const key = sql<string>`to_char(${securityCases.detectedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
  const rows = await ctx.db
    .select({ row: securityCases, key })
    .from(securityCases)
    .where(and(where, afterCursor(decodeCursor(q.cursor), key, securityCases.id, 'desc')))
    .orderBy(desc(key), desc(securityCases.id))
    .limit(q.limit + 1);
  const [{ n }] = await ctx.db.select({ n: count() }).from(securityCases).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.key, id: r.row.id }));
  const list = page.items.map((r) => r.row);
  const [steps, refs, rules] = await Promise.all([
    stepsOf(
      ctx.db,
      list.map((r) => r.id),
    ),
    findRefs(ctx.db, list),
    loadRules(ctx.db),
  ]);
  const now = new Date();
  return {
    items: list.map((r) =>
      present(
        r,
        steps.filter((s) => s.caseId === r.id),
        refs,
        rules,
        ctx.actor,
        ctx.locale,
        now,
      ),
    ),
    nextCursor: page.nextCursor,
    total: Number(n),
  };
}

async function checkRefs(tx: Db, ctx: Ctx, input: { siteIds?: string[]; assetIds?: string[] }) {
  if (input.siteIds?.length) {
    if (input.siteIds.some((id) => !canSeeSite(ctx.actor, id))) throw invalidField('siteIds', 'error.out_of_scope');
    const found = await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, input.siteIds));
    if (found.length !== new Set(input.siteIds).size) throw invalidField('siteIds', 'error.unknown_reference');
  }
  if (input.assetIds?.length) {
    const found = await tx.select({ id: hardwareAssets.id }).from(hardwareAssets).where(inArray(hardwareAssets.id, input.assetIds));
    if (found.length !== new Set(input.assetIds).size) throw invalidField('assetIds', 'error.unknown_reference');
  }
}

/**
 * Opens a case (by hand, or from a PC-quarantine alert through an API token). A serious security failure (S-3)
 * also opens an incident flagged major security, linked to the case, so it counts in the monthly report.
 */
export async function createSecurityCase(ctx: Ctx, input: SecurityCaseCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkRefs(tx, ctx, input);
    const audit = auditCtx(ctx);
    let incidentId: string | null = null;
    if (input.major) {
      const inc = await createIncidentInTx(tx, audit, {
        title: input.title,
        description: input.description ?? null,
        kind: 'software',
        stage: 'failure',
        impact: 'organization',
        siteIds: input.siteIds,
        assetIds: input.assetIds,
        occurredAt: input.detectedAt,
        detectedAt: input.detectedAt,
        reportExclusions: [],
        spreadOverLan: input.spreadOverLan,
        countermeasureExclusions: [],
        majorSecurity: true,
        majorInfrastructure: false,
        relatedTicketIds: [],
        source: 'manual',
        sourceRef: 'security-case',
      });
      incidentId = inc.id;
    }
    const [row] = await tx
      .insert(securityCases)
      .values({
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        siteIds: input.siteIds,
        assetIds: input.assetIds,
        detectedAt: new Date(input.detectedAt),
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        spreadOverLan: input.spreadOverLan,
        major: input.major,
        incidentId,
      })
      .returning();
    await writeAudit(tx, audit, { action: 'security-case.created', entityType: 'security-case', entityId: row.id, siteId: row.siteIds[0] ?? null, after: row });
    return row.id;
  });
}

export async function updateSecurityCase(ctx: Ctx, id: string, input: SecurityCaseUpdateInput, expected: number | null) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findCase(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.status !== 'open') throw stateConflict();
    await checkRefs(tx, ctx, input);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    const after = await updateVersioned(tx, securityCases, current, expected, values);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'security-case.updated',
      entityType: 'security-case',
      entityId: id,
      siteId: after.siteIds[0] ?? null,
      before: current,
      after,
    });
  });
}

/** Records one checklist step with its time; a step not in the case's checklist is refused by name. */
export async function recordStep(ctx: Ctx, id: string, input: SecurityStepInput) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findCase(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.status !== 'open') throw stateConflict();
    const def = securityChecklists[current.kind as SecurityCaseKind].find((c) => c.step === input.step);
    if (!def) throw invalidField('step', 'error.unknown_step');
    const at = input.at ? new Date(input.at) : new Date();
    if (at.getTime() > Date.now() + 5 * 60_000) throw invalidField('at', 'error.in_future');
    if (at < current.detectedAt) throw invalidField('at', 'error.before_detected');
    if (input.notApplicable && !input.note) throw invalidField('note', 'error.required');
    const [step] = await tx
      .insert(securityCaseSteps)
      .values({
        caseId: id,
        step: input.step,
        at,
        notApplicable: input.notApplicable,
        note: input.note ?? null,
        details: input.details,
        actorLabel: auditActorOf(ctx.actor).label,
      })
      .returning();
    await tx
      .update(securityCases)
      .set({ version: current.version + 1, updatedAt: new Date() })
      .where(eq(securityCases.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'security-case.step',
      entityType: 'security-case',
      entityId: id,
      siteId: current.siteIds[0] ?? null,
      after: step,
    });
  });
}

/** Closes the case once every required step is done or marked not applicable; lists the missing ones otherwise. */
export async function closeSecurityCase(ctx: Ctx, id: string) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findCase(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.status !== 'open') throw stateConflict();
    const latest = latestSteps(await stepsOf(tx, [id]));
    const missing = securityChecklists[current.kind as SecurityCaseKind].filter((c) => c.required && !latest.has(c.step));
    if (missing.length)
      throw new AppError(
        422,
        'problem.validation',
        missing.map((m) => ({ path: `steps.${m.step}`, key: 'error.step_required' })),
      );
    const [after] = await tx
      .update(securityCases)
      .set({ status: 'closed', closedAt: new Date(), version: current.version + 1, updatedAt: new Date() })
      .where(eq(securityCases.id, id))
      .returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'security-case.closed',
      entityType: 'security-case',
      entityId: id,
      siteId: current.siteIds[0] ?? null,
      before: current,
      after,
    });
  });
}

/** 4.2.b: the suspicious-mail campaign's bilingual notice, published through the notices module, and its step. */
export async function publishSecurityNotice(ctx: Ctx, id: string, input: SecurityNoticeInput) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findCase(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.kind !== 'suspicious_mail' || current.status !== 'open' || current.noticeId) throw stateConflict();
    const noticeId = await createNotice(
      { ...ctx, db: tx },
      {
        ja: input.ja,
        en: input.en,
        severity: 'critical',
        status: input.publish ? 'published' : 'draft',
        targetAll: input.targetAll,
        siteIds: input.targetAll ? [] : input.siteIds,
        publishFrom: new Date().toISOString(),
        publishUntil: null,
      },
    );
    await tx
      .update(securityCases)
      .set({ noticeId, version: current.version + 1, updatedAt: new Date() })
      .where(eq(securityCases.id, id));
    await tx.insert(securityCaseSteps).values({
      caseId: id,
      step: 'notice_published',
      at: new Date(),
      details: { noticeId },
      actorLabel: auditActorOf(ctx.actor).label,
    });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'security-case.notice',
      entityType: 'security-case',
      entityId: id,
      siteId: current.siteIds[0] ?? null,
      after: { noticeId },
    });
  });
}
