import { z } from 'zod';
import { Abilities, choiceSet, Id, Locale, OptionalText, Page, PageQuery } from './common.ts';
import { SiteRef } from './org.ts';

/**
 * Knowledge base (5.2.a, 5.4.b, 5.6.b, 5.6.c) and bilingual notices (3.1.1.f, 5.1.d).
 *
 * An article is one record with a Japanese and an English body. A language is either complete (title and body) or
 * absent; at least one must be complete. Publishing does not require both: requesters read the article in their
 * language when it exists and in the other one otherwise (decision 0014).
 */

export const kbVisibilities = choiceSet([
  { value: 'internal', ja: '内部向け', en: 'Internal', color: 'default' },
  { value: 'published', ja: '利用者に公開', en: 'Published to requesters', color: 'green' },
]);
export type KbVisibility = (typeof kbVisibilities.values)[number];

export const kbStatuses = choiceSet([
  { value: 'draft', ja: '下書き', en: 'Draft', color: 'default' },
  { value: 'published', ja: '公開中', en: 'Published', color: 'green' },
  { value: 'archived', ja: 'アーカイブ', en: 'Archived', color: 'volcano' },
]);
export type KbStatus = (typeof kbStatuses.values)[number];

/** One language of an article or notice: both parts or neither (checked by the server with `ja.body` etc.). */
export const LangContentInput = z.object({
  title: OptionalText(200),
  body: OptionalText(50_000),
});
export type LangContentInput = z.infer<typeof LangContentInput>;
export const LangContentDto = z.object({ title: z.string(), body: z.string() });
export type LangContentDto = z.infer<typeof LangContentDto>;

const Tag = z.string().trim().min(1).max(40);

export const KbArticleInput = z.object({
  ja: LangContentInput.default({}),
  en: LangContentInput.default({}),
  /** A ticket category (ticket_categories.id); the knowledge base shares the inquiry category tree. */
  categoryId: Id.nullable().optional(),
  visibility: kbVisibilities.schema.default('internal'),
  status: kbStatuses.schema.default('draft'),
  tags: z.array(Tag).max(20).default([]),
  /** Image files (uploaded through /files) shown inline: the body refers to them as `![caption](file:<id>)`. */
  screenshotFileIds: z.array(Id).max(30).default([]),
  /** Why this version was saved (shown in the history). */
  note: OptionalText(500),
});
export type KbArticleInput = z.infer<typeof KbArticleInput>;

export const KbArticleListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  /** The reader's language: articles written in it come first and are shown in it. Defaults to the UI language. */
  lang: Locale.optional(),
  categoryId: Id.optional(),
  visibility: kbVisibilities.schema.optional(),
  status: kbStatuses.schema.optional(),
  tag: Tag.optional(),
});
export type KbArticleListQuery = z.infer<typeof KbArticleListQuery>;

export const KbCategoryRef = z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() });
export type KbCategoryRef = z.infer<typeof KbCategoryRef>;

export const KbScreenshotDto = z.object({ fileId: Id, name: z.string(), contentType: z.string(), url: z.string() });
export type KbScreenshotDto = z.infer<typeof KbScreenshotDto>;

/** A list / search / suggestion row, shown in one language (`lang`). */
export const KbArticleSummaryDto = z.object({
  id: Id,
  number: z.string(),
  lang: Locale,
  title: z.string(),
  snippet: z.string(),
  /** Languages the article is written in. */
  languages: z.array(Locale),
  category: KbCategoryRef.nullable(),
  visibility: kbVisibilities.schema,
  status: kbStatuses.schema,
  tags: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type KbArticleSummaryDto = z.infer<typeof KbArticleSummaryDto>;
export const KbArticlePage = Page(KbArticleSummaryDto);

export const KbArticleDto = z.object({
  id: Id,
  number: z.string(),
  ja: LangContentDto.nullable(),
  en: LangContentDto.nullable(),
  category: KbCategoryRef.nullable(),
  visibility: kbVisibilities.schema,
  status: kbStatuses.schema,
  tags: z.array(z.string()),
  screenshots: z.array(KbScreenshotDto),
  /** The current version number; also the ETag. */
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  abilities: Abilities,
});
export type KbArticleDto = z.infer<typeof KbArticleDto>;

export const KbVersionParams = z.object({ id: Id, number: z.coerce.number().int().min(1) });
export const KbImageParams = z.object({ id: Id, fileId: Id });

export const KbVersionSummaryDto = z.object({
  number: z.number().int(),
  author: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  visibility: kbVisibilities.schema,
  status: kbStatuses.schema,
  /** Restored from this earlier version, if it was a restore. */
  restoredFrom: z.number().int().nullable(),
});
export type KbVersionSummaryDto = z.infer<typeof KbVersionSummaryDto>;

export const KbVersionDto = KbVersionSummaryDto.extend({
  ja: LangContentDto.nullable(),
  en: LangContentDto.nullable(),
  categoryId: Id.nullable(),
  tags: z.array(z.string()),
  screenshotFileIds: z.array(Id),
});
export type KbVersionDto = z.infer<typeof KbVersionDto>;

export const KbSuggestQuery = z.object({
  text: z.string().max(4000),
  lang: Locale.optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export type KbSuggestQuery = z.infer<typeof KbSuggestQuery>;
export const KbSuggestResult = z.object({ terms: z.array(z.string()), items: z.array(KbArticleSummaryDto) });
export type KbSuggestResult = z.infer<typeof KbSuggestResult>;

// ---------------------------------------------------------------------------------------------
// Notices (お知らせ)

export const noticeSeverities = choiceSet([
  { value: 'info', ja: 'お知らせ', en: 'Information', color: 'blue' },
  { value: 'maintenance', ja: 'メンテナンス', en: 'Maintenance', color: 'purple' },
  { value: 'warning', ja: '注意', en: 'Warning', color: 'orange' },
  { value: 'critical', ja: '重要', en: 'Critical', color: 'red' },
]);
export type NoticeSeverity = (typeof noticeSeverities.values)[number];

export const noticeStatuses = choiceSet([
  { value: 'draft', ja: '下書き', en: 'Draft', color: 'default' },
  { value: 'published', ja: '公開', en: 'Published', color: 'green' },
  { value: 'withdrawn', ja: '取り下げ', en: 'Withdrawn', color: 'volcano' },
]);
export type NoticeStatus = (typeof noticeStatuses.values)[number];

export const noticeBroadcastStatuses = choiceSet([
  { value: 'none', ja: '未配信', en: 'Not sent', color: 'default' },
  { value: 'queued', ja: '配信待ち', en: 'Queued', color: 'processing' },
  { value: 'sending', ja: '配信中', en: 'Sending', color: 'processing' },
  { value: 'done', ja: '配信済み', en: 'Sent', color: 'green' },
]);
export type NoticeBroadcastStatus = (typeof noticeBroadcastStatuses.values)[number];

const dateTime = z.iso.datetime({ offset: true });

/**
 * Japanese is always required; English too as soon as an overseas site is among the targets (all sites included,
 * when an overseas site exists). The server reports a missing part as `en.title` / `en.body`.
 */
export const NoticeInput = z.object({
  ja: LangContentInput.default({}),
  en: LangContentInput.default({}),
  severity: noticeSeverities.schema.default('info'),
  status: noticeStatuses.schema.default('draft'),
  /** Every site (now and later), or exactly `siteIds`. */
  targetAll: z.boolean().default(false),
  siteIds: z
    .array(Id)
    .max(300)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, { message: 'error.duplicate' }),
  publishFrom: dateTime,
  publishUntil: dateTime.nullable().optional(),
});
export type NoticeInput = z.infer<typeof NoticeInput>;

export const NoticeListQuery = PageQuery.extend({
  status: noticeStatuses.schema.optional(),
  siteId: Id.optional(),
  /** current: published and inside the window now. */
  current: z.enum(['true', 'false']).optional(),
});
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

export const NoticeDto = z.object({
  id: Id,
  ja: LangContentDto.nullable(),
  en: LangContentDto.nullable(),
  severity: noticeSeverities.schema,
  status: noticeStatuses.schema,
  targetAll: z.boolean(),
  sites: z.array(SiteRef.extend({ kind: z.string() })),
  publishFrom: z.string(),
  publishUntil: z.string().nullable(),
  /** Published and inside its window now. */
  current: z.boolean(),
  broadcast: z.object({
    status: noticeBroadcastStatuses.schema,
    requestedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    total: z.number().int(),
    sent: z.number().int(),
  }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type NoticeDto = z.infer<typeof NoticeDto>;
export const NoticePage = Page(NoticeDto);

export const PortalNoticeQuery = z.object({ lang: Locale.optional() });
/** A current notice as the requester reads it, in one language. */
export const PortalNoticeDto = z.object({
  id: Id,
  lang: Locale,
  title: z.string(),
  body: z.string(),
  severity: noticeSeverities.schema,
  publishFrom: z.string(),
  publishUntil: z.string().nullable(),
});
export type PortalNoticeDto = z.infer<typeof PortalNoticeDto>;
export const PortalNoticeList = z.object({ items: z.array(PortalNoticeDto) });
