import type { SoftwareProductCreateInput, SoftwareProductUpdateInput, SoftwareRuleInput } from '@unyo/contracts';
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { findProductById } from './products.repo.ts';
import { softwareProductRules, softwareProducts } from './software.table.ts';
import { compareVersions, globToLike } from './versions.ts';

const nullable = <T>(v: T | null | undefined) => v ?? null;

export async function createProduct(ctx: Ctx, input: SoftwareProductCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const [row] = await tx
      .insert(softwareProducts)
      .values({ name: input.name, publisher: nullable(input.publisher), editionFamily: nullable(input.editionFamily), note: nullable(input.note) })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-product.created', entityType: 'software-product', entityId: row.id, after: row });
    return row.id;
  });
}

export async function updateProduct(ctx: Ctx, id: string, input: SoftwareProductUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findProductById(tx, id, 'update');
    if (!current) throw notFound();
    const { rules: _r, ...before } = current;
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    const after = await updateVersioned(tx, softwareProducts, before, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'software-product.updated', entityType: 'software-product', entityId: id, before, after });
  });
}

/** A product still entitled by a licence cannot go (409 in use); its rules go with it. */
export async function deleteProduct(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findProductById(tx, id, 'update');
    if (!current) throw notFound();
    if (expected !== null && expected !== current.version) throw preconditionFailed();
    await tx.delete(softwareProducts).where(eq(softwareProducts.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'software-product.deleted', entityType: 'software-product', entityId: id, before: current });
  });
}

export async function addRule(ctx: Ctx, productId: string, input: SoftwareRuleInput): Promise<void> {
  if (input.versionMin && input.versionMax && compareVersions(input.versionMin, input.versionMax) > 0) throw invalidField('versionMax', 'error.invalid');
  await inTransaction(ctx.db, async ({ tx }) => {
    const product = await findProductById(tx, productId, 'update');
    if (!product) throw notFound();
    const [rule] = await tx
      .insert(softwareProductRules)
      .values({
        productId,
        namePattern: input.namePattern,
        publisherPattern: nullable(input.publisherPattern),
        nameLike: globToLike(input.namePattern),
        publisherLike: input.publisherPattern ? globToLike(input.publisherPattern) : null,
        versionMin: nullable(input.versionMin),
        versionMax: nullable(input.versionMax),
        productVersion: nullable(input.productVersion),
        priority: input.priority,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-rule.created', entityType: 'software-product', entityId: productId, after: rule });
  });
}

export async function deleteRule(ctx: Ctx, productId: string, ruleId: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [rule] = await tx
      .delete(softwareProductRules)
      .where(and(eq(softwareProductRules.id, ruleId), eq(softwareProductRules.productId, productId)))
      .returning();
    if (!rule) throw notFound();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-rule.deleted', entityType: 'software-product', entityId: productId, before: rule });
  });
}
