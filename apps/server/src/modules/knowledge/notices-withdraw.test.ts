import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { noticeBroadcastJob, sendBroadcastBatch } from './notices.broadcast.ts';

let t: TestApp;
let admin: Client;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

describe('notice broadcast after a withdrawal', () => {
  test('withdrawing a notice stops its broadcast: the people not yet mailed are never mailed', async () => {
    const site = await makeSite(t, { kind: 'regional' });
    for (const i of [1, 2, 3, 4]) await makePerson(t, site.id, { nameKanji: `配信 ${i}`, email: `withdraw${i}@example.jp` });
    const body = {
      ja: { title: '誤配信テスト', body: '誤って公開したお知らせ' },
      en: {},
      status: 'published',
      siteIds: [site.id],
      publishFrom: new Date(Date.now() - 3600_000).toISOString(),
    };
    const created = await admin.post('/api/v1/notices', body);
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    assert.equal((await admin.post(`/api/v1/notices/${id}/broadcast`)).json().broadcast.total, 4);

    assert.equal(await sendBroadcastBatch(t.db, t.config, t.jobs, id, 1), true);
    const withdrawn = await admin.request('PATCH', `/api/v1/notices/${id}`, { ...body, status: 'withdrawn' });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);

    const jobCtx = { db: t.db, config: t.config, queue: t.jobs, jobId: null, log: () => {} };
    await noticeBroadcastJob.handler({ noticeId: id }, jobCtx);
    const mails = await t.db
      .select({ to: mailOutbox.to })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, 'notice.broadcast'), like(mailOutbox.to, 'withdraw%')));
    assert.equal(mails.length, 1, 'only the batch sent before the withdrawal');

    const after = (await admin.get(`/api/v1/notices/${id}`)).json().broadcast;
    assert.deepEqual([after.status, after.sent], ['done', 1], 'finished, so the sweep does not pick it up again');
    const [stopped] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'notice.broadcast-stopped')));
    assert.ok(stopped, 'the stop is in the audit trail');
  });
});
