import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { clientFor, loginAdmin, makeAsset, makeDepartment, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { hardwareAssets } from './assets.table.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0].n;
let n = 0;
const num = () => `HW-${Date.now().toString(36)}-${n++}`.toUpperCase();

describe('hardware asset ledger', () => {
  test('an operator registers a domestic PC with network settings; MACs are normalized and the record is audited', async () => {
    const site = await makeSite(t);
    const dept = await makeDepartment(t, site.id);
    const person = await makePerson(t, site.id, { departmentId: dept.id, nameKanji: '資産 花子' });
    const { client: op } = await clientFor(t, ['operator']);
    const res = await op.post('/api/v1/hardware-assets', {
      assetNumber: num(),
      ledger: 'domestic',
      name: 'TKY-PC-0001',
      category: 'notebook_pc',
      manufacturer: '富士通',
      model: 'FMV-U9311',
      serialNumber: 'R1234567',
      siteId: site.id,
      building: '本館',
      floor: '3F',
      room: '301会議室',
      departmentId: dept.id,
      userId: person.id,
      purpose: '一般事務',
      ipAddresses: ['10.1.2.03', '２００１:DB8:0::1'],
      macAddresses: ['00-1A-2B-3C-4D-5E', 'aabb.ccdd.eeff'],
      napt: [{ protocol: 'tcp', insideAddress: '10.1.2.3', insidePort: 443, outsideAddress: '203.0.113.5', outsidePort: 8443 }],
      purchaseDate: '2024-04-01',
      priceYen: 198000,
      acquisition: 'lease',
      leaseEnd: '2029-03-31',
      attributes: { 資産区分: '備品' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.deepEqual(a.macAddresses, ['00:1a:2b:3c:4d:5e', 'aa:bb:cc:dd:ee:ff']);
    assert.deepEqual(a.ipAddresses, ['10.1.2.3', '2001:db8::1'], 'one spelling per address');
    assert.equal(a.user.nameKanji, '資産 花子');
    assert.equal(a.department.id, dept.id);
    assert.equal(a.napt[0].outsidePort, 8443);
    assert.equal(a.attributes.資産区分, '備品');
    assert.equal(a.abilities.update, true);
    assert.equal(a.abilities.delete, false, 'operators do not delete ledger records');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, a.id));
    assert.equal(audit[0].action, 'asset.created');
  });

  test('bad IP/MAC and a department of another site are field errors in the requested language; nothing is written', async () => {
    const site = await makeSite(t);
    const other = await makeSite(t);
    const dept = await makeDepartment(t, other.id);
    const { client: admin } = await clientFor(t, ['admin']);
    await admin.patch('/api/v1/me', { locale: 'en' });
    const audits = await auditCount();
    const bad = await admin.post('/api/v1/hardware-assets', {
      assetNumber: num(),
      ledger: 'domestic',
      name: 'X',
      category: 'server',
      siteId: site.id,
      ipAddresses: ['10.0.0.300'],
      macAddresses: ['00:11:22:33:44'],
    });
    assert.equal(bad.statusCode, 422);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    assert.ok(paths.includes('ipAddresses.0') && paths.includes('macAddresses.0'), JSON.stringify(bad.json()));
    assert.match(bad.json().errors.find((e: { path: string }) => e.path === 'macAddresses.0').message, /MAC address/);
    const wrongDept = await admin.post('/api/v1/hardware-assets', {
      assetNumber: num(),
      ledger: 'domestic',
      name: 'X',
      category: 'server',
      siteId: site.id,
      departmentId: dept.id,
    });
    assert.equal(wrongDept.statusCode, 422);
    assert.equal(wrongDept.json().errors[0].path, 'departmentId');
    assert.equal(await auditCount(), audits);
  });

  test('asset numbers are unique, and a MAC is active on one asset only until that asset is retired', async () => {
    const site = await makeSite(t);
    const admin = await loginAdmin(t.app);
    const first = await admin.post('/api/v1/hardware-assets', {
      assetNumber: num(),
      ledger: 'domestic',
      name: 'A',
      category: 'desktop_pc',
      siteId: site.id,
      macAddresses: ['02:00:00:00:00:01'],
    });
    assert.equal(first.statusCode, 201, first.body);
    const dupNumber = await admin.post('/api/v1/hardware-assets', {
      assetNumber: first.json().assetNumber,
      ledger: 'domestic',
      name: 'B',
      category: 'other',
      siteId: site.id,
    });
    assert.equal(dupNumber.statusCode, 409);
    assert.equal(dupNumber.json().errors[0].path, 'assetNumber');
    const dupMac = await admin.post('/api/v1/hardware-assets', {
      assetNumber: num(),
      ledger: 'domestic',
      name: 'B',
      category: 'desktop_pc',
      siteId: site.id,
      macAddresses: ['02-00-00-00-00-01'],
    });
    assert.equal(dupMac.statusCode, 409);
    assert.equal(dupMac.json().errors[0].path, 'macAddresses');
    const retired = await admin.patch(`/api/v1/hardware-assets/${first.json().id}`, { status: 'disposed' });
    assert.equal(retired.statusCode, 200, retired.body);
    const reuse = await admin.post('/api/v1/hardware-assets', {
      assetNumber: num(),
      ledger: 'domestic',
      name: 'C',
      category: 'desktop_pc',
      siteId: site.id,
      macAddresses: ['02:00:00:00:00:01'],
    });
    assert.equal(reuse.statusCode, 201, reuse.body);
    const reactivate = await admin.patch(`/api/v1/hardware-assets/${first.json().id}`, { status: 'stock' });
    assert.equal(reactivate.statusCode, 409, 'the disposed asset cannot come back while its MAC is in use');
  });

  test('the list filters by Japanese location text, site, category, status, ledger and user, and pages by any sort', async () => {
    const site = await makeSite(t);
    const person = await makePerson(t, site.id);
    await makeAsset(t, site.id, { name: 'PRN-01', category: 'printer', building: '別館', floor: '2F', room: '総務課執務室', status: 'in_use' });
    await makeAsset(t, site.id, { name: 'PC-01', category: 'desktop_pc', building: '本館', floor: '3F', room: '301会議室', userId: person.id });
    await makeAsset(t, site.id, { name: 'PC-02', category: 'notebook_pc', status: 'stock', ledger: 'overseas' });
    for (let i = 0; i < 7; i++)
      await makeAsset(t, site.id, { name: `BULK-${i}`, manufacturer: i % 2 ? 'NEC' : null, purchaseDate: i % 3 ? `2023-0${i + 1}-01` : null });
    const admin = await loginAdmin(t.app);
    const get = async (qs: string) => {
      const res = await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&${qs}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    assert.deepEqual(
      (await get(`q=${encodeURIComponent('総務課')}`)).items.map((a: any) => a.name),
      ['PRN-01'],
    );
    assert.deepEqual(
      (await get(`q=${encodeURIComponent('本館 3F')}`)).items.map((a: any) => a.name),
      ['PC-01'],
    );
    // One- and two-character Japanese searches are served by the grams index.
    assert.deepEqual(
      (await get(`q=${encodeURIComponent('会議')}`)).items.map((a: any) => a.name),
      ['PC-01'],
    );
    assert.deepEqual(
      (await get(`q=${encodeURIComponent('総')}`)).items.map((a: any) => a.name),
      ['PRN-01'],
    );
    assert.deepEqual(
      (await get('category=printer')).items.map((a: any) => a.name),
      ['PRN-01'],
    );
    assert.deepEqual(
      (await get('status=stock')).items.map((a: any) => a.name),
      ['PC-02'],
    );
    assert.deepEqual(
      (await get('ledger=overseas')).items.map((a: any) => a.name),
      ['PC-02'],
    );
    assert.deepEqual(
      (await get(`userId=${person.id}`)).items.map((a: any) => a.name),
      ['PC-01'],
    );
    assert.equal((await get('')).total, 10);

    for (const sort of ['name', 'manufacturer', 'purchaseDate', 'location', 'user', 'site', 'department', 'status', 'updatedAt', 'assetNumber']) {
      for (const order of ['asc', 'desc']) {
        const all = (await get(`sort=${sort}&order=${order}&limit=100`)).items.map((a: any) => a.id);
        const paged: string[] = [];
        let cursor: string | null = null;
        do {
          const page: any = await get(`sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
          paged.push(...page.items.map((a: any) => a.id));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(paged, all, `paging by ${sort} ${order} returns every row once, in order`);
      }
    }
    // A search in asset-number order reads its ids from the covering index first: same rows, same order, same paging.
    for (const order of ['asc', 'desc']) {
      const all = (await get(`q=bulk&order=${order}&limit=100`)).items.map((a: any) => a.assetNumber);
      assert.equal(all.length, 7);
      assert.deepEqual(
        all,
        [...all].sort((a, b) => (order === 'asc' ? a.localeCompare(b) : b.localeCompare(a))),
      );
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await get(`q=bulk&order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.items.map((a: any) => a.assetNumber));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(paged, all, `search paging ${order}`);
    }
    const { client: mine } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [site.id] });
    const { client: elsewhere } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [(await makeSite(t)).id] });
    assert.equal((await mine.get('/api/v1/hardware-assets?q=bulk&limit=100')).json().items.length, 7);
    assert.equal((await elsewhere.get('/api/v1/hardware-assets?q=bulk&limit=100')).json().items.length, 0);
  });

  test('a list counts up to 1,000 matches ("1,000 件以上") and a search up to 100, exactly below that; search ignores width and case', async () => {
    const site = await makeSite(t);
    await t.db.execute(
      sql`insert into hardware_assets (asset_number, ledger, name, category, site_id, room)
          select 'CNT-' || ${site.code} || '-' || g, 'domestic', 'PC-' || g, case when g <= 3 then 'server' else 'desktop_pc' end,
                 ${site.id}, case when g <= 3 then 'ＳＶ室Ａ' else 'カウント室' end from generate_series(1, 1005) g`,
    );
    const admin = await loginAdmin(t.app);
    const searched = (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&q=${encodeURIComponent('カウント室')}&limit=10`)).json();
    assert.equal(searched.total, 100);
    assert.equal(searched.totalExact, false);
    assert.equal(searched.items.length, 10);
    const filtered = (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&limit=10`)).json();
    assert.deepEqual([filtered.total, filtered.totalExact], [1000, false]);
    const desktops = (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&category=desktop_pc&limit=10`)).json();
    assert.deepEqual([desktops.total, desktops.totalExact], [1000, false]);
    // Beyond the cap the exact number is asked for separately, with the same filters.
    const exact = await admin.get(`/api/v1/hardware-assets/count?siteId=${site.id}`);
    assert.equal(exact.statusCode, 200, exact.body);
    assert.deepEqual(exact.json(), { total: 1005 });
    const exactSearch = (await admin.get(`/api/v1/hardware-assets/count?siteId=${site.id}&q=${encodeURIComponent('カウント室')}`)).json();
    assert.deepEqual(exactSearch, { total: 1002 });
    const other = await makeSite(t);
    const { client: scoped } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [other.id] });
    assert.deepEqual((await scoped.get(`/api/v1/hardware-assets/count?siteId=${site.id}`)).json(), { total: 0 });
    const servers = (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&category=server&limit=10`)).json();
    assert.deepEqual([servers.total, servers.totalExact, servers.items.length], [3, true, 3]);
    // Full-width and upper-case text in the ledger is found by half-width lower-case queries, and the reverse.
    for (const q of ['sv室a', 'ＳＶ室', 'Sv室A']) {
      const found = (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&q=${encodeURIComponent(q)}&limit=10`)).json();
      assert.equal(found.total, 3, q);
      assert.ok(
        found.items.every((a: { room: string }) => a.room === 'ＳＶ室Ａ'),
        q,
      );
    }
  });

  test("an asset is found by its user's name, and follows a renamed person", async () => {
    const site = await makeSite(t);
    const person = await makePerson(t, site.id, { nameKanji: '検索 一郎' });
    const asset = await makeAsset(t, site.id, { userId: person.id });
    const admin = await loginAdmin(t.app);
    const find = async (q: string) =>
      (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&q=${encodeURIComponent(q)}`)).json().items.map((a: any) => a.id);
    assert.deepEqual(await find('検索 一郎'), [asset.id]);
    const renamed = await admin.patch(`/api/v1/people/${person.id}`, { nameKanji: '改名 一郎' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual(await find('改名'), [asset.id]);
    assert.deepEqual(await find('検索 一郎'), []);
    const sorted = (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}&sort=user`)).json().items;
    assert.equal(sorted[0].user.nameKanji, '改名 一郎');
  });

  test('the list shows a renamed site or department on the very next request, also when another process renamed it', async () => {
    const site = await makeSite(t);
    const dept = await makeDepartment(t, site.id);
    await makeAsset(t, site.id, { departmentId: dept.id });
    const admin = await loginAdmin(t.app);
    const first = async () => (await admin.get(`/api/v1/hardware-assets?siteId=${site.id}`)).json().items[0];
    assert.equal((await first()).site.nameJa, site.nameJa);
    const renamed = await admin.patch(`/api/v1/sites/${site.id}`, { nameJa: '改称拠点' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal((await first()).site.nameJa, '改称拠点');
    // Another instance, the CLI or SQL by hand: nothing in this process hears of it.
    await t.db.execute(sql`update departments set name_en = 'Renamed elsewhere' where id = ${dept.id}`);
    const row = await first();
    assert.equal(row.department.nameEn, 'Renamed elsewhere');
    assert.equal(row.site.nameJa, '改称拠点');
    const added = await makeDepartment(t, site.id, { nameJa: '新設部署' });
    await t.db.update(hardwareAssets).set({ departmentId: added.id }).where(eq(hardwareAssets.siteId, site.id));
    assert.equal((await first()).department.nameJa, '新設部署');
  });

  test('a one-site supervisor sees only that site, and by id gets 404 elsewhere; auditors cannot write', async () => {
    const a = await makeSite(t);
    const b = await makeSite(t);
    const inA = await makeAsset(t, a.id);
    const inB = await makeAsset(t, b.id);
    const { client: sup } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [a.id] });
    const list = (await sup.get('/api/v1/hardware-assets?limit=500')).json();
    assert.ok(list.items.every((x: any) => x.site.id === a.id));
    assert.equal((await sup.get(`/api/v1/hardware-assets/${inB.id}`)).statusCode, 404);
    assert.equal((await sup.get(`/api/v1/hardware-assets/${inA.id}`)).statusCode, 200);
    assert.equal((await sup.get(`/api/v1/hardware-assets/${inB.id}/movements`)).statusCode, 404);
    const { client: auditor } = await clientFor(t, ['auditor']);
    assert.equal((await auditor.patch(`/api/v1/hardware-assets/${inA.id}`, { name: 'x' })).statusCode, 403);
  });

  test('two editors: the second save with a stale If-Match gets 412; a VM cannot become its own host', async () => {
    const site = await makeSite(t);
    const host = await makeAsset(t, site.id, { category: 'server' });
    const vm = await makeAsset(t, site.id, { category: 'virtual_server', parentId: host.id });
    const admin = await loginAdmin(t.app);
    const first = await admin.patch(`/api/v1/hardware-assets/${vm.id}`, { name: 'VM-A' }, { 'if-match': '"v1"' });
    assert.equal(first.statusCode, 200);
    const second = await admin.patch(`/api/v1/hardware-assets/${vm.id}`, { name: 'VM-B' }, { 'if-match': '"v1"' });
    assert.equal(second.statusCode, 412);
    const cycle = await admin.patch(`/api/v1/hardware-assets/${host.id}`, { parentId: vm.id });
    assert.equal(cycle.statusCode, 422);
    assert.equal(cycle.json().errors[0].path, 'parentId');
    const detail = (await admin.get(`/api/v1/hardware-assets/${vm.id}`)).json();
    assert.equal(detail.parent.id, host.id);
    const children = (await admin.get(`/api/v1/hardware-assets?parentId=${host.id}`)).json();
    assert.deepEqual(
      children.items.map((c: any) => c.id),
      [vm.id],
    );
  });

  test('bulk edit changes location and status of selected rows in one audited transaction, or nothing', async () => {
    const site = await makeSite(t);
    const other = await makeSite(t);
    const rows = [await makeAsset(t, site.id), await makeAsset(t, site.id), await makeAsset(t, site.id)];
    const outside = await makeAsset(t, other.id);
    const { client: scoped } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.id] });
    const audits = await auditCount();
    const refused = await scoped.post('/api/v1/hardware-assets/bulk-update', { ids: [...rows.map((r) => r.id), outside.id], set: { room: '倉庫' } });
    assert.equal(refused.statusCode, 422);
    assert.equal(await auditCount(), audits);
    const stored = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, rows[0].id));
    assert.equal(stored[0].room, null, 'no row changed');
    const ok = await scoped.post('/api/v1/hardware-assets/bulk-update', {
      ids: rows.map((r) => r.id),
      set: { building: '本館', room: '倉庫', status: 'stock' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().updated, 3);
    assert.equal(await auditCount(), audits + 3);
    const list = (await scoped.get(`/api/v1/hardware-assets?siteId=${site.id}&status=stock`)).json();
    assert.equal(list.items.length, 3);
    assert.ok(list.items.every((a: any) => a.room === '倉庫'));
  });
});
