import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { surveyResponses } from './surveys.table.ts';

let t: TestApp;
let admin: Client;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

async function reportRows(c: Client, surveyId: string): Promise<string> {
  const res = await c.get(`/api/v1/surveys/${surveyId}/report.xlsx`);
  assert.equal(res.statusCode, 200, res.body);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return JSON.stringify(wb.getWorksheet('回答')!.getSheetValues());
}

describe('survey report scope', () => {
  test("a site-scoped reader's XLSX lists only the responses (and comments) of their sites", async () => {
    const tokyo = await makeSite(t, { kind: 'hq' });
    const osaka = await makeSite(t, { kind: 'regional' });
    const created = await admin.post('/api/v1/surveys', { name: '範囲テスト', fiscalYear: 2026, opensOn: '2026-04-01', closesOn: '2026-04-30' });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const answer = { locale: 'ja', answerTime: 100, answerClarity: 80, answerAccuracy: 60, answerManner: 40 };
    await t.db.insert(surveyResponses).values([
      { ...answer, surveyId: id, siteId: tokyo.id, comment: '東京の意見' },
      { ...answer, surveyId: id, siteId: osaka.id, comment: '大阪の意見（東京の担当者には見せない）' },
    ]);

    const everyone = await reportRows(admin, id);
    assert.ok(everyone.includes('東京の意見') && everyone.includes('大阪の意見'));

    const { client: tokyoOnly } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const scoped = await reportRows(tokyoOnly, id);
    assert.ok(scoped.includes('東京の意見'));
    assert.ok(!scoped.includes('大阪の意見'), 'another site’s comment leaked into the report');
    // The on-screen per-site results follow the same rule.
    const dto = (await tokyoOnly.get(`/api/v1/surveys/${id}`)).json();
    assert.deepEqual(
      dto.results.bySite.map((b: { site: { id: string } }) => b.site.id),
      [tokyo.id],
    );
  });

  test('a site-scoped manager cannot create, edit, open or close the agency-wide campaign, but invites their sites', async () => {
    const tokyo = await makeSite(t, { kind: 'hq' });
    await makePerson(t, tokyo.id, { nameKanji: '招待 太郎', email: `scope${Date.now()}@example.jp` });
    const { client: regional } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const body = { name: '全庁調査', fiscalYear: 2026, opensOn: '2026-04-01', closesOn: '2099-04-30' };
    assert.equal((await regional.post('/api/v1/surveys', body)).statusCode, 403);

    const id = (await admin.post('/api/v1/surveys', body)).json().id as string;
    const seen = (await regional.get(`/api/v1/surveys/${id}`)).json();
    assert.deepEqual([seen.abilities.update, seen.abilities.open], [false, false]);
    assert.equal((await regional.request('PATCH', `/api/v1/surveys/${id}`, { closesOn: '2026-04-02' })).statusCode, 403);
    assert.equal((await regional.post(`/api/v1/surveys/${id}/open`)).statusCode, 403);
    assert.equal((await admin.post(`/api/v1/surveys/${id}/open`)).statusCode, 200);

    const open = (await regional.get(`/api/v1/surveys/${id}`)).json();
    assert.deepEqual([open.abilities.close, open.abilities.invite], [false, true]);
    assert.equal((await regional.post(`/api/v1/surveys/${id}/close`)).statusCode, 403, 'closing stops every site’s links');
    assert.equal((await admin.get(`/api/v1/surveys/${id}`)).json().status, 'open');
    const invited = await regional.post(`/api/v1/surveys/${id}/invitations`, { audience: 'sites', siteIds: [tokyo.id] });
    assert.equal(invited.statusCode, 200, invited.body);
    assert.equal(invited.json().added, 1);
  });
});
