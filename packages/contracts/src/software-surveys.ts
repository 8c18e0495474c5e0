import { z } from 'zod';
import { Abilities, Id, OptionalText } from './common.ts';
import { SiteRef, staffTypes } from './org.ts';

const DateOnly = z.iso.date();
const Email = z.string().trim().toLowerCase().pipe(z.email());
const uniqueIds = (max: number) =>
  z
    .array(Id)
    .min(1)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'error.duplicate' });

// ---------------------------------------------------------------- local-purchase survey (2.2.l, 3.3.1.o)
// The overseas offices report the software they bought themselves; each answer becomes a
// distribution-ledger row with origin "local".

export const LocalSurveyCreateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** The purchases asked about: bought on or after periodFrom and on or before periodTo. */
    periodFrom: DateOnly,
    periodTo: DateOnly,
    /** Answers are asked for by this date; links stay valid 14 days longer. */
    dueOn: DateOnly,
    siteIds: uniqueIds(300),
    /** Addresses per site instead of the site's department mails. */
    recipients: z.record(Id, z.array(Email).min(1).max(10)).optional(),
    /** Mail the links now (default); false keeps the survey as a draft to send later. */
    send: z.boolean().default(true),
    note: OptionalText(2000),
  })
  .refine((v) => v.periodFrom <= v.periodTo, { path: ['periodTo'], message: 'error.end_before_start' });
export type LocalSurveyCreateInput = z.infer<typeof LocalSurveyCreateInput>;

/** (Re)send links — a reminder: a new link replaces the site's previous one; answered sites are skipped. */
export const LocalSurveySendInput = z.object({
  siteIds: uniqueIds(300).optional(),
  recipients: z.record(Id, z.array(Email).min(1).max(10)).optional(),
});
export type LocalSurveySendInput = z.infer<typeof LocalSurveySendInput>;

export const localSurveySiteStates = ['not_sent', 'sent', 'answered'] as const;
export const LocalSurveySiteDto = z.object({
  site: SiteRef,
  state: z.enum(localSurveySiteStates),
  mailedTo: z.string().nullable(),
  mailedAt: z.string().nullable(),
  linkExpiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  /** Distribution-ledger rows this site's answer created (0 = "no local purchases"). */
  reported: z.number().int(),
  licenses: z.number().int(),
});
export type LocalSurveySiteDto = z.infer<typeof LocalSurveySiteDto>;

export const LocalSurveyDto = z.object({
  id: Id,
  name: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  note: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  /** Counts over the sites the reader can see. */
  progress: z.object({ sites: z.number().int(), sent: z.number().int(), answered: z.number().int(), reported: z.number().int() }),
  sites: z.array(LocalSurveySiteDto),
  abilities: Abilities,
});
export type LocalSurveyDto = z.infer<typeof LocalSurveyDto>;
export const LocalSurveyList = z.object({ items: z.array(LocalSurveyDto) });

// ---------------------------------------------------------------- the public form an office opens from the mail

export const LocalSurveyFormParams = z.object({ token: z.string().min(20).max(200) });
export const LocalSurveyFormQuery = z.object({ lang: z.enum(['ja', 'en']).optional() });

export const LocalSurveyFormDto = z.object({
  surveyName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  dueOn: z.string(),
  site: SiteRef,
  /** Local purchases of the period already in the ledger, so the office does not report them twice. */
  recorded: z.array(
    z.object({
      entryNumber: z.string(),
      distributedOn: z.string(),
      softwareName: z.string(),
      edition: z.string().nullable(),
      usedVersion: z.string().nullable(),
      licenseCount: z.number().int(),
    }),
  ),
});
export type LocalSurveyFormDto = z.infer<typeof LocalSurveyFormDto>;

export const LocalPurchaseLine = z.object({
  softwareName: z.string().trim().min(1).max(200),
  edition: OptionalText(100),
  usedVersion: OptionalText(50),
  language: OptionalText(50),
  licenseCount: z.number().int().min(1).max(100_000),
  purchasedOn: DateOnly,
  /** A researcher or person who uses the licences, when not the office as a whole. */
  recipient: OptionalText(100),
  staffType: staffTypes.schema.nullable().optional(),
  accountCode: OptionalText(50),
  note: OptionalText(1000),
});
export type LocalPurchaseLine = z.infer<typeof LocalPurchaseLine>;

/** An empty `items` list is the answer "no software was bought locally in the period". */
export const LocalSurveyAnswerInput = z.object({
  answeredBy: z.string().trim().min(1).max(100),
  items: z.array(LocalPurchaseLine).max(500),
});
export type LocalSurveyAnswerInput = z.infer<typeof LocalSurveyAnswerInput>;
export const LocalSurveyAnswerResult = z.object({ recorded: z.number().int() });
