import type { AssetFindingCloseInput, AssetFindingRunResult } from '@unyo/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, forbidden, notFound } from '../../platform/http/errors.ts';
import { assetFindings, hardwareAssets } from './assets.table.ts';
import { runFindingChecks } from './findings.checks.ts';
import { findingPolicy } from './findings.presenter.ts';

/**
 * Resolve (fixed, or to be fixed: it reopens if the next check still sees it) or acknowledge (a
 * known exception: it stays acknowledged while the condition holds). Both need a reason.
 */
export async function closeFinding(ctx: Ctx, id: string, action: 'resolve' | 'acknowledge', input: AssetFindingCloseInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [row] = await tx
      .select({
        id: assetFindings.id,
        assetId: assetFindings.assetId,
        kind: assetFindings.kind,
        key: assetFindings.key,
        status: assetFindings.status,
        reason: assetFindings.reason,
        siteId: hardwareAssets.siteId,
      })
      .from(assetFindings)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, assetFindings.assetId))
      .where(and(eq(assetFindings.id, id), siteScope(ctx.actor, hardwareAssets.siteId)))
      .for('update', { of: assetFindings });
    if (!row) throw notFound();
    if (!findingPolicy[action](ctx.actor, row)) {
      if (row.status === 'resolved' || (action === 'acknowledge' && row.status !== 'open')) throw conflictField('status', 'error.finding_state');
      throw forbidden();
    }
    const status = action === 'resolve' ? 'resolved' : 'acknowledged';
    await tx
      .update(assetFindings)
      .set({
        status,
        reason: input.reason,
        closedAt: sql`now()`,
        closedById: ctx.actor.userId,
        version: sql`${assetFindings.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(assetFindings.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: `asset-finding.${status}`,
      entityType: 'asset-finding',
      entityId: id,
      siteId: row.siteId,
      // assetId puts the change in the asset's timeline.
      before: { status: row.status, reason: row.reason, assetId: row.assetId, kind: row.kind, key: row.key },
      after: { status, reason: input.reason, assetId: row.assetId, kind: row.kind, key: row.key },
    });
  });
}

/**
 * "Run the checks now": the same sweep as the daily cron, attributed to the user. The sweep covers
 * every site, so only a user who sees every site may start it; the counts are of their sites.
 */
export async function runFindingsNow(ctx: Ctx): Promise<AssetFindingRunResult> {
  if (ctx.actor.visibleSiteIds !== null) throw forbidden();
  return runFindingChecks(ctx.db, new Date(), {
    agentStaleDays: ctx.config.findings.agentStaleDays,
    audit: auditCtx(ctx),
    siteIds: ctx.actor.visibleSiteIds,
  });
}
