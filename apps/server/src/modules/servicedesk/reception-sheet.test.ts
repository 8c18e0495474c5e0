import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { systemActor } from '../../platform/auth/actor.ts';
import { type Client, clientFor, login, loginAdmin, makeSite, makeUser, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { pdfPageCount, pdfText } from '../../test/pdf.ts';
import { users } from '../access/access.table.ts';
import { type BulkInserted, bulkInsertTickets } from './tickets.bulk.ts';
import { historyEvents } from './tickets.io.ts';

/** Issue #6 item 11 (5.1.a): the reception sheet per ticket (A4 PDF) and the month's list (XLSX), in the actor's scope. */

let t: TestApp;
let admin: Client;
let scoped: Client;
let tokyo: { id: string };
let osaka: { id: string };
let inserted: BulkInserted[];
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { code: 'RSTK', nameJa: '東京本部', timeZone: 'Asia/Tokyo' });
  osaka = await makeSite(t, { code: 'RSOS', nameJa: '大阪本部', timeZone: 'Asia/Tokyo' });
  scoped = (await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] })).client;
  const at = (s: string) => new Date(s);
  const long = '印刷しようとするとエラーになります。'.repeat(400);
  inserted = await t.db.transaction(async (tx) =>
    bulkInsertTickets(tx as never, { actor: systemActor, requestId: null }, [
      // 1 March 00:30 JST is still February in UTC: it belongs to March on the site's wall clock.
      {
        values: {
          number: 'RS-0001',
          channel: 'phone',
          siteId: tokyo.id,
          subject: 'VPNに接続できない',
          requesterName: '山田 太郎',
          receivedAt: at('2026-02-28T15:30:00Z'),
        },
        events: historyEvents(
          {
            receivedAt: at('2026-02-28T15:30:00Z'),
            firstAnsweredAt: at('2026-03-02T00:10:00Z'),
            escalationStartedAt: at('2026-03-02T01:00:00Z'),
            escalationEndedAt: at('2026-03-03T01:00:00Z'),
            vendor: 'NTT',
            resolvedAt: at('2026-03-03T02:00:00Z'),
          },
          'operator',
        ),
      },
      { values: { number: 'RS-0002', channel: 'mail', siteId: tokyo.id, subject: 'プリンタ', description: long, receivedAt: at('2026-03-10T01:00:00Z') } },
      { values: { number: 'RS-0003', channel: 'portal', siteId: osaka.id, subject: 'Excel', receivedAt: at('2026-03-11T01:00:00Z') } },
      // 1 April 08:00 JST is 31 March in UTC: April on the wall clock.
      { values: { number: 'RS-0004', channel: 'phone', siteId: tokyo.id, subject: '4月', receivedAt: at('2026-03-31T23:00:00Z') } },
    ]),
  );
});
after(async () => {
  await t.close();
});

const idOf = (n: string) => inserted.find((i) => i.number === n)!.id;

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

describe('the reception sheet (issue #6 item 11)', () => {
  test('one ticket is one A4 page with its number, site-local reception time, escalation and timeline', async () => {
    const res = await admin.get(`/api/v1/tickets/${idOf('RS-0001')}/reception-sheet.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = res.rawPayload;
    assert.equal(pdfPageCount(pdf), 1);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.27\d* 841\.88\d*\]/, 'A4');
    const text = pdfText(pdf).replace(/\n/g, '');
    for (const s of [
      'ヘルプデスク受付シート',
      'RS-0001',
      '2026/03/01 00:30',
      'VPNに接続できない',
      '山田 太郎',
      'RSTK 東京本部',
      'NTT',
      'エスカレーション開始',
    ]) {
      assert.ok(text.includes(s), `${s} in ${text.slice(0, 400)}`);
    }
  });

  test('a long description flows onto more pages, each footed with the number; out of scope is 404', async () => {
    const res = await admin.get(`/api/v1/tickets/${idOf('RS-0002')}/reception-sheet.pdf`);
    const pages = pdfPageCount(res.rawPayload);
    assert.ok(pages >= 2, `${pages} pages`);
    const text = pdfText(res.rawPayload).replace(/\n/g, '');
    assert.ok(text.includes(`RS-0002   ページ ${pages} / ${pages}`), 'the last page footer');
    assert.equal((await scoped.get(`/api/v1/tickets/${idOf('RS-0003')}/reception-sheet.pdf`)).statusCode, 404);
    assert.equal((await scoped.get(`/api/v1/tickets/${idOf('RS-0002')}/reception-sheet.pdf`)).statusCode, 200);
  });

  test('an English-speaking user gets the sheet and the list in English', async () => {
    const u = await makeUser(t, ['operator']);
    await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, u.id));
    const en = await login(t.app, u.email, PASSWORD);
    const text = pdfText((await en.get(`/api/v1/tickets/${idOf('RS-0001')}/reception-sheet.pdf`)).rawPayload).replace(/\n/g, '');
    for (const s of ['Helpdesk reception sheet', 'Received at', 'Escalation start', 'RSTK Site RSTK', 'Phone'])
      assert.ok(text.includes(s), `${s} in ${text.slice(0, 300)}`);
    const rows = await xlsxRows((await en.get('/api/v1/tickets/reception-sheet.xlsx?month=2026-03')).rawPayload);
    assert.deepEqual(rows[0].slice(0, 3), ['Number', 'Received at', 'Channel']);
    assert.equal(rows[1][2], 'Phone');
  });

  test('the month list has one row per ticket received in the site-local month, in the actor scope', async () => {
    const all = await admin.get('/api/v1/tickets/reception-sheet.xlsx?month=2026-03');
    assert.equal(all.statusCode, 200, all.body);
    const rows = await xlsxRows(all.rawPayload);
    assert.equal(rows[0][0], '受付番号');
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['RS-0001', 'RS-0002', 'RS-0003'],
    );
    assert.ok(rows[1][1].startsWith('2026/03/01 00:30'), rows[1][1]);
    const mine = await xlsxRows((await scoped.get('/api/v1/tickets/reception-sheet.xlsx?month=2026-03')).rawPayload);
    assert.deepEqual(
      mine.slice(1).map((r) => r[0]),
      ['RS-0001', 'RS-0002'],
    );
    const april = await xlsxRows((await admin.get('/api/v1/tickets/reception-sheet.xlsx?month=2026-04')).rawPayload);
    assert.deepEqual(
      april.slice(1).map((r) => r[0]),
      ['RS-0004'],
    );
    assert.equal((await admin.get('/api/v1/tickets/reception-sheet.xlsx?month=2026-13')).statusCode, 422);
  });

  test('an imported number in Japanese names the PDF; the English tab name is not cut at 31 characters', async () => {
    const [old] = await t.db.transaction(async (tx) =>
      bulkInsertTickets(tx as never, { actor: systemActor, requestId: null }, [
        { values: { number: '旧受付-2025-0007', channel: 'phone', siteId: tokyo.id, subject: '旧台帳', receivedAt: new Date('2025-12-01T01:00:00Z') } },
      ]),
    );
    const res = await admin.get(`/api/v1/tickets/${old.id}/reception-sheet.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-disposition'], `inline; filename*=UTF-8''${encodeURIComponent('reception-sheet-旧受付-2025-0007.pdf')}`);

    const u = await makeUser(t, ['operator']);
    await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, u.id));
    const en = await login(t.app, u.email, PASSWORD);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await en.get('/api/v1/tickets/reception-sheet.xlsx?month=2025-12')).rawPayload as never);
    assert.equal(wb.worksheets[0].name, 'Reception sheet 2025-12');
  });
});
