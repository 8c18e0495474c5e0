import type { ApiTokenCreateInput, Locale, UserCreateInput, UserUpdateInput } from '@unyo/contracts';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forgetActors } from '../../platform/auth/actor-cache.ts';
import { generatePassword, hashPassword, newApiToken, verifyPassword } from '../../platform/auth/crypto.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { findPersonById } from '../org/people.repo.ts';
import { auditableUser } from './access.presenter.ts';
import { apiTokens, sessions, users } from './access.table.ts';
import { countActiveAdmins, findUserById } from './users.repo.ts';

const BOOTSTRAP_LOCK = 72_5390_03;

function scopeColumns(scope: UserCreateInput['siteScope']) {
  return { siteScopeKind: scope.kind, siteScopeIds: scope.kind === 'sites' ? scope.siteIds : [] };
}

async function assertPersonUsable(ctx: Ctx, tx: Db, personId: string | null | undefined) {
  if (!personId) return null;
  const person = await findPersonById(tx, personId, ctx.actor);
  if (!person) throw invalidField('personId', 'error.unknown_reference');
  return person;
}

export async function createUser(ctx: Ctx, input: UserCreateInput) {
  if (input.password.toLowerCase() === input.email) throw invalidField('password', 'error.password_same_as_email');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (scope) => {
    const { tx } = scope;
    const person = await assertPersonUsable(ctx, tx, input.personId);
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName ?? person?.nameKanji ?? input.email,
        personId: input.personId ?? null,
        passwordHash,
        roles: input.roles,
        locale: input.locale,
        ...scopeColumns(input.siteScope),
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'user.created', entityType: 'user', entityId: row.id, siteId: person?.siteId, after: auditableUser(row) });
    await enqueueMail(scope, ctx.queue, {
      to: row.email,
      template: 'account-created',
      locale: row.locale as Locale,
      vars: { name: row.displayName, email: row.email, url: ctx.config.publicUrl },
    });
    return row.id;
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdateInput, expected: number | null) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return inTransaction(ctx.db, async ({ tx, afterCommit }) => {
    afterCommit(forgetActors);
    const current = await findUserById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const { person: _p, site: _s, ...before } = current;
    if (input.personId !== undefined) await assertPersonUsable(ctx, tx, input.personId);
    const losesAdmin = before.roles.includes('admin') && before.active && ((input.roles && !input.roles.includes('admin')) || input.active === false);
    if (losesAdmin && (await countActiveAdmins(tx, id)) === 0) throw invalidField(input.roles ? 'roles' : 'active', 'error.last_admin');
    const { password: _pw, siteScope, ...rest } = input;
    const values: Record<string, unknown> = { ...rest, ...(siteScope ? scopeColumns(siteScope) : {}) };
    if (passwordHash) Object.assign(values, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: true, failedLogins: 0, lockedUntil: null });
    const after = await updateVersioned(tx, users, before, expected, values);
    // Deactivation or a password reset ends the user's sessions.
    if (passwordHash || input.active === false) await tx.delete(sessions).where(eq(sessions.userId, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: passwordHash ? 'user.updated_password_reset' : 'user.updated',
      entityType: 'user',
      entityId: id,
      siteId: current.person?.siteId,
      before: auditableUser(before),
      after: auditableUser(after),
    });
    return id;
  });
}

export async function changeOwnPassword(ctx: Ctx, currentPassword: string, newPassword: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) throw invalidField('currentPassword', 'error.password_wrong');
  if (newPassword.toLowerCase() === user.email) throw invalidField('newPassword', 'error.password_same_as_email');
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx.db, async (scope) => {
    const { tx } = scope;
    scope.afterCommit(forgetActors);
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, version: user.version + 1, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    // Other sessions end; this one stays.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ctx.actor.sessionId ? ne(sessions.id, ctx.actor.sessionId) : undefined));
    await writeAudit(tx, auditCtx(ctx), { action: 'user.password_changed', entityType: 'user', entityId: user.id });
    await enqueueMail(scope, ctx.queue, {
      to: user.email,
      template: 'password-changed',
      locale: user.locale as Locale,
      vars: { name: user.displayName, at: new Date().toISOString() },
    });
  });
}

export async function updateOwnLocale(ctx: Ctx, locale: Locale) {
  await inTransaction(ctx.db, async ({ tx, afterCommit }) => {
    afterCommit(forgetActors);
    await tx.update(users).set({ locale }).where(eq(users.id, ctx.actor.userId));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'user.locale_changed',
      entityType: 'user',
      entityId: ctx.actor.userId,
      before: { locale: ctx.actor.locale },
      after: { locale },
    });
  });
}

export async function listOwnTokens(db: Db, actor: Actor) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt));
}

export async function createApiToken(db: Db, actor: Pick<Actor, 'userId' | 'email'>, input: ApiTokenCreateInput, requestId: string | null) {
  const { token, prefix, hash } = newApiToken();
  if (input.expiresAt && new Date(input.expiresAt) <= new Date()) throw invalidField('expiresAt', 'error.invalid');
  const row = await inTransaction(db, async ({ tx }) => {
    const [r] = await tx
      .insert(apiTokens)
      .values({ userId: actor.userId, name: input.name, prefix, tokenHash: hash, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null })
      .returning();
    const { tokenHash: _h, ...auditable } = r;
    await writeAudit(
      tx,
      { actor: { userId: actor.userId, label: actor.email }, requestId },
      { action: 'api_token.created', entityType: 'api_token', entityId: r.id, after: auditable },
    );
    return r;
  });
  return { row, token };
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  await inTransaction(ctx.db, async ({ tx, afterCommit }) => {
    afterCommit(forgetActors);
    const [r] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!r) throw notFound();
    await writeAudit(tx, auditCtx(ctx), { action: 'api_token.revoked', entityType: 'api_token', entityId: id });
  });
}

/** First start: creates the administrator, printing a generated password once if none was configured. */
export async function ensureAdmin(db: Db, email: string, password: string | null): Promise<{ created: boolean; password: string | null }> {
  const [any] = await db.select({ id: users.id }).from(users).limit(1);
  if (any) return { created: false, password: null };
  const generated = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generated!);
  const created = await inTransaction(db, async ({ tx }) => {
    // Several instances may start on one empty database: one of them creates the admin.
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [again] = await tx.select({ id: users.id }).from(users).limit(1);
    if (again) return false;
    const [row] = await tx
      .insert(users)
      .values({ email, displayName: 'Administrator', passwordHash, roles: ['admin'], siteScopeKind: 'all', mustChangePassword: !!generated })
      .returning();
    await writeAudit(
      tx,
      { actor: { userId: null, label: 'system' }, requestId: null },
      { action: 'user.created', entityType: 'user', entityId: row.id, after: auditableUser(row) },
    );
    return true;
  });
  return created ? { created: true, password: generated } : { created: false, password: null };
}
