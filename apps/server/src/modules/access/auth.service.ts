import { type Locale, permissionsOf, type Role } from '@unyo/contracts';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { cachedActor, forgetActors, rememberActor } from '../../platform/auth/actor-cache.ts';
import { randomToken, sha256, verifyDummy, verifyPassword } from '../../platform/auth/crypto.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { people } from '../org/org.table.ts';
import { scopeOf } from './access.presenter.ts';
import { apiTokens, sessions, users } from './access.table.ts';
import type { UserRow } from './users.repo.ts';

const TOUCH_INTERVAL_MS = 60_000;

/** Builds the actor of a user row: roles → permissions, scope → visible site ids. */
export async function actorOf(db: Db, user: UserRow, via: Actor['via'], session: { id: string; csrfToken: string } | null): Promise<Actor> {
  let visibleSiteIds: string[] | null = null;
  if (user.siteScopeKind === 'sites') visibleSiteIds = user.siteScopeIds;
  if (user.siteScopeKind === 'own') {
    const [p] = user.personId ? await db.select({ siteId: people.siteId }).from(people).where(eq(people.id, user.personId)) : [];
    visibleSiteIds = p ? [p.siteId] : [];
  }
  const roles = user.roles as Role[];
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    personId: user.personId,
    roles,
    permissions: permissionsOf(roles),
    siteScope: scopeOf(user),
    visibleSiteIds,
    locale: user.locale as Locale,
    via,
    sessionId: session?.id ?? null,
    csrfToken: session?.csrfToken ?? null,
    mustChangePassword: user.mustChangePassword,
  };
}

export async function actorFromSession(db: Db, config: Config, token: string): Promise<Actor | null> {
  const hash = sha256(token);
  const cached = cachedActor(`s:${hash}`);
  if (cached) return cached;
  const idleCutoff = new Date(Date.now() - config.session.idleMinutes * 60_000);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleCutoff), eq(users.active, true)));
  if (!row) return null;
  if (Date.now() - new Date(row.session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.session.id));
  }
  const actor = await actorOf(db, row.user, 'session', row.session);
  // The idle limit runs from the last touch, at most a minute old: the entry ends well before it.
  rememberActor(`s:${hash}`, actor, row.session.expiresAt);
  return actor;
}

export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith('unyo_')) return null;
  const hash = sha256(token);
  const cached = cachedActor(`t:${hash}`);
  if (cached) return cached;
  const now = new Date();
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)), eq(users.active, true)),
    );
  if (!row) return null;
  if (!row.token.lastUsedAt || now.getTime() - new Date(row.token.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  const actor = await actorOf(db, row.user, 'token', null);
  rememberActor(`t:${hash}`, actor, row.token.expiresAt);
  return actor;
}

/** Per-address throttle in front of the per-account lockout; in memory, per process. */
const attemptsByIp = new Map<string, number[]>();
const IP_WINDOW_MS = 5 * 60_000;
const IP_MAX_ATTEMPTS = 30;

export function throttleLogin(ip: string): void {
  const now = Date.now();
  const recent = (attemptsByIp.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
  recent.push(now);
  attemptsByIp.set(ip, recent);
  if (recent.length > IP_MAX_ATTEMPTS) throw new AppError(429, 'problem.too_many_requests', [], { 'retry-after': String(IP_WINDOW_MS / 1000) });
}

export function resetLoginThrottle(): void {
  attemptsByIp.clear();
}

export type LoginResult = { token: string; actor: Actor; expiresAt: Date };

export async function login(
  db: Db,
  config: Config,
  input: { email: string; password: string },
  meta: { ip: string; userAgent: string | null; requestId: string },
): Promise<LoginResult> {
  throttleLogin(meta.ip);
  const email = input.email.toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user || !user.active) {
    await verifyDummy(input.password);
    throw new AppError(401, 'problem.login_failed');
  }
  const audit = { actor: { userId: user.id, label: user.email }, requestId: meta.requestId };
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    throw new AppError(423, 'problem.locked', [], { 'retry-after': String(Math.ceil((new Date(user.lockedUntil).getTime() - Date.now()) / 1000)) });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await inTransaction(db, async ({ tx }) => {
      const failures = user.failedLogins + 1;
      const lock = failures >= config.login.maxFailures;
      await tx
        .update(users)
        .set(lock ? { failedLogins: 0, lockedUntil: new Date(Date.now() + config.login.lockMinutes * 60_000) } : { failedLogins: failures })
        .where(eq(users.id, user.id));
      await writeAudit(tx, audit, { action: lock ? 'user.locked' : 'user.login_failed', entityType: 'user', entityId: user.id, after: { failures } });
    });
    throw new AppError(401, 'problem.login_failed');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + config.session.absoluteHours * 3600_000);
  const session = await inTransaction(db, async ({ tx }) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    const [s] = await tx
      .insert(sessions)
      .values({ tokenHash: sha256(token), csrfToken, userId: user.id, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null })
      .returning();
    await writeAudit(tx, audit, { action: 'user.logged_in', entityType: 'user', entityId: user.id, after: { ip: meta.ip } });
    // Housekeeping: expired sessions of this user go away at each login.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, new Date())));
    return s;
  });
  return { token, expiresAt, actor: await actorOf(db, user, 'session', session) };
}

export async function logout(db: Db, actor: Actor, requestId: string, everywhere: boolean): Promise<void> {
  await inTransaction(db, async ({ tx, afterCommit }) => {
    afterCommit(forgetActors);
    if (everywhere) await tx.delete(sessions).where(eq(sessions.userId, actor.userId));
    else if (actor.sessionId) await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
    await writeAudit(
      tx,
      { actor: { userId: actor.userId, label: actor.email }, requestId },
      {
        action: everywhere ? 'user.logged_out_everywhere' : 'user.logged_out',
        entityType: 'user',
        entityId: actor.userId,
      },
    );
  });
}

export async function purgeExpiredSessions(db: Db): Promise<number> {
  const rows = await queryRows(db, sql`delete from sessions where expires_at < now() returning id`);
  return rows.length;
}
