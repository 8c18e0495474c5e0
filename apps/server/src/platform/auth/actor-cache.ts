import type { Actor } from './actor.ts';

/**
 * A short-lived cache of authenticated actors by credential hash (decision 0015). Every API request authenticates;
 * looking the token or session up costs a round trip and about a sixth of a list request's CPU on a small server.
 *
 * Changes made through this process (token revoked, user deactivated or edited, logout, password change) forget every
 * entry once they commit (`forgetActors`). Changes this process cannot see — another instance, the CLI, SQL by hand,
 * a person moved to another site under an "own site" scope — apply within the time to live (default 5 s). A cached
 * entry never outlives its token's or session's own expiry.
 */

type Entry = { actor: Actor; until: number };

const MAX_ENTRIES = 10_000;
const entries = new Map<string, Entry>();
let ttlMs = 5_000;

/** 0 turns the cache off. */
export function configureActorCache(seconds: number | undefined): void {
  ttlMs = Number.isFinite(seconds) ? Math.max(0, (seconds as number) * 1000) : 5_000;
  entries.clear();
}

export function cachedActor(key: string, now = Date.now()): Actor | null {
  const e = entries.get(key);
  if (!e) return null;
  if (e.until <= now) {
    entries.delete(key);
    return null;
  }
  return e.actor;
}

/** Keeps the actor for the time to live, or until `expiresAt` (the credential's own end) if that is sooner. */
export function rememberActor(key: string, actor: Actor, expiresAt: Date | string | null, now = Date.now()): void {
  if (ttlMs === 0) return;
  const end = expiresAt ? new Date(expiresAt).getTime() : Number.POSITIVE_INFINITY;
  const until = Math.min(now + ttlMs, end);
  if (until <= now) return;
  // Map keeps insertion order: the first key is the oldest entry.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(key, { actor, until });
}

/** After a committed change to users, tokens or sessions: the next request of every credential reads the database. */
export function forgetActors(): void {
  entries.clear();
}
