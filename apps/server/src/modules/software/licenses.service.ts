import type { SoftwareLicenseCreateInput, SoftwareLicenseUpdateInput } from '@unyo/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { findDevicesByNumber } from './device-refs.ts';
import { findLicenseById, findLicenseIdsByAssetNumber, findProductIds, type LicenseWithRefs } from './licenses.repo.ts';
import { softwareLicenseProducts, softwareLicenses } from './software.table.ts';

type Refs = { upgradeFromId?: string | null; boundDeviceId?: string | null };

/** Resolves the asset numbers a licence points at; an upgrade source may not be the licence itself or its own upgrade. */
async function resolveRefs(tx: Db, ctx: Ctx, input: SoftwareLicenseUpdateInput, selfId: string | null): Promise<Refs> {
  const out: Refs = {};
  if (input.upgradeFromAssetNumber !== undefined) {
    if (input.upgradeFromAssetNumber === null) out.upgradeFromId = null;
    else {
      const id = (await findLicenseIdsByAssetNumber(tx, [input.upgradeFromAssetNumber])).get(input.upgradeFromAssetNumber);
      if (!id) throw invalidField('upgradeFromAssetNumber', 'error.unknown_reference');
      if (selfId && (id === selfId || (await isUpgradeOf(tx, id, selfId)))) throw invalidField('upgradeFromAssetNumber', 'error.upgrade_cycle');
      out.upgradeFromId = id;
    }
  }
  if (input.boundDeviceAssetNumber !== undefined) {
    if (input.boundDeviceAssetNumber === null) out.boundDeviceId = null;
    else {
      const d = (await findDevicesByNumber(tx, [input.boundDeviceAssetNumber], ctx.actor)).get(input.boundDeviceAssetNumber);
      if (!d) throw invalidField('boundDeviceAssetNumber', 'error.unknown_reference');
      out.boundDeviceId = d.id;
    }
  }
  if (input.productIds && input.productIds.length > 0) {
    const found = await findProductIds(tx, input.productIds);
    const i = input.productIds.findIndex((p) => !found.has(p));
    if (i >= 0) throw invalidField(`productIds.${i}`, 'error.unknown_reference');
  }
  return out;
}

/** True when `candidate` descends from `ancestor` along upgrade links (so linking would close a cycle). */
async function isUpgradeOf(tx: Db, candidate: string, ancestor: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    tx,
    sql`with recursive up(id, from_id, depth) as (
          select id, upgrade_from_id, 0 from software_licenses where id = ${candidate}
          union all select l.id, l.upgrade_from_id, up.depth + 1 from software_licenses l join up on l.id = up.from_id where up.depth < 100
        ) select exists (select 1 from up where id = ${ancestor}) as found`,
  );
  return rows[0]?.found ?? false;
}

function columnsOf(input: SoftwareLicenseUpdateInput, refs: Refs): Record<string, unknown> {
  const { productIds: _p, upgradeFromAssetNumber: _u, boundDeviceAssetNumber: _b, ...plain } = input;
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) if (v !== undefined) values[k] = v;
  for (const [k, v] of Object.entries(refs)) if (v !== undefined) values[k] = v;
  return values;
}

async function setProducts(tx: Db, licenseId: string, productIds: string[]) {
  await tx.delete(softwareLicenseProducts).where(eq(softwareLicenseProducts.licenseId, licenseId));
  const unique = [...new Set(productIds)];
  if (unique.length) await tx.insert(softwareLicenseProducts).values(unique.map((productId) => ({ licenseId, productId })));
}

const auditView = (l: LicenseWithRefs) => {
  const { products, upgradeFrom, upgradeTo: _t, boundDevice, ...row } = l;
  return { ...row, productIds: products.map((p) => p.id), upgradeFrom: upgradeFrom?.assetNumber ?? null, boundDevice: boundDevice?.assetNumber ?? null };
};

export async function createLicense(ctx: Ctx, input: SoftwareLicenseCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const refs = await resolveRefs(tx, ctx, input, null);
    const [row] = await tx
      .insert(softwareLicenses)
      .values(columnsOf(input, refs) as typeof softwareLicenses.$inferInsert)
      .returning({ id: softwareLicenses.id });
    await setProducts(tx, row.id, input.productIds);
    const after = (await findLicenseById(tx, row.id))!;
    await writeAudit(tx, auditCtx(ctx), { action: 'software-license.created', entityType: 'software-license', entityId: row.id, after: auditView(after) });
    return row.id;
  });
}

export async function updateLicense(ctx: Ctx, id: string, input: SoftwareLicenseUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findLicenseById(tx, id, 'update');
    if (!current) throw notFound();
    const refs = await resolveRefs(tx, ctx, input, id);
    await updateVersioned(tx, softwareLicenses, current, expected, columnsOf(input, refs));
    if (input.productIds) await setProducts(tx, id, input.productIds);
    const after = (await findLicenseById(tx, id))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-license.updated',
      entityType: 'software-license',
      entityId: id,
      before: auditView(current),
      after: auditView(after),
    });
  });
}

export async function deleteLicense(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findLicenseById(tx, id, 'update');
    if (!current) throw notFound();
    if (expected !== null && expected !== current.version) throw preconditionFailed();
    await tx.delete(softwareLicenses).where(eq(softwareLicenses.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'software-license.deleted', entityType: 'software-license', entityId: id, before: auditView(current) });
  });
}
