import type { LocalSurveyAnswerInput, LocalSurveyCreateInput, LocalSurveyDto, LocalSurveyFormDto, LocalSurveySendInput } from '@unyo/contracts';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../../platform/audit/audit.service.ts';
import { type Actor, auditActorOf, can, canSeeSite } from '../../platform/auth/actor.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction, type TxScope } from '../../platform/http/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/http/errors.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { findDepartmentMails } from '../assets/stocktakes.repo.ts';
import { linkExpiry } from '../assets/stocktakes.service.ts';
import { iso } from '../org/org.presenter.ts';
import { sites } from '../org/org.table.ts';
import { softwareDistributions, softwareLocalSurveySites, softwareLocalSurveys } from './software.table.ts';

/**
 * Survey of locally procured software (2.2.l, 3.3.1.o). The agency asks its overseas offices, once
 * or twice a year, which software they bought themselves; each office answers through a mailed
 * one-time link (no account), and every reported line becomes a distribution-ledger row with origin
 * "local" that names the survey. An empty answer is the office's "nothing bought locally".
 */

export type SurveyRow = typeof softwareLocalSurveys.$inferSelect;

const invalidLink = () => new AppError(404, 'problem.checklist_invalid');
const answered = () => new AppError(410, 'problem.survey_answered');
const closed = () => new AppError(409, 'problem.survey_closed');

const siteRef = { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn };

/** The survey's sites the actor may see, with what each one reported. */
async function surveySites(db: Db, surveyIds: string[], actor: Actor | null) {
  if (surveyIds.length === 0) return [];
  return db
    .select({
      link: softwareLocalSurveySites,
      site: siteRef,
      kind: sites.kind,
      timeZone: sites.timeZone,
      reported: sql<number>`(select count(*)::int from software_distributions d
        where d.survey_id = ${sql.raw('"software_local_survey_sites"."survey_id"')} and d.site_id = ${sql.raw('"software_local_survey_sites"."site_id"')})`,
      licenses: sql<number>`(select coalesce(sum(d.license_count), 0)::int from software_distributions d
        where d.survey_id = ${sql.raw('"software_local_survey_sites"."survey_id"')} and d.site_id = ${sql.raw('"software_local_survey_sites"."site_id"')})`,
    })
    .from(softwareLocalSurveySites)
    .innerJoin(sites, eq(sites.id, softwareLocalSurveySites.siteId))
    .where(and(inArray(softwareLocalSurveySites.surveyId, surveyIds), actor ? siteScope(actor, softwareLocalSurveySites.siteId) : undefined))
    .orderBy(asc(sites.code));
}
type SurveySite = Awaited<ReturnType<typeof surveySites>>[number];

const seesAll = (actor: Actor, all: SurveySite[], visible: SurveySite[]) => actor.visibleSiteIds === null || all.length === visible.length;

function present(row: SurveyRow, visible: SurveySite[], all: SurveySite[], actor: Actor): LocalSurveyDto {
  const open = row.status === 'open';
  const manage = can(actor, 'software-distribution.manage');
  return {
    id: row.id,
    name: row.name,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    dueOn: row.dueOn,
    status: row.status as 'open' | 'closed',
    note: row.note,
    createdAt: iso(row.createdAt)!,
    closedAt: iso(row.closedAt),
    closedBy: row.closedBy,
    progress: {
      sites: visible.length,
      sent: visible.filter((s) => s.link.mailedAt).length,
      answered: visible.filter((s) => s.link.answeredAt).length,
      reported: visible.reduce((n, s) => n + s.reported, 0),
    },
    sites: visible.map((s) => ({
      site: s.site,
      state: s.link.answeredAt ? 'answered' : s.link.mailedAt ? 'sent' : 'not_sent',
      mailedTo: s.link.mailedTo,
      mailedAt: iso(s.link.mailedAt),
      linkExpiresAt: iso(s.link.tokenExpiresAt),
      answeredAt: iso(s.link.answeredAt),
      answeredBy: s.link.answeredBy,
      reported: s.reported,
      licenses: s.licenses,
    })),
    abilities: {
      send: open && manage && visible.some((s) => !s.link.answeredAt),
      // Closing ends the survey for every office, so only a manager who sees all of its sites closes it.
      close: open && manage && seesAll(actor, all, visible),
    },
  };
}

/** Surveys with at least one site the actor can see (an all-site actor sees every survey). */
export async function listSurveys(db: Db, actor: Actor): Promise<LocalSurveyDto[]> {
  const rows = await db.select().from(softwareLocalSurveys).orderBy(desc(softwareLocalSurveys.createdAt));
  const ids = rows.map((r) => r.id);
  const [visible, all] = await Promise.all([surveySites(db, ids, actor), actor.visibleSiteIds === null ? null : surveySites(db, ids, null)]);
  const by = (list: SurveySite[], id: string) => list.filter((s) => s.link.surveyId === id);
  return rows.map((r) => present(r, by(visible, r.id), by(all ?? visible, r.id), actor)).filter((dto) => actor.visibleSiteIds === null || dto.sites.length > 0);
}

export async function getSurvey(db: Db, id: string, actor: Actor): Promise<LocalSurveyDto> {
  const [row] = await db.select().from(softwareLocalSurveys).where(eq(softwareLocalSurveys.id, id));
  if (!row) throw notFound();
  const [visible, all] = await Promise.all([surveySites(db, [id], actor), surveySites(db, [id], null)]);
  if (visible.length === 0 && actor.visibleSiteIds !== null) throw notFound();
  return present(row, visible, all, actor);
}

/**
 * Mails each given site a fresh one-time link. Recipients: the addresses given for the site, else the
 * mail addresses of its active departments; a site without any gets no link (sent later with
 * explicit recipients). Overseas offices get the English mail, which also carries the Japanese link.
 */
async function sendLinks(scope: TxScope, ctx: Ctx, survey: SurveyRow, targets: SurveySite[], recipients: Record<string, string[]>) {
  const { tx } = scope;
  let sent = 0;
  for (const s of targets) {
    if (s.link.answeredAt) continue;
    const to = recipients[s.site.id] ?? (await findDepartmentMails(tx, s.site.id));
    if (to.length === 0) continue;
    const token = randomToken();
    const expiresAt = linkExpiry(survey.dueOn, s.timeZone);
    await tx
      .update(softwareLocalSurveySites)
      .set({ tokenHash: sha256(token), tokenExpiresAt: expiresAt, mailedTo: to.join(', '), mailedAt: new Date() })
      .where(and(eq(softwareLocalSurveySites.surveyId, survey.id), eq(softwareLocalSurveySites.siteId, s.site.id)));
    const locale = s.kind === 'overseas' ? 'en' : 'ja';
    await enqueueMail(scope, ctx.queue, {
      to: to.join(', '),
      template: 'software-local-survey',
      locale,
      vars: {
        site: locale === 'en' ? s.site.nameEn : s.site.nameJa,
        name: survey.name,
        periodFrom: survey.periodFrom,
        periodTo: survey.periodTo,
        dueOn: survey.dueOn,
        url: `${ctx.config.publicUrl}/software-survey/${token}`,
      },
    });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-survey.sent',
      entityType: 'software-survey',
      entityId: survey.id,
      siteId: s.site.id,
      after: { mailedTo: to, expiresAt: expiresAt.toISOString() },
    });
    sent++;
  }
  return sent;
}

export async function createSurvey(ctx: Ctx, input: LocalSurveyCreateInput): Promise<string> {
  return inTransaction(ctx.db, async (scope) => {
    const { tx } = scope;
    if (input.siteIds.some((id) => !canSeeSite(ctx.actor, id))) throw invalidField('siteIds', 'error.out_of_scope');
    const found = await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, input.siteIds));
    if (found.length !== input.siteIds.length) throw invalidField('siteIds', 'error.unknown_reference');
    for (const id of Object.keys(input.recipients ?? {})) if (!input.siteIds.includes(id)) throw invalidField('recipients', 'error.not_in_survey');
    const [row] = await tx
      .insert(softwareLocalSurveys)
      .values({
        name: input.name,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        dueOn: input.dueOn,
        note: input.note ?? null,
        createdBy: auditActorOf(ctx.actor).label,
      })
      .returning();
    await tx.insert(softwareLocalSurveySites).values(input.siteIds.map((siteId) => ({ surveyId: row.id, siteId })));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-survey.created',
      entityType: 'software-survey',
      entityId: row.id,
      after: { ...row, siteIds: input.siteIds },
    });
    if (input.send) await sendLinks(scope, ctx, row, await surveySites(tx, [row.id], null), input.recipients ?? {});
    return row.id;
  });
}

async function lockedOpen(tx: Db, id: string) {
  const [row] = await tx.select().from(softwareLocalSurveys).where(eq(softwareLocalSurveys.id, id)).for('update');
  if (!row) throw notFound();
  if (row.status !== 'open') throw closed();
  return row;
}

/** Sends (or re-sends as a reminder) the links of unanswered sites; returns how many were mailed. */
export async function sendSurvey(ctx: Ctx, id: string, input: LocalSurveySendInput): Promise<number> {
  return inTransaction(ctx.db, async (scope) => {
    const survey = await lockedOpen(scope.tx, id);
    const visible = await surveySites(scope.tx, [id], ctx.actor);
    if (visible.length === 0) throw notFound();
    const wanted = input.siteIds ?? visible.map((s) => s.site.id);
    for (const sid of wanted) {
      if (!canSeeSite(ctx.actor, sid)) throw invalidField('siteIds', 'error.out_of_scope');
      if (!visible.some((s) => s.site.id === sid)) throw invalidField('siteIds', 'error.not_in_survey');
    }
    for (const sid of Object.keys(input.recipients ?? {})) if (!wanted.includes(sid)) throw invalidField('recipients', 'error.not_in_survey');
    return sendLinks(
      scope,
      ctx,
      survey,
      visible.filter((s) => wanted.includes(s.site.id)),
      input.recipients ?? {},
    );
  });
}

/** Ends the survey: outstanding links then answer "closed". Sites that never answered stay visible as such. */
export async function closeSurvey(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const survey = await lockedOpen(tx, id);
    const [visible, all] = await Promise.all([surveySites(tx, [id], ctx.actor), surveySites(tx, [id], null)]);
    if (visible.length === 0) throw notFound();
    if (!seesAll(ctx.actor, all, visible)) throw forbidden();
    const label = auditActorOf(ctx.actor).label;
    const [after] = await tx
      .update(softwareLocalSurveys)
      .set({ status: 'closed', closedAt: new Date(), closedBy: label, version: sql`${softwareLocalSurveys.version} + 1`, updatedAt: new Date() })
      .where(eq(softwareLocalSurveys.id, id))
      .returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-survey.closed',
      entityType: 'software-survey',
      entityId: id,
      before: survey,
      after: { ...after, unanswered: all.filter((s) => !s.link.answeredAt).map((s) => s.site.code) },
    });
  });
}

// ---------------------------------------------------------------- the public form (token is the credential)

async function findByToken(db: Db, token: string) {
  const [row] = await db
    .select({ link: softwareLocalSurveySites, survey: softwareLocalSurveys, site: siteRef })
    .from(softwareLocalSurveySites)
    .innerJoin(softwareLocalSurveys, eq(softwareLocalSurveys.id, softwareLocalSurveySites.surveyId))
    .innerJoin(sites, eq(sites.id, softwareLocalSurveySites.siteId))
    .where(eq(softwareLocalSurveySites.tokenHash, sha256(token)));
  return row ?? null;
}

function assertUsable(row: Awaited<ReturnType<typeof findByToken>>) {
  if (!row?.link.tokenExpiresAt || new Date(row.link.tokenExpiresAt) < new Date()) throw invalidLink();
  if (row.link.answeredAt) throw answered();
  if (row.survey.status !== 'open') throw closed();
  return row;
}

export async function getSurveyForm(db: Db, token: string): Promise<LocalSurveyFormDto> {
  const row = assertUsable(await findByToken(db, token));
  const recorded = await db
    .select({
      entryNumber: softwareDistributions.entryNumber,
      distributedOn: softwareDistributions.distributedOn,
      softwareName: sql<string>`coalesce(${softwareDistributions.softwareName}, '')`,
      edition: softwareDistributions.edition,
      usedVersion: softwareDistributions.usedVersion,
      licenseCount: softwareDistributions.licenseCount,
    })
    .from(softwareDistributions)
    .where(
      and(
        eq(softwareDistributions.siteId, row.site.id),
        eq(softwareDistributions.origin, 'local'),
        sql`${softwareDistributions.distributedOn} between ${row.survey.periodFrom} and ${row.survey.periodTo}`,
      ),
    )
    .orderBy(asc(softwareDistributions.distributedOn), asc(softwareDistributions.entryNumber));
  return {
    surveyName: row.survey.name,
    periodFrom: row.survey.periodFrom,
    periodTo: row.survey.periodTo,
    dueOn: row.survey.dueOn,
    site: row.site,
    recorded,
  };
}

/**
 * Records an office's answer and spends its link in one transaction: the claim is a conditional
 * UPDATE, so two submissions racing cannot both be accepted, and a bad line writes nothing.
 */
export async function answerSurvey(db: Db, token: string, input: LocalSurveyAnswerInput, requestId: string): Promise<{ recorded: number }> {
  return inTransaction(db, async ({ tx }) => {
    const row = assertUsable(await findByToken(tx, token));
    const { periodFrom, periodTo } = row.survey;
    for (const [i, line] of input.items.entries())
      if (line.purchasedOn < periodFrom || line.purchasedOn > periodTo) throw invalidField(`items.${i}.purchasedOn`, 'error.outside_period');
    const [claimed] = await tx
      .update(softwareLocalSurveySites)
      .set({ answeredAt: new Date(), answeredBy: input.answeredBy })
      .where(and(eq(softwareLocalSurveySites.tokenHash, sha256(token)), isNull(softwareLocalSurveySites.answeredAt)))
      .returning();
    if (!claimed) throw answered();
    const [survey] = await tx.select().from(softwareLocalSurveys).where(eq(softwareLocalSurveys.id, row.survey.id)).for('share');
    if (survey.status !== 'open') throw closed();

    const audit: AuditContext = { actor: { userId: null, label: `survey: ${input.answeredBy}` }, requestId };
    const inserted =
      input.items.length === 0
        ? []
        : await tx
            .insert(softwareDistributions)
            .values(
              input.items.map((l) => ({
                distributedOn: l.purchasedOn,
                siteId: row.site.id,
                recipient: l.recipient ?? null,
                origin: 'local',
                softwareName: l.softwareName,
                edition: l.edition ?? null,
                usedVersion: l.usedVersion ?? null,
                language: l.language ?? null,
                licenseCount: l.licenseCount,
                mediaCount: 0,
                expenseTransfer: 'not_needed',
                accountCode: l.accountCode ?? null,
                distributor: input.answeredBy,
                staffType: l.staffType ?? null,
                note: l.note ?? null,
                surveyId: survey.id,
              })),
            )
            .returning();
    for (const d of inserted)
      await writeAudit(tx, audit, {
        action: 'software-distribution.created',
        entityType: 'software-distribution',
        entityId: d.id,
        siteId: d.siteId,
        after: { ...d, siteCode: row.site.code, surveyName: survey.name },
      });
    await writeAudit(tx, audit, {
      action: 'software-survey.answered',
      entityType: 'software-survey',
      entityId: survey.id,
      siteId: row.site.id,
      after: { answeredBy: input.answeredBy, lines: inserted.length, entryNumbers: inserted.map((d) => d.entryNumber) },
    });
    return { recorded: inserted.length };
  });
}
