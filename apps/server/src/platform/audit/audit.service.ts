import { desc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { AuditActor } from '../auth/actor.ts';
import { sha256 } from '../auth/crypto.ts';
import { auditLog } from './audit.table.ts';

export const AUDIT_GENESIS = '0'.repeat(64);
// Serializes audit appends so the chain has one head; held until the business transaction commits.
const AUDIT_CHAIN_LOCK = 72_5390_02;

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

export function auditHash(prevHash: string, f: HashedFields): string {
  return sha256(prevHash + canonicalJson([f.atMs, f.actorId, f.actorLabel, f.action, f.entityType, f.entityId, f.siteId, f.before, f.after, f.requestId]));
}

const plain = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/** Appends one audit row. Must run inside the transaction of the change it records. */
export async function writeAudit(tx: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const fields: HashedFields = {
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
  await tx.insert(auditLog).values({
    at: new Date(fields.atMs).toISOString(),
    actorId: fields.actorId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    entityType: fields.entityType,
    entityId: fields.entityId,
    siteId: fields.siteId,
    before: fields.before,
    after: fields.after,
    requestId: fields.requestId,
    prevHash,
    hash: auditHash(prevHash, fields),
  });
}

export type VerifyResult = { ok: boolean; checked: number; headHash: string; brokenAt: number | null; reason: string | null };

/** Recomputes the chain in id order; an edited, inserted or deleted row breaks it. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  let prev = AUDIT_GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await queryRows(
      db,
      sql`
      select id, (extract(epoch from at) * 1000)::bigint as at_ms, actor_id, actor_label, action, entity_type,
             entity_id, site_id, before, after, request_id, prev_hash, hash
      from audit_log where id > ${lastId} order by id limit ${batch}`,
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r.id);
      if (r.prev_hash !== prev) return { ok: false, checked, headHash: prev, brokenAt: id, reason: 'chain link broken (row deleted or inserted)' };
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
      if (expected !== r.hash) return { ok: false, checked, headHash: prev, brokenAt: id, reason: 'row content does not match its hash (row edited)' };
      prev = r.hash as string;
      lastId = id;
      checked++;
    }
  }
  return { ok: true, checked, headHash: prev, brokenAt: null, reason: null };
}

function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? JSON.parse(v) : v;
}
