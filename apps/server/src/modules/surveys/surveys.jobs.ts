import type { Locale } from '@unyo/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { type AnyJob, defineJob, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { noticeLocale } from '../assets/damage-reports.service.ts';
import { sites } from '../org/org.table.ts';
import { SEND_INVITATIONS_JOB } from './surveys.service.ts';
import { surveyInvitations, surveys } from './surveys.table.ts';

export const INVITATION_BATCH = 200;

/** The invitation's language: the language of the requester's inquiry, else the notice rule (overseas or Latin-only name → en). */
export function invitationLocale(i: { languageHint: string | null; name: string | null; siteKind: string | null }): Locale {
  if (i.languageHint === 'ja' || i.languageHint === 'en') return i.languageHint;
  return noticeLocale({ siteKind: i.siteKind ?? 'domestic', nameKanji: i.name ?? '' });
}

/**
 * Mails the pending invitations of a campaign, one batch per transaction: each invitation gets a
 * fresh token (only its hash is kept) and its outbox mail in the same commit that marks it mailed,
 * so a retry or a second worker (rows are claimed with SKIP LOCKED) never mails anyone twice.
 * Stops when nothing is pending or the campaign is no longer open. Returns how many were mailed.
 */
export async function sendSurveyInvitations(db: Db, config: Config, queue: JobQueue, surveyId: string, batch = INVITATION_BATCH): Promise<number> {
  let mailed = 0;
  for (;;) {
    const n = await inTransaction(db, async (scope) => {
      const { tx } = scope;
      const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for('share');
      if (survey?.status !== 'open') return 0;
      const rows = await tx
        .select({ inv: surveyInvitations, siteKind: sites.kind })
        .from(surveyInvitations)
        .leftJoin(sites, eq(sites.id, surveyInvitations.siteId))
        .where(and(eq(surveyInvitations.surveyId, surveyId), isNull(surveyInvitations.mailedAt)))
        .orderBy(surveyInvitations.createdAt, surveyInvitations.id)
        .limit(batch)
        .for('update', { of: surveyInvitations, skipLocked: true });
      for (const { inv, siteKind } of rows) {
        const token = randomToken();
        const locale = invitationLocale({ languageHint: inv.languageHint, name: inv.name, siteKind });
        const mailId = await enqueueMail(scope, queue, {
          to: inv.email,
          template: 'survey.invitation',
          locale,
          vars: {
            name: inv.name ?? inv.email,
            survey: survey.name,
            closesOn: survey.closesOn,
            url: `${config.publicUrl}/survey/${token}`,
          },
        });
        await tx
          .update(surveyInvitations)
          .set({ tokenHash: sha256(token), locale, mailId, mailedAt: sql`now()` })
          .where(eq(surveyInvitations.id, inv.id));
      }
      if (rows.length > 0) {
        await writeAudit(
          tx,
          { actor: systemActor, requestId: null },
          {
            action: 'survey.invitations_mailed',
            entityType: 'survey',
            entityId: surveyId,
            after: { count: rows.length, invitationIds: rows.map((r) => r.inv.id) },
          },
        );
      }
      return rows.length;
    });
    mailed += n;
    if (n < batch) return mailed;
  }
}

export const sendInvitationsJob = defineJob(SEND_INVITATIONS_JOB, z.object({ surveyId: z.uuid() }), async (data, ctx) => {
  const n = await sendSurveyInvitations(ctx.db, ctx.config, ctx.queue, data.surveyId);
  ctx.log(`mailed ${n} invitations for survey ${data.surveyId}`);
});

export const surveyJobs: AnyJob[] = [sendInvitationsJob];
