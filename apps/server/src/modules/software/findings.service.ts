import type { Locale, SoftwareFindingReportInput, SoftwareFindingUpdateInput, SoftwareListRuleInput } from '@unyo/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction, type TxScope } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import type { JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { users } from '../access/access.table.ts';
import { findDeviceById } from './device-refs.ts';
import { findFindingById, findFlaggedSoftware } from './findings.repo.ts';
import { softwareFindings, softwareListRules, softwareSettings } from './software.table.ts';
import { syncSoftwareMapping } from './software-sync.ts';
import { globToLike } from './versions.ts';

const LINES = 50;

/**
 * Mails the system administrators and the all-site staff in charge (2.2.p: 担当職員) about findings not yet
 * notified, one digest each, and marks them notified — in the caller's transaction.
 */
async function notifyFindings(scope: TxScope, config: Config, queue: JobQueue, ids: string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await queryRows<{ id: string; name: string; version: string | null; asset_number: string }>(
    scope.tx,
    sql`select f.id, f.name, f.software_version as version, h.asset_number from software_findings f join hardware_assets h on h.id = f.asset_id
        where f.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid) order by h.asset_number, f.name`,
  );
  const recipients = await scope.tx
    .select({ email: users.email, name: users.displayName, locale: users.locale })
    .from(users)
    .where(and(eq(users.active, true), sql`('admin' = any(${users.roles}) or ('supervisor' = any(${users.roles}) and ${users.siteScopeKind} = 'all'))`));
  const lines = rows
    .slice(0, LINES)
    .map((r) => `- ${r.asset_number}: ${r.name}${r.version ? ` ${r.version}` : ''}`)
    .join('\n');
  for (const u of recipients) {
    const locale: Locale = u.locale === 'en' ? 'en' : 'ja';
    await enqueueMail(scope, queue, {
      to: u.email,
      template: 'software.findings-notice',
      locale,
      vars: {
        name: u.name,
        count: rows.length,
        lines,
        more: Math.max(0, rows.length - LINES),
        url: `${config.publicUrl.replace(/\/$/, '')}/software-findings`,
      },
    });
  }
  await scope.tx.update(softwareFindings).set({ notifiedAt: now }).where(inArray(softwareFindings.id, ids));
  return recipients.length;
}

/**
 * The sweep over agent inventory (2.2.p), in one transaction: new flagged packages open findings, a removed
 * package that comes back reopens its finding, open or confirmed findings whose package is gone are removed, and
 * the new ones are notified in one digest. One audit row records what the run changed.
 */
export async function runSoftwareFindingChecks(db: Db, config: Config, queue: JobQueue, now = new Date()) {
  return inTransaction(db, async (scope) => {
    await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext('software.findings-sweep'))`);
    await syncSoftwareMapping(scope.tx);
    const flagged = await findFlaggedSoftware(scope.tx);
    const upserted = await queryRows<{ id: string; fresh: boolean }>(
      scope.tx,
      sql`insert into software_findings as f (asset_id, name, publisher, software_version, reason, rule_id, first_found_at, last_found_at)
          select x.asset_id, x.name, x.publisher, nullif(x.version, ''), x.reason, x.rule_id, ${now}, ${now}
          from jsonb_to_recordset(${JSON.stringify(flagged)}::jsonb) as x(asset_id uuid, name text, publisher text, version text, reason text, rule_id uuid)
          on conflict (asset_id, name, coalesce(publisher, '')) do update set
            last_found_at = excluded.last_found_at, software_version = excluded.software_version, rule_id = excluded.rule_id,
            reason = case when f.reason = 'reported' then f.reason else excluded.reason end,
            status = case when f.status = 'removed' then 'open' else f.status end,
            resolved_at = case when f.status = 'removed' then null else f.resolved_at end,
            notified_at = case when f.status = 'removed' then null else f.notified_at end,
            version = f.version + case when f.status = 'removed' then 1 else 0 end
          returning f.id, (f.notified_at is null and f.status = 'open') as fresh`,
    );
    const removed = await queryRows<{ id: string }>(
      scope.tx,
      sql`update software_findings f set status = 'removed', resolved_at = ${now}, version = f.version + 1, updated_at = ${now}
          where f.status in ('open', 'confirmed') and f.reason <> 'reported'
            and not exists (select 1 from asset_software a where a.asset_id = f.asset_id and a.name = f.name and a.publisher is not distinct from f.publisher)
          returning f.id`,
    );
    const fresh = upserted.filter((r) => r.fresh).map((r) => r.id);
    const notified = await notifyFindings(scope, config, queue, fresh, now);
    if (fresh.length || removed.length)
      await writeAudit(
        scope.tx,
        { actor: systemActor, requestId: null },
        { action: 'software-finding.swept', entityType: 'software-finding', after: { opened: fresh, removed: removed.map((r) => r.id), recipients: notified } },
      );
    return { opened: fresh.length, removed: removed.length, notified };
  });
}

/** 2.2.q: an operator reports unpermitted software found while helping a user; the report goes out at once. */
export async function reportFinding(ctx: Ctx, input: SoftwareFindingReportInput): Promise<string> {
  return inTransaction(ctx.db, async (scope) => {
    const device = await findDeviceById(scope.tx, input.assetId, ctx.actor);
    if (!device) throw invalidField('assetId', 'error.unknown_reference');
    if (input.ticketId) {
      const [t] = await queryRows<{ id: string }>(scope.tx, sql`select id from tickets where id = ${input.ticketId}`);
      if (!t) throw invalidField('ticketId', 'error.unknown_reference');
    }
    const now = new Date();
    const [row] = await queryRows<{ id: string }>(
      scope.tx,
      sql`insert into software_findings as f (asset_id, name, publisher, software_version, reason, ticket_id, note, first_found_at, last_found_at)
          values (${device.id}, ${input.name}, ${input.publisher ?? null}, ${input.version ?? null}, 'reported', ${input.ticketId ?? null}, ${input.note ?? null}, ${now}, ${now})
          on conflict (asset_id, name, coalesce(publisher, '')) do update set
            status = 'open', resolved_at = null, notified_at = null, last_found_at = excluded.last_found_at,
            ticket_id = coalesce(excluded.ticket_id, f.ticket_id), note = coalesce(excluded.note, f.note), version = f.version + 1
          returning f.id`,
    );
    await notifyFindings(scope, ctx.config, ctx.queue, [row.id], now);
    await writeAudit(scope.tx, auditCtx(ctx), {
      action: 'software-finding.reported',
      entityType: 'software-finding',
      entityId: row.id,
      siteId: device.siteId,
      after: input,
    });
    return row.id;
  });
}

export async function updateFinding(ctx: Ctx, id: string, input: SoftwareFindingUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findFindingById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (expected !== null && expected !== current.version) throw preconditionFailed();
    if (current.status === 'removed' || current.status === 'exception') throw invalidField('status', 'error.finding_closed');
    const closes = input.status === 'removed' || input.status === 'exception';
    const [after] = await tx
      .update(softwareFindings)
      .set({
        status: input.status,
        note: input.note ?? current.note,
        resolvedAt: closes ? new Date() : null,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(softwareFindings.id, id))
      .returning();
    const { asset: _a, siteId, ...before } = current;
    await writeAudit(tx, auditCtx(ctx), { action: `software-finding.${input.status}`, entityType: 'software-finding', entityId: id, siteId, before, after });
  });
}

export async function addListRule(ctx: Ctx, input: SoftwareListRuleInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [rule] = await tx
      .insert(softwareListRules)
      .values({
        kind: input.kind,
        productId: input.productId ?? null,
        namePattern: input.namePattern ?? null,
        publisherPattern: input.publisherPattern ?? null,
        nameLike: input.namePattern ? globToLike(input.namePattern) : null,
        publisherLike: input.publisherPattern ? globToLike(input.publisherPattern) : null,
        note: input.note ?? null,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-list-rule.created', entityType: 'software-list-rule', entityId: rule.id, after: rule });
  });
}

export async function deleteListRule(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [rule] = await tx.delete(softwareListRules).where(eq(softwareListRules.id, id)).returning();
    if (!rule) throw notFound();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-list-rule.deleted', entityType: 'software-list-rule', entityId: id, before: rule });
  });
}

export async function setListMode(ctx: Ctx, mode: 'allow' | 'deny'): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [before] = await tx.select().from(softwareSettings).where(eq(softwareSettings.id, 1)).for('update');
    await tx
      .update(softwareSettings)
      .set({ listMode: mode, version: before.version + 1, updatedAt: new Date() })
      .where(eq(softwareSettings.id, 1));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-settings.updated',
      entityType: 'software-settings',
      entityId: '1',
      before: { listMode: before.listMode },
      after: { listMode: mode },
    });
  });
}
