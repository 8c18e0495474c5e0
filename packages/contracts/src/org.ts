import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';

export const siteKinds = choiceSet([
  { value: 'hq', ja: '本部', en: 'Headquarters', color: 'red' },
  { value: 'institute', ja: '研究所', en: 'Institute', color: 'purple' },
  { value: 'regional', ja: '地方事務所', en: 'Regional office', color: 'blue' },
  { value: 'overseas', ja: '海外事務所', en: 'Overseas office', color: 'green' },
]);
export type SiteKind = (typeof siteKinds.values)[number];

export const staffTypes = choiceSet([
  { value: 'regular', ja: '正職員', en: 'Regular', color: 'blue' },
  { value: 'contract', ja: '嘱託', en: 'Contract', color: 'cyan' },
  { value: 'temporary', ja: '派遣', en: 'Temporary (dispatched)', color: 'orange' },
  { value: 'part_time', ja: 'アルバイト', en: 'Part-time', color: 'gold' },
  { value: 'project', ja: 'プロジェクトID', en: 'Project ID', color: 'purple' },
  { value: 'guest', ja: 'ゲスト', en: 'Guest', color: 'default' },
]);
export type StaffType = (typeof staffTypes.values)[number];

export const personStatuses = choiceSet([
  { value: 'active', ja: '在籍', en: 'Active', color: 'green' },
  { value: 'on_leave', ja: '休職', en: 'On leave', color: 'gold' },
  { value: 'transferred', ja: '異動', en: 'Transferred', color: 'blue' },
  { value: 'retired', ja: '退職', en: 'Retired', color: 'default' },
]);
export type PersonStatus = (typeof personStatuses.values)[number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

const Code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'error.code_format' });

export const SiteRef = z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() });
export type SiteRef = z.infer<typeof SiteRef>;

const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'error.country_format' });
const TimeZone = z.string().refine(isTimeZone, { message: 'error.time_zone' });

// Update inputs are built from the fields without defaults: a PATCH must never reset what it does not name.
const SiteFields = z.object({
  code: Code,
  kind: siteKinds.schema,
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  country: Country,
  timeZone: TimeZone,
  officeCode: OptionalText(32),
  accountCode: OptionalText(32),
  active: z.boolean(),
});
export const SiteCreateInput = SiteFields.extend({
  country: Country.default('JP'),
  timeZone: TimeZone.default('Asia/Tokyo'),
  active: z.boolean().default(true),
});
export type SiteCreateInput = z.infer<typeof SiteCreateInput>;
export const SiteUpdateInput = SiteFields.partial();
export type SiteUpdateInput = z.infer<typeof SiteUpdateInput>;

export const SiteDto = z.object({
  id: Id,
  code: z.string(),
  kind: siteKinds.schema,
  nameJa: z.string(),
  nameEn: z.string(),
  country: z.string(),
  timeZone: z.string(),
  officeCode: z.string().nullable(),
  accountCode: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type SiteDto = z.infer<typeof SiteDto>;
export const SiteListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  kind: siteKinds.schema.optional(),
  sort: z.enum(['code', 'nameJa', 'kind']).default('code'),
});
export type SiteListQuery = z.infer<typeof SiteListQuery>;
export const SitePage = Page(SiteDto);

const DepartmentFields = z.object({
  code: Code,
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  siteId: Id,
  parentId: Id.nullable().optional(),
  mail: z.email().nullable().optional(),
  active: z.boolean(),
});
export const DepartmentCreateInput = DepartmentFields.extend({ active: z.boolean().default(true) });
export type DepartmentCreateInput = z.infer<typeof DepartmentCreateInput>;
export const DepartmentUpdateInput = DepartmentFields.partial();
export type DepartmentUpdateInput = z.infer<typeof DepartmentUpdateInput>;
export const DepartmentDto = z.object({
  id: Id,
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  site: SiteRef,
  parentId: Id.nullable(),
  mail: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type DepartmentDto = z.infer<typeof DepartmentDto>;
export const DepartmentListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  siteId: Id.optional(),
  parentId: Id.optional(),
  sort: z.enum(['code', 'nameJa']).default('code'),
});
export type DepartmentListQuery = z.infer<typeof DepartmentListQuery>;
export const DepartmentPage = Page(DepartmentDto);

const kana = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s　]+$/u;
const isoDate = z.iso.date();

const PersonFields = z.object({
  employeeNumber: Code,
  nameKanji: z.string().trim().min(1).max(100),
  nameKana: z.string().trim().max(100).regex(kana, { message: 'error.kana' }).nullable().optional(),
  nameRomaji: z.string().trim().max(100).nullable().optional(),
  staffType: staffTypes.schema,
  siteId: Id,
  departmentId: Id.nullable().optional(),
  email: z.email().nullable().optional(),
  extension: OptionalText(20),
  status: personStatuses.schema,
  startDate: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
});
const datesInOrder = (p: { startDate?: string | null; endDate?: string | null }) => !p.startDate || !p.endDate || p.startDate <= p.endDate;
export const PersonCreateInput = PersonFields.extend({ status: personStatuses.schema.default('active') }).refine(datesInOrder, {
  message: 'error.end_before_start',
  path: ['endDate'],
});
export type PersonCreateInput = z.infer<typeof PersonCreateInput>;
export const PersonUpdateInput = PersonFields.partial().refine(datesInOrder, {
  message: 'error.end_before_start',
  path: ['endDate'],
});
export type PersonUpdateInput = z.infer<typeof PersonUpdateInput>;

export const DepartmentRef = z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() });
export const PersonDto = z.object({
  id: Id,
  employeeNumber: z.string(),
  nameKanji: z.string(),
  nameKana: z.string().nullable(),
  nameRomaji: z.string().nullable(),
  staffType: staffTypes.schema,
  site: SiteRef,
  department: DepartmentRef.nullable(),
  email: z.string().nullable(),
  extension: z.string().nullable(),
  status: personStatuses.schema,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type PersonDto = z.infer<typeof PersonDto>;
export const PersonListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  siteId: Id.optional(),
  departmentId: Id.optional(),
  status: personStatuses.schema.optional(),
  staffType: staffTypes.schema.optional(),
  sort: z.enum(['employeeNumber', 'nameKana', 'nameKanji', 'updatedAt']).default('employeeNumber'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PersonListQuery = z.infer<typeof PersonListQuery>;
export const PersonPage = Page(PersonDto);
