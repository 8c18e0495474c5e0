import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Client, clientFor, loginAdmin, makeDepartment, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { users } from '../access/access.table.ts';
import { hardwareAssets } from './assets.table.ts';

let t: TestApp;
let admin: Client;
let s1: { id: string; nameJa: string; nameEn: string };
let s2: { id: string; nameJa: string; nameEn: string };
let d1: { id: string; nameJa: string };

let seq = 0;
async function asset(siteId: string, over: Partial<typeof hardwareAssets.$inferInsert> = {}) {
  const n = `PV-${seq++}`;
  await t.db.insert(hardwareAssets).values({ assetNumber: n, ledger: 'domestic', name: n, category: 'desktop_pc', siteId, status: 'in_use', ...over });
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  s1 = await makeSite(t, { code: 'PV1', nameJa: '東京本部', nameEn: 'Tokyo HQ' });
  s2 = await makeSite(t, { code: 'PV2', nameJa: '大阪本部', nameEn: 'Osaka HQ' });
  d1 = await makeDepartment(t, s1.id);
  // s1: 2 desktops (one in stock), 1 notebook; s2: 3 notebooks (one overseas ledger), 1 server
  await asset(s1.id, { departmentId: d1.id, manufacturer: 'NEC', purchaseDate: '2021-04-01' });
  await asset(s1.id, { status: 'stock', manufacturer: 'NEC', purchaseDate: '2021-10-01' });
  await asset(s1.id, { category: 'notebook_pc', departmentId: d1.id, manufacturer: 'Dell', purchaseDate: '2023-01-15' });
  await asset(s2.id, { category: 'notebook_pc', manufacturer: 'Dell' });
  await asset(s2.id, { category: 'notebook_pc', manufacturer: 'Dell', purchaseDate: '2023-05-01' });
  await asset(s2.id, { category: 'notebook_pc', ledger: 'overseas', acquisition: 'lease' });
  await asset(s2.id, { category: 'server', manufacturer: 'NEC', acquisition: 'purchase' });
});
after(async () => {
  await t.close();
});

type Pivot = {
  rows: { key: string; label: string }[];
  cols: { key: string; label: string }[];
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
};
const cell = (p: Pivot, row: string, col: string) => p.cells[p.rows.findIndex((r) => r.key === row)][p.cols.findIndex((c) => c.key === col)];

describe('ledger aggregation (2.1.f)', () => {
  test('site × category counts, labels in Japanese, choice-set order, totals', async () => {
    const res = await admin.get('/api/v1/hardware-assets/pivot?rows=site&cols=category');
    assert.equal(res.statusCode, 200, res.body);
    const p: Pivot = res.json();
    assert.deepEqual(
      p.rows.map((r) => r.label),
      ['東京本部', '大阪本部'],
    );
    assert.deepEqual(
      p.cols.map((c) => c.key),
      ['desktop_pc', 'notebook_pc', 'server'],
    );
    assert.deepEqual(
      p.cols.map((c) => c.label),
      ['デスクトップPC', 'ノートPC', 'サーバ'],
    );
    assert.deepEqual(p.cells, [
      [2, 1, 0],
      [0, 3, 1],
    ]);
    assert.deepEqual(p.rowTotals, [3, 4]);
    assert.deepEqual(p.colTotals, [2, 4, 1]);
    assert.equal(p.total, 7);
  });

  test('the list filters apply; empty values are grouped as "(none)" in an English session', async () => {
    const { client: english, user } = await clientFor(t, ['auditor']);
    await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, user.id));
    const res = await english.get('/api/v1/hardware-assets/pivot?rows=manufacturer&cols=purchaseYear&status=in_use');
    const p: Pivot = res.json();
    assert.equal(p.total, 6);
    assert.deepEqual(
      p.rows.map((r) => r.label),
      ['Dell', 'NEC', '(none)'],
    );
    assert.deepEqual(
      p.cols.map((c) => c.label),
      ['2021', '2023', '(none)'],
    );
    assert.equal(cell(p, 'Dell', '2023'), 2);
    assert.equal(cell(p, 'NEC', ''), 1);
    const byDept = (await admin.get('/api/v1/hardware-assets/pivot?rows=department&cols=ledger&siteId=' + s1.id)).json() as Pivot;
    assert.deepEqual(
      byDept.rows.map((r) => r.label),
      [d1.nameJa, '（未設定）'],
    );
    assert.deepEqual(byDept.cells, [[2], [1]]);
    const acq = (await english.get('/api/v1/hardware-assets/pivot?rows=acquisition&cols=status')).json() as Pivot;
    assert.deepEqual(
      acq.rows.map((r) => r.label),
      ['Purchase', 'Lease', '(none)'],
    );
    const bad = await admin.get('/api/v1/hardware-assets/pivot?rows=price');
    assert.equal(bad.statusCode, 422);
  });

  test('a site-scoped user counts only the assets of their sites', async () => {
    const { client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [s2.id] });
    const p: Pivot = (await client.get('/api/v1/hardware-assets/pivot?rows=site&cols=status')).json();
    assert.deepEqual(
      p.rows.map((r) => r.key),
      [s2.id],
    );
    assert.equal(p.total, 4);
    const { client: requester } = await clientFor(t, ['requester']);
    assert.equal((await requester.get('/api/v1/hardware-assets/pivot')).statusCode, 403);
  });

  test('the same table exports as XLSX that opens in Excel', async () => {
    const res = await admin.get('/api/v1/hardware-assets/pivot/export?rows=site&cols=category');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /asset-pivot-site-category-\d{8}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    assert.equal(sheet.name, '資産集計');
    const rows = [];
    for (let i = 1; i <= sheet.rowCount; i++) rows.push((sheet.getRow(i).values as unknown[]).slice(1));
    assert.deepEqual(rows, [
      ['拠点 / 種別', 'デスクトップPC', 'ノートPC', 'サーバ', '合計'],
      ['東京本部', 2, 1, 0, 3],
      ['大阪本部', 0, 3, 1, 4],
      ['合計', 2, 4, 1, 7],
    ]);
  });
});
