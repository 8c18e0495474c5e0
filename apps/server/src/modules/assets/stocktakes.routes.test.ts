import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { clientFor, loginAdmin, makeDepartment, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { assetMovements, hardwareAssets, stocktakeItems } from './assets.table.ts';
import { assetMaker, itemsOf } from './stocktakes.fixtures.ts';

let t: TestApp;
let makeAsset: ReturnType<typeof assetMaker>;
before(async () => {
  t = await startTestApp();
  makeAsset = assetMaker(t);
});
after(async () => {
  await t.close();
});

describe('stock-takes (2.1.c visual, 2.1.d remote)', () => {
  test('creating a stock-take freezes the expected list; later ledger changes do not alter it', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const other = await makeSite(t);
    const inUse = await makeAsset(site.id, { room: '101', building: '本館' });
    const spare = await makeAsset(site.id, { status: 'stock', room: '倉庫' });
    await makeAsset(site.id, { status: 'retired' });
    await makeAsset(site.id, { draft: true });
    await makeAsset(other.id);

    const res = await admin.post('/api/v1/stocktakes', { name: '2025年度 第1四半期', mode: 'visual', dueOn: '2025-06-30', siteIds: [site.id] });
    assert.equal(res.statusCode, 201, res.body);
    const st = res.json();
    assert.equal(st.status, 'open');
    assert.deepEqual(st.progress, { expected: 2, checked: 0, pending: 2, found: 0, foundElsewhere: 0, missing: 0, unexpected: 0, percent: 0 });
    assert.equal(st.sites[0].site.id, site.id);

    // Ledger changes after the start: a rename, a new asset at the site.
    await t.db.update(hardwareAssets).set({ name: '改名後' }).where(eq(hardwareAssets.id, inUse.id));
    await makeAsset(site.id);
    const items = await itemsOf(admin, st.id);
    assert.deepEqual(items.items.map((i) => i.assetNumber).sort(), [inUse.assetNumber, spare.assetNumber].sort());
    assert.equal(items.items.find((i) => i.assetNumber === inUse.assetNumber)?.expectedName, inUse.name);

    const withoutStock = await admin.post('/api/v1/stocktakes', {
      name: 'installed only',
      mode: 'visual',
      dueOn: '2025-06-30',
      siteIds: [site.id],
      includeStock: false,
    });
    assert.equal(withoutStock.json().progress.expected, 2, 'in-use asset plus the one added later, no spare');

    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'stocktake.created'), eq(auditLog.entityId, st.id)));
    assert.equal((audit.after as { expected: number }).expected, 2);
  });

  test('confirming by asset number and by QR URL; re-checks update; unknown code makes a draft asset', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const far = await makeSite(t);
    const a = await makeAsset(site.id, { building: '本館', floor: '3F', room: '会議室A' });
    const b = await makeAsset(site.id, { building: '本館', floor: '3F', room: '会議室A', rack: 'R1' });
    const c = await makeAsset(site.id, { room: '会議室A' });
    const stranger = await makeAsset(far.id, { room: '受付' });
    const st = (await admin.post('/api/v1/stocktakes', { name: 'Q2', mode: 'visual', dueOn: '2025-09-30', siteIds: [site.id] })).json();
    const check = (body: Record<string, unknown>) => admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: site.id, method: 'typed', ...body });

    const byNumber = await check({ code: ` ${a.assetNumber.toLowerCase()} `, room: '会議室Ａ' });
    assert.equal(byNumber.statusCode, 200, byNumber.body);
    assert.equal(byNumber.json().item.result, 'found', 'case and full-width letters do not matter');
    assert.equal(byNumber.json().progress.checked, 1);

    const byUrl = await check({ code: `https://unyo.example.jp/assets/${b.id}`, method: 'scan', room: '会議室B' });
    assert.equal(byUrl.statusCode, 200, byUrl.body);
    const moved = byUrl.json().item;
    assert.equal(moved.result, 'found_elsewhere');
    assert.deepEqual(moved.actualLocation, { building: '本館', floor: '3F', room: '会議室B', rack: null }, 'rack is not inherited once the room differs');
    assert.equal(moved.method, 'scan');

    const again = await check({ code: b.assetNumber, room: '会議室A' });
    assert.equal(again.json().item.id, moved.id);
    assert.equal(again.json().item.result, 'found');

    const fromElsewhere = await check({ code: stranger.assetNumber, room: '会議室A' });
    assert.equal(fromElsewhere.json().item.result, 'found_elsewhere');
    assert.equal(fromElsewhere.json().item.expectedSite.id, far.id);

    const unknown = await check({ code: 'NEW-0001', room: '会議室A' });
    assert.equal(unknown.statusCode, 200, unknown.body);
    assert.equal(unknown.json().item.result, 'unexpected');
    assert.equal(unknown.json().item.draft, true);
    const [draft] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.assetNumber, 'NEW-0001'));
    assert.equal(draft.draft, true);
    assert.equal(draft.siteId, site.id);
    assert.equal(draft.room, '会議室A');
    assert.equal(draft.status, 'stock');
    assert.equal(draft.category, 'other');
    const reUnknown = await check({ code: 'NEW-0001', room: '倉庫' });
    assert.equal(reUnknown.json().item.id, unknown.json().item.id, 'a second scan does not duplicate');
    assert.equal((await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.assetNumber, 'NEW-0001'))).length, 1);

    assert.equal((await check({ code: 'https://unyo.example.jp/assets/00000000-0000-4000-8000-000000000000' })).statusCode, 422);
    assert.equal((await check({ code: 'これは番号ではない' })).statusCode, 422);
    assert.equal((await check({ code: a.assetNumber, siteId: far.id })).statusCode, 422, 'the site must belong to the stock-take');

    const items = await itemsOf(admin, st.id);
    assert.equal(items.total, 5);
    const progress = (await admin.get(`/api/v1/stocktakes/${st.id}`)).json().progress;
    assert.deepEqual(progress, { expected: 4, checked: 3, pending: 1, found: 2, foundElsewhere: 1, missing: 0, unexpected: 1, percent: 75 });
    assert.deepEqual(
      (await itemsOf(admin, st.id, '&result=pending')).items.map((i) => i.assetNumber),
      [c.assetNumber],
    );

    const marked = await admin.post(`/api/v1/stocktakes/${st.id}/items/${(await itemsOf(admin, st.id, '&result=pending')).items[0].id}`, {
      result: 'missing',
      note: '所在確認中',
    });
    assert.equal(marked.statusCode, 200, marked.body);
    assert.equal(marked.json().result, 'missing');
    assert.equal(marked.json().note, '所在確認中');
  });

  test('closing marks the unchecked missing and moves found-elsewhere assets in one audited transaction; further checks are 409', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const other = await makeSite(t);
    const dept = await makeDepartment(t, site.id);
    const stay = await makeAsset(site.id, { room: 'A' });
    const roomMove = await makeAsset(site.id, { room: 'A', departmentId: dept.id });
    const siteMove = await makeAsset(site.id, { room: 'A', departmentId: dept.id });
    const lost = await makeAsset(site.id, { room: 'A' });
    const st = (await admin.post('/api/v1/stocktakes', { name: '2025Q3', mode: 'visual', dueOn: '2025-09-30', siteIds: [site.id, other.id] })).json();
    const check = (code: string, siteId: string, room: string) => admin.post(`/api/v1/stocktakes/${st.id}/check`, { code, siteId, room, method: 'typed' });
    assert.equal((await check(stay.assetNumber, site.id, 'A')).json().item.result, 'found');
    assert.equal((await check(roomMove.assetNumber, site.id, 'B')).json().item.result, 'found_elsewhere');
    assert.equal((await check(siteMove.assetNumber, other.id, '倉庫')).json().item.result, 'found_elsewhere');

    const closed = await admin.post(`/api/v1/stocktakes/${st.id}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().corrected, 2);
    assert.equal(closed.json().missing, 1);
    assert.equal(closed.json().stocktake.status, 'closed');
    assert.equal(closed.json().stocktake.progress.missing, 1);

    const [r] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, roomMove.id));
    assert.equal(r.room, 'B');
    assert.equal(r.departmentId, dept.id);
    assert.equal(r.version, 2);
    const [s] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, siteMove.id));
    assert.equal(s.siteId, other.id);
    assert.equal(s.room, '倉庫');
    assert.equal(s.departmentId, null, 'the department of the old site does not follow the asset');
    const [l] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, lost.id));
    assert.equal(l.status, 'in_use', 'missing assets are not retired automatically');
    const [u] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, stay.id));
    assert.equal(u.version, 1);

    const movements = await t.db.select().from(assetMovements).where(eq(assetMovements.assetId, roomMove.id));
    assert.equal(movements.length, 1);
    assert.equal(movements[0].kind, 'move');
    assert.equal(movements[0].note, 'stock-take 2025Q3');
    assert.deepEqual(movements[0].toLocation, { building: null, floor: null, room: 'B', rack: null });

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(
        eq(
          auditLog.requestId,
          (
            await t.db
              .select()
              .from(auditLog)
              .where(and(eq(auditLog.action, 'stocktake.closed'), eq(auditLog.entityId, st.id)))
          )[0].requestId!,
        ),
      );
    assert.deepEqual(audits.map((a) => a.action).sort(), ['asset.updated', 'asset.updated', 'stocktake.closed']);
    const upd = audits.find((a) => a.entityId === roomMove.id)!;
    assert.equal((upd.before as { room: string }).room, 'A');
    assert.equal((upd.after as { room: string }).room, 'B');

    const late = await check(lost.assetNumber, site.id, 'A');
    assert.equal(late.statusCode, 409);
    assert.equal((await admin.post(`/api/v1/stocktakes/${st.id}/close`)).statusCode, 409);
    const items = await t.db.select().from(stocktakeItems).where(eq(stocktakeItems.stocktakeId, st.id));
    assert.equal(items.filter((i) => i.appliedAt).length, 2);
  });

  test('the XLSX report has a per-site summary and every item', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t, { nameJa: '大阪本部' });
    const a = await makeAsset(site.id, { room: '1' });
    await makeAsset(site.id, { room: '1' });
    const st = (await admin.post('/api/v1/stocktakes', { name: '報告テスト', mode: 'visual', dueOn: '2025-12-31', siteIds: [site.id] })).json();
    await admin.post(`/api/v1/stocktakes/${st.id}/check`, { code: a.assetNumber, siteId: site.id, room: '2', method: 'typed' });
    const res = await admin.get(`/api/v1/stocktakes/${st.id}/report.xlsx`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['集計', '明細'],
    );
    const summary = wb.getWorksheet('集計')!;
    const siteRow = summary.getRows(1, summary.rowCount)!.find((row) => String(row.getCell(1).value).includes('大阪本部'))!;
    assert.deepEqual([siteRow.getCell(2).value, siteRow.getCell(3).value, siteRow.getCell(5).value, siteRow.getCell(9).value], [2, 1, 1, 50]);
    const detail = wb.getWorksheet('明細')!;
    assert.equal(detail.rowCount, 3);
    const moved = detail.getRows(2, 2)!.find((row) => row.getCell(1).value === a.assetNumber)!;
    assert.equal(moved.getCell(3).value, '別の場所で確認');
    assert.equal(moved.getCell(5).value, '1');
    assert.equal(moved.getCell(7).value, '2');
  });

  test('remote mode mails each office a one-time ja/en checklist link and records the answers', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t, { nameJa: '名古屋貿易情報センター', nameEn: 'Nagoya' });
    const overseas = await makeSite(t, { kind: 'overseas', nameEn: 'Bangkok', country: 'TH' });
    await makeDepartment(t, site.id, { mail: 'nagoya@example.jp' });
    const here = await makeAsset(site.id, { room: '事務室' });
    const gone = await makeAsset(site.id, { room: '事務室' });
    const moved = await makeAsset(site.id, { room: '事務室' });
    const unanswered = await makeAsset(site.id, { room: '事務室' });
    await makeAsset(overseas.id);
    const res = await admin.post('/api/v1/stocktakes', {
      name: '遠隔棚卸し',
      mode: 'remote',
      dueOn: '2099-03-31',
      siteIds: [site.id, overseas.id],
      recipients: { [overseas.id]: ['bkk@example.org'] },
    });
    assert.equal(res.statusCode, 201, res.body);
    const st = res.json();
    assert.equal(st.sites.find((s: { site: { id: string } }) => s.site.id === site.id).mailedTo, 'nagoya@example.jp');

    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'stocktake-checklist'));
    const jaMail = mails.find((m) => m.to === 'nagoya@example.jp')!;
    const enMail = mails.find((m) => m.to === 'bkk@example.org')!;
    assert.match(jaMail.subject, /棚卸し/);
    assert.match(enMail.subject, /Stock-take check for Bangkok/);
    const token = /\/stocktake-checklist\/([A-Za-z0-9_-]+)/.exec(jaMail.text)![1];
    assert.match(jaMail.text, /4 件/);

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/stocktake-checklists/${token}` });
    assert.equal(list.statusCode, 200, list.body);
    const checklist = list.json();
    assert.equal(checklist.site.nameJa, '名古屋貿易情報センター');
    assert.equal(checklist.items.length, 4);
    const idOf = (num: string) => checklist.items.find((i: { assetNumber: string }) => i.assetNumber === num).itemId;

    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stocktake-checklists/${token}?lang=en`,
      payload: { answeredBy: '佐藤', answers: [{ itemId: '00000000-0000-4000-8000-000000000000', present: true }] },
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Not part of this stock-take/);

    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stocktake-checklists/${token}`,
      payload: {
        answeredBy: '佐藤 花子',
        answers: [
          { itemId: idOf(here.assetNumber), present: true },
          { itemId: idOf(gone.assetNumber), present: false, note: '見当たらない' },
          { itemId: idOf(moved.assetNumber), present: true, location: { room: '倉庫' } },
        ],
        extra: [{ code: 'NGY-X1', name: 'ハブ', location: { room: '事務室' } }],
      },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.json().recorded, 4);

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/stocktake-checklists/${token}`, payload: { answeredBy: 'x', answers: [] } });
    assert.equal(again.statusCode, 410, 'the link is one-time');
    const reopen = await t.app.inject({ method: 'GET', url: `/api/v1/stocktake-checklists/${token}?lang=en` });
    assert.equal(reopen.statusCode, 410);
    assert.match(reopen.body, /already been answered/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/stocktake-checklists/not-a-real-token-at-all-xxxxx' })).statusCode, 404);

    const items = await itemsOf(admin, st.id);
    const byNum = new Map(items.items.map((i) => [i.assetNumber, i]));
    assert.equal(byNum.get(here.assetNumber)?.result, 'found');
    assert.equal(byNum.get(gone.assetNumber)?.result, 'missing');
    assert.equal(byNum.get(moved.assetNumber)?.result, 'found_elsewhere');
    assert.equal(byNum.get(unanswered.assetNumber)?.result, 'pending');
    assert.equal(byNum.get('NGY-X1')?.result, 'unexpected');
    const [dbItem] = await t.db.select().from(stocktakeItems).where(eq(stocktakeItems.assetNumber, here.assetNumber));
    assert.equal(dbItem.method, 'mail');
    const detail = (await admin.get(`/api/v1/stocktakes/${st.id}`)).json();
    assert.equal(detail.sites.find((s: { site: { id: string } }) => s.site.id === site.id).answeredBy, '佐藤 花子');
  });

  test('scope: a stock-take is visible when one of its sites is; creating over an unseen site is refused; readers cannot check', async () => {
    const admin = await loginAdmin(t.app);
    const mine = await makeSite(t);
    const theirs = await makeSite(t);
    const mineAsset = await makeAsset(mine.id);
    const theirAsset = await makeAsset(theirs.id);
    const both = (await admin.post('/api/v1/stocktakes', { name: 'both', mode: 'visual', dueOn: '2025-12-31', siteIds: [mine.id, theirs.id] })).json();
    const onlyTheirs = (await admin.post('/api/v1/stocktakes', { name: 'theirs', mode: 'visual', dueOn: '2025-12-31', siteIds: [theirs.id] })).json();

    const { client: op } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [mine.id] });
    const list = await op.get('/api/v1/stocktakes?limit=500');
    const ids = list.json().items.map((s: { id: string }) => s.id);
    assert.ok(ids.includes(both.id));
    assert.ok(!ids.includes(onlyTheirs.id));
    assert.equal((await op.get(`/api/v1/stocktakes/${onlyTheirs.id}`)).statusCode, 404);
    const items = await itemsOf(op, both.id);
    assert.deepEqual(
      items.items.map((i) => i.assetNumber),
      [mineAsset.assetNumber],
      'items of other sites stay hidden',
    );
    assert.notEqual(items.items[0].assetNumber, theirAsset.assetNumber);
    const detail = (await op.get(`/api/v1/stocktakes/${both.id}`)).json();
    assert.equal(detail.abilities.check, true);
    assert.equal(detail.abilities.close, false, 'closing moves assets at every site of the campaign');
    assert.equal((await op.post(`/api/v1/stocktakes/${both.id}/close`)).statusCode, 403);
    const refused = await op.post('/api/v1/stocktakes', { name: 'x', mode: 'visual', dueOn: '2025-12-31', siteIds: [mine.id, theirs.id] });
    assert.equal(refused.statusCode, 422);
    assert.equal((await op.post(`/api/v1/stocktakes/${both.id}/check`, { code: theirAsset.assetNumber, siteId: theirs.id, method: 'typed' })).statusCode, 422);

    const { client: auditor } = await clientFor(t, ['auditor']);
    assert.equal((await auditor.get(`/api/v1/stocktakes/${both.id}`)).statusCode, 200);
    assert.equal(
      (await auditor.post(`/api/v1/stocktakes/${both.id}/check`, { code: mineAsset.assetNumber, siteId: mine.id, method: 'typed' })).statusCode,
      403,
    );
  });
});
