import { type Column, type SQL, sql } from 'drizzle-orm';
import { AppError } from './errors.ts';

/** Keyset cursor over (sort value, id): stable under inserts, O(page) at any depth. */
export type Cursor = { v: string | number | null; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const [v, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (typeof id !== 'string') throw new Error('bad cursor');
    return { v, id };
  } catch {
    throw new AppError(422, 'problem.validation', [{ path: 'cursor', key: 'error.invalid' }]);
  }
}

/** WHERE condition for the rows after the cursor, for ORDER BY sortExpr dir, idCol dir (sortExpr not null). */
export function afterCursor(cursor: Cursor | null, sortExpr: Column | SQL, idCol: Column, dir: 'asc' | 'desc'): SQL | undefined {
  if (!cursor) return undefined;
  if (sortExpr === idCol) return dir === 'asc' ? sql`${idCol} > ${cursor.id}` : sql`${idCol} < ${cursor.id}`;
  return dir === 'asc' ? sql`(${sortExpr}, ${idCol}) > (${cursor.v}, ${cursor.id})` : sql`(${sortExpr}, ${idCol}) < (${cursor.v}, ${cursor.id})`;
}

/** Cuts the extra row fetched to know whether there is a next page. */
export function pageOf<R>(rows: R[], limit: number, cursorOf: (r: R) => Cursor) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(cursorOf(items[items.length - 1])) : null };
}
