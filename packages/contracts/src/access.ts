import { z } from 'zod';
import { Abilities, Id, Locale, Page, PageQuery } from './common.ts';
import { SiteRef } from './org.ts';
import { permissions, roleNames } from './permissions.ts';

export const RoleName = z.enum(roleNames);
export const PermissionName = z.enum(permissions as [string, ...string[]]);

export const SiteScopeKind = z.enum(['all', 'sites', 'own']);
export const SiteScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('own') }),
  z.object({ kind: z.literal('sites'), siteIds: z.array(Id).min(1) }),
]);
export type SiteScope = z.infer<typeof SiteScope>;

/** Password policy (decision 0005): 12+ characters, not all of one class, not the e-mail. */
export const Password = z
  .string()
  .min(12, { message: 'error.password_short' })
  .max(256)
  .refine((p) => new Set(p).size >= 4, { message: 'error.password_weak' });

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});

export const MeDto = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  personId: Id.nullable(),
  roles: z.array(RoleName),
  siteScope: SiteScope,
  /** Sites the user may see; null means all. */
  visibleSiteIds: z.array(Id).nullable(),
  permissions: z.array(PermissionName),
  locale: Locale,
  csrfToken: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type MeDto = z.infer<typeof MeDto>;

export const MeUpdateInput = z.object({ locale: Locale });

export const UserCreateInput = z.object({
  email: z.email().trim().toLowerCase(),
  displayName: z.string().trim().min(1).max(200).optional(),
  personId: Id.nullable().optional(),
  roles: z.array(RoleName).min(1),
  siteScope: SiteScope.default({ kind: 'all' }),
  password: Password,
  locale: Locale.default('ja'),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;
export const UserUpdateInput = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  personId: Id.nullable().optional(),
  roles: z.array(RoleName).min(1).optional(),
  siteScope: SiteScope.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
  locale: Locale.optional(),
});
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

export const UserDto = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  personId: Id.nullable(),
  personName: z.string().nullable(),
  site: SiteRef.nullable(),
  roles: z.array(RoleName),
  siteScope: SiteScope,
  active: z.boolean(),
  locale: Locale,
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type UserDto = z.infer<typeof UserDto>;
export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: RoleName.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
export const UserPage = Page(UserDto);

export const RoleDto = z.object({
  name: RoleName,
  labelJa: z.string(),
  labelEn: z.string(),
  permissions: z.array(PermissionName),
});
export const RoleList = z.object({ items: z.array(RoleDto), permissions: z.array(z.object({ name: z.string(), ja: z.string(), en: z.string() })) });

export const ApiTokenCreateInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type ApiTokenCreateInput = z.infer<typeof ApiTokenCreateInput>;
export const ApiTokenDto = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiTokenDto = z.infer<typeof ApiTokenDto>;
export const ApiTokenCreated = ApiTokenDto.extend({ token: z.string() });
export const ApiTokenList = z.object({ items: z.array(ApiTokenDto) });
