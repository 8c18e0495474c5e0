import type { MeDto, Permission } from '@unyo/contracts';
import { useMe } from './session.ts';

type WithAbilities = { abilities?: Record<string, boolean> } | null | undefined;

export function hasPermission(me: MeDto | null | undefined, permission: Permission): boolean {
  return !!me && (me.permissions as readonly string[]).includes(permission);
}

/** A permission, or a list of which any one suffices (a page that gathers several modules). */
export type PermissionRequirement = Permission | readonly Permission[];

export function meetsRequirement(me: MeDto | null | undefined, required: PermissionRequirement): boolean {
  return typeof required === 'string' ? hasPermission(me, required) : required.some((p) => hasPermission(me, p));
}

/**
 * The client never decides authorization itself; it only reads what the server computed.
 * - `useCan('person.create')`: a global permission of the signed-in user (page actions, navigation).
 * - `useCan(person, 'update')`: the ability the server computed for this record.
 */
export function useCan(permission: Permission): boolean;
export function useCan(record: WithAbilities, action: string): boolean;
export function useCan(target: Permission | WithAbilities, action?: string): boolean {
  const { data: me } = useMe();
  if (typeof target === 'string') return hasPermission(me, target);
  return canOn(target, action ?? '');
}

/** Non-hook form of `useCan(record, action)`, for table cell renderers. */
export function canOn(record: WithAbilities, action: string): boolean {
  return record?.abilities?.[action] === true;
}
