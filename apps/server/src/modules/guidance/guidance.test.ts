import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

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

const session = (over: Record<string, unknown> = {}) => ({
  heldAt: '2026-04-01T10:00:00+09:00',
  endsAt: '2026-04-01T11:30:00+09:00',
  siteId: tokyo.id,
  place: '本部 会議室A',
  audience: '新規採用職員',
  attendees: '佐藤、鈴木、高橋',
  attendeeCount: 3,
  content: 'PCの基本操作、メールの使い方、情報セキュリティの注意事項',
  topic: '新規採用職員研修',
  staffAgreedBy: '情報システム課 山田',
  staffAgreedOn: '2026-03-25',
  ...over,
});

describe('technical-guidance log (1.3.c)', () => {
  test('records a session with pre-approval, edits it with If-Match and audits every change', async () => {
    const res = await admin.post('/api/v1/guidance-logs', session());
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.equal(dto.heldAt, '2026-04-01T01:00:00.000Z');
    assert.equal(dto.staffAgreedOn, '2026-03-25');
    assert.equal(dto.site.id, tokyo.id);
    assert.equal(dto.abilities.update, true);

    const upd = await admin.patch(`/api/v1/guidance-logs/${dto.id}`, { attendeeCount: 4, attendees: '佐藤、鈴木、高橋、伊藤' }, { 'if-match': '"v1"' });
    assert.equal(upd.statusCode, 200, upd.body);
    assert.equal(upd.json().attendeeCount, 4);
    const stale = await admin.patch(`/api/v1/guidance-logs/${dto.id}`, { attendeeCount: 5 }, { 'if-match': '"v1"' });
    assert.equal(stale.statusCode, 412);
    const order = await admin.patch(`/api/v1/guidance-logs/${dto.id}`, { endsAt: '2026-04-01T09:00:00+09:00' });
    assert.equal(order.statusCode, 422);
    assert.equal(order.json().errors[0].path, 'endsAt');
    const missing = await admin.post('/api/v1/guidance-logs', session({ place: '', content: undefined }));
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(
      missing
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ['content', 'place'],
    );

    const del = await admin.delete(`/api/v1/guidance-logs/${dto.id}`);
    assert.equal(del.statusCode, 204);
    assert.equal((await admin.get(`/api/v1/guidance-logs/${dto.id}`)).statusCode, 404);
    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, dto.id), eq(auditLog.entityType, 'guidance-log')));
    assert.deepEqual(audits.map((a) => a.action).sort(), ['guidance-log.created', 'guidance-log.deleted', 'guidance-log.updated']);
  });

  test('the monthly list takes sessions by site-local month and exports them for the regular meeting', async () => {
    const ids: string[] = [];
    for (const s of [
      session({ heldAt: '2026-05-01T08:00:00+09:00', endsAt: null, content: '五月一日の指導' }), // 4/30 23:00 UTC, May in Tokyo
      session({ heldAt: '2026-05-20T14:00:00+09:00', endsAt: null, content: 'Teams会議の使い方', attendeeCount: 12 }),
      session({ heldAt: '2026-05-31T22:00:00-04:00', endsAt: null, siteId: nyc.id, place: 'NY office', audience: 'Local staff', content: 'VPN setup' }), // June 1 UTC, May in NY
      session({ heldAt: '2026-06-01T09:00:00+09:00', endsAt: null, content: '六月の指導' }),
    ]) {
      const r = await admin.post('/api/v1/guidance-logs', s);
      assert.equal(r.statusCode, 201, r.body);
      ids.push(r.json().id);
    }
    const may = (await admin.get('/api/v1/guidance-logs?month=2026-05')).json();
    assert.equal(may.total, 3);
    assert.deepEqual(
      may.items.map((i: { content: string }) => i.content),
      ['VPN setup', 'Teams会議の使い方', '五月一日の指導'],
    );
    assert.equal((await admin.get('/api/v1/guidance-logs?month=2026-13')).statusCode, 422);
    assert.equal((await admin.get(`/api/v1/guidance-logs?q=${encodeURIComponent('teams')}`)).json().total, 1);

    const x = await admin.get('/api/v1/guidance-logs/monthly.xlsx?month=2026-05');
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-disposition']), /guidance-2026-05\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.equal(ws.getCell('A1').value, '技術指導一覧（2026-05）');
    assert.equal(ws.getCell('I3').value, '五月一日の指導');
    // Times are the site's wall clock: 08:00 in Tokyo, 22:00 in New York.
    assert.equal((ws.getCell('B3').value as Date).toISOString(), '2026-05-01T08:00:00.000Z');
    assert.equal((ws.getCell('B5').value as Date).toISOString(), '2026-05-31T22:00:00.000Z');
    assert.equal(ws.getCell('I6').value, null);

    // Scope: an operator of Tokyo sees neither New York's session in the list nor in the export, nor by id.
    const { client: tokyoOp } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    assert.equal((await tokyoOp.get('/api/v1/guidance-logs?month=2026-05')).json().total, 2);
    assert.equal((await tokyoOp.get(`/api/v1/guidance-logs/${ids[2]}`)).statusCode, 404);
    const scoped = await tokyoOp.get('/api/v1/guidance-logs/monthly.xlsx?month=2026-05');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(scoped.rawPayload as unknown as ArrayBuffer);
    assert.ok(!JSON.stringify(wb2.worksheets[0].getSheetValues()).includes('VPN setup'));
    const out = await tokyoOp.post('/api/v1/guidance-logs', session({ siteId: nyc.id }));
    assert.equal(out.statusCode, 422);
    assert.equal(out.json().errors[0].path, 'siteId');

    // Staff in charge read and export; they do not write.
    const { client: supervisor } = await clientFor(t, ['supervisor']);
    assert.equal((await supervisor.get('/api/v1/guidance-logs?month=2026-05')).json().items[0].abilities.update, false);
    assert.equal((await supervisor.post('/api/v1/guidance-logs', session())).statusCode, 403);
    const { client: requester } = await clientFor(t, ['requester']);
    assert.equal((await requester.get('/api/v1/guidance-logs')).statusCode, 403);
  });
});
