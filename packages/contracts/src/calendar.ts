import { z } from 'zod';
import { Abilities, Id, Page, PageQuery } from './common.ts';
import { SiteCreateInput } from './org.ts';

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** 'HH:MM' from 00:00 to 23:59, and 24:00 for the end of the day. */
const TimeOfDay = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'error.invalid' });

export const BusinessHoursInterval = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .refine((i) => minutesOf(i.start) < minutesOf(i.end), { message: 'error.end_before_start', path: ['end'] });
export type BusinessHoursInterval = z.infer<typeof BusinessHoursInterval>;

/** One or more intervals per day (a lunch break splits the day), in order, not overlapping. */
const BusinessHours = z
  .array(BusinessHoursInterval)
  .max(8)
  .refine((hs) => hs.every((h, i) => i === 0 || minutesOf(hs[i - 1].end) <= minutesOf(h.start)), { message: 'error.invalid' });

/** 'MM-DD' that exists in a leap year. */
const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'error.invalid' })
  .refine((md) => new Date(`2024-${md}T00:00:00Z`).getUTCDate() === Number(md.slice(3)), { message: 'error.invalid' });

/** A yearly closure, inclusive; `from` after `to` wraps the year end (12-29 → 01-03). */
export const CalendarClosure = z.object({ from: MonthDay, to: MonthDay, name: z.string().trim().max(100).optional() });
export type CalendarClosure = z.infer<typeof CalendarClosure>;

/** ISO weekdays 1 = Monday … 7 = Sunday; stored sorted and without repeats. */
const Workdays = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .transform((ds) => [...new Set(ds)].sort((a, b) => a - b));

const CalendarCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'error.code_format' });

// The same IANA zone check as sites.
const TimeZone = SiteCreateInput.shape.timeZone.unwrap();

const CalendarFields = z.object({
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  timeZone: TimeZone,
  workdays: Workdays,
  hours: BusinessHours,
  japaneseHolidays: z.boolean(),
  closures: z.array(CalendarClosure).max(20),
  always: z.boolean(),
});

type BusinessTimeShape = { always?: boolean; workdays?: number[]; hours?: unknown[] };

/** A calendar that is not 24×7 needs a workday and business hours, or no SLA clock could ever run. */
function addBusinessTimeIssues(c: BusinessTimeShape, ctx: z.RefinementCtx) {
  if (c.always) return;
  if (c.workdays?.length === 0) ctx.addIssue({ code: 'custom', message: 'error.required', path: ['workdays'] });
  if (c.hours?.length === 0) ctx.addIssue({ code: 'custom', message: 'error.required', path: ['hours'] });
}

export const CalendarCreateInput = CalendarFields.extend({
  code: CalendarCode,
  timeZone: TimeZone.default('Asia/Tokyo'),
  workdays: Workdays.default([1, 2, 3, 4, 5]),
  hours: BusinessHours.default([{ start: '09:00', end: '17:45' }]),
  japaneseHolidays: z.boolean().default(false),
  closures: z.array(CalendarClosure).max(20).default([]),
  always: z.boolean().default(false),
}).superRefine(addBusinessTimeIssues);
export type CalendarCreateInput = z.infer<typeof CalendarCreateInput>;

/** No defaults: a PATCH changes only what it names. The code is fixed (defaults are found by code). */
export const CalendarUpdateInput = CalendarFields.partial().superRefine(addBusinessTimeIssues);
export type CalendarUpdateInput = z.infer<typeof CalendarUpdateInput>;

export const CalendarRef = z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() });
export type CalendarRef = z.infer<typeof CalendarRef>;

export const CalendarDto = z.object({
  id: Id,
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  timeZone: z.string(),
  workdays: z.array(z.number().int()),
  hours: z.array(z.object({ start: z.string(), end: z.string() })),
  japaneseHolidays: z.boolean(),
  closures: z.array(z.object({ from: z.string(), to: z.string(), name: z.string().optional() })),
  always: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type CalendarDto = z.infer<typeof CalendarDto>;
export const CalendarListQuery = PageQuery.extend({ q: z.string().trim().max(100).optional() });
export type CalendarListQuery = z.infer<typeof CalendarListQuery>;
export const CalendarPage = Page(CalendarDto);

/** Why a date is not a business day: entered for this calendar, a Japanese national holiday, or a closure. */
export const calendarHolidaySources = ['calendar', 'japan', 'closure'] as const;
export const CalendarHolidayDto = z.object({
  date: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  source: z.enum(calendarHolidaySources),
});
export type CalendarHolidayDto = z.infer<typeof CalendarHolidayDto>;
export const CalendarDetailDto = CalendarDto.extend({ year: z.number().int(), holidays: z.array(CalendarHolidayDto) });
export type CalendarDetailDto = z.infer<typeof CalendarDetailDto>;
export const CalendarYearQuery = z.object({ year: z.coerce.number().int().min(1970).max(2100).optional() });
export type CalendarYearQuery = z.infer<typeof CalendarYearQuery>;

export const CalendarHolidayInput = z.object({ date: z.iso.date(), name: z.string().trim().min(1).max(200) });
export type CalendarHolidayInput = z.infer<typeof CalendarHolidayInput>;
export const CalendarHolidayParams = z.object({ id: Id, date: z.iso.date() });

export const CalendarIcalImportQuery = z.object({ dryRun: z.stringbool().default(false) });
/** What an import did (or, for a dry run or when there are errors, would do; with errors nothing is written). */
export const CalendarIcalImportResult = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type CalendarIcalImportResult = z.infer<typeof CalendarIcalImportResult>;

/** `calendarId: null` returns the site to the default calendar of its kind. */
export const SiteCalendarInput = z.object({ calendarId: Id.nullable() });
export type SiteCalendarInput = z.infer<typeof SiteCalendarInput>;
export const SiteCalendarDto = z.object({
  siteId: Id,
  /** site: assigned to the site; agency: the default of domestic sites; overseas: the built-in default in the site's zone. */
  source: z.enum(['site', 'agency', 'overseas']),
  calendar: CalendarRef.nullable(),
  timeZone: z.string(),
});
export type SiteCalendarDto = z.infer<typeof SiteCalendarDto>;

const MAX_SPAN_MS = 3660 * 86_400_000;
/** Either `durationMinutes` (→ due) or `to` (→ businessMinutes) after `from`. */
export const CalendarComputeQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    durationMinutes: z.coerce.number().int().min(0).max(525_600).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => (q.durationMinutes === undefined) !== (q.to === undefined), { message: 'error.required', path: ['durationMinutes'] })
  .refine((q) => q.to === undefined || Math.abs(Date.parse(q.to) - Date.parse(q.from)) <= MAX_SPAN_MS, { message: 'error.invalid', path: ['to'] });
export type CalendarComputeQuery = z.infer<typeof CalendarComputeQuery>;
export const CalendarComputeResult = z.union([z.object({ due: z.string() }), z.object({ businessMinutes: z.number() })]);
export type CalendarComputeResult = z.infer<typeof CalendarComputeResult>;
