import { randomBytes } from 'node:crypto';
import type { AgentTokenCreateInput } from '@unyo/contracts';
import { and, desc, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { users } from '../access/access.table.ts';
import { agentTokens } from './assets.table.ts';

const TOKEN_PREFIX = 'uagt_';
/** lastUsedAt is a hint for administrators; touching it on every inventory would only add writes. */
const TOUCH_INTERVAL_MS = 60_000;

const { tokenHash: _hash, ...publicColumns } = getTableColumns(agentTokens);
export type AgentTokenRow = Omit<typeof agentTokens.$inferSelect, 'tokenHash'> & { createdByLabel: string | null };
export type AgentIdentity = { tokenId: string; name: string };

/** Agent tokens look like `uagt_<8-char prefix>_<secret>`; only the SHA-256 is stored. */
export function newAgentToken(): { token: string; prefix: string; hash: string } {
  // Hex, so the prefix never contains the `_` that separates it from the secret.
  const prefix = randomBytes(4).toString('hex');
  const token = `${TOKEN_PREFIX}${prefix}_${randomToken(24)}`;
  return { token, prefix, hash: sha256(token) };
}

export async function listAgentTokens(db: Db): Promise<AgentTokenRow[]> {
  return db
    .select({ ...publicColumns, createdByLabel: users.email })
    .from(agentTokens)
    .leftJoin(users, eq(users.id, agentTokens.createdById))
    .orderBy(desc(agentTokens.createdAt), desc(agentTokens.id));
}

export async function createAgentToken(ctx: Ctx, input: AgentTokenCreateInput): Promise<{ row: AgentTokenRow; token: string }> {
  const { token, prefix, hash } = newAgentToken();
  const row = await inTransaction(ctx.db, async ({ tx }) => {
    const [r] = await tx.insert(agentTokens).values({ name: input.name, prefix, tokenHash: hash, createdById: ctx.actor.userId }).returning();
    const { tokenHash: _h, ...auditable } = r;
    await writeAudit(tx, auditCtx(ctx), { action: 'agent_token.created', entityType: 'agent_token', entityId: r.id, after: auditable });
    return auditable;
  });
  return { row: { ...row, createdByLabel: ctx.actor.email }, token };
}

export async function revokeAgentToken(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [r] = await tx
      .update(agentTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(agentTokens.id, id), isNull(agentTokens.revokedAt)))
      .returning({ id: agentTokens.id, name: agentTokens.name });
    if (!r) throw notFound();
    await writeAudit(tx, auditCtx(ctx), { action: 'agent_token.revoked', entityType: 'agent_token', entityId: id, before: { name: r.name } });
  });
}

/** The agent behind an HTTP Basic password, or null for an unknown or revoked token. */
export async function authenticateAgent(db: Db, token: string): Promise<AgentIdentity | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ id: agentTokens.id, name: agentTokens.name, lastUsedAt: agentTokens.lastUsedAt })
    .from(agentTokens)
    .where(and(eq(agentTokens.tokenHash, sha256(token)), isNull(agentTokens.revokedAt)));
  if (!row) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - new Date(row.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await db.update(agentTokens).set({ lastUsedAt: now }).where(eq(agentTokens.id, row.id));
  }
  return { tokenId: row.id, name: row.name };
}
