import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';

/** siteScope for raw SQL: rows of devices matched to no asset (no site) are seen only by all-site actors. */
export function siteScopeSql(actor: Actor, siteColumn: SQL): SQL {
  if (actor.visibleSiteIds === null) return sql`true`;
  if (actor.visibleSiteIds.length === 0) return sql`false`;
  return sql`${siteColumn} in (select jsonb_array_elements_text(${JSON.stringify(actor.visibleSiteIds)}::jsonb)::uuid)`;
}
