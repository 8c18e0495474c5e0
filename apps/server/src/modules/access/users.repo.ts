import type { UserListQuery } from '@unyo/contracts';
import { and, asc, count, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { people, sites } from '../org/org.table.ts';
import { users } from './access.table.ts';

export type UserRow = typeof users.$inferSelect;
export type UserWithPerson = UserRow & {
  person: { nameKanji: string; siteId: string } | null;
  site: { id: string; code: string; nameJa: string; nameEn: string } | null;
};

const selection = {
  ...getTableColumns(users),
  person: { nameKanji: people.nameKanji, siteId: people.siteId },
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
};

/** A scoped actor sees the accounts of people at their sites; accounts with no person need full scope. */
function userScope(actor: Actor): SQL | undefined {
  if (actor.visibleSiteIds === null) return undefined;
  if (actor.visibleSiteIds.length === 0) return sql`false`;
  return inArray(people.siteId, actor.visibleSiteIds);
}

function base(db: Db) {
  return db.select(selection).from(users).leftJoin(people, eq(people.id, users.personId)).leftJoin(sites, eq(sites.id, people.siteId));
}

export async function findUserById(db: Db, id: string, actor: Actor | null): Promise<UserWithPerson | null> {
  const [row] = await base(db).where(and(eq(users.id, id), actor ? userScope(actor) : undefined));
  return (row as UserWithPerson) ?? null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export async function findUserPage(db: Db, q: UserListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [userScope(actor)];
  if (q.role) filters.push(sql`${q.role} = any(${users.roles})`);
  if (q.active) filters.push(eq(users.active, q.active === 'true'));
  if (q.q) filters.push(contains(sql`${users.email} || ' ' || ${users.displayName}`, q.q));
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const rows = (await base(db)
    .where(and(where, afterCursor(cursor, users.email, users.id, 'asc')))
    .orderBy(asc(users.email), asc(users.id))
    .limit(q.limit + 1)) as UserWithPerson[];
  const [{ total }] = await db.select({ total: count() }).from(users).leftJoin(people, eq(people.id, users.personId)).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.email, id: r.id })), total };
}

export async function countActiveAdmins(db: Db, exceptId?: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.active, true), sql`'admin' = any(${users.roles})`, exceptId ? sql`${users.id} <> ${exceptId}` : undefined));
  return n;
}

export type StaffRecipient = { email: string; displayName: string; locale: string | null };

/**
 * Active operators and administrators whose site scope covers the site: all-site accounts, accounts scoped to a
 * list containing it, and own-site accounts whose person works there. Who is told about a site's records.
 */
export async function findStaffForSite(db: Db, siteId: string): Promise<StaffRecipient[]> {
  return db
    .select({ email: users.email, displayName: users.displayName, locale: users.locale })
    .from(users)
    .leftJoin(people, eq(people.id, users.personId))
    .where(
      and(
        eq(users.active, true),
        sql`${users.roles} && array['admin','operator']::text[]`,
        sql`(${users.siteScopeKind} = 'all'
          or (${users.siteScopeKind} = 'sites' and ${siteId}::uuid = any(${users.siteScopeIds}))
          or (${users.siteScopeKind} = 'own' and ${people.siteId} = ${siteId}::uuid))`,
      ),
    )
    .orderBy(asc(users.email));
}
