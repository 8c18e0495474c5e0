import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { pdfPageCount, pdfText } from '../../test/pdf.ts';

/** Issue #4 item 7: A4 label sheets (PDF) with asset number, name, site and a QR code of the asset's URL. */

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
const ids: string[] = [];
let osakaAsset: { id: string };
before(async () => {
  t = await startTestApp({ publicUrl: 'https://unyo.example.go.jp' });
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { code: 'LTKY', nameJa: '本部（東京）' });
  osaka = await makeSite(t, { code: 'LOSA', nameJa: '大阪本部' });
  for (let i = 1; i <= 30; i++) {
    ids.push((await makeAsset(t, tokyo.id, { assetNumber: `LBL-${String(i).padStart(3, '0')}`, name: `本館3F 301会議室 PC-${i}` })).id);
  }
  osakaAsset = await makeAsset(t, osaka.id, { assetNumber: 'LBL-OSA-1' });
});
after(async () => {
  await t.close();
});

describe('asset labels (issue #4 item 7)', () => {
  test('30 assets make 2 A4 pages with each number, name, site and a QR link to the asset', async () => {
    const res = await admin.post('/api/v1/hardware-assets/labels', { ids });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pdfPageCount(pdf), 2);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.27\d* 841\.88\d*\]/, 'A4');
    assert.match(pdf.toString('latin1'), /\/BaseFont \/[A-Z]{6}\+NotoSansCJKjp-Regular/, 'the Japanese font is embedded (subset)');
    const text = pdfText(pdf);
    for (let i = 1; i <= 30; i++) assert.ok(text.includes(`LBL-${String(i).padStart(3, '0')}\n`), `asset ${i} in ${text.slice(0, 200)}`);
    assert.ok(text.includes('本館3F 301会議室 PC-30'), 'Japanese names are real text');
    assert.ok(text.includes('本部（東京）'));
    const links = [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
    assert.deepEqual(
      links,
      ids.map((id) => `https://unyo.example.go.jp/assets/${id}`),
    );
  });

  test('an asset outside the caller scope, or unknown, is a 404; without asset.read a 403', async () => {
    const { client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    assert.equal((await client.post('/api/v1/hardware-assets/labels', { ids: [ids[0]] })).statusCode, 200);
    const out = await client.post('/api/v1/hardware-assets/labels', { ids: [ids[0], osakaAsset.id] });
    assert.equal(out.statusCode, 404, out.body);
    assert.match(String(out.headers['content-type']), /problem\+json/);
    const unknown = await admin.post('/api/v1/hardware-assets/labels', { ids: ['00000000-0000-4000-8000-000000000001'] });
    assert.equal(unknown.statusCode, 404);
    const { client: requester } = await clientFor(t, ['requester'], { kind: 'all' });
    assert.equal((await requester.post('/api/v1/hardware-assets/labels', { ids: [ids[0]] })).statusCode, 403);
    assert.equal((await admin.post('/api/v1/hardware-assets/labels', { ids: [] })).statusCode, 422);
  });
});
