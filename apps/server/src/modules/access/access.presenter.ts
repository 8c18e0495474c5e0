import type { ApiTokenDto, MeDto, Role, SiteScope, UserDto } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/actor.ts';
import { iso } from '../org/org.presenter.ts';
import type { apiTokens } from './access.table.ts';
import type { UserRow, UserWithPerson } from './users.repo.ts';

export function scopeOf(row: Pick<UserRow, 'siteScopeKind' | 'siteScopeIds'>): SiteScope {
  if (row.siteScopeKind === 'sites') return { kind: 'sites', siteIds: row.siteScopeIds };
  if (row.siteScopeKind === 'own') return { kind: 'own' };
  return { kind: 'all' };
}

/** What the audit trail keeps of a user: never the password hash. */
export function auditableUser(row: UserRow) {
  const { passwordHash: _p, failedLogins: _f, lastLoginAt: _l, ...rest } = row;
  return rest;
}

export function presentUser(row: UserWithPerson, actor: Actor): UserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    personId: row.personId,
    personName: row.person?.nameKanji ?? null,
    site: row.site ?? null,
    roles: row.roles as Role[],
    siteScope: scopeOf(row),
    active: row.active,
    locale: row.locale as UserDto['locale'],
    lockedUntil: row.lockedUntil && new Date(row.lockedUntil) > new Date() ? iso(row.lockedUntil) : null,
    lastLoginAt: iso(row.lastLoginAt),
    version: row.version,
    updatedAt: iso(row.updatedAt)!,
    abilities: { update: can(actor, 'user.update') },
  };
}

export function presentMe(actor: Actor): MeDto {
  return {
    id: actor.userId,
    email: actor.email,
    displayName: actor.displayName,
    personId: actor.personId,
    roles: actor.roles,
    siteScope: actor.siteScope,
    visibleSiteIds: actor.visibleSiteIds,
    permissions: [...actor.permissions].sort(),
    locale: actor.locale,
    csrfToken: actor.csrfToken,
    mustChangePassword: actor.mustChangePassword,
  };
}

export function presentApiToken(row: typeof apiTokens.$inferSelect): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: `unyo_${row.prefix}_…`,
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
    createdAt: iso(row.createdAt)!,
  };
}
