import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { verifyAuditChain } from './audit.service.ts';
import { auditLog } from './audit.table.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  // A few ordinary audited changes made through the API.
  const admin = await loginAdmin(t.app);
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

const rows = () => t.db.select({ id: auditLog.id, action: auditLog.action, after: auditLog.after }).from(auditLog).orderBy(asc(auditLog.id));

describe('audit log hash chain', () => {
  test('the chain written by ordinary requests verifies', async () => {
    const all = await rows();
    assert.ok(all.length >= 4, `expected several audit rows, got ${all.map((r) => r.action)}`);
    assert.ok(all.some((r) => r.action === 'site.created'));
    const res = await verifyAuditChain(t.db);
    assert.equal(res.ok, true, res.reason ?? '');
    assert.equal(res.checked, all.length);
    assert.equal(res.brokenAt, null);
    // The verifier pages through the log; page boundaries must not change the verdict.
    assert.deepEqual(await verifyAuditChain(t.db, 2), res);
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

  test('deleting a row in the middle breaks the link to the next one', async () => {
    const all = await rows();
    const middle = Math.floor(all.length / 2);
    assert.ok(middle > 0 && middle < all.length - 1);
    await t.db.delete(auditLog).where(eq(auditLog.id, all[middle].id));
    const res = await verifyAuditChain(t.db);
    assert.equal(res.ok, false);
    assert.equal(res.brokenAt, all[middle + 1].id);
    assert.equal(res.checked, middle, 'every row before the gap still verifies');
    assert.match(res.reason ?? '', /deleted/);
    assert.deepEqual(await verifyAuditChain(t.db, 2), res);
  });
});
