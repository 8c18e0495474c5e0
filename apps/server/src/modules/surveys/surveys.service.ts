import { type SurveyCreateInput, type SurveyInviteInput, type SurveyInviteResult, type SurveyUpdateInput, surveyQuestions } from '@unyo/contracts';
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { dayNumberOf, instantOf } from '../../platform/calendar/zoned-time.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/http/errors.ts';
import { people, sites } from '../org/org.table.ts';
import { tickets } from '../servicedesk/tickets.table.ts';
import { findSurveyRow, type SurveyRow } from './surveys.repo.ts';
import { surveyInvitations, surveys } from './surveys.table.ts';

export const SEND_INVITATIONS_JOB = 'surveys.send-invitations';
/** Requester periods and deadlines without a site are read in head-office time. */
export const HEAD_ZONE = 'Asia/Tokyo';

type Rows<T> = { rows: T[] };

export const surveyState = () => new AppError(409, 'problem.survey_state');

/** The last instant answers are taken: the end of the closing day in the respondent's zone. */
export function surveyDeadline(closesOn: string, timeZone: string | null): Date {
  return new Date(instantOf(dayNumberOf(closesOn) + 1, 0, timeZone ?? HEAD_ZONE) - 1);
}

/**
 * A campaign covers every site: creating, editing, opening and closing it is for someone who sees them all (like a
 * notice for all sites). A site-scoped operator only invites the people of their sites.
 */
function assertAgencyWide(ctx: Ctx) {
  if (ctx.actor.visibleSiteIds !== null) throw forbidden();
}

async function lockSurvey(ctx: Ctx, id: string) {
  const row = await findSurveyRow(ctx.db, id, 'update');
  if (!row) throw notFound();
  return row;
}

export async function createSurvey(ctx: Ctx, input: SurveyCreateInput): Promise<string> {
  assertAgencyWide(ctx);
  return inTransaction(ctx.db, async ({ tx }) => {
    const [row] = await tx
      .insert(surveys)
      .values({ ...input, note: input.note ?? null, status: 'draft', questions: surveyQuestions, createdById: ctx.actor.userId })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'survey.created', entityType: 'survey', entityId: row.id, after: row });
    return row.id;
  });
}

/** Name, dates, target and note; a closed campaign is a record of the year and stays as it was. */
export async function updateSurvey(ctx: Ctx, id: string, input: SurveyUpdateInput, expected: number | null): Promise<void> {
  assertAgencyWide(ctx);
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await lockSurvey({ ...ctx, db: tx }, id);
    if (before.status === 'closed') throw surveyState();
    const values: Partial<SurveyRow> = {};
    for (const k of ['name', 'opensOn', 'closesOn', 'target', 'note'] as const) if (input[k] !== undefined) (values as Record<string, unknown>)[k] = input[k];
    if ((values.closesOn ?? before.closesOn) < (values.opensOn ?? before.opensOn)) throw invalidField('closesOn', 'error.end_before_start');
    const after = await updateVersioned(tx, surveys, before, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'survey.updated', entityType: 'survey', entityId: id, before, after });
  });
}

/** draft → open (invitations can go out) → closed (links stop working; results are final). */
export async function setSurveyStatus(ctx: Ctx, id: string, to: 'open' | 'closed'): Promise<void> {
  assertAgencyWide(ctx);
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await lockSurvey({ ...ctx, db: tx }, id);
    if (before.status !== (to === 'open' ? 'draft' : 'open')) throw surveyState();
    const now = new Date();
    const after = await updateVersioned(tx, surveys, before, null, to === 'open' ? { status: 'open', openedAt: now } : { status: 'closed', closedAt: now });
    await writeAudit(tx, auditCtx(ctx), {
      action: to === 'open' ? 'survey.opened' : 'survey.closed',
      entityType: 'survey',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, openedAt: after.openedAt, closedAt: after.closedAt },
    });
  });
}

/**
 * Adds the chosen audience to the campaign's invitations and starts the mailing job. One row per
 * mail address (the unique key; ON CONFLICT DO NOTHING): a person already invited, by either
 * audience, is not invited again. Only people and tickets of the actor's sites are taken.
 */
export async function inviteToSurvey(ctx: Ctx, id: string, input: SurveyInviteInput): Promise<SurveyInviteResult> {
  const out = await inTransaction(ctx.db, async ({ tx, afterCommit }) => {
    const survey = await findSurveyRow(tx, id, 'share');
    if (!survey) throw notFound();
    if (survey.status !== 'open') throw surveyState();
    const siteIds = input.siteIds ?? null;
    if (siteIds?.some((s) => !canSeeSite(ctx.actor, s))) throw invalidField('siteIds', 'error.out_of_scope');
    if (siteIds) {
      const found = await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, siteIds));
      if (found.length !== siteIds.length) throw invalidField('siteIds', 'error.unknown_reference');
    }

    let audience: SQL;
    if (input.audience === 'sites') {
      audience = sql`
        select distinct on (lower(trim(${people.email}))) lower(trim(${people.email})) as email, ${people.id} as person_id,
               ${people.nameKanji} as name, ${people.siteId} as site_id, null::text as language_hint
        from ${people}
        where ${people.status} = 'active' and coalesce(trim(${people.email}), '') <> ''
          and ${and(inArray(people.siteId, input.siteIds), siteScope(ctx.actor, people.siteId))}
        order by lower(trim(${people.email})), ${people.id}`;
    } else {
      // The resolution day is a Japan date; the newest resolved ticket of a requester decides
      // their language and site.
      const from = new Date(instantOf(dayNumberOf(input.resolvedFrom), 0, HEAD_ZONE));
      const to = new Date(instantOf(dayNumberOf(input.resolvedTo) + 1, 0, HEAD_ZONE));
      const email = sql`lower(trim(coalesce(p.email, ${tickets.requesterEmail})))`;
      audience = sql`
        select distinct on (${email}) ${email} as email, p.id as person_id,
               coalesce(p.name_kanji, ${tickets.requesterName}) as name, coalesce(p.site_id, ${tickets.siteId}) as site_id,
               ${tickets.language} as language_hint
        from ${tickets}
        left join ${people} p on p.id = ${tickets.requesterPersonId}
        where ${tickets.resolvedAt} >= ${from.toISOString()} and ${tickets.resolvedAt} < ${to.toISOString()}
          and coalesce(trim(coalesce(p.email, ${tickets.requesterEmail})), '') <> ''
          and ${and(siteIds ? inArray(tickets.siteId, siteIds) : undefined, siteScope(ctx.actor, tickets.siteId)) ?? sql`true`}
        order by ${email}, ${tickets.resolvedAt} desc, ${tickets.id}`;
    }
    const counted = (await tx.execute(sql`select count(*)::int as n from (${audience}) a`)) as unknown as Rows<{ n: number }>;
    const n = Number(counted.rows[0].n);
    const inserted = (await tx.execute(sql`
      insert into ${surveyInvitations} (survey_id, email, person_id, name, site_id, language_hint, source)
      select ${id}::uuid, a.email, a.person_id, a.name, a.site_id, a.language_hint, ${input.audience} from (${audience}) a
      on conflict (survey_id, email) do nothing
      returning id`)) as unknown as Rows<{ id: string }>;
    const added = inserted.rows.length;
    const result = { added, alreadyInvited: n - added };
    await writeAudit(tx, auditCtx(ctx), { action: 'survey.invitations_added', entityType: 'survey', entityId: id, after: { ...input, ...result } });
    if (added > 0) afterCommit(() => ctx.queue.sendByName(SEND_INVITATIONS_JOB, { surveyId: id }));
    return result;
  });
  return out;
}

/** Invitations still waiting for their mail (the job's backlog). */
export async function countPendingInvitations(db: Ctx['db'], surveyId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.surveyId, surveyId), isNull(surveyInvitations.mailedAt)));
  return Number(n);
}
