import type { EndpointSecuritySettingsDto, EndpointSecuritySettingsInput } from '@unyo/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { preconditionFailed } from '../../platform/http/errors.ts';
import { endpointSecuritySettings } from './endpoint-security.table.ts';

/** Decision 0022: 3 days, 2 versions, one report a month, 14 calendar days (S-4-5-1-1's 2 weeks). */
export const defaultEndpointSecuritySettings = { staleDays: 3, maxVersionsBehind: 2, reportsPlannedPerMonth: 1, planDeadlineDays: 14 } as const;

/** The stored row, or the defaults (version 0) while nobody has changed them. */
export async function loadEndpointSecuritySettings(db: Db): Promise<EndpointSecuritySettingsDto> {
  const [row] = await db.select().from(endpointSecuritySettings).where(eq(endpointSecuritySettings.id, 1));
  if (!row) return { ...defaultEndpointSecuritySettings, version: 0 };
  return {
    staleDays: row.staleDays,
    maxVersionsBehind: row.maxVersionsBehind,
    reportsPlannedPerMonth: row.reportsPlannedPerMonth,
    planDeadlineDays: row.planDeadlineDays,
    version: row.version,
  };
}

/** Changes some settings (optimistic when If-Match was sent), audited with before and after. */
export async function updateEndpointSecuritySettings(ctx: Ctx, patch: EndpointSecuritySettingsInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('endpoint_security_settings'))`);
    const before = await loadEndpointSecuritySettings(tx);
    if (expected !== null && expected !== before.version) throw preconditionFailed();
    const { version: _v, ...prior } = before;
    const next = { ...prior, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    await tx
      .insert(endpointSecuritySettings)
      .values({ id: 1, ...next, version: before.version + 1 })
      .onConflictDoUpdate({ target: endpointSecuritySettings.id, set: { ...next, version: before.version + 1, updatedAt: new Date() } });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'endpoint-security-settings.updated',
      entityType: 'endpoint-security-settings',
      entityId: '1',
      before: prior,
      after: next,
    });
    return { ...next, version: before.version + 1 } as EndpointSecuritySettingsDto;
  });
}
