import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postFile } from '../../platform/files/io-test-kit.ts';
import { type Client, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { parseCdrTime, readCdrRows, suggestCdrMapping } from './cdr-parse.ts';

/** CDR times other call managers write: numbers that are not epoch seconds must not become impossible dates. */

const iso = (v: unknown) => {
  const r = parseCdrTime(v as string, 'Asia/Tokyo');
  return r.ok ? (r.value?.toISOString() ?? null) : 'error';
};

test('epoch seconds and milliseconds, compact local times; other numbers are row errors, not far-future dates', () => {
  assert.equal(iso('1772410500'), '2026-03-02T00:15:00.000Z');
  assert.equal(iso('1772410500000'), '2026-03-02T00:15:00.000Z', 'epoch milliseconds');
  assert.equal(iso('20260302091500'), '2026-03-02T00:15:00.000Z', 'YYYYMMDDHHMMSS on the Tokyo wall clock');
  assert.equal(iso('202603020915'), '2026-03-02T00:15:00.000Z', 'YYYYMMDDHHMM');
  assert.equal(iso('0'), null, 'CUCM: never connected');
  assert.equal(iso('20261302091500'), 'error', 'month 13');
  assert.equal(iso('123456'), 'error');
  assert.equal(iso('99999999999999999'), 'error');
});

test('desk filter: a transfer counts if any leg reached the desk; device prefixes ignore case; a direction column wins', () => {
  const headers = [
    'globalCallID_callId',
    'dateTimeOrigination',
    'callingPartyNumber',
    'originalCalledPartyNumber',
    'finalCalledPartyNumber',
    'origDeviceName',
    'Direction',
  ];
  const rows = [
    [1, '1772410500', '0357001234', '2200', '2200', 'SEPFFEE01', ''], // leg 1: another department…
    [1, '1772410600', '2200', '5000', '5000', 'SEPFFEE02', ''], // …transfers the caller to the desk: one desk call
    [2, '1772410700', '5101', '0901111222', '0901111222', 'sep00aabb0001', ''], // operator device, lower case
    [3, '1772410800', '2101', '2300', '2300', 'SEPFFEE03', ''], // not a desk call
    [4, '1772410900', '5101', '5000', '5000', 'SEP00AABB0001', 'out'], // the call manager says outbound
  ].map((cells, i) => ({ row: i + 2, cells }));
  const read = readCdrRows(headers, rows, suggestCdrMapping(headers, null), {
    locale: 'en',
    timeZone: 'Asia/Tokyo',
    voiceSystemNumbers: [],
    deskNumbers: ['5000'],
    operatorExtensions: [],
    operatorDevicePrefixes: ['SEP00AABB'],
  });
  assert.deepEqual(read.errors, []);
  assert.deepEqual(
    read.calls.map((c) => [c.externalId, c.direction, c.operatorLabel]),
    [
      ['1', 'inbound', null],
      ['2', 'outbound', 'sep00aabb0001'],
      ['4', 'outbound', null],
    ],
  );
  assert.equal(read.notDeskCalls, 1);
});

let t: TestApp;
let admin: Client;
let site: { id: string };
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
});
after(() => t.close());

test('a file with compact times imports; an impossible number is a row error, not a server error', async () => {
  const head = 'globalCallID_callManagerId,globalCallID_callId,dateTimeOrigination,dateTimeConnect,dateTimeDisconnect,duration';
  const ok = `${head}\r\n1,9000001,20260302091500,20260302091507,20260302092007,300\r\n`;
  const res = await postFile(t.app, admin, '/api/v1/call-records/import', { name: 'cdr.csv', data: Buffer.from(ok) }, { fields: { siteId: site.id } });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().committed, res.json().created], [true, 1]);
  const [call] = (await admin.get('/api/v1/call-records')).json().items;
  assert.deepEqual([call.queuedAt, call.waitSeconds, call.talkSeconds], ['2026-03-02T00:15:00.000Z', 7, 300]);

  const bad = `${head}\r\n1,9000002,99999999999999999,0,0,0\r\n`;
  const res2 = await postFile(t.app, admin, '/api/v1/call-records/import', { name: 'cdr.csv', data: Buffer.from(bad) }, { fields: { siteId: site.id } });
  assert.equal(res2.statusCode, 200, res2.body);
  assert.equal(res2.json().committed, false);
  assert.deepEqual(
    res2.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]),
    [[2, 'dateTimeOrigination']],
  );
});
