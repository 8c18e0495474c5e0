import { type Locale, type SurveyAnswerInput, type SurveyFormDto, type SurveyQuestion, surveyAnswerPoints } from '@unyo/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { sha256 } from '../../platform/auth/crypto.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findInvitationByTokenHash } from './surveys.repo.ts';
import { surveyDeadline } from './surveys.service.ts';
import { surveyInvitations, surveyResponses, surveys } from './surveys.table.ts';

const invalidLink = () => new AppError(404, 'problem.survey_invalid');
const answered = () => new AppError(410, 'problem.survey_answered');
const closed = () => new AppError(410, 'problem.survey_closed');

type Found = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

function stateOf(row: Found, now = new Date()): SurveyFormDto['state'] {
  if (row.invitation.answered) return 'answered';
  if (row.survey.status !== 'open') return 'closed';
  if (now > surveyDeadline(row.survey.closesOn, row.timeZone)) return 'expired';
  return 'open';
}

/** What the answer page shows: a used or closed link is not an error here, the page explains it. */
export async function getSurveyForm(db: Db, token: string): Promise<SurveyFormDto> {
  const row = await findInvitationByTokenHash(db, sha256(token));
  if (!row) throw invalidLink();
  return {
    surveyName: row.survey.name,
    closesOn: row.survey.closesOn,
    state: stateOf(row),
    locale: (row.invitation.locale as Locale | null) ?? 'ja',
    questions: row.survey.questions as SurveyQuestion[],
  };
}

/**
 * Records one respondent's four answers and spends the token in the same transaction. The claim is
 * one conditional UPDATE (answered = false), so two submissions racing cannot both count. The
 * response row keeps the site and language only, not who answered.
 */
export async function answerSurvey(db: Db, token: string, input: SurveyAnswerInput, requestId: string, locale: Locale): Promise<{ recorded: true }> {
  return inTransaction(db, async ({ tx }) => {
    const hash = sha256(token);
    const row = await findInvitationByTokenHash(tx, hash);
    if (!row) throw invalidLink();
    // Lock the campaign against a concurrent close before judging its state.
    const [survey] = await tx.select({ status: surveys.status }).from(surveys).where(eq(surveys.id, row.survey.id)).for('share');
    const state = stateOf({ ...row, survey: { ...row.survey, status: survey.status } });
    if (state === 'answered') throw answered();
    if (state !== 'open') throw closed();
    const [claimed] = await tx
      .update(surveyInvitations)
      .set({ answered: true })
      .where(and(eq(surveyInvitations.tokenHash, hash), eq(surveyInvitations.answered, false)))
      .returning({ id: surveyInvitations.id });
    if (!claimed) throw answered();
    const a = input.answers;
    const [response] = await tx
      .insert(surveyResponses)
      .values({
        surveyId: row.survey.id,
        siteId: row.invitation.siteId,
        locale: input.locale ?? locale,
        answerTime: surveyAnswerPoints[a.time],
        answerClarity: surveyAnswerPoints[a.clarity],
        answerAccuracy: surveyAnswerPoints[a.accuracy],
        answerManner: surveyAnswerPoints[a.manner],
        comment: input.comment ?? null,
      })
      .returning();
    // The audit row names the response, not the invitation: the trail does not tie answers to a person.
    await writeAudit(
      tx,
      { actor: { userId: null, label: 'survey respondent' }, requestId },
      { action: 'survey.answered', entityType: 'survey', entityId: row.survey.id, siteId: row.invitation.siteId, after: response },
    );
    return { recorded: true as const };
  });
}
