import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { localDateOf } from '../../platform/calendar/zoned-time.ts';
import { clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { assetMovements, hardwareAssets, stocktakeItems, stocktakeSites } from './assets.table.ts';
import { assetMaker, assetRow, tokenFor } from './stocktakes.fixtures.ts';

let t: TestApp;
let makeAsset: ReturnType<typeof assetMaker>;
before(async () => {
  t = await startTestApp();
  makeAsset = assetMaker(t);
});
after(async () => {
  await t.close();
});

describe('stock-take safety: scope, checklist limits, later moves, races, history, time zones', () => {
  test('a checklist link cannot claim or move another site’s asset; codes new to the ledger still become drafts at its site', async () => {
    const admin = await loginAdmin(t.app);
    const home = await makeSite(t);
    const listedElsewhere = await makeSite(t);
    const outside = await makeSite(t);
    await makeAsset(home.id, { room: '事務室' });
    const later = await makeAsset(home.id, { room: '倉庫', status: 'stock' });
    const xListed = await makeAsset(listedElsewhere.id, { room: 'X-1' });
    const victim = await makeAsset(outside.id, { room: 'V-1' });
    const st = (
      await admin.post('/api/v1/stocktakes', {
        name: 'checklist limits',
        mode: 'remote',
        dueOn: '2099-03-31',
        siteIds: [home.id, listedElsewhere.id],
        includeStock: false,
        recipients: { [home.id]: ['home-office@example.jp'], [listedElsewhere.id]: ['x-office@example.jp'] },
      })
    ).json();
    const token = await tokenFor(t, 'home-office@example.jp');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stocktake-checklists/${token}`,
      payload: {
        answeredBy: '山田',
        answers: [],
        extra: [
          { code: xListed.assetNumber, name: 'x', location: { room: 'EVIL' } },
          { code: victim.assetNumber, name: 'x', location: { room: 'EVIL' } },
          { code: later.assetNumber, name: '予備機', location: { room: '倉庫' } },
          { code: 'CL-NEW-1', name: 'ハブ', location: { room: '事務室' } },
        ],
      },
    });
    assert.equal(res.statusCode, 200, res.body);

    const items = await t.db.select().from(stocktakeItems).where(eq(stocktakeItems.stocktakeId, st.id));
    const byNum = new Map(items.map((i) => [i.assetNumber, i]));
    assert.equal(byNum.get(xListed.assetNumber)?.result, 'pending', 'the other site’s listed item is untouched');
    assert.equal(byNum.get(xListed.assetNumber)?.actualSiteId, null);
    const claimed = byNum.get(victim.assetNumber)!;
    assert.equal(claimed.result, 'unexpected');
    assert.equal(claimed.assetId, null, 'the claim is not linked to the other site’s asset');
    assert.match(claimed.note ?? '', /別の拠点/);
    assert.equal(byNum.get(later.assetNumber)?.result, 'found', 'an asset kept at this site but not listed is accepted');
    const draft = byNum.get('CL-NEW-1')!;
    assert.equal(draft.result, 'unexpected');
    assert.equal((await assetRow(t, draft.assetId!)).siteId, home.id);

    const closed = await admin.post(`/api/v1/stocktakes/${st.id}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    for (const a of [xListed, victim]) {
      const row = await assetRow(t, a.id);
      assert.equal(row.siteId, a.siteId);
      assert.equal(row.room, a.room);
      assert.equal(row.version, a.version);
    }
    assert.equal((await t.db.select().from(assetMovements).where(eq(assetMovements.assetId, victim.id))).length, 0);
  });

  test('a site-scoped operator cannot check an asset of another site, and closing skips corrections they cannot see', async () => {
    const admin = await loginAdmin(t.app);
    const mine = await makeSite(t);
    const theirs = await makeSite(t);
    const own = await makeAsset(mine.id, { room: 'A-1' });
    const secret = await makeAsset(theirs.id, { name: '秘密サーバ', room: 'X-ROOM' });
    const { client: op } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [mine.id] });
    const st = (await op.post('/api/v1/stocktakes', { name: 'scoped', mode: 'visual', dueOn: '2030-01-01', siteIds: [mine.id] })).json();

    const refused = await op.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: mine.id, code: secret.assetNumber, method: 'typed', room: 'A-1' });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.deepEqual(refused.json().errors, [{ path: 'code', message: '担当範囲外の拠点です' }]);
    assert.doesNotMatch(refused.body, /秘密サーバ/);
    const byUrl = await op.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: mine.id, code: `https://unyo.example.jp/assets/${secret.id}`, method: 'scan' });
    assert.equal(byUrl.statusCode, 422);
    assert.equal(
      (await op.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: mine.id, code: own.assetNumber, method: 'typed', room: 'A-2' })).statusCode,
      200,
    );

    // An administrator records the other site's asset here; the scoped operator closes.
    const adminCheck = await admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: mine.id, code: secret.assetNumber, method: 'typed', room: 'A-1' });
    assert.equal(adminCheck.json().item.result, 'found_elsewhere');
    const closed = await op.post(`/api/v1/stocktakes/${st.id}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().corrected, 1);
    assert.equal(closed.json().skipped, 1);
    assert.deepEqual(closed.json().skippedItems, [{ itemId: adminCheck.json().item.id, assetNumber: secret.assetNumber, reason: 'out_of_scope' }]);
    assert.equal((await assetRow(t, secret.id)).siteId, theirs.id, 'the unseen asset stays where the ledger has it');
    assert.equal((await assetRow(t, own.id)).room, 'A-2');
  });

  test('a scoped user sees only their own sites of a campaign, in the API and in the XLSX summary', async () => {
    const admin = await loginAdmin(t.app);
    const mine = await makeSite(t, { nameJa: '自拠点' });
    const theirs = await makeSite(t, { nameJa: '他拠点ひみつ' });
    await makeAsset(mine.id);
    await makeAsset(theirs.id);
    const st = (
      await admin.post('/api/v1/stocktakes', {
        name: 'two sites',
        mode: 'remote',
        dueOn: '2099-01-01',
        siteIds: [mine.id, theirs.id],
        recipients: { [mine.id]: ['mine@example.jp'], [theirs.id]: ['secret-office@example.jp'] },
      })
    ).json();
    const token = await tokenFor(t, 'secret-office@example.jp');
    await t.app.inject({ method: 'POST', url: `/api/v1/stocktake-checklists/${token}`, payload: { answeredBy: '秘密 太郎', answers: [] } });

    const { client: op } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [mine.id] });
    const res = await op.get(`/api/v1/stocktakes/${st.id}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json().sites.map((s: { site: { id: string } }) => s.site.id),
      [mine.id],
    );
    assert.doesNotMatch(res.body, /secret-office|秘密 太郎|他拠点ひみつ/);
    assert.equal(res.json().abilities.close, false, 'closing still needs every site of the campaign');
    const list = await op.get('/api/v1/stocktakes?limit=500');
    assert.doesNotMatch(list.body, /secret-office|他拠点ひみつ/);

    const xlsx = await op.get(`/api/v1/stocktakes/${st.id}/report.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb
      .getWorksheet('集計')!
      .getRows(1, wb.getWorksheet('集計')!.rowCount)!
      .map((r) => String(r.getCell(1).value) + String(r.getCell(10).value ?? ''));
    assert.ok(cells.some((c) => c.includes('自拠点')));
    assert.ok(!cells.some((c) => c.includes('他拠点ひみつ') || c.includes('秘密 太郎')));
  });

  test('closing keeps a ledger move made after the check and reports the item as skipped', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const elsewhere = await makeSite(t);
    const movedLater = await makeAsset(site.id, { room: 'R1' });
    const corrected = await makeAsset(site.id, { room: 'R1' });
    const st = (await admin.post('/api/v1/stocktakes', { name: 'later moves', mode: 'visual', dueOn: '2030-01-01', siteIds: [site.id] })).json();
    for (const a of [movedLater, corrected])
      await admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: site.id, code: a.assetNumber, method: 'typed', room: 'R2' });
    const mv = await admin.post(`/api/v1/hardware-assets/${movedLater.id}/movements`, {
      kind: 'move',
      movedOn: '2030-01-02',
      to: { siteId: elsewhere.id, room: 'C-9' },
    });
    assert.equal(mv.statusCode, 201, mv.body);

    const closed = await admin.post(`/api/v1/stocktakes/${st.id}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().corrected, 1);
    assert.equal(closed.json().skipped, 1);
    assert.equal(closed.json().skippedItems[0].assetNumber, movedLater.assetNumber);
    assert.equal(closed.json().skippedItems[0].reason, 'changed');
    const kept = await assetRow(t, movedLater.id);
    assert.equal(kept.siteId, elsewhere.id, 'the later move wins');
    assert.equal(kept.room, 'C-9');
    assert.equal((await assetRow(t, corrected.id)).room, 'R2');
    const [item] = await t.db
      .select()
      .from(stocktakeItems)
      .where(and(eq(stocktakeItems.stocktakeId, st.id), eq(stocktakeItems.assetId, movedLater.id)));
    assert.equal(item.appliedAt, null);
  });

  test('checks, manual marks, checklist answers and skipped corrections appear on the asset’s timeline', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const a = await makeAsset(site.id, { room: 'R1' });
    const b = await makeAsset(site.id, { room: 'R1' });
    const st = (await admin.post('/api/v1/stocktakes', { name: 'history', mode: 'visual', dueOn: '2030-01-01', siteIds: [site.id] })).json();
    const checked = await admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: site.id, code: a.assetNumber, method: 'typed', room: 'R2' });
    await admin.post(`/api/v1/stocktakes/${st.id}/items/${checked.json().item.id}`, { result: 'found_elsewhere', location: { siteId: site.id, room: 'R3' } });
    await t.db.update(hardwareAssets).set({ room: 'R9' }).where(eq(hardwareAssets.id, a.id));
    await admin.post(`/api/v1/stocktakes/${st.id}/close`);
    const actions = async (id: string) =>
      ((await admin.get(`/api/v1/hardware-assets/${id}/timeline`)).json().items as { action: string }[]).map((e) => e.action);
    const tl = await actions(a.id);
    for (const action of ['stocktake.item_checked', 'stocktake.item_updated', 'stocktake.correction_skipped'])
      assert.ok(tl.includes(action), `${action} in ${tl}`);
    assert.ok(!(await actions(b.id)).includes('stocktake.item_checked'), 'another asset’s timeline stays clean');

    const remote = await makeSite(t);
    const r = await makeAsset(remote.id);
    const rs = (
      await admin.post('/api/v1/stocktakes', {
        name: 'remote history',
        mode: 'remote',
        dueOn: '2099-01-01',
        siteIds: [remote.id],
        recipients: { [remote.id]: ['tl@example.jp'] },
      })
    ).json();
    const token = await tokenFor(t, 'tl@example.jp');
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/stocktake-checklists/${token}` })).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/stocktake-checklists/${token}`,
      payload: { answeredBy: '鈴木', answers: [{ itemId: list.items[0].itemId, present: true }] },
    });
    assert.ok((await actions(r.id)).includes('stocktake.item_checked'));
    assert.ok(rs.id);
  });

  test('concurrent checks of the same unlisted asset or unknown code all succeed with one item and one draft', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const other = await makeSite(t);
    await makeAsset(site.id);
    const unlisted = await makeAsset(other.id);
    const st = (await admin.post('/api/v1/stocktakes', { name: 'race', mode: 'visual', dueOn: '2030-01-01', siteIds: [site.id] })).json();
    const check = (code: string) => admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: site.id, code, method: 'scan' });
    for (const round of [1, 2, 3]) {
      const code = `RACE-NEW-${round}`;
      const codes = [unlisted.assetNumber, `https://unyo.example.jp/assets/${unlisted.id}`, code, code.toLowerCase(), unlisted.assetNumber, code];
      const rs = await Promise.all(codes.map(check));
      for (const r of rs) assert.equal(r.statusCode, 200, r.body);
      assert.equal(new Set(rs.slice(0, 2).map((r) => r.json().item.id)).size, 1);
      assert.equal(new Set(rs.slice(2, 4).map((r) => r.json().item.id)).size, 1);
      const drafts = await t.db.select().from(hardwareAssets).where(sql`lower(${hardwareAssets.assetNumber}) = lower(${code})`);
      assert.equal(drafts.length, 1);
    }
    const items = await t.db.select().from(stocktakeItems).where(eq(stocktakeItems.stocktakeId, st.id));
    assert.equal(items.length, 5, 'one listed asset, the unlisted one, three new codes');
  });

  test('time zones: link expiry, XLSX times and movement dates follow the site’s zone', async () => {
    const admin = await loginAdmin(t.app);
    const tokyo = await makeSite(t);
    const ny = await makeSite(t, { kind: 'overseas', country: 'US', nameEn: 'New York', timeZone: 'America/New_York' });
    await makeAsset(tokyo.id);
    const nyAsset = await makeAsset(ny.id, { room: 'NY-1' });
    const st = (
      await admin.post('/api/v1/stocktakes', {
        name: 'zones',
        mode: 'remote',
        dueOn: '2099-01-10',
        siteIds: [tokyo.id, ny.id],
        recipients: { [tokyo.id]: ['tz-tokyo@example.jp'], [ny.id]: ['tz-ny@example.org'] },
      })
    ).json();
    const links = await t.db.select().from(stocktakeSites).where(eq(stocktakeSites.stocktakeId, st.id));
    const expiry = (id: string) => new Date(links.find((l) => l.siteId === id)!.tokenExpiresAt!).toISOString();
    assert.equal(expiry(tokyo.id), '2099-01-24T14:59:59.000Z', 'due + 14 days, end of day in Tokyo');
    assert.equal(expiry(ny.id), '2099-01-25T04:59:59.000Z', 'due + 14 days, end of day in New York');

    await admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: ny.id, code: nyAsset.assetNumber, method: 'typed', room: 'NY-1' });
    const tokyoAsset = (
      await t.db
        .select()
        .from(stocktakeItems)
        .where(and(eq(stocktakeItems.stocktakeId, st.id), eq(stocktakeItems.expectedSiteId, tokyo.id)))
    )[0];
    await admin.post(`/api/v1/stocktakes/${st.id}/check`, { siteId: tokyo.id, code: tokyoAsset.assetNumber, method: 'typed' });
    await t.db
      .update(stocktakeItems)
      .set({ checkedAt: new Date('2025-04-01T00:30:00Z') })
      .where(eq(stocktakeItems.stocktakeId, st.id));
    const res = await admin.get(`/api/v1/stocktakes/${st.id}/report.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('明細')!;
    const at = (num: string) =>
      (
        detail
          .getRows(2, detail.rowCount - 1)!
          .find((r) => r.getCell(1).value === num)!
          .getCell(10).value as Date
      ).toISOString();
    assert.equal(at(nyAsset.assetNumber).slice(0, 16), '2025-03-31T20:30', 'New York wall-clock time');
    assert.equal(at(tokyoAsset.assetNumber).slice(0, 16), '2025-04-01T09:30', 'Tokyo wall-clock time');

    // The movement written at close is dated in the target site's zone; pick a zone whose date differs from Tokyo's now.
    const now = Date.now();
    const zone = localDateOf(now, 'Pacific/Kiritimati') !== localDateOf(now, 'Asia/Tokyo') ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const from = await makeSite(t);
    const far = await makeSite(t, { kind: 'overseas', country: 'KI', nameEn: 'Far', timeZone: zone });
    const traveller = await makeAsset(from.id, { room: 'F-1' });
    const vs = (await admin.post('/api/v1/stocktakes', { name: 'far', mode: 'visual', dueOn: '2030-01-01', siteIds: [from.id, far.id] })).json();
    await admin.post(`/api/v1/stocktakes/${vs.id}/check`, { siteId: far.id, code: traveller.assetNumber, method: 'typed', room: 'K-1' });
    assert.equal((await admin.post(`/api/v1/stocktakes/${vs.id}/close`)).json().corrected, 1);
    const [movement] = await t.db.select().from(assetMovements).where(eq(assetMovements.assetId, traveller.id));
    const closedAt = Date.now();
    assert.ok([localDateOf(now, zone), localDateOf(closedAt, zone)].includes(movement.movedOn), `${movement.movedOn} in ${zone}`);
    assert.notEqual(movement.movedOn, localDateOf(now, 'Asia/Tokyo'));
  });
});
