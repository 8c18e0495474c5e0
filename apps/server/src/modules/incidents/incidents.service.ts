import type { IncidentClockSettingInput, IncidentCreateInput, IncidentEventInput, IncidentReportInput, IncidentUpdateInput } from '@unyo/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditActorOf, canSeeSite } from '../../platform/auth/actor.ts';
import { businessCalendars } from '../../platform/calendar/calendar.table.ts';
import { files } from '../../platform/files/files.table.ts';
import { auditCtx, type Ctx, inTransaction, type TxScope } from '../../platform/http/context.ts';
import { AppError, invalidField, notFound } from '../../platform/http/errors.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { sites } from '../org/org.table.ts';
import { tickets } from '../servicedesk/tickets.table.ts';
import { findBusinessSystemRefs } from './business-systems.repo.ts';
import { foldEvents } from './incidents.clock.ts';
import { findEvents, findIncidentById, type IncidentRow } from './incidents.repo.ts';
import { incidentClockSettings, incidentEvents, incidents } from './incidents.table.ts';

const stateConflict = () => new AppError(409, 'problem.incident_state');
/** Milestones may be dated a little ahead of the server clock (a typed minute), not into the future. */
const FUTURE_SLACK_MS = 5 * 60_000;

async function checkRefs(tx: Db, ctx: { actor: Ctx['actor'] } | null, input: { siteIds?: string[]; assetIds?: string[]; relatedTicketIds?: string[] }) {
  if (input.siteIds?.length) {
    if (ctx && input.siteIds.some((id) => !canSeeSite(ctx.actor, id))) throw invalidField('siteIds', 'error.out_of_scope');
    const found = await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, input.siteIds));
    if (found.length !== new Set(input.siteIds).size) throw invalidField('siteIds', 'error.unknown_reference');
  }
  if (input.assetIds?.length) {
    const found = await tx.select({ id: hardwareAssets.id }).from(hardwareAssets).where(inArray(hardwareAssets.id, input.assetIds));
    if (found.length !== new Set(input.assetIds).size) throw invalidField('assetIds', 'error.unknown_reference');
  }
  if (input.relatedTicketIds?.length) {
    const found = await tx.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, input.relatedTicketIds));
    if (found.length !== new Set(input.relatedTicketIds).size) throw invalidField('relatedTicketIds', 'error.unknown_reference');
  }
}

type Actorish = { userId: string | null; label: string };

/**
 * 4.1.3.a: only a business-system incident names a business system, and only one in use. A newly linked system with no owner department
 * given copies its responsible department's name in: a snapshot, so a later change of the master rewrites no history.
 */
async function businessSystemValues(
  tx: Db,
  kind: string,
  systemId: string | null,
  input: { businessSystemId?: string | null; ownerDepartment?: string | null },
): Promise<{ ownerDepartment?: string }> {
  if (!systemId) return {};
  if (kind !== 'business_system') throw invalidField('businessSystemId', 'error.business_system_kind');
  if (input.businessSystemId === undefined) return {};
  const system = (await findBusinessSystemRefs(tx, [systemId])).get(systemId);
  if (!system) throw invalidField('businessSystemId', 'error.unknown_reference');
  // A retired system stays on the incidents that named it, but is not named anew.
  if (!system.active) throw invalidField('businessSystemId', 'error.business_system_inactive');
  return input.ownerDepartment ? {} : { ownerDepartment: system.department.nameJa };
}

/**
 * Attachments on the timeline: files the recording user uploaded, or files already on this incident's timeline
 * (another user's upload is not reachable by guessing its id).
 */
async function checkFiles(tx: Db, userId: string | null, incidentId: string, ids: string[]) {
  if (!ids.length) return;
  const rows = await tx.select({ id: files.id, createdBy: files.createdBy }).from(files).where(inArray(files.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const onTimeline = new Set((await findEvents(tx, incidentId)).flatMap((e) => ((e.data as { fileIds?: string[] }).fileIds ?? []).map(String)));
  for (const [i, id] of ids.entries()) {
    const f = byId.get(id);
    if (!f || (f.createdBy !== userId && !onTimeline.has(id))) throw invalidField(`fileIds.${i}`, 'error.unknown_reference');
  }
}

export async function appendEvent(tx: Db, incidentId: string, actor: Actorish, type: string, at: Date, data: Record<string, unknown> = {}) {
  const [e] = await tx.insert(incidentEvents).values({ incidentId, type, at, actorUserId: actor.userId, actorLabel: actor.label, data }).returning();
  return e;
}

/** Refolds the timeline into the derived columns (same transaction as the event that changed it). */
async function refold(tx: Db, id: string): Promise<IncidentRow> {
  const facts = foldEvents((await findEvents(tx, id)).map((e) => ({ type: e.type, at: e.at, data: e.data as Record<string, unknown> })));
  const iso = (x: Date | null) => x?.toISOString() ?? null;
  const [row] = await tx
    .update(incidents)
    .set({
      occurredAt: facts.occurredAt,
      status: facts.status,
      milestones: Object.fromEntries(Object.entries(facts.milestones).map(([k, v]) => [k, iso(v)])),
      escalations: facts.escalations.map((e) => ({ from: iso(e.from), to: iso(e.to), vendor: e.vendor })),
      recoveredPauses: facts.recoveredPauses.map((p) => ({ from: iso(p.from), to: iso(p.to) })),
      updatedAt: new Date(),
    })
    .where(eq(incidents.id, id))
    .returning();
  return row;
}

export type NewIncident = IncidentCreateInput & { source?: 'manual' | 'monitoring' | 'import'; sourceRef?: string | null; number?: string };

/** Creates an incident and its first events inside the caller's transaction (used by the API, monitoring and import). */
export async function createIncidentInTx(tx: Db, audit: AuditContext, input: NewIncident): Promise<IncidentRow> {
  const occurredAt = new Date(input.occurredAt);
  const snapshot = await businessSystemValues(tx, input.kind, input.businessSystemId ?? null, input);
  const [row] = await tx
    .insert(incidents)
    .values({
      ...(input.number ? { number: input.number } : {}),
      title: input.title,
      description: input.description ?? null,
      kind: input.kind,
      stage: input.stage,
      isolation: input.isolation ?? null,
      ownerDepartment: snapshot.ownerDepartment ?? input.ownerDepartment ?? null,
      businessSystemId: input.businessSystemId ?? null,
      impact: input.impact,
      siteIds: input.siteIds,
      assetIds: input.assetIds,
      reportExclusions: input.reportExclusions,
      spreadOverLan: input.spreadOverLan,
      countermeasureExclusions: input.countermeasureExclusions,
      majorSecurity: input.majorSecurity,
      majorInfrastructure: input.majorInfrastructure,
      provider: input.provider ?? null,
      providerReference: input.providerReference ?? null,
      relatedTicketIds: input.relatedTicketIds,
      source: input.source ?? 'manual',
      sourceRef: input.sourceRef ?? null,
      occurredAt,
    })
    .returning();
  await appendEvent(tx, row.id, audit.actor, 'occurred', occurredAt);
  if (input.detectedAt) {
    const detectedAt = new Date(input.detectedAt);
    if (detectedAt < occurredAt) throw invalidField('detectedAt', 'error.before_occurred');
    await appendEvent(tx, row.id, audit.actor, 'milestone', detectedAt, { milestone: 'detected' });
  }
  const after = await refold(tx, row.id);
  await writeAudit(tx, audit, { action: 'incident.created', entityType: 'incident', entityId: row.id, siteId: after.siteIds[0] ?? null, after });
  return after;
}

export async function createIncident(ctx: Ctx, input: IncidentCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkRefs(tx, ctx, input);
    if (new Date(input.occurredAt).getTime() > Date.now() + FUTURE_SLACK_MS) throw invalidField('occurredAt', 'error.in_future');
    return (await createIncidentInTx(tx, auditCtx(ctx), input)).id;
  });
}

export async function updateIncident(ctx: Ctx, id: string, input: IncidentUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findIncidentById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.status === 'closed') throw stateConflict();
    await checkRefs(tx, ctx, input);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    const systemId = input.businessSystemId === undefined ? current.businessSystemId : input.businessSystemId;
    const relinked = input.businessSystemId !== undefined && input.businessSystemId !== current.businessSystemId;
    Object.assign(values, await businessSystemValues(tx, input.kind ?? current.kind, systemId, relinked ? input : { ...input, businessSystemId: undefined }));
    const changed = Object.keys(values).filter((k) => JSON.stringify(values[k]) !== JSON.stringify((current as Record<string, unknown>)[k]));
    const after = await updateVersioned(tx, incidents, current, expected, values);
    if (changed.length) await appendEvent(tx, id, auditActorOf(ctx.actor), 'updated', new Date(), { fields: changed });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'incident.updated',
      entityType: 'incident',
      entityId: id,
      siteId: after.siteIds[0] ?? null,
      before: current,
      after,
    });
  });
}

/** Appends one timeline entry after checking it fits the incident's state; the clocks follow from the refold. */
export async function addIncidentEvent(ctx: Ctx, id: string, input: IncidentEventInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findIncidentById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    await addEventInTx(tx, auditCtx(ctx), current, input);
  });
}

export async function addEventInTx(tx: Db, audit: AuditContext, current: IncidentRow, input: IncidentEventInput): Promise<IncidentRow> {
  if (current.status === 'closed') throw stateConflict();
  const now = new Date();
  const at = 'at' in input && input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw invalidField('at', 'error.in_future');
  const facts = foldEvents((await findEvents(tx, current.id)).map((e) => ({ type: e.type, at: e.at, data: e.data as Record<string, unknown> })));
  if (input.type !== 'occurred_corrected' && input.type !== 'note' && input.type !== 'closed' && at < facts.occurredAt)
    throw invalidField('at', 'error.before_occurred');
  const openEscalation = facts.escalations.findLast((e) => e.to === null);
  let data: Record<string, unknown> = { note: 'note' in input ? (input.note ?? null) : null };
  switch (input.type) {
    case 'milestone':
      data = { ...data, milestone: input.milestone };
      if (input.milestone === 'recovered' && openEscalation) throw invalidField('milestone', 'error.escalation_open');
      break;
    case 'occurred_corrected': {
      const earliest = Object.values(facts.milestones)
        .filter((x): x is Date => !!x)
        .reduce((a, b) => Math.min(a, b.getTime()), Number.POSITIVE_INFINITY);
      if (at.getTime() > earliest) throw invalidField('at', 'error.after_milestone');
      break;
    }
    case 'escalation_started':
      if (openEscalation) throw invalidField('type', 'error.escalation_open');
      data = { ...data, vendor: input.vendor };
      break;
    case 'escalation_ended':
      if (!openEscalation) throw invalidField('type', 'error.escalation_not_open');
      if (at < openEscalation.from) throw invalidField('at', 'error.end_before_start');
      data = { ...data, vendor: openEscalation.vendor };
      break;
    case 'reopened':
      if (facts.status !== 'recovered') throw stateConflict();
      if (facts.milestones.recovered && at < facts.milestones.recovered) throw invalidField('at', 'error.end_before_start');
      break;
    case 'closed':
      if (facts.status !== 'recovered') throw stateConflict();
      break;
    case 'note':
      await checkFiles(tx, audit.actor.userId, current.id, input.fileIds);
      data = { ...data, fileIds: input.fileIds };
      break;
    case 'lan_cable_checked':
      data = { ...data, result: input.result };
      break;
    case 'repair_visit':
      data = { ...data, contractor: input.contractor, attendee: input.attendee, testSteps: input.testSteps ?? null, result: input.result };
      break;
    case 'department_contacted':
      data = { ...data, contact: input.contact, method: input.method };
      break;
    case 'logs_sent':
      await checkFiles(tx, audit.actor.userId, current.id, input.fileIds);
      data = { ...data, to: input.to, method: input.method, fileIds: input.fileIds };
      break;
  }
  const event = await appendEvent(tx, current.id, audit.actor, input.type, at, data);
  const after = await refold(tx, current.id);
  await writeAudit(tx, audit, {
    action: `incident.${input.type}`,
    entityType: 'incident',
    entityId: current.id,
    siteId: after.siteIds[0] ?? null,
    before: { status: current.status, milestones: current.milestones, escalations: current.escalations, occurredAt: current.occurredAt },
    after: { event: { id: event.id, type: event.type, at: event.at, data }, status: after.status, milestones: after.milestones, occurredAt: after.occurredAt },
  });
  return after;
}

const fmt = (d: Date | null, locale: 'ja' | 'en') =>
  d ? new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(d) : '—';

/**
 * The occurrence report to the staff in charge (S-4-3-3-2), from the ja/en template through the outbox.
 * By default it also sets the `reported` milestone if it is not set yet.
 */
export async function sendIncidentReport(ctx: Ctx, id: string, input: IncidentReportInput, kindLabel: (kind: string, locale: 'ja' | 'en') => string) {
  await inTransaction(ctx.db, async (scope: TxScope) => {
    const { tx } = scope;
    let current = await findIncidentById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    const audit = auditCtx(ctx);
    const now = new Date();
    const m = current.milestones as Record<string, string | null>;
    await enqueueMail(scope, ctx.queue, {
      to: input.to.join(', '),
      template: 'incident.report',
      locale: input.locale,
      vars: {
        number: current.number,
        title: current.title,
        kind: kindLabel(current.kind, input.locale),
        occurredAt: fmt(current.occurredAt, input.locale),
        status: current.status,
        recoveredAt: fmt(m.recovered ? new Date(m.recovered) : null, input.locale),
        description: current.description ?? '',
        message: input.message ?? '',
        url: `${ctx.config.publicUrl}/incidents/${current.id}`,
      },
    });
    await appendEvent(tx, id, audit.actor, 'report_sent', now, { to: input.to, locale: input.locale });
    if (input.markReported && !m.reported && current.status !== 'closed')
      current = await addEventInTx(tx, audit, current, { type: 'milestone', milestone: 'reported', at: now.toISOString() });
    await writeAudit(tx, audit, {
      action: 'incident.report_sent',
      entityType: 'incident',
      entityId: id,
      siteId: current.siteIds[0] ?? null,
      after: { to: input.to },
    });
  });
}

/** A new clock rule, effective from the given instant (history is kept; incidents use the rule in force when they occurred). */
export async function addClockSetting(ctx: Ctx, input: IncidentClockSettingInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    if (input.calendarId) {
      const [cal] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, input.calendarId));
      if (!cal) throw invalidField('calendarId', 'error.unknown_reference');
    }
    const [row] = await tx
      .insert(incidentClockSettings)
      .values({
        code: input.code,
        targetMinutes: input.targetMinutes,
        targetRate: input.targetRate,
        calendarId: input.calendarId,
        pauseOnEscalation: input.pauseOnEscalation,
        kinds: input.kinds,
        effectiveFrom: input.effectiveFrom ? new Date(input.effectiveFrom) : new Date(),
        createdBy: auditActorOf(ctx.actor).label,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'incident-clock-setting.created', entityType: 'incident-clock-setting', entityId: row.id, after: row });
    return row.id;
  });
}
