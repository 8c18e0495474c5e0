import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { localDateOf } from '../../platform/calendar/zoned-time.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { minusMonths } from '../software/versions.ts';
import { reviewReminderSweep } from './opsdocs.service.ts';

/** 1.1.d: the malware response plan and checklist are verified at least yearly; a missed review is reminded once. */

let t: TestApp;
let admin: Client;
const today = localDateOf(Date.now(), 'Asia/Tokyo');
const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const ids: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await clientFor(t, ['supervisor']);
  const docs = [
    ['plan', { kind: 'malware_response_plan', title: 'マルウェア感染時対応計画表', docVersion: '3', lastVerifiedOn: minusMonths(today, 13) }],
    ['checklist', { kind: 'malware_checklist', title: 'マルウェア感染時対応チェックリスト', docVersion: '1' }],
    ['restore', { kind: 'restore_plan', title: '復旧手順書', docVersion: '2', lastVerifiedOn: daysAgo(10) }],
    ['soon', { kind: 'patch_procedure', title: 'パッチ適用手順', docVersion: '5', lastVerifiedOn: minusMonths(daysAgo(-10), 12) }],
  ] as const;
  for (const [key, body] of docs) {
    const res = await admin.post('/api/v1/ops-documents', body);
    assert.equal(res.statusCode, 201, res.body);
    ids[key] = res.json().id;
  }
});
after(async () => {
  await t.close();
});

describe('operations documents with yearly verification (1.1.d)', () => {
  test('each document shows its next review date and whether it is overdue or due soon', async () => {
    const list = (await admin.get('/api/v1/ops-documents')).json().items;
    const state = Object.fromEntries(
      list.map((d: { id: string; reviewState: string; nextReviewOn: string | null }) => [d.id, [d.reviewState, d.nextReviewOn]]),
    );
    assert.deepEqual(state[ids.plan], ['overdue', minusMonths(today, 1)]);
    assert.deepEqual(state[ids.checklist], ['overdue', null]);
    assert.deepEqual(state[ids.restore], ['ok', minusMonths(daysAgo(10), -12)]);
    assert.deepEqual(state[ids.soon], ['due_soon', daysAgo(-10)]);
  });

  test('the reminder goes to the administrators and the staff in charge once per due date, and is audited', async () => {
    const first = await reviewReminderSweep(t.db, t.jobs, t.config);
    assert.deepEqual(first, { checked: 4, reminded: 2 });
    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'ops-document.review-due'));
    assert.equal(mails.length, 4, 'two documents × (admin + supervisor)');
    assert.ok(mails.some((m) => m.subject.includes('マルウェア感染時対応計画表')));
    assert.deepEqual(await reviewReminderSweep(t.db, t.jobs, t.config), { checked: 4, reminded: 0 }, 'not twice for the same due date');
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'ops-document.review-reminded'));
    assert.equal(audits.length, 2);
  });

  test('a review moves the next date; an update needs a new version; readers cannot record reviews', async () => {
    const noVersion = await admin.post(`/api/v1/ops-documents/${ids.plan}/reviews`, { verifiedOn: today, result: 'updated' });
    assert.deepEqual([noVersion.statusCode, noVersion.json().errors[0].path], [422, 'newVersion']);
    const future = await admin.post(`/api/v1/ops-documents/${ids.plan}/reviews`, { verifiedOn: daysAgo(-3), result: 'no_change' });
    assert.deepEqual([future.statusCode, future.json().errors[0].path], [422, 'verifiedOn']);
    const res = await admin.post(`/api/v1/ops-documents/${ids.plan}/reviews`, {
      verifiedOn: today,
      result: 'updated',
      newVersion: '4',
      note: '隔離手順を更新',
    });
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.deepEqual([dto.docVersion, dto.lastVerifiedOn, dto.nextReviewOn, dto.reviewState], ['4', today, minusMonths(today, -12), 'ok']);
    assert.deepEqual(
      dto.reviews.map((r: { fromVersion: string; toVersion: string; result: string }) => [r.fromVersion, r.toVersion, r.result]),
      [['3', '4', 'updated']],
    );
    const { client: auditor } = await clientFor(t, ['auditor']);
    assert.equal((await auditor.get('/api/v1/ops-documents')).statusCode, 200);
    assert.equal((await auditor.post(`/api/v1/ops-documents/${ids.checklist}/reviews`, { verifiedOn: today, result: 'no_change' })).statusCode, 403);
  });
});
