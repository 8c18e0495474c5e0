import { defaultServicedeskSettings, ServicedeskSettings, type ServicedeskSettingsDto, type ServicedeskSettingsUpdateInput } from '@unyo/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { preconditionFailed } from '../../platform/http/errors.ts';
import { servicedeskSettings } from './metrics.table.ts';

const KEY = 'metrics';

async function readRow(db: Db) {
  const [row] = await db.select().from(servicedeskSettings).where(eq(servicedeskSettings.key, KEY));
  return row ?? null;
}

/** The stored settings over the spec's defaults (a key added later keeps its default until someone sets it). */
export async function loadServicedeskSettingsDto(db: Db): Promise<ServicedeskSettingsDto> {
  const row = await readRow(db);
  const parsed = ServicedeskSettings.partial().safeParse(row?.value ?? {});
  const value = { ...defaultServicedeskSettings, ...(parsed.success ? parsed.data : {}) };
  return { ...value, version: row?.version ?? 0, updatedAt: row ? row.updatedAt.toISOString() : null };
}

export async function loadServicedeskSettings(db: Db): Promise<ServicedeskSettings> {
  const { version: _v, updatedAt: _u, ...settings } = await loadServicedeskSettingsDto(db);
  return settings;
}

/** Changes some settings (optimistic: `expectedVersion` from If-Match, if given), audited with before and after. */
export async function updateServicedeskSettings(ctx: Ctx, patch: ServicedeskSettingsUpdateInput, expectedVersion: number | null) {
  await inTransaction(ctx.db, async ({ tx }) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('servicedesk_settings'))`);
    const before = await loadServicedeskSettingsDto(tx);
    if (expectedVersion !== null && expectedVersion !== before.version) throw preconditionFailed();
    const { version: _v, updatedAt: _u, ...prior } = before;
    const input = { ...prior, ...patch };
    await tx
      .insert(servicedeskSettings)
      .values({ key: KEY, value: input, version: 1, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: servicedeskSettings.key,
        set: { value: input, version: sql`${servicedeskSettings.version} + 1`, updatedBy: ctx.actor.userId, updatedAt: sql`now()` },
      });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'servicedesk-settings.updated',
      entityType: 'servicedesk-settings',
      entityId: KEY,
      before: prior,
      after: input,
    });
  });
}
