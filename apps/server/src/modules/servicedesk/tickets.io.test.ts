import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { systemActor } from '../../platform/auth/actor.ts';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { deriveTicket } from './tickets.derive.ts';
import { firstAnswerDueAt, insertTicket } from './tickets.kernel.ts';
import { ticketEvents, tickets } from './tickets.table.ts';
import { dateTimeCodec, instantOfCell } from './tickets-io-cells.ts';

/**
 * Issue #6 item 13 (3.1.1.q): the previous contractor's inquiry ledger. A CP932 file with bad rows is reported by row
 * and column and writes nothing; the fixed file becomes tickets whose synthesized event logs derive exactly the
 * ledger's times; an existing number is a row error; the export shows the site's wall clock.
 */

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let ny: { id: string };
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { code: 'HQT', timeZone: 'Asia/Tokyo' });
  ny = await makeSite(t, { code: 'NYO', kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
  await makePerson(t, tokyo.id, { employeeNumber: 'TK0001', nameKanji: '東京 花子' });
  await t.db.transaction(async (tx) =>
    insertTicket(
      tx as never,
      { actor: systemActor, requestId: null },
      {
        number: 'OLD-0001',
        channel: 'phone',
        siteId: tokyo.id,
        subject: '既存',
        receivedAt: new Date('2025-01-06T00:00:00Z'),
      },
    ),
  );
});
after(async () => {
  await t.close();
});

const HEADER = [
  '受付番号',
  '受付方法',
  '言語',
  '拠点コード',
  '依頼者',
  '依頼者職員番号',
  '分類コード',
  '件名',
  'インストール依頼',
  '受付日時',
  '初回回答日時',
  'エスカレーション開始日時',
  'エスカレーション終了日時',
  'エスカレーション先',
  '解決日時',
  '再開日時',
  '完了日時',
] as const;
type Row = Partial<Record<(typeof HEADER)[number], string>>;

const good: Row[] = [
  // Answered and resolved on the phone at once: first-contact resolution.
  {
    受付番号: 'PC-2025-0001',
    受付方法: '電話',
    拠点コード: 'HQT',
    依頼者職員番号: 'TK0001',
    分類コード: 'account.password',
    件名: 'パスワードを忘れた',
    受付日時: '2025/04/07 9:05',
    初回回答日時: '2025/04/07 9:20',
    解決日時: '2025/04/07 9:20',
    完了日時: '2025/04/08 10:00',
  },
  // Escalated to a vendor: never first-contact resolution.
  {
    受付番号: 'PC-2025-0002',
    受付方法: 'メール',
    拠点コード: 'HQT',
    依頼者: '大阪 次郎',
    分類コード: 'printer',
    件名: '複合機が紙詰まり',
    受付日時: '2025年4月7日 10時00分',
    初回回答日時: '2025/04/07 10:30',
    エスカレーション開始日時: '2025/04/07 11:00',
    エスカレーション終了日時: '2025/04/08 15:00',
    エスカレーション先: 'リコー',
    解決日時: '2025/04/08 16:00',
  },
  // Reopened after its resolution, closed later; an install request in English at an overseas office.
  {
    受付番号: 'PC-2025-0003',
    受付方法: 'ポータル',
    言語: '英語',
    拠点コード: 'NYO',
    依頼者: 'John Smith',
    分類コード: 'software.install',
    件名: 'Install Visio please',
    インストール依頼: '○',
    受付日時: '2025-04-07 09:00',
    初回回答日時: '2025-04-07 09:45',
    解決日時: '2025-04-07 11:00',
    再開日時: '2025-04-08 09:00',
    完了日時: '2025-04-09 12:00',
  },
];

// Each breaks one thing (Excel rows follow the good ones).
const bad: Row[] = [
  { 拠点コード: 'NOPE' },
  { 分類コード: 'no-such-category' },
  { 受付日時: '2025/13/45 9:00' },
  { 初回回答日時: '2025/04/07 8:00' },
  { 受付番号: 'PC-2025-0001' },
  { 受付番号: 'OLD-0001' },
  { エスカレーション開始日時: '2025/04/07 11:00' },
];

function rowsOf(withBad: boolean): string[][] {
  const all = [...good];
  if (withBad) {
    for (const [i, b] of bad.entries()) {
      all.push({ 受付番号: `PC-BAD-${i}`, 受付方法: '電話', 拠点コード: 'HQT', 件名: `bad ${i}`, 受付日時: '2025/04/07 9:00', ...b });
    }
  }
  return [[...HEADER], ...all.map((r) => HEADER.map((h) => r[h] ?? ''))];
}

const cp932 = (rows: string[][]) => iconv.encode(csvOf(rows), 'cp932');
const imported = async () => t.db.select().from(tickets).where(eq(tickets.importedFrom, 'ledger'));

describe('the inquiry-ledger import (issue #6 item 13)', () => {
  test('date-time cells: the usual ledger spellings, the site zone, explicit offsets, and what is not a time', () => {
    const parse = (s: string) => dateTimeCodec.parse(s);
    for (const [text, value] of [
      ['2025/4/7 9:05', '2025-04-07 09:05:00'],
      ['２０２５年４月７日　９時５分', '2025-04-07 09:05:00'],
      ['2025-04-07T09:05:30+09:00', '2025-04-07T09:05:30+09:00'],
      ['2025-04-07 00:05Z', '2025-04-07T00:05:00Z'],
      ['', null],
    ] as const) {
      assert.deepEqual(parse(text), { ok: true, value }, text);
    }
    for (const text of ['2025/04/07', '2025/02/30 9:00', '2025/04/07 24:00', 'yesterday']) assert.equal(parse(text).ok, false, text);
    assert.equal(dateTimeCodec.format('2025-04-07 09:05:00'), '2025/04/07 09:05');
    assert.equal(dateTimeCodec.format('2025-04-07T09:05:00+09:00'), '2025/04/07 09:05:00+09:00');
    assert.equal(instantOfCell('2025-04-07 09:05:00', 'Asia/Tokyo').toISOString(), '2025-04-07T00:05:00.000Z');
    assert.equal(instantOfCell('2025-04-07T09:05:00-04:00', 'Asia/Tokyo').toISOString(), '2025-04-07T13:05:00.000Z');
  });

  test('a CP932 file with bad rows lists each by row and column and writes nothing, dry run or commit', async () => {
    const res = await importFile(t.app, admin, 'tickets', { name: 'ledger.csv', data: cp932(rowsOf(true)), type: 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const first = good.length + 2;
    assert.deepEqual(body.errors, [
      { row: first, column: '拠点コード', message: '「NOPE」が見つかりません' },
      { row: first + 1, column: '分類コード', message: '「no-such-category」が見つかりません' },
      { row: first + 2, column: '受付日時', message: '日時として読み取れません（例: 2025/4/1 9:30）' },
      { row: first + 3, column: '初回回答日時', message: '受付日時より前の日時です' },
      { row: first + 4, column: '受付番号', message: 'ファイル内で重複しています（2行目と同じ値）' },
      { row: first + 5, column: '受付番号', message: 'この番号の問合せは登録済みです' },
      { row: first + 6, column: 'エスカレーション先', message: '必須項目です' },
    ]);
    assert.deepEqual([body.encoding, body.committed], ['cp932', false]);
    const commit = await importFile(t.app, admin, 'tickets', { name: 'ledger.csv', data: cp932(rowsOf(true)) }, { commit: true });
    assert.deepEqual([commit.json().committed, commit.json().errorCount], [false, bad.length]);
    assert.equal((await imported()).length, 0);
  });

  test('the fixed file becomes tickets whose event logs derive exactly the ledger times', async () => {
    const res = await importFile(t.app, admin, 'tickets', { name: 'ledger.csv', data: cp932(rowsOf(false)) }, { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((({ committed, created, errors }) => ({ committed, created, errors }))(res.json()), { committed: true, created: 3, errors: [] });
    const byNo = new Map((await imported()).map((r) => [r.number, r]));
    const [fcr, escalated, reopened] = ['PC-2025-0001', 'PC-2025-0002', 'PC-2025-0003'].map((n) => byNo.get(n)!);

    // Tokyo wall clock (UTC+9).
    assert.deepEqual(
      [fcr.receivedAt.toISOString(), fcr.firstAnsweredAt?.toISOString(), fcr.resolvedAt?.toISOString(), fcr.closedAt?.toISOString()],
      ['2025-04-07T00:05:00.000Z', '2025-04-07T00:20:00.000Z', '2025-04-07T00:20:00.000Z', '2025-04-08T01:00:00.000Z'],
    );
    assert.deepEqual([fcr.status, fcr.firstContactResolution, fcr.escalated, fcr.reopenCount], ['closed', true, false, 0]);
    assert.ok(fcr.requesterPersonId, 'the requester linked by employee number');
    assert.equal(fcr.firstAnswerDueAt?.toISOString(), (await firstAnswerDueAt(t.db, tokyo.id, fcr.receivedAt)).toISOString(), 'the clock of the site calendar');

    assert.deepEqual(
      [escalated.status, escalated.firstContactResolution, escalated.escalated, escalated.escalationVendor, escalated.resolvedAt?.toISOString()],
      ['resolved', false, true, null, '2025-04-08T07:00:00.000Z'],
    );
    const events = await t.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, escalated.id)).orderBy(asc(ticketEvents.seq));
    assert.deepEqual(
      events.map((e) => [e.type, (e.data as { to?: string; vendor?: string }).to ?? (e.data as { vendor?: string }).vendor ?? null]),
      [
        ['received', null],
        ['public_reply', null],
        ['status_changed', 'in_progress'],
        ['escalation_started', 'リコー'],
        ['status_changed', 'escalated'],
        ['escalation_ended', 'リコー'],
        ['status_changed', 'in_progress'],
        ['status_changed', 'resolved'],
      ],
    );
    assert.equal(events[1].body, '(imported)');
    assert.equal(events[1].visibility, 'public');

    // New York wall clock (EDT, UTC-4); reopened → FCR false, the resolution is the close.
    assert.deepEqual(
      [reopened.receivedAt.toISOString(), reopened.reopenCount, reopened.firstContactResolution, reopened.status, reopened.resolvedAt?.toISOString()],
      ['2025-04-07T13:00:00.000Z', 1, false, 'closed', '2025-04-09T16:00:00.000Z'],
    );
    assert.deepEqual([reopened.language, reopened.installRequest, reopened.siteId], ['en', true, ny.id]);

    // The stored row is what the kernel's derivation gives for the stored log.
    for (const ticket of [fcr, escalated, reopened]) {
      const log = await t.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
      const d = deriveTicket(log.map((e) => ({ seq: e.seq, type: e.type, at: e.at, data: e.data as Record<string, unknown> })));
      assert.deepEqual(
        [d.status, d.firstAnsweredAt?.getTime(), d.resolvedAt?.getTime(), d.reopenCount, d.firstContactResolution, d.eventCount],
        [ticket.status, ticket.firstAnsweredAt?.getTime(), ticket.resolvedAt?.getTime(), ticket.reopenCount, ticket.firstContactResolution, ticket.eventCount],
      );
    }
    const audit = (await admin.get('/api/v1/audit?action=ticket.imported')).json().items;
    assert.deepEqual([audit.length, audit[0].after.created], [1, 3]);
  });

  test('importing a number again is a row error; the export shows wall-clock times and re-imports as duplicates only', async () => {
    const again = await importFile(t.app, admin, 'tickets', { name: 'ledger.csv', data: cp932(rowsOf(false).slice(0, 2)) }, { commit: true });
    assert.deepEqual(again.json().errors, [{ row: 2, column: '受付番号', message: 'この番号の問合せは登録済みです' }]);

    const res = await admin.get('/api/v1/tickets/export?encoding=utf8&month=2025-04');
    assert.equal(res.statusCode, 200, res.body);
    const text = res.body;
    assert.ok(text.includes('PC-2025-0003,ポータル,英語,NYO'), text);
    assert.ok(text.includes('2025/04/07 09:00'), 'NY received time on the NY wall clock');
    assert.ok(text.includes('2025/04/07 11:00,2025/04/08 15:00,リコー'), 'escalation from the event log');
    assert.ok(!text.includes('OLD-0001'), 'January is outside the month');
    const reimport = await importFile(t.app, admin, 'tickets', { name: 'export.csv', data: Buffer.from(text) });
    assert.deepEqual(
      reimport.json().errors.map((e: { message: string }) => e.message),
      ['この番号の問合せは登録済みです', 'この番号の問合せは登録済みです', 'この番号の問合せは登録済みです'],
    );
  });

  test('XLSX date-time cells (English headings) are read as the site wall clock', async () => {
    const xlsx = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('ledger');
      ws.addRow(['Number', 'Channel', 'Site code', 'Subject', 'Received at', 'First answered at']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const okRow = ['PC-X-1', 'Phone', 'NYO', 'VPN', new Date(Date.UTC(2025, 10, 3, 9, 30)), new Date(Date.UTC(2025, 10, 3, 9, 40))];
    const badRow = ['PC-X-2', 'Phone', 'NYO', 'VPN', new Date(Date.UTC(2025, 10, 3, 9, 30)), new Date(Date.UTC(2025, 10, 3, 9, 0))];
    const res = await importFile(t.app, admin, 'tickets', { name: 'ledger.xlsx', data: await xlsx([okRow, badRow]) }, { commit: true });
    assert.deepEqual(res.json().errors, [{ row: 3, column: 'First answered at', message: '受付日時より前の日時です' }]);
    const fixed = await importFile(t.app, admin, 'tickets', { name: 'ledger.xlsx', data: await xlsx([okRow]) }, { commit: true });
    assert.equal(fixed.json().created, 1, fixed.body);
    const [row] = await t.db
      .select()
      .from(tickets)
      .where(inArray(tickets.number, ['PC-X-1']));
    // 3 Nov 2025 is after the US fall-back: EST, UTC-5.
    assert.deepEqual([row.receivedAt.toISOString(), row.firstAnsweredAt?.toISOString()], ['2025-11-03T14:30:00.000Z', '2025-11-03T14:40:00.000Z']);
  });
});
