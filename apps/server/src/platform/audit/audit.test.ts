import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { type Client, engine, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { AUDIT_CHAINS, AUDIT_GENESIS, type AuditContext, auditHash, chainGenesis, headsDigest, verifyAuditChain, writeAudit } from './audit.service.ts';
import { auditLog } from './audit.table.ts';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  // A few ordinary audited changes made through the API.
  admin = await loginAdmin(t.app);
  const site = await admin.post('/api/v1/sites', { code: 'AUD1', kind: 'regional', nameJa: '監査拠点', nameEn: 'Audit site' });
  assert.equal(site.statusCode, 201, site.body);
  const dept = await admin.post('/api/v1/departments', { code: 'AUD1-OPS', nameJa: '運用課', nameEn: 'Operations', siteId: site.json().id });
  assert.equal(dept.statusCode, 201, dept.body);
  const patched = await admin.patch('/api/v1/me', { locale: 'en' });
  assert.equal(patched.statusCode, 200, patched.body);
});
after(async () => {
  await t.close();
});

const rows = () =>
  t.db
    .select({ id: auditLog.id, chain: auditLog.chain, action: auditLog.action, after: auditLog.after, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(asc(auditLog.id));
const ctx: AuditContext = { actor: { userId: null, label: '監査 太郎' }, requestId: 'req-監査' };

describe('audit log hash chains', () => {
  test('the chains written by ordinary requests verify, and the result names the head of each', async () => {
    const all = await rows();
    assert.ok(all.length >= 4, `expected several audit rows, got ${all.map((r) => r.action)}`);
    assert.ok(all.some((r) => r.action === 'site.created'));
    const res = await verifyAuditChain(t.db);
    assert.equal(res.ok, true, res.reason ?? '');
    assert.equal(res.checked, all.length);
    assert.equal(res.brokenAt, null);
    const heads: Record<number, string> = {};
    for (const r of all) heads[r.chain] = r.hash;
    assert.deepEqual(res.heads, heads);
    assert.equal(res.headHash, headsDigest(heads));
    if (engine === 'pglite') assert.equal(Object.keys(heads).length, 1, 'PGlite has one backend, so one chain');
    // The verifier pages through the log; page boundaries must not change the verdict.
    assert.deepEqual(await verifyAuditChain(t.db, 2), res);
  });

  test('chain 0 starts from the genesis of the single chain, so rows written before chains existed stay valid', () => {
    assert.equal(AUDIT_GENESIS, '0'.repeat(64));
    assert.equal(chainGenesis(0), AUDIT_GENESIS);
    assert.equal(chainGenesis(AUDIT_CHAINS - 1), `${'0'.repeat(63)}${(AUDIT_CHAINS - 1).toString(16)}`);
  });

  test('the hash computed in SQL equals auditHash, for Japanese text and nested JSON, and `at` is the hashed instant', async () => {
    const atMs = Date.UTC(2026, 2, 31, 23, 59, 59, 987);
    const entry = {
      action: 'audit.tested',
      entityType: 'テスト',
      entityId: '資産-001',
      before: { 名称: '旧「端末」', tags: ['α', '二'] },
      after: { 名称: '新しい端末 🗾', nested: { list: [1, 2.5, { z: true, a: null, 日本: ['東京', '大阪'] }], empty: {} }, quote: '"\\' },
    };
    const now = mock.method(Date, 'now', () => atMs);
    try {
      await t.db.transaction((tx) => writeAudit(tx, ctx, entry));
    } finally {
      now.mock.restore();
    }
    const [row] = await queryRows<{ at_ms: number; prev_hash: string; hash: string }>(
      t.db,
      sql`select (extract(epoch from at) * 1000)::bigint as at_ms, prev_hash, hash from audit_log where action = 'audit.tested'`,
    );
    assert.equal(Number(row.at_ms), atMs);
    const expected = auditHash(row.prev_hash, {
      atMs,
      actorId: null,
      actorLabel: ctx.actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      siteId: null,
      before: entry.before,
      after: entry.after,
      requestId: ctx.requestId,
    });
    assert.equal(row.hash, expected);
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  test('editing the recorded values of one row is detected at that row', async () => {
    const [target] = await t.db.select({ id: auditLog.id, after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'site.created'));
    assert.ok(target.after, 'site.created records the new site');
    const edited = { ...(target.after as Record<string, unknown>), nameJa: '改ざん拠点' };
    await t.db.update(auditLog).set({ after: edited }).where(eq(auditLog.id, target.id));
    try {
      const res = await verifyAuditChain(t.db);
      assert.equal(res.ok, false);
      assert.equal(res.brokenAt, target.id);
      assert.match(res.reason ?? '', /edited/);
    } finally {
      await t.db.update(auditLog).set({ after: target.after }).where(eq(auditLog.id, target.id));
    }
    // Restoring the original values makes the chain whole again: the hash covers content, not storage.
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  test('moving a row to another chain is detected at that row', async () => {
    const all = await rows();
    const target = all[Math.floor(all.length / 2)];
    await t.db
      .update(auditLog)
      .set({ chain: (target.chain + 1) % AUDIT_CHAINS })
      .where(eq(auditLog.id, target.id));
    try {
      const res = await verifyAuditChain(t.db);
      assert.equal(res.ok, false);
      assert.equal(res.brokenAt, target.id);
      assert.equal(res.checked, all.filter((r) => r.id < target.id).length);
      assert.match(res.reason ?? '', /moved/);
      assert.deepEqual(await verifyAuditChain(t.db, 2), res);
    } finally {
      await t.db.update(auditLog).set({ chain: target.chain }).where(eq(auditLog.id, target.id));
    }
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  test('concurrent writers on PostgreSQL append to several chains without waiting for each other, and the log verifies', {
    skip: engine === 'pglite' ? 'PGlite has one backend, so every transaction appends to the same chain' : false,
  }, async () => {
    const existing = (await rows()).length;
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        admin.post('/api/v1/sites', { code: `AUDC${i}`, kind: 'regional', nameJa: `並行拠点${i}`, nameEn: `Concurrent site ${i}` }),
      ),
    );
    for (const res of created) assert.equal(res.statusCode, 201, res.body);
    const written = (await rows()).slice(existing);
    assert.equal(written.filter((r) => r.action === 'site.created').length, 16);
    assert.ok(new Set(written.map((r) => r.chain)).size > 1, `all 16 requests appended to chain ${written[0].chain}`);

    // Two open transactions on backends of different chains both append before either commits; with one chain
    // lock the second append would wait for the first commit and hit the lock timeout.
    const pool = t.database.pool!;
    const held: pg.PoolClient[] = [];
    try {
      const byChain = new Map<number, pg.PoolClient>();
      while (byChain.size < 2 && held.length < 8) {
        const c = await pool.connect();
        held.push(c);
        const [{ pid }] = (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
        if (!byChain.has(pid % AUDIT_CHAINS)) byChain.set(pid % AUDIT_CHAINS, c);
      }
      assert.equal(byChain.size, 2, 'eight backends whose pids all fall in one chain');
      const open = [...byChain.values()];
      for (const c of open) await c.query("begin; set local lock_timeout = '5s'");
      try {
        for (const [i, c] of open.entries()) {
          await writeAudit(drizzle(c) as unknown as Db, ctx, { action: 'audit.concurrent', entityType: 'test', entityId: String(i) });
        }
        for (const c of open) await c.query('commit');
      } catch (e) {
        for (const c of open) await c.query('rollback');
        throw e;
      }
    } finally {
      for (const c of held) c.release();
    }
    const lanes = (await rows()).filter((r) => r.action === 'audit.concurrent').map((r) => r.chain);
    assert.equal(new Set(lanes).size, 2);

    const res = await verifyAuditChain(t.db);
    assert.equal(res.ok, true, res.reason ?? '');
    assert.equal(res.checked, (await rows()).length);
    assert.ok(Object.keys(res.heads).length > 1);
  });

  test('a writer waiting for its chain links to the row the holder committed meanwhile', {
    skip: engine === 'pglite' ? 'PGlite has one backend' : false,
  }, async () => {
    // Two backends of the same chain (at most AUDIT_CHAINS + 1 connections find them). The second append waits for
    // the first transaction's lock; once it commits, the head the second reads must be the row it committed.
    const pool = t.database.pool!;
    const held: pg.PoolClient[] = [];
    const sameChain: pg.PoolClient[] = [];
    try {
      const byChain = new Map<number, pg.PoolClient>();
      while (sameChain.length < 2 && held.length <= AUDIT_CHAINS) {
        const c = await pool.connect();
        held.push(c);
        const [{ pid }] = (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
        const other = byChain.get(pid % AUDIT_CHAINS);
        if (other) sameChain.push(other, c);
        else byChain.set(pid % AUDIT_CHAINS, c);
      }
      assert.equal(sameChain.length, 2);
      const [first, second] = sameChain;
      await first.query('begin');
      await second.query('begin');
      await writeAudit(drizzle(first) as unknown as Db, ctx, { action: 'audit.queued', entityType: 'test', entityId: 'first' });
      const waiting = writeAudit(drizzle(second) as unknown as Db, ctx, { action: 'audit.queued', entityType: 'test', entityId: 'second' });
      await new Promise((r) => setTimeout(r, 200));
      await first.query('commit');
      await waiting;
      await second.query('commit');
    } finally {
      for (const c of held) c.release();
    }
    const queued = await t.db.select().from(auditLog).where(eq(auditLog.action, 'audit.queued')).orderBy(asc(auditLog.id));
    assert.deepEqual(
      queued.map((r) => r.entityId),
      ['first', 'second'],
    );
    assert.equal(queued[1].prevHash, queued[0].hash, 'the second row links to the first');
    assert.equal((await verifyAuditChain(t.db)).ok, true);
  });

  test('deleting a row in the middle breaks the link to the next row of its chain', async () => {
    const all = await rows();
    const middle = all.findIndex((r, i) => i >= all.length / 2 && all.slice(i + 1).some((s) => s.chain === r.chain));
    assert.ok(middle > 0, 'a row in the second half with a later row in its chain');
    const victim = all[middle];
    const successor = all.slice(middle + 1).find((r) => r.chain === victim.chain)!;
    await t.db.delete(auditLog).where(eq(auditLog.id, victim.id));
    const res = await verifyAuditChain(t.db);
    assert.equal(res.ok, false);
    assert.equal(res.brokenAt, successor.id);
    assert.equal(res.checked, all.filter((r) => r.id < successor.id && r.id !== victim.id).length, 'every row before the break still verifies');
    assert.match(res.reason ?? '', /deleted/);
    assert.deepEqual(await verifyAuditChain(t.db, 2), res);
  });
});
