import type { KbArticleDto, KbArticleSummaryDto, KbScreenshotDto, KbVersionDto, KbVersionSummaryDto, LangContentDto, Locale } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso } from '../org/org.presenter.ts';
import type { KbArticleWithRefs } from './knowledge.repo.ts';
import type { KbArticleVersionRow } from './knowledge.table.ts';

/** Writers edit and restore; the history is for readers of internal content (it holds earlier drafts). */
export const kbArticlePolicy: Policy<{ status: string }> = {
  update: (a) => can(a, 'kb.manage'),
  restore: (a) => can(a, 'kb.manage'),
  history: (a) => can(a, 'kb.read'),
};

export const articleNumber = (n: number) => `KB-${String(n).padStart(6, '0')}`;

type Content = { titleJa: string | null; bodyJa: string | null; titleEn: string | null; bodyEn: string | null };

function langOf(c: Content, lang: Locale): LangContentDto | null {
  const title = lang === 'ja' ? c.titleJa : c.titleEn;
  const body = lang === 'ja' ? c.bodyJa : c.bodyEn;
  return title === null ? null : { title, body: body ?? '' };
}

/** The language to show: the reader's when the article has it, else the other one. */
export function displayLang(c: Content, lang: Locale): Locale {
  if ((lang === 'ja' ? c.titleJa : c.titleEn) !== null) return lang;
  return lang === 'ja' ? 'en' : 'ja';
}

/** Plain text for a result row: image references and markdown marks removed, whitespace collapsed. */
export function snippetOf(body: string | null, max = 160): string {
  const text = (body ?? '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/[#*_`>]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function presentArticleSummary(row: KbArticleWithRefs, lang: Locale): KbArticleSummaryDto {
  const shown = displayLang(row, lang);
  return {
    id: row.id,
    number: articleNumber(row.number),
    lang: shown,
    title: (shown === 'ja' ? row.titleJa : row.titleEn) ?? '',
    snippet: snippetOf(shown === 'ja' ? row.bodyJa : row.bodyEn),
    languages: (['ja', 'en'] as const).filter((l) => (l === 'ja' ? row.titleJa : row.titleEn) !== null),
    category: row.category?.id ? row.category : null,
    visibility: row.visibility as KbArticleSummaryDto['visibility'],
    status: row.status as KbArticleSummaryDto['status'],
    tags: row.tags,
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
  };
}

export function imageUrl(articleId: string, fileId: string): string {
  return `/api/v1/kb/articles/${articleId}/images/${fileId}`;
}

export function presentArticle(row: KbArticleWithRefs, screenshots: { id: string; name: string; contentType: string }[], actor: Actor): KbArticleDto {
  const shots: KbScreenshotDto[] = screenshots.map((f) => ({ fileId: f.id, name: f.name, contentType: f.contentType, url: imageUrl(row.id, f.id) }));
  return {
    id: row.id,
    number: articleNumber(row.number),
    ja: langOf(row, 'ja'),
    en: langOf(row, 'en'),
    category: row.category?.id ? row.category : null,
    visibility: row.visibility as KbArticleDto['visibility'],
    status: row.status as KbArticleDto['status'],
    tags: row.tags,
    screenshots: shots,
    version: row.version,
    publishedAt: iso(row.publishedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    // Requesters see the article, not who on the desk wrote it.
    updatedBy: can(actor, 'kb.read') ? row.updatedByLabel : null,
    abilities: abilitiesOf(kbArticlePolicy, actor, row),
  };
}

export function presentVersionSummary(v: KbArticleVersionRow): KbVersionSummaryDto {
  return {
    number: v.number,
    author: v.authorLabel,
    at: iso(v.createdAt)!,
    note: v.note,
    visibility: v.visibility as KbVersionSummaryDto['visibility'],
    status: v.status as KbVersionSummaryDto['status'],
    restoredFrom: v.restoredFrom,
  };
}

export function presentVersion(v: KbArticleVersionRow): KbVersionDto {
  return {
    ...presentVersionSummary(v),
    ja: langOf(v, 'ja'),
    en: langOf(v, 'en'),
    categoryId: v.categoryId,
    tags: v.tags,
    screenshotFileIds: v.screenshotFileIds,
  };
}
