import { z } from 'zod';
import { Abilities, Id, OptionalText, Page, PageQuery, YearMonth } from './common.ts';
import { SiteRef } from './org.ts';

/**
 * Technical-guidance log (技術指導記録, 1.3.c; also 3.1.1.t lectures and the 3.3.1.g pre-approval):
 * each session's date/time, place, audience and content, reported monthly at the regular meeting.
 */
const Base = {
  heldAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  siteId: Id,
  place: z.string().trim().min(1).max(200),
  /** 対象者: who the session was for (e.g. 新規採用職員, 総務部). */
  audience: z.string().trim().min(1).max(500),
  /** Names of the attendees, free text. */
  attendees: OptionalText(2000),
  attendeeCount: z.number().int().min(0).max(10000).nullable().optional(),
  content: z.string().trim().min(1).max(10000),
  /** Related project or topic (e.g. a new system introduction, 3.1.1.t). */
  topic: OptionalText(200),
  /** 3.3.1.g: the content was agreed beforehand with the staff in charge (who, on which date). */
  staffAgreedBy: OptionalText(200),
  staffAgreedOn: z.iso.date().nullable().optional(),
  note: OptionalText(2000),
};

const endsAfterStart = (v: { heldAt?: string; endsAt?: string | null }) => !v.heldAt || !v.endsAt || new Date(v.endsAt) >= new Date(v.heldAt);

export const GuidanceLogCreateInput = z.object(Base).refine(endsAfterStart, { path: ['endsAt'], message: 'error.end_before_start' });
export type GuidanceLogCreateInput = z.infer<typeof GuidanceLogCreateInput>;

export const GuidanceLogUpdateInput = z
  .object({
    ...Base,
    heldAt: Base.heldAt.optional(),
    siteId: Id.optional(),
    place: Base.place.optional(),
    audience: Base.audience.optional(),
    content: Base.content.optional(),
  })
  .refine(endsAfterStart, { path: ['endsAt'], message: 'error.end_before_start' });
export type GuidanceLogUpdateInput = z.infer<typeof GuidanceLogUpdateInput>;

export const GuidanceLogDto = z.object({
  id: Id,
  heldAt: z.string(),
  endsAt: z.string().nullable(),
  site: SiteRef,
  /** The site's IANA zone: times are shown in it. */
  timeZone: z.string(),
  place: z.string(),
  audience: z.string(),
  attendees: z.string().nullable(),
  attendeeCount: z.number().int().nullable(),
  content: z.string(),
  topic: z.string().nullable(),
  staffAgreedBy: z.string().nullable(),
  staffAgreedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type GuidanceLogDto = z.infer<typeof GuidanceLogDto>;

const Month = YearMonth;

export const GuidanceLogListQuery = PageQuery.extend({
  /** YYYY-MM, in each session's site-local time. */
  month: Month.optional(),
  siteId: Id.optional(),
  q: z.string().trim().max(200).optional(),
});
export type GuidanceLogListQuery = z.infer<typeof GuidanceLogListQuery>;
export const GuidanceLogPage = Page(GuidanceLogDto);

export const GuidanceMonthlyQuery = z.object({ month: Month, siteId: Id.optional() });
export type GuidanceMonthlyQuery = z.infer<typeof GuidanceMonthlyQuery>;
