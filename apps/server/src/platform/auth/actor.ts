import type { Locale, Permission, Role, SiteScope } from '@unyo/contracts';

/** Who is acting: resolved once per request from a session cookie or an API token. */
export type Actor = {
  userId: string;
  email: string;
  displayName: string;
  personId: string | null;
  roles: Role[];
  permissions: Set<Permission>;
  siteScope: SiteScope;
  /** Site ids the actor may see; null means every site. */
  visibleSiteIds: string[] | null;
  locale: Locale;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  mustChangePassword: boolean;
};

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

export function canSeeSite(actor: Actor, siteId: string | null | undefined): boolean {
  if (actor.visibleSiteIds === null) return true;
  return !!siteId && actor.visibleSiteIds.includes(siteId);
}

/** The audit trail's view of an actor (also used for system jobs). */
export type AuditActor = { userId: string | null; label: string };
export const systemActor: AuditActor = { userId: null, label: 'system' };
export function auditActorOf(actor: Actor | null): AuditActor {
  return actor ? { userId: actor.userId, label: actor.email } : systemActor;
}
