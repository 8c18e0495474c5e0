import { randomBytes } from 'node:crypto';
import type { HookTokenCreateInput, HookTokenDto, MonitoringSource } from '@unyo/contracts';
import { and, desc, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { users } from '../access/access.table.ts';
import { iso } from '../org/org.presenter.ts';
import { hookTokens } from './monitoring.table.ts';

const TOKEN_PREFIX = 'uhk_';
/** lastUsedAt is a hint for administrators; touching it on every webhook would only add writes. */
const TOUCH_INTERVAL_MS = 60_000;

const { tokenHash: _hash, ...publicColumns } = getTableColumns(hookTokens);
export type HookTokenRow = Omit<typeof hookTokens.$inferSelect, 'tokenHash'> & { createdByLabel: string | null };
/** The monitoring tool behind a webhook call, and the hooks its token may post to. */
export type HookIdentity = { tokenId: string; name: string; sources: MonitoringSource[] };

/** Hook tokens look like `uhk_<8 hex>_<secret>` (the same shape as agent tokens); only the SHA-256 is stored. */
export function newHookToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString('hex');
  const token = `${TOKEN_PREFIX}${prefix}_${randomToken(24)}`;
  return { token, prefix, hash: sha256(token) };
}

export function presentHookToken(row: HookTokenRow): HookTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: `${TOKEN_PREFIX}${row.prefix}_…`,
    sources: row.sources as MonitoringSource[],
    createdAt: iso(row.createdAt)!,
    createdBy: row.createdByLabel,
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

export async function listHookTokens(db: Db): Promise<HookTokenRow[]> {
  return db
    .select({ ...publicColumns, createdByLabel: users.email })
    .from(hookTokens)
    .leftJoin(users, eq(users.id, hookTokens.createdById))
    .orderBy(desc(hookTokens.createdAt), desc(hookTokens.id));
}

export async function createHookToken(ctx: Ctx, input: HookTokenCreateInput): Promise<{ row: HookTokenRow; token: string }> {
  const { token, prefix, hash } = newHookToken();
  const row = await inTransaction(ctx.db, async ({ tx }) => {
    const [r] = await tx
      .insert(hookTokens)
      .values({ name: input.name, prefix, tokenHash: hash, sources: [...new Set(input.sources)], createdById: ctx.actor.userId })
      .returning();
    const { tokenHash: _h, ...auditable } = r;
    await writeAudit(tx, auditCtx(ctx), { action: 'hook_token.created', entityType: 'hook_token', entityId: r.id, after: auditable });
    return auditable;
  });
  return { row: { ...row, createdByLabel: ctx.actor.email }, token };
}

export async function revokeHookToken(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [r] = await tx
      .update(hookTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(hookTokens.id, id), isNull(hookTokens.revokedAt)))
      .returning({ id: hookTokens.id, name: hookTokens.name });
    if (!r) throw notFound();
    await writeAudit(tx, auditCtx(ctx), { action: 'hook_token.revoked', entityType: 'hook_token', entityId: id, before: { name: r.name } });
  });
}

/** The tool behind a Bearer token, or null for an unknown or revoked token. */
export async function authenticateHook(db: Db, token: string): Promise<HookIdentity | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ id: hookTokens.id, name: hookTokens.name, sources: hookTokens.sources, lastUsedAt: hookTokens.lastUsedAt })
    .from(hookTokens)
    .where(and(eq(hookTokens.tokenHash, sha256(token)), isNull(hookTokens.revokedAt)));
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await db.update(hookTokens).set({ lastUsedAt: now }).where(eq(hookTokens.id, row.id));
  }
  return { tokenId: row.id, name: row.name, sources: row.sources as MonitoringSource[] };
}
