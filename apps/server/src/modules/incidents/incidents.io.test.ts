import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { incidents } from './incidents.table.ts';

/**
 * Issue #7 item 8 (3.1.1.q): past incidents with every milestone, an escalation period, exclusions, major flags and a
 * reopened recovery. A file with bad rows is reported by row and column and writes nothing; the fixed file gives
 * incidents whose synthesized timelines measure exactly like live ones (and the same monthly metrics).
 */

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await makeSite(t, { code: 'HQT', timeZone: 'Asia/Tokyo' });
});
after(async () => {
  await t.close();
});

const HEADER = [
  '障害番号',
  '件名',
  '種別',
  '影響範囲',
  '拠点コード',
  '発生日時',
  '発生報告日時',
  '初期対応完了日時',
  '対応策提示日時',
  '2次エスカレーション開始日時',
  '2次エスカレーション終了日時',
  'エスカレーション先',
  '初回回復日時',
  '再発日時',
  '回復日時',
  '報告対象外理由',
  'セキュリティ重大障害',
  '共通基盤重大障害',
];
// Times are Tokyo wall clock.
const good = [
  // Escalation 22:00 → 10:00 two days later (36 h): recovery 41 h − 36 h = 5 h, met; countermeasure 39 h, missed.
  [
    'OLD-INC-001',
    'ファイルサーバ停止',
    'ハードウェア障害',
    '拠点',
    'HQT',
    '2025/04/01 20:00',
    '2025/04/01 21:30',
    '2025/04/01 23:30',
    '2025/04/03 11:00',
    '2025/04/01 22:00',
    '2025/04/03 10:00',
    'NEC',
    '',
    '',
    '2025/04/03 13:00',
    '',
    '',
    '',
  ],
  // Reopened: 6 h + 12 h = 18 h, met. Report excluded (password reset, by label).
  [
    'OLD-INC-002',
    'VPN 障害',
    'network',
    '',
    'HQT',
    '2025/04/05 09:00',
    '2025/04/05 09:30',
    '2025/04/05 10:00',
    '2025/04/05 12:00',
    '',
    '',
    '',
    '2025/04/05 15:00',
    '2025/04/06 08:00',
    '2025/04/06 20:00',
    'ユーザパスワードのリセット',
    '',
    '',
  ],
  // Major security, reported late (3 h), never recovered in the file.
  [
    'OLD-INC-003',
    '情報漏えい',
    'software',
    '機構全体',
    '',
    '2025/04/10 10:00',
    '2025/04/10 13:00',
    '2025/04/10 15:00',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'はい',
    '',
  ],
];
const bad = [
  ['OLD-INC-900', '順序誤り', 'hardware', '', 'HQT', '2025/04/12 10:00', '2025/04/12 09:00', '', '', '', '', '', '', '', '', '', '', ''],
  ['OLD-INC-901', 'ベンダー無し', 'hardware', '', 'HQT', '2025/04/12 10:00', '', '', '', '2025/04/12 11:00', '2025/04/12 12:00', '', '', '', '', '', '', ''],
  ['OLD-INC-902', '理由誤り', 'hardware', '', 'HQT', '2025/04/12 10:00', '', '', '', '', '', '', '', '', '', 'そんな理由', '', ''],
];
const file = (rows: string[][]) => ({ name: 'incidents.csv', data: Buffer.from(csvOf([HEADER, ...rows])), type: 'text/csv' });

describe('historical incident import (3.1.1.q)', () => {
  test('bad rows are reported by row and column and nothing is written', async () => {
    const res = await importFile(t.app, admin, 'incidents', file([...good, ...bad]), { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.committed, false);
    assert.deepEqual(body.errors, [
      { row: 5, column: '発生報告日時', message: '発生日時より前の日時です' },
      { row: 6, column: 'エスカレーション先', message: '必須項目です' },
      { row: 7, column: '報告対象外理由', message: body.errors[2].message },
    ]);
    assert.match(body.errors[2].message, /ユーザパスワードのリセット/);
    assert.equal((await t.db.select().from(incidents)).length, 0);
  });

  test('the fixed file gives incidents that measure like live ones, and the export gives the times back', async () => {
    const res = await importFile(t.app, admin, 'incidents', file(good), { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().committed, res.json().created], [true, 3]);
    const rows = await t.db
      .select()
      .from(incidents)
      .where(
        inArray(
          incidents.number,
          good.map((g) => g[0]),
        ),
      );
    const byNo = Object.fromEntries(rows.map((r) => [r.number, r]));
    const dto = async (n: string) => (await admin.get(`/api/v1/incidents/${byNo[n].id}`)).json();
    const state = (d: { clocks: { code: string; state: string; elapsedMs: number }[] }) =>
      Object.fromEntries(d.clocks.map((c) => [c.code, [c.state, c.elapsedMs / 60_000]]));

    const a = state(await dto('OLD-INC-001'));
    assert.deepEqual(a.recovery, ['met', 300]);
    assert.deepEqual(a.countermeasure, ['breached', 39 * 60]);
    assert.deepEqual(a.report, ['met', 90]);
    const b = await dto('OLD-INC-002');
    assert.deepEqual(state(b).recovery, ['met', 18 * 60]);
    assert.deepEqual([state(b).report[0], b.reportExclusions], ['excluded', ['password_reset']]);
    const c = await dto('OLD-INC-003');
    assert.deepEqual([c.majorSecurity, c.impact, c.status, state(c).report[0], c.sites], [true, 'organization', 'open', 'breached', []]);
    assert.equal(byNo['OLD-INC-001'].source, 'import');

    const events = (await admin.get(`/api/v1/incidents/${byNo['OLD-INC-002'].id}/events`)).json().items;
    assert.deepEqual(
      events.map((e: { type: string; data: { milestone?: string } }) => e.data.milestone ?? e.type),
      ['occurred', 'reported', 'initial_response', 'countermeasure', 'recovered', 'reopened', 'recovered'],
    );
    const april = (await admin.get('/api/v1/incidents/metrics?month=2025-04')).json();
    const s3 = april.rows.find((r: { sla: string }) => r.sla === 'S-3');
    assert.deepEqual(s3.drill.missed, [byNo['OLD-INC-003'].id]);

    const again = await importFile(t.app, admin, 'incidents', file(good.slice(0, 1)), { commit: true });
    assert.deepEqual(again.json().errors, [{ row: 2, column: '障害番号', message: 'この番号の障害は登録済みです' }]);

    const exported = await admin.get('/api/v1/incidents/export?encoding=utf8');
    assert.equal(exported.statusCode, 200, exported.body);
    const line = exported.body.split(/\r?\n/).find((l) => l.startsWith('OLD-INC-002'))!;
    assert.ok(line.includes('2025/04/05 15:00') && line.includes('2025/04/06 08:00') && line.includes('2025/04/06 20:00'), line);
    const [row] = await t.db.select().from(incidents).where(eq(incidents.number, 'OLD-INC-001'));
    assert.equal(row.occurredAt.toISOString(), '2025-04-01T11:00:00.000Z');
  });
});
