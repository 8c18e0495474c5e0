import type { KbArticleInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { AppError, type FieldError, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { ticketCategories } from '../servicedesk/tickets.table.ts';
import { findScreenshotFiles, findVersion, isArticleImage } from './knowledge.repo.ts';
import { kbArticles, kbArticleVersions } from './knowledge.table.ts';

type Content = {
  titleJa: string | null;
  bodyJa: string | null;
  titleEn: string | null;
  bodyEn: string | null;
  categoryId: string | null;
  visibility: string;
  status: string;
  tags: string[];
  screenshotFileIds: string[];
};

/**
 * A language is complete (title and body) or absent; at least one must be complete. Publishing needs no second
 * language: requesters fall back to the one that exists.
 */
export function contentErrors(input: Pick<KbArticleInput, 'ja' | 'en'>): FieldError[] {
  const errors: FieldError[] = [];
  for (const lang of ['ja', 'en'] as const) {
    const { title, body } = input[lang] ?? {};
    if (title && !body) errors.push({ path: `${lang}.body`, key: 'error.required' });
    if (body && !title) errors.push({ path: `${lang}.title`, key: 'error.required' });
  }
  if (errors.length === 0 && !input.ja?.title && !input.en?.title) {
    errors.push({ path: 'ja.title', key: 'error.required' }, { path: 'ja.body', key: 'error.required' });
  }
  return errors;
}

function contentOf(input: KbArticleInput): Content {
  return {
    titleJa: input.ja?.title ?? null,
    bodyJa: input.ja?.title ? (input.ja.body ?? null) : null,
    titleEn: input.en?.title ?? null,
    bodyEn: input.en?.title ? (input.en.body ?? null) : null,
    categoryId: input.categoryId ?? null,
    visibility: input.visibility,
    status: input.status,
    tags: [...new Set(input.tags.map((t) => t.normalize('NFKC')))],
    screenshotFileIds: [...new Set(input.screenshotFileIds)],
  };
}

/**
 * References must exist; screenshots must be images the writer uploaded or that the article already showed, so
 * nobody can publish someone else's attachment to requesters by guessing its id.
 */
async function checkReferences(ctx: Ctx, tx: Db, c: Content, articleId: string | null) {
  const errors: FieldError[] = [];
  if (c.categoryId) {
    const [cat] = await tx.select({ id: ticketCategories.id }).from(ticketCategories).where(eq(ticketCategories.id, c.categoryId));
    if (!cat) errors.push({ path: 'categoryId', key: 'error.unknown_reference' });
  }
  const found = new Map((await findScreenshotFiles(tx, c.screenshotFileIds)).map((f) => [f.id, f]));
  for (const [i, id] of c.screenshotFileIds.entries()) {
    const f = found.get(id);
    const path = `screenshotFileIds.${i}`;
    if (!f) errors.push({ path, key: 'error.unknown_reference' });
    else if (!f.contentType.startsWith('image/')) errors.push({ path, key: 'error.image_only' });
    else if (f.createdBy !== ctx.actor.userId && !(articleId && (await isArticleImage(tx, articleId, id)))) {
      errors.push({ path, key: 'error.unknown_reference' });
    }
  }
  if (errors.length > 0) throw new AppError(422, 'problem.validation', errors);
}

const visibleToRequesters = (c: Content) => c.status === 'published' && c.visibility === 'published';

export async function createArticle(ctx: Ctx, input: KbArticleInput): Promise<string> {
  const errors = contentErrors(input);
  if (errors.length > 0) throw new AppError(422, 'problem.validation', errors);
  const c = contentOf(input);
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkReferences(ctx, tx, c, null);
    const label = ctx.actor.displayName || ctx.actor.email;
    const [row] = await tx
      .insert(kbArticles)
      .values({
        ...c,
        publishedAt: visibleToRequesters(c) ? new Date() : null,
        createdById: ctx.actor.userId,
        updatedById: ctx.actor.userId,
        updatedByLabel: label,
        version: 1,
      })
      .returning({ id: kbArticles.id, number: kbArticles.number });
    await tx
      .insert(kbArticleVersions)
      .values({ ...c, articleId: row.id, number: 1, authorUserId: ctx.actor.userId, authorLabel: label, note: input.note ?? null });
    await writeAudit(tx, auditCtx(ctx), { action: 'kb-article.created', entityType: 'kb-article', entityId: row.id, after: { ...c, number: row.number } });
    return row.id;
  });
}

/** Saves new content as the next version (If-Match guards against overwriting someone else's save). */
async function saveVersion(ctx: Ctx, id: string, c: Content, expected: number | null, extra: { note: string | null; restoredFrom: number | null }) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const [before] = await tx.select().from(kbArticles).where(eq(kbArticles.id, id)).for('update');
    if (!before) throw notFound();
    if (expected !== null && expected !== before.version) throw preconditionFailed();
    await checkReferences(ctx, tx, c, id);
    const number = before.version + 1;
    const label = ctx.actor.displayName || ctx.actor.email;
    await tx
      .update(kbArticles)
      .set({
        ...c,
        publishedAt: before.publishedAt ?? (visibleToRequesters(c) ? new Date() : null),
        updatedById: ctx.actor.userId,
        updatedByLabel: label,
        version: number,
        updatedAt: new Date(),
      })
      .where(eq(kbArticles.id, id));
    await tx.insert(kbArticleVersions).values({ ...c, articleId: id, number, authorUserId: ctx.actor.userId, authorLabel: label, ...extra });
    const { searchText: _t, searchGrams: _g, ...plainBefore } = before;
    await writeAudit(tx, auditCtx(ctx), {
      action: extra.restoredFrom ? 'kb-article.restored' : 'kb-article.updated',
      entityType: 'kb-article',
      entityId: id,
      before: plainBefore,
      after: { ...c, version: number, restoredFrom: extra.restoredFrom },
    });
  });
}

export async function updateArticle(ctx: Ctx, id: string, input: KbArticleInput, expected: number | null): Promise<void> {
  const errors = contentErrors(input);
  if (errors.length > 0) throw new AppError(422, 'problem.validation', errors);
  await saveVersion(ctx, id, contentOf(input), expected, { note: input.note ?? null, restoredFrom: null });
}

/** Restoring copies an earlier version forward as a new one; history is never rewritten. */
export async function restoreArticleVersion(ctx: Ctx, id: string, number: number, expected: number | null): Promise<void> {
  const v = await findVersion(ctx.db, id, number);
  if (!v) throw notFound();
  const c: Content = {
    titleJa: v.titleJa,
    bodyJa: v.bodyJa,
    titleEn: v.titleEn,
    bodyEn: v.bodyEn,
    categoryId: v.categoryId,
    visibility: v.visibility,
    status: v.status,
    tags: v.tags,
    screenshotFileIds: v.screenshotFileIds,
  };
  await saveVersion(ctx, id, c, expected, { note: null, restoredFrom: number });
}
