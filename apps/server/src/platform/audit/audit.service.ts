import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows, queryRowsPrepared } from '../../db/rows.ts';
import type { AuditActor } from '../auth/actor.ts';
import { sha256 } from '../auth/crypto.ts';

/**
 * Number of hash chains appends are spread over. A transaction appends to chain `pg_backend_pid() % AUDIT_CHAINS`
 * under that chain's lock, held until commit: writers on different backends mostly take different locks instead of
 * queueing behind one another's commit. Raising it later is safe (verify reads whatever chains exist).
 */
export const AUDIT_CHAINS = 8;
// Class of the two-int advisory lock (class, chain); a different key space from the one-int migration lock.
const AUDIT_CHAIN_LOCK = 72_5390_02;

/**
 * First prev_hash of a chain: its number as 64 hex digits. Chain 0 keeps the genesis the single chain had, so rows
 * written before chains existed stay valid; a row moved to another chain can never link to that chain's genesis.
 */
export function chainGenesis(chain: number): string {
  return chain.toString(16).padStart(64, '0');
}
export const AUDIT_GENESIS = chainGenesis(0);

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  siteId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditContext = { actor: AuditActor; requestId: string | null };

/** JSON with sorted keys: jsonb reorders keys, so the hash must not depend on their order. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export type HashedFields = {
  atMs: number;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  siteId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

function hashedJson(f: HashedFields): string {
  return canonicalJson([f.atMs, f.actorId, f.actorLabel, f.action, f.entityType, f.entityId, f.siteId, f.before, f.after, f.requestId]);
}

/** sha256 of the UTF-8 string prevHash + canonical JSON; writeAudit computes the same in SQL. */
export function auditHash(prevHash: string, f: HashedFields): string {
  return sha256(prevHash + hashedJson(f));
}

const plain = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));
const jsonbParam = (v: unknown) => (v === null ? null : JSON.stringify(v));

/**
 * Appends one audit row to this backend's chain. Must run inside the transaction of the change it records: the chain
 * lock is held until that transaction ends, so every row of a transaction lands in one chain and ids grow within a chain.
 */
export async function writeAudit(tx: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await queryRowsPrepared(tx, sql`select ${auditAppendSql(ctx, entry)}`);
}

/**
 * writeAudit as an SQL expression, for a statement that records its own change (e.g. in an INSERT's RETURNING):
 * one round trip fewer. The expression takes the chain's lock and appends the row when it is evaluated, so it must
 * be evaluated exactly once (one returned row). Lock, head and hashed insert are one function (migration 0016), which
 * reads the head in a statement of its own after the lock is granted; the digest is auditHash's.
 */
export function auditAppendSql(ctx: AuditContext, entry: AuditEntry): SQL<number> {
  return auditAppendCall(auditAppendArgs(ctx, entry));
}

/** auditAppendSql with placeholders `${prefix}0…` for a statement built once (fill them with auditAppendValues). */
export function auditAppendPlaceholderSql(prefix: string): SQL<number> {
  return auditAppendCall(AUDIT_ARG_TYPES.map((_, i) => sql.placeholder(`${prefix}${i}`)));
}

export function auditAppendValues(prefix: string, ctx: AuditContext, entry: AuditEntry): Record<string, unknown> {
  return Object.fromEntries(auditAppendArgs(ctx, entry).map((v, i) => [`${prefix}${i}`, v]));
}

const AUDIT_ARG_TYPES = ['timestamptz', 'uuid', 'text', 'text', 'text', 'text', 'uuid', 'jsonb', 'jsonb', 'text', 'text'];

function auditAppendCall(args: unknown[]): SQL<number> {
  const typed = args.map((v, i) => sql`${v}::${sql.raw(AUDIT_ARG_TYPES[i])}`);
  return sql<number>`audit_append(${AUDIT_CHAINS}::int, ${AUDIT_CHAIN_LOCK}::int, ${sql.join(typed, sql`, `)})`;
}

function auditAppendArgs(ctx: AuditContext, entry: AuditEntry): unknown[] {
  const f: HashedFields = {
    atMs: Date.now(),
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    siteId: entry.siteId ?? null,
    before: plain(entry.before),
    after: plain(entry.after),
    requestId: ctx.requestId,
  };
  const at = new Date(f.atMs).toISOString();
  return [at, f.actorId, f.actorLabel, f.action, f.entityType, f.entityId, f.siteId, jsonbParam(f.before), jsonbParam(f.after), f.requestId, hashedJson(f)];
}

export type VerifyResult = {
  ok: boolean;
  /** Rows verified before the first break: every row with a smaller id than brokenAt (all rows when ok). */
  checked: number;
  /** Digest of the verified heads: sha256 of the `chain:head` lines in chain order (headsDigest). */
  headHash: string;
  /** Latest verified hash of each chain that has rows. */
  heads: Record<number, string>;
  brokenAt: number | null;
  reason: string | null;
};

/** One value to record outside the database (e.g. in the monthly report): covers the head of every chain. */
export function headsDigest(heads: Record<number, string>): string {
  const chains = Object.keys(heads)
    .map(Number)
    .sort((a, b) => a - b);
  return sha256(chains.map((c) => `${c}:${heads[c]}`).join('\n'));
}

/**
 * Recomputes every chain, each in id order, in one pass over the log in id order (so brokenAt is the smallest broken
 * id). An edited row breaks its hash; a deleted, inserted or moved row breaks a link (a moved row no longer links to
 * its new chain's predecessor, and its old successor no longer links to its old one).
 */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  const heads = new Map<number, string>();
  let lastId = 0;
  let checked = 0;
  const result = (brokenAt: number | null, reason: string | null): VerifyResult => {
    const byChain = Object.fromEntries([...heads].sort(([a], [b]) => a - b));
    return { ok: brokenAt === null, checked, headHash: headsDigest(byChain), heads: byChain, brokenAt, reason };
  };
  for (;;) {
    const rows = await queryRows(
      db,
      sql`
      select id, chain, (extract(epoch from at) * 1000)::bigint as at_ms, actor_id, actor_label, action, entity_type,
             entity_id, site_id, before, after, request_id, prev_hash, hash
      from audit_log where id > ${lastId} order by id limit ${batch}`,
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r.id);
      const chain = Number(r.chain);
      const prev = heads.get(chain) ?? chainGenesis(chain);
      if (r.prev_hash !== prev) return result(id, `chain ${chain} link broken (row deleted, inserted or moved between chains)`);
      const expected = auditHash(prev, {
        atMs: Number(r.at_ms),
        actorId: (r.actor_id as string) ?? null,
        actorLabel: r.actor_label as string,
        action: r.action as string,
        entityType: r.entity_type as string,
        entityId: (r.entity_id as string) ?? null,
        siteId: (r.site_id as string) ?? null,
        before: parseJson(r.before),
        after: parseJson(r.after),
        requestId: (r.request_id as string) ?? null,
      });
      if (expected !== r.hash) return result(id, 'row content does not match its hash (row edited)');
      heads.set(chain, r.hash as string);
      lastId = id;
      checked++;
    }
  }
  return result(null, null);
}

function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? JSON.parse(v) : v;
}
