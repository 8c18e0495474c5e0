import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { preconditionFailed } from '../http/errors.ts';

type Versioned = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/**
 * Optimistic-locking update: bumps `version` only if the row still has the version we read
 * (and, when the client sent If-Match, the version the client saw). Otherwise 412.
 */
export async function updateVersioned<T extends Versioned>(
  tx: Db,
  table: T,
  current: { id: string; version: number },
  expected: number | null,
  values: Record<string, unknown>,
  extraWhere?: SQL,
): Promise<T['$inferSelect']> {
  if (expected !== null && expected !== current.version) throw preconditionFailed();
  const rows = await tx
    .update(table as PgTable)
    .set({ ...values, version: current.version + 1, updatedAt: new Date() } as never)
    .where(and(eq(table.id, current.id), eq(table.version, current.version), extraWhere))
    .returning();
  if (rows.length === 0) throw preconditionFailed();
  return rows[0] as T['$inferSelect'];
}
