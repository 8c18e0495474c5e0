import { type Column, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';

/**
 * The WHERE clause that keeps a query inside the actor's site scope. Every list and by-id query
 * of site-bound records adds it, so out-of-scope records are never read (by id they are a 404).
 */
export function siteScope(actor: Actor, siteColumn: Column | SQL): SQL | undefined {
  if (actor.visibleSiteIds === null) return undefined;
  if (actor.visibleSiteIds.length === 0) return sql`false`;
  return inArray(siteColumn as Column, actor.visibleSiteIds);
}

/**
 * The same scope for records that affect several sites (a uuid[] column): visible through any of their sites; a
 * record with no site concerns the whole organization and is visible to every reader (incidents, security cases).
 */
export function siteArrayScope(actor: Actor, sitesColumn: Column): SQL | undefined {
  if (actor.visibleSiteIds === null) return undefined;
  if (actor.visibleSiteIds.length === 0) return sql`cardinality(${sitesColumn}) = 0`;
  return sql`(cardinality(${sitesColumn}) = 0 or ${sitesColumn} && ${`{${actor.visibleSiteIds.join(',')}}`}::uuid[])`;
}
