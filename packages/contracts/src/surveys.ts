import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { SiteRef } from './org.ts';

/** User satisfaction survey (利用満足度調査, SLA S-1): once a year, four questions, target 75 points. */
export const surveyStatuses = choiceSet([
  { value: 'draft', ja: '準備中', en: 'Draft', color: 'default' },
  { value: 'open', ja: '実施中', en: 'Open', color: 'processing' },
  { value: 'closed', ja: '終了', en: 'Closed', color: 'success' },
]);
export type SurveyStatus = (typeof surveyStatuses.values)[number];

/** The five answers and their points, exactly as S-1 scores them. */
export const surveyAnswers = choiceSet([
  { value: 'satisfied', ja: '満足', en: 'Satisfied', color: 'green' },
  { value: 'mostly_satisfied', ja: 'ほぼ満足', en: 'Mostly satisfied', color: 'lime' },
  { value: 'neutral', ja: '普通', en: 'Neutral', color: 'default' },
  { value: 'somewhat_dissatisfied', ja: 'やや不満', en: 'Somewhat dissatisfied', color: 'orange' },
  { value: 'dissatisfied', ja: '不満', en: 'Dissatisfied', color: 'red' },
]);
export type SurveyAnswer = (typeof surveyAnswers.values)[number];
export const surveyAnswerPoints: Record<SurveyAnswer, number> = {
  satisfied: 100,
  mostly_satisfied: 80,
  neutral: 60,
  somewhat_dissatisfied: 40,
  dissatisfied: 0,
};

export const surveyQuestionKeys = ['time', 'clarity', 'accuracy', 'manner'] as const;
export type SurveyQuestionKey = (typeof surveyQuestionKeys)[number];
export const SurveyQuestion = z.object({ key: z.enum(surveyQuestionKeys), ja: z.string(), en: z.string() });
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

/** The spec's four items (S-1); copied onto each campaign so later wording changes do not rewrite past surveys. */
export const surveyQuestions: SurveyQuestion[] = [
  { key: 'time', ja: '問合せから回答までに要した時間', en: 'The time it took from your inquiry to the answer' },
  { key: 'clarity', ja: '回答又は手順に対する説明の分かりやすさ', en: 'How clear the explanation of the answer or procedure was' },
  { key: 'accuracy', ja: '回答又は手順に対する結果の正確性', en: 'How accurate the result of the answer or procedure was' },
  { key: 'manner', ja: '担当者の応対（言葉遣い、親切さ、丁寧さ等）', en: 'The manner of the person who helped you (wording, kindness, politeness)' },
];

const isoDate = z.iso.date();

export const SurveyCreateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    fiscalYear: z.number().int().min(2000).max(2100),
    opensOn: isoDate,
    closesOn: isoDate,
    /** Points the campaign score is compared with; the spec says 75. */
    target: z.number().int().min(1).max(100).default(75),
    note: OptionalText(2000),
  })
  .refine((v) => v.closesOn >= v.opensOn, { path: ['closesOn'], message: 'error.end_before_start' });
export type SurveyCreateInput = z.infer<typeof SurveyCreateInput>;

export const SurveyUpdateInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  opensOn: isoDate.optional(),
  closesOn: isoDate.optional(),
  target: z.number().int().min(1).max(100).optional(),
  note: OptionalText(2000),
});
export type SurveyUpdateInput = z.infer<typeof SurveyUpdateInput>;

export const surveyAudiences = choiceSet([
  { value: 'sites', ja: '拠点の職員', en: 'People of sites', color: 'blue' },
  { value: 'requesters', ja: '期間内に解決した問合せの依頼者', en: 'Requesters of inquiries resolved in a period', color: 'purple' },
]);

const SiteIds = z
  .array(Id)
  .min(1)
  .max(300)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'error.duplicate' });

/** Who gets an invitation. A person (mail address) is invited once per campaign whatever the audience. */
export const SurveyInviteInput = z.discriminatedUnion('audience', [
  z.object({ audience: z.literal('sites'), siteIds: SiteIds }),
  z
    .object({
      audience: z.literal('requesters'),
      /** Tickets resolved on these dates (Japan time), both included. */
      resolvedFrom: isoDate,
      resolvedTo: isoDate,
      siteIds: SiteIds.optional(),
    })
    .refine((v) => v.resolvedTo >= v.resolvedFrom, { path: ['resolvedTo'], message: 'error.end_before_start' }),
]);
export type SurveyInviteInput = z.infer<typeof SurveyInviteInput>;

export const SurveyInviteResult = z.object({
  /** New invitations queued for mailing. */
  added: z.number().int(),
  /** Found in the audience but already invited to this campaign. */
  alreadyInvited: z.number().int(),
});
export type SurveyInviteResult = z.infer<typeof SurveyInviteResult>;

export const SurveyQuestionResult = z.object({
  key: z.enum(surveyQuestionKeys),
  /** Mean points of this question over the respondents; null without answers. */
  mean: z.number().nullable(),
  counts: z.record(surveyAnswers.schema, z.number().int()),
});

export const SurveyResults = z.object({
  invited: z.number().int(),
  respondents: z.number().int(),
  /** Respondents / invitations mailed, in percent (1 decimal); null before any mail. */
  responseRate: z.number().nullable(),
  /** Mean of the respondents' scores (each the mean of their 4 answers), 2 decimals; null without answers. */
  score: z.number().nullable(),
  target: z.number().int(),
  /** score ≥ target, decided on the exact value; null without answers. */
  met: z.boolean().nullable(),
  questions: z.array(SurveyQuestionResult),
  /** Per site of the respondents, limited to the sites the viewer can see. */
  bySite: z.array(z.object({ site: SiteRef, invited: z.number().int(), respondents: z.number().int(), score: z.number().nullable() })),
});
export type SurveyResults = z.infer<typeof SurveyResults>;

export const SurveyDto = z.object({
  id: Id,
  name: z.string(),
  fiscalYear: z.number().int(),
  opensOn: z.string(),
  closesOn: z.string(),
  target: z.number().int(),
  status: surveyStatuses.schema,
  questions: z.array(SurveyQuestion),
  note: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Mailing progress of the invitation job. */
  invitations: z.object({ total: z.number().int(), mailed: z.number().int(), pending: z.number().int() }),
  results: SurveyResults,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type SurveyDto = z.infer<typeof SurveyDto>;

export const SurveyListQuery = PageQuery.extend({
  status: surveyStatuses.schema.optional(),
  fiscalYear: z.coerce.number().int().optional(),
});
export type SurveyListQuery = z.infer<typeof SurveyListQuery>;
export const SurveyPage = Page(SurveyDto);

// ---- Public answer page (no login; the mailed token is the credential) ----

export const SurveyTokenParams = z.object({ token: z.string().min(16).max(200) });
export const SurveyLangQuery = z.object({ lang: z.enum(['ja', 'en']).optional() });

export const surveyFormStates = ['open', 'answered', 'closed', 'expired'] as const;
export const SurveyFormDto = z.object({
  surveyName: z.string(),
  closesOn: z.string(),
  /** open: can be answered; answered: this link was used; closed / expired: the campaign no longer takes answers. */
  state: z.enum(surveyFormStates),
  /** The language the invitation was written in (the page starts in it). */
  locale: z.enum(['ja', 'en']),
  questions: z.array(SurveyQuestion),
});
export type SurveyFormDto = z.infer<typeof SurveyFormDto>;

export const SurveyAnswerInput = z.object({
  answers: z.object({
    time: surveyAnswers.schema,
    clarity: surveyAnswers.schema,
    accuracy: surveyAnswers.schema,
    manner: surveyAnswers.schema,
  }),
  comment: OptionalText(2000),
  /** The language the page was shown in when answering. */
  locale: z.enum(['ja', 'en']).optional(),
});
export type SurveyAnswerInput = z.infer<typeof SurveyAnswerInput>;
export const SurveyAnswerResult = z.object({ recorded: z.literal(true) });
