import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { hardwareAssets } from './assets.table.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let nyc: { id: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  nyc = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
});
after(async () => {
  await t.close();
});

let seq = 0;
async function makeAsset(siteId: string, userId: string | null, over: Partial<typeof hardwareAssets.$inferInsert> = {}) {
  const n = `DR-${Date.now().toString(36)}-${seq++}`;
  const [row] = await t.db
    .insert(hardwareAssets)
    .values({ assetNumber: n, ledger: 'domestic', name: `ノートPC ${n}`, category: 'notebook_pc', siteId, userId, status: 'in_use', macAddresses: [], ...over })
    .returning();
  return row;
}

const report = (assetId: string, over: Record<string, unknown> = {}) => ({
  assetId,
  kind: 'theft',
  occurredAt: '2025-06-02T18:30:00+09:00',
  place: '東京駅構内',
  circumstances: '電車の網棚に置いたかばんごと盗まれた',
  ...over,
});

describe('theft, loss and damage reports (2.1.i)', () => {
  test('a theft report marks the asset lost, mails the user the procedure in Japanese, and flags the supervisor', async () => {
    const user = await makePerson(t, tokyo.id, { nameKanji: '山田 花子', email: 'hanako@example.jp' });
    const asset = await makeAsset(tokyo.id, user.id, { macAddresses: ['02:00:00:00:bb:01'] });
    const res = await admin.post('/api/v1/damage-reports', report(asset.id));
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.equal(dto.kind, 'theft');
    assert.equal(dto.person.id, user.id, 'the person defaults to the asset user');
    assert.equal(dto.supervisorFlag, true);
    assert.ok(dto.userNotifiedAt);
    assert.equal(dto.asset.status, 'lost');

    const [stored] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, asset.id));
    assert.equal(stored.status, 'lost');
    assert.equal(stored.version, asset.version + 1);
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, dto.noticeMailId));
    assert.equal(mail.to, 'hanako@example.jp');
    assert.equal(mail.template, 'asset.damage-notice');
    assert.equal(mail.locale, 'ja');
    assert.match(mail.subject, /盗難/);
    assert.match(mail.subject, new RegExp(asset.assetNumber));
    assert.match(mail.text, /山田 花子 様/);
    assert.match(mail.text, /機器盗難報告書/);
    assert.match(mail.text, /被害届/);

    // One request, one transaction: the report, the status change and their audit records.
    const [created] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'damage-report'), eq(auditLog.entityId, dto.id)));
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.requestId, created.requestId!));
    assert.deepEqual(audits.map((a) => a.action).sort(), ['asset.updated', 'damage-report.created']);
    const assetAudit = audits.find((a) => a.action === 'asset.updated')!;
    assert.deepEqual(assetAudit.before, { status: 'in_use' });
  });

  test('staff at an overseas office get the notice in English; damage leaves the status alone', async () => {
    const user = await makePerson(t, nyc.id, { nameKanji: 'John Smith', nameRomaji: 'John Smith', email: 'john@example.com' });
    const asset = await makeAsset(nyc.id, user.id);
    const res = await admin.post('/api/v1/damage-reports', report(asset.id, { kind: 'damage', place: null, circumstances: 'Coffee spilled on the keyboard' }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().asset.status, 'in_use');
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, res.json().noticeMailId));
    assert.equal(mail.locale, 'en');
    assert.equal(mail.to, 'john@example.com');
    assert.match(mail.subject, /^\[Unyo\] Damage report/);
    assert.match(mail.text, /Dear John Smith/);
    assert.match(mail.text, /Equipment damage report/);
    assert.match(mail.text, /America\/New_York/);
  });

  test('without an e-mail address nothing is queued and the notice stays to be done; bad input is rejected', async () => {
    const user = await makePerson(t, tokyo.id, { email: null });
    const asset = await makeAsset(tokyo.id, user.id);
    const res = await admin.post('/api/v1/damage-reports', report(asset.id, { kind: 'loss' }));
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().userNotifiedAt, null);
    assert.equal(res.json().noticeMailId, null);
    assert.equal(res.json().asset.status, 'lost');

    const noAsset = await admin.post('/api/v1/damage-reports', report('00000000-0000-4000-8000-000000000000'));
    assert.equal(noAsset.statusCode, 422);
    assert.equal(noAsset.json().errors[0].path, 'assetId');
    const badKind = await admin.post('/api/v1/damage-reports', report(asset.id, { kind: 'fire' }));
    assert.equal(badKind.statusCode, 422);
  });

  test('follow-up, the supervisor confirmation, and site scope', async () => {
    const user = await makePerson(t, tokyo.id, { email: 'x@example.jp' });
    const asset = await makeAsset(tokyo.id, user.id);
    const created = (await admin.post('/api/v1/damage-reports', report(asset.id, { kind: 'damage' }))).json();

    const { client: operator } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const patched = await operator.patch(`/api/v1/damage-reports/${created.id}`, { userReportReceivedAt: '2025-06-05T10:00:00+09:00', notes: '報告書受領' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().userReportReceivedAt, '2025-06-05T01:00:00.000Z');
    assert.equal(patched.json().supervisorFlag, true);
    assert.equal(patched.json().abilities.confirm, false);
    const opConfirm = await operator.post(`/api/v1/damage-reports/${created.id}/confirm`);
    assert.equal(opConfirm.statusCode, 403, 'only the staff in charge clear the flag');

    const { client: supervisor } = await clientFor(t, ['supervisor']);
    const list = await supervisor.get('/api/v1/damage-reports?supervisorFlag=true');
    assert.ok(list.json().items.some((r: { id: string }) => r.id === created.id));
    assert.equal((await supervisor.patch(`/api/v1/damage-reports/${created.id}`, { notes: 'x' })).statusCode, 403);
    const confirmed = await supervisor.post(`/api/v1/damage-reports/${created.id}/confirm`);
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().supervisorFlag, false);
    assert.ok(confirmed.json().reportedToStaffAt);
    const actions = (
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, 'damage-report'), eq(auditLog.entityId, created.id)))
    ).map((a) => a.action);
    assert.deepEqual(actions, ['damage-report.created', 'damage-report.updated', 'damage-report.confirmed']);

    const { client: other } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [nyc.id] });
    assert.equal((await other.get(`/api/v1/damage-reports/${created.id}`)).statusCode, 404);
    assert.ok(!(await other.get('/api/v1/damage-reports')).json().items.some((r: { id: string }) => r.id === created.id));
    const outOfScope = await other.post('/api/v1/damage-reports', report(asset.id));
    assert.equal(outOfScope.statusCode, 422);
    const [still] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, asset.id));
    assert.equal(still.status, 'in_use');
  });
});
