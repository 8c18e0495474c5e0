import type { MonitoringRuleCreateInput, MonitoringRuleUpdateInput } from '@unyo/contracts';
import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { monitoringRules } from './monitoring.table.ts';
import { findTargetById } from './targets.repo.ts';

export type RuleRow = typeof monitoringRules.$inferSelect & { target: { id: string; name: string; kind: string } | null };

const selection = {
  ...getTableColumns(monitoringRules),
  target: sql<RuleRow['target']>`(select json_build_object('id', t.id, 'name', t.name, 'kind', t.kind)
    from monitoring_targets t where t.id = ${sql.raw('"monitoring_rules"."target_id"')})`,
};

/** Rules are configuration of the whole installation (not site-bound); evaluated in position order. */
export async function findRules(db: Db): Promise<RuleRow[]> {
  return (await db.select(selection).from(monitoringRules).orderBy(asc(monitoringRules.position), asc(monitoringRules.createdAt))) as RuleRow[];
}

export async function findRuleById(db: Db, id: string, lock?: 'update'): Promise<RuleRow | null> {
  const q = db.select(selection).from(monitoringRules).where(eq(monitoringRules.id, id));
  const [row] = lock ? await q.for('update', { of: monitoringRules }) : await q;
  return (row as RuleRow) ?? null;
}

function columnsOf(input: MonitoringRuleUpdateInput): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
  return values;
}

async function checkRefs(tx: Db, ctx: Ctx, input: MonitoringRuleUpdateInput) {
  if (input.targetId && !(await findTargetById(tx, input.targetId, ctx.actor))) throw invalidField('targetId', 'error.unknown_reference');
}

const strip = ({ target, ...row }: RuleRow) => ({ ...row, target: target?.name ?? null });

export async function createRule(ctx: Ctx, input: MonitoringRuleCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkRefs(tx, ctx, input);
    const [{ id }] = await tx
      .insert(monitoringRules)
      .values(columnsOf(input) as typeof monitoringRules.$inferInsert)
      .returning({ id: monitoringRules.id });
    const row = (await findRuleById(tx, id))!;
    await writeAudit(tx, auditCtx(ctx), { action: 'monitoring-rule.created', entityType: 'monitoring-rule', entityId: id, after: strip(row) });
    return id;
  });
}

export async function updateRule(ctx: Ctx, id: string, input: MonitoringRuleUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findRuleById(tx, id, 'update');
    if (!current) throw notFound();
    await checkRefs(tx, ctx, input);
    await updateVersioned(tx, monitoringRules, current, expected, columnsOf(input));
    const after = (await findRuleById(tx, id))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'monitoring-rule.updated',
      entityType: 'monitoring-rule',
      entityId: id,
      before: strip(current),
      after: strip(after),
    });
  });
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findRuleById(tx, id, 'update');
    if (!current) throw notFound();
    await tx.delete(monitoringRules).where(eq(monitoringRules.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'monitoring-rule.deleted', entityType: 'monitoring-rule', entityId: id, before: strip(current) });
  });
}
