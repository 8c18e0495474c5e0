import type { ImportMapping } from '@unyo/contracts';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../audit/audit.service.ts';
import { inTransaction } from '../http/context.ts';
import { importMappings } from './imports.table.ts';

/** The ledger's default heading mapping, if one was saved. */
export async function findImportMapping(db: Db, ledger: string) {
  const [row] = await db
    .select({ mapping: importMappings.mapping, updatedAt: importMappings.updatedAt })
    .from(importMappings)
    .where(and(eq(importMappings.ledger, ledger), isNull(importMappings.userId)));
  return row ?? null;
}

/** Saves the ledger's default mapping (audited: it changes how everyone's next import is read). */
export async function saveImportMapping(db: Db, audit: AuditContext, ledger: string, mapping: ImportMapping) {
  await inTransaction(db, async ({ tx }) => {
    const before = await findImportMapping(tx, ledger);
    await tx
      .insert(importMappings)
      .values({ ledger, userId: null, mapping, updatedBy: audit.actor.userId })
      .onConflictDoUpdate({
        target: [importMappings.ledger, importMappings.userId],
        set: { mapping, updatedBy: audit.actor.userId, updatedAt: sql`now()` },
      });
    await writeAudit(tx, audit, {
      action: 'import-mapping.saved',
      entityType: 'import-mapping',
      entityId: ledger,
      before: before?.mapping ?? null,
      after: mapping,
    });
  });
}
