import { type SurveyAnswer, type SurveyListQuery, type SurveyQuestionKey, type SurveyResults, surveyAnswerPoints, surveyQuestionKeys } from '@unyo/contracts';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { sites } from '../org/org.table.ts';
import { surveyInvitations, surveyResponses, surveys } from './surveys.table.ts';

export type SurveyRow = typeof surveys.$inferSelect;
export type SurveyWithStats = SurveyRow & { invitations: { total: number; mailed: number; pending: number }; results: SurveyResults };

/** Campaigns are agency-wide (one a year for every site); reading them needs survey.read only. */
export async function findSurveyRow(db: Db, id: string, lock?: 'update' | 'share'): Promise<SurveyRow | null> {
  const q = db.select().from(surveys).where(eq(surveys.id, id));
  const [row] = lock ? await q.for(lock) : await q;
  return row ?? null;
}

const createdMs = sql`to_char(${surveys.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

export async function findSurveyPage(db: Db, q: SurveyListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [];
  if (q.status) filters.push(eq(surveys.status, q.status));
  if (q.fiscalYear) filters.push(eq(surveys.fiscalYear, q.fiscalYear));
  const where = and(...filters);
  const rows = await db
    .select()
    .from(surveys)
    .where(and(where, afterCursor(decodeCursor(q.cursor), createdMs, surveys.id, 'desc')))
    .orderBy(desc(createdMs), desc(surveys.id))
    .limit(q.limit + 1);
  const [{ n }] = await db.select({ n: count() }).from(surveys).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: new Date(r.createdAt).toISOString().slice(0, 23), id: r.id }));
  return { ...page, items: await withStats(db, page.items, actor), total: Number(n) };
}

export async function findSurveyWithStats(db: Db, id: string, actor: Actor): Promise<SurveyWithStats | null> {
  const row = await findSurveyRow(db, id);
  return row ? (await withStats(db, [row], actor))[0] : null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** One respondent's score (S-1): the mean of their four answers, exact in numeric. */
const respondentScore = sql`((${surveyResponses.answerTime} + ${surveyResponses.answerClarity} + ${surveyResponses.answerAccuracy} + ${surveyResponses.answerManner}) / 4.0)`;
const pointsToAnswer = new Map(Object.entries(surveyAnswerPoints).map(([k, v]) => [v, k as SurveyAnswer]));

/**
 * Invitation progress and results of campaigns, in a fixed number of grouped queries. The campaign
 * score is the mean of the respondents' scores; met is decided on the exact numeric, not the rounded one.
 */
async function withStats(db: Db, rows: SurveyRow[], actor: Actor): Promise<SurveyWithStats[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const inv = await db
    .select({ surveyId: surveyInvitations.surveyId, total: count(), mailed: count(surveyInvitations.mailedAt) })
    .from(surveyInvitations)
    .where(inArray(surveyInvitations.surveyId, ids))
    .groupBy(surveyInvitations.surveyId);
  const overall = await db
    .select({
      surveyId: surveyResponses.surveyId,
      n: count(),
      score: sql<string>`round(avg(${respondentScore}), 2)`,
      met: sql<boolean>`avg(${respondentScore}) >= max(${surveys.target})`,
      time: sql<string>`round(avg(${surveyResponses.answerTime}), 2)`,
      clarity: sql<string>`round(avg(${surveyResponses.answerClarity}), 2)`,
      accuracy: sql<string>`round(avg(${surveyResponses.answerAccuracy}), 2)`,
      manner: sql<string>`round(avg(${surveyResponses.answerManner}), 2)`,
    })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(inArray(surveyResponses.surveyId, ids))
    .groupBy(surveyResponses.surveyId);
  const dist = (await db.execute(sql`
    select r.survey_id as "surveyId", q.key, q.points, count(*)::int as n
    from ${surveyResponses} r
    cross join lateral (values ('time', r.answer_time), ('clarity', r.answer_clarity), ('accuracy', r.answer_accuracy), ('manner', r.answer_manner)) as q(key, points)
    where r.survey_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    group by 1, 2, 3`)) as unknown as { rows: { surveyId: string; key: SurveyQuestionKey; points: number; n: number }[] };
  const siteInv = await db
    .select({ surveyId: surveyInvitations.surveyId, siteId: surveyInvitations.siteId, n: count() })
    .from(surveyInvitations)
    .where(and(inArray(surveyInvitations.surveyId, ids), sql`${surveyInvitations.mailedAt} is not null`, siteScope(actor, surveyInvitations.siteId)))
    .groupBy(surveyInvitations.surveyId, surveyInvitations.siteId);
  const siteResp = await db
    .select({ surveyId: surveyResponses.surveyId, siteId: surveyResponses.siteId, n: count(), score: sql<string>`round(avg(${respondentScore}), 2)` })
    .from(surveyResponses)
    .where(and(inArray(surveyResponses.surveyId, ids), siteScope(actor, surveyResponses.siteId)))
    .groupBy(surveyResponses.surveyId, surveyResponses.siteId);
  const siteIds = [...new Set([...siteInv, ...siteResp].map((s) => s.siteId).filter((s): s is string => !!s))];
  const siteRows = siteIds.length
    ? await db.select({ id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn }).from(sites).where(inArray(sites.id, siteIds))
    : [];
  const siteById = new Map(siteRows.map((s) => [s.id, s]));

  return rows.map((row) => {
    const i = inv.find((x) => x.surveyId === row.id);
    const o = overall.find((x) => x.surveyId === row.id);
    const invitations = { total: Number(i?.total ?? 0), mailed: Number(i?.mailed ?? 0), pending: Number(i?.total ?? 0) - Number(i?.mailed ?? 0) };
    const respondents = Number(o?.n ?? 0);
    const questions = surveyQuestionKeys.map((key) => {
      const counts = Object.fromEntries(Object.keys(surveyAnswerPoints).map((a) => [a, 0])) as Record<SurveyAnswer, number>;
      for (const d of dist.rows) if (d.surveyId === row.id && d.key === key) counts[pointsToAnswer.get(Number(d.points))!] += Number(d.n);
      return { key, mean: num(o?.[key]), counts };
    });
    const bySite = [...new Set([...siteInv, ...siteResp].filter((s) => s.surveyId === row.id && s.siteId).map((s) => s.siteId!))]
      .filter((id) => siteById.has(id))
      .map((id) => {
        const r = siteResp.find((s) => s.surveyId === row.id && s.siteId === id);
        return {
          site: siteById.get(id)!,
          invited: Number(siteInv.find((s) => s.surveyId === row.id && s.siteId === id)?.n ?? 0),
          respondents: Number(r?.n ?? 0),
          score: num(r?.score),
        };
      })
      .sort((a, b) => a.site.code.localeCompare(b.site.code));
    return {
      ...row,
      invitations,
      results: {
        invited: invitations.mailed,
        respondents,
        responseRate: invitations.mailed ? Math.round((respondents * 1000) / invitations.mailed) / 10 : null,
        score: respondents ? num(o?.score) : null,
        target: row.target,
        met: respondents ? Boolean(o?.met) : null,
        questions,
        bySite,
      },
    };
  });
}

/**
 * Every response of a campaign for the report, oldest first, with the respondent's site. Like the per-site results,
 * limited to the viewer's sites: a site-scoped reader must not get other sites' answers and comments.
 */
export async function findResponses(db: Db, surveyId: string, actor: Actor) {
  return db
    .select({
      response: surveyResponses,
      site: { code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn, timeZone: sites.timeZone },
      score: sql<string>`${respondentScore}`,
    })
    .from(surveyResponses)
    .leftJoin(sites, eq(sites.id, surveyResponses.siteId))
    .where(and(eq(surveyResponses.surveyId, surveyId), siteScope(actor, surveyResponses.siteId)))
    .orderBy(surveyResponses.answeredAt, surveyResponses.id);
}

/** The invitation a token opens, with its campaign and the invitee's site time zone (for the deadline). */
export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ invitation: surveyInvitations, survey: surveys, timeZone: sites.timeZone })
    .from(surveyInvitations)
    .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
    .leftJoin(sites, eq(sites.id, surveyInvitations.siteId))
    .where(eq(surveyInvitations.tokenHash, tokenHash));
  return row ?? null;
}
