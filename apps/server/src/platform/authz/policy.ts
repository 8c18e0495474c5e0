import type { Actor } from '../auth/actor.ts';

/** A module's policy: ability name → rule over (actor, record). */
export type Policy<R> = Record<string, (actor: Actor, record: R) => boolean>;

/** The abilities map sent with every DTO; the web only reads it (`useCan(dto, 'update')`). */
export function abilitiesOf<R>(policy: Policy<R>, actor: Actor, record: R): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [name, rule] of Object.entries(policy)) out[name] = rule(actor, record);
  return out;
}
