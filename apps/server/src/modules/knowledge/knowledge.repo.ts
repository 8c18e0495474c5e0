import type { KbArticleListQuery, Locale } from '@unyo/contracts';
import { and, asc, desc, eq, getTableColumns, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { files } from '../../platform/files/files.table.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { searchTerms, textSearchCondition } from '../../platform/search/text-search.ts';
import { ticketCategories } from '../servicedesk/tickets.table.ts';
import { suggestionMatch, titleScore } from './knowledge.search.ts';
import { kbArticles, kbArticleVersions } from './knowledge.table.ts';

const { searchText: _t, searchGrams: _g, ...articleColumns } = getTableColumns(kbArticles);
const selection = {
  ...articleColumns,
  category: { id: ticketCategories.id, code: ticketCategories.code, nameJa: ticketCategories.nameJa, nameEn: ticketCategories.nameEn },
};

export type KbArticleWithRefs = Omit<typeof kbArticles.$inferSelect, 'searchText' | 'searchGrams'> & {
  category: { id: string; code: string; nameJa: string; nameEn: string } | null;
};

/**
 * What an actor may read: operators with kb.read see every article; requesters (portal.use) only articles that are
 * published to requesters. Anyone else sees nothing (the routes answer 403 before getting here).
 */
export function readableBy(actor: Actor): SQL | undefined {
  if (can(actor, 'kb.read')) return undefined;
  if (can(actor, 'portal.use')) return and(eq(kbArticles.status, 'published'), eq(kbArticles.visibility, 'published'));
  return sql`false`;
}

function base(db: Db) {
  return db.select(selection).from(kbArticles).leftJoin(ticketCategories, eq(ticketCategories.id, kbArticles.categoryId));
}

export async function findArticleById(db: Db, id: string, actor: Actor): Promise<KbArticleWithRefs | null> {
  const [row] = await base(db).where(and(eq(kbArticles.id, id), readableBy(actor)));
  return (row as KbArticleWithRefs) ?? null;
}

/** Articles written in `lang` come first for readers; the flag is '1' when the article has that language. */
const hasLang = (lang: Locale) => sql`(case when ${lang === 'ja' ? kbArticles.titleJa : kbArticles.titleEn} is not null then '1' else '0' end)`;
const updatedText = sql`to_char(${kbArticles.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/**
 * List and search. With `q`, every term must occur (index-served, decision 0011) and titles that contain more terms
 * rank first; requesters get the articles of their language before the others (operators read both). The order is one text sort key so
 * that keyset paging stays exact.
 */
export async function findArticlePage(db: Db, q: KbArticleListQuery, actor: Actor, lang: Locale) {
  const filters: (SQL | undefined)[] = [readableBy(actor)];
  if (q.q) filters.push(textSearchCondition(kbArticles.searchText, kbArticles.searchGrams, q.q));
  if (q.categoryId) filters.push(eq(kbArticles.categoryId, q.categoryId));
  if (q.visibility) filters.push(eq(kbArticles.visibility, q.visibility));
  if (q.status) filters.push(eq(kbArticles.status, q.status));
  else if (can(actor, 'kb.read')) filters.push(ne(kbArticles.status, 'archived'));
  if (q.tag) filters.push(sql`${kbArticles.tags} @> array[${q.tag}]::text[]`);
  const where = and(...filters);

  const reader = !can(actor, 'kb.read');
  const terms = q.q ? searchTerms(q.q) : [];
  const parts: SQL[] = [];
  if (reader) parts.push(hasLang(lang));
  if (terms.length > 0) parts.push(sql`lpad((${titleScore(terms)})::text, 2, '0')`);
  parts.push(updatedText);
  const sortKey = sql<string>`(${sql.join(parts, sql` || '|' || `)})`;

  const cursor = decodeCursor(q.cursor);
  const rows = (await db
    .select({ ...selection, sortKey })
    .from(kbArticles)
    .leftJoin(ticketCategories, eq(ticketCategories.id, kbArticles.categoryId))
    .where(and(where, afterCursor(cursor, sortKey, kbArticles.id, 'desc')))
    .orderBy(desc(sortKey), desc(kbArticles.id))
    .limit(q.limit + 1)) as (KbArticleWithRefs & { sortKey: string })[];
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(kbArticles).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.sortKey, id: r.id })), total: Number(n) };
}

/** Articles that share the most significant terms with a text being typed; published ones only for requesters. */
export async function findSuggestions(db: Db, terms: string[], actor: Actor, lang: Locale, limit: number) {
  if (terms.length === 0) return [];
  const { where, score } = suggestionMatch(terms);
  const rows = await base(db)
    .where(and(readableBy(actor), eq(kbArticles.status, 'published'), where))
    .orderBy(desc(score), desc(hasLang(lang)), desc(kbArticles.updatedAt), asc(kbArticles.id))
    .limit(limit);
  return rows as KbArticleWithRefs[];
}

export async function findVersions(db: Db, articleId: string) {
  return db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, articleId)).orderBy(desc(kbArticleVersions.number));
}

export async function findVersion(db: Db, articleId: string, number: number) {
  const [row] = await db
    .select()
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.number, number)));
  return row ?? null;
}

/** Name and type of the screenshot files, in the order the article lists them. */
export async function findScreenshotFiles(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: files.id, name: files.name, contentType: files.contentType, createdBy: files.createdBy })
    .from(files)
    .where(inArray(files.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

/** Whether a file was ever a screenshot of the article (any version), so its image may be served or re-attached. */
export async function isArticleImage(db: Db, articleId: string, fileId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(kbArticleVersions)
    .where(and(eq(kbArticleVersions.articleId, articleId), sql`${kbArticleVersions.screenshotFileIds} @> array[${fileId}]::uuid[]`))
    .limit(1);
  return !!row;
}
