import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { postFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertTicket, type TicketValues } from './tickets.kernel.ts';
import { ticketEvents, tickets } from './tickets.table.ts';

let t: TestApp;
let admin: Client;
let site: { id: string };
let other: { id: string };
const audit = { actor: systemActor, requestId: null };
const fixture = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/cucm-cdr-2026-03.csv'), 'utf8');

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
  other = await makeSite(t, { kind: 'regional', timeZone: 'Asia/Tokyo' });
});
after(() => t.close());

const newTicket = (siteId: string, receivedAt: string, over: Partial<TicketValues> = {}) =>
  t.db.transaction(async (tx) =>
    insertTicket(tx as never, audit, {
      channel: 'phone',
      language: 'ja',
      siteId,
      subject: 'PCが起動しない',
      receivedAt: new Date(receivedAt),
      ...over,
    } as TicketValues),
  );
const upload = (csv: string, fields: Record<string, string> = {}, query = '', client: Client = admin) =>
  postFile(t.app, client, `/api/v1/call-records/import${query}`, { name: 'cdr.csv', data: Buffer.from(csv) }, { fields });

test('a CUCM CDR file with a malformed row writes nothing and names the row and column; the clean file imports once', async () => {
  const res = await upload(fixture, { siteId: site.id });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.committed, false);
  assert.equal(body.errorCount, 1);
  // Row 1 is the heading, row 2 CUCM's type row; the 18th data row is row 20.
  assert.deepEqual(body.errors[0], { row: 20, column: 'dateTimeOrigination', message: '日時として読み取れません（例: 2025/4/1 9:30）' });
  assert.ok(body.ignoredColumns.includes('origIpAddr'));
  assert.equal((await admin.get('/api/v1/call-records')).json().total, 0, 'all or nothing');

  const clean = fixture
    .split('\r\n')
    .filter((l) => !l.includes('"abc"'))
    .join('\r\n');
  const dry = await upload(clean, { siteId: site.id }, '?dryRun=true');
  assert.deepEqual([dry.json().committed, dry.json().created], [false, 18]);
  assert.equal((await admin.get('/api/v1/call-records')).json().total, 0, 'a dry run writes nothing');

  const done = await upload(clean, { siteId: site.id });
  assert.deepEqual([done.json().committed, done.json().created, done.json().unchanged], [true, 18, 0]);
  const again = await upload(clean, { siteId: site.id });
  assert.deepEqual([again.json().committed, again.json().created, again.json().unchanged], [true, 0, 18]);
  const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'call-record.imported'));
  assert.equal(audits.length, 2);

  const march = (await admin.get('/api/v1/call-records?month=2026-03&limit=100')).json();
  assert.equal(march.total, 16, 'the April and February calls are other months (cut in Asia/Tokyo)');
  const transfer = march.items.find((c: { externalId: string }) => c.externalId === '1:4810007');
  assert.deepEqual([transfer.waitSeconds, transfer.talkSeconds, transfer.operatorLabel], [4, 396, 'SEP00AABB001001']);
  const abandoned = march.items.find((c: { externalId: string }) => c.externalId === '1:4810003');
  assert.deepEqual([abandoned.answeredAt, abandoned.waitSeconds], [null, null]);
  const byOperator = (await admin.get('/api/v1/call-records?month=2026-03&operator=001003')).json();
  assert.equal(byOperator.total, 3, '4810006, 4810012, 4810020 (4810016 is February)');
});

test('another call manager: a saved heading mapping, local times, calls linked to tickets by number give the first answer', async () => {
  const ticket = await newTicket(site.id, '2026-05-11T10:00:00+09:00');
  const csv = [
    '通話ID,着信日時,応答日時,終了日時,担当,問合せ番号,発着区分',
    `A-1,2026/05/11 10:00:00,2026/05/11 10:00:06,2026/05/11 10:04:06,佐藤,${ticket.number},着信`,
    'A-2,2026/05/11 11:00:00,,2026/05/11 11:00:30,,,着信',
    'A-3,2026/05/11 12:00:00,2026/05/11 12:00:01,2026/05/11 12:01:01,佐藤,,発信',
  ].join('\r\n');
  const preview = await postFile(t.app, admin, '/api/v1/call-records/import/preview', { name: 'x.csv', data: Buffer.from(csv) });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().suggestedMapping['問合せ番号'], 'ticketNumber');
  assert.equal(preview.json().suggestedMapping['担当'], null, 'not a known heading');

  const mapping = { ...preview.json().suggestedMapping, 担当: 'operator' };
  const res = await upload(csv, { siteId: site.id, mapping: JSON.stringify(mapping), saveMapping: 'true' });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().committed, res.json().created], [true, 3], res.body);
  const saved = await admin.get('/api/v1/imports/mappings/call-records');
  assert.equal(saved.json().mapping['担当'], 'operator');

  const [row] = await t.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  assert.equal(row.firstAnsweredAt?.toISOString(), '2026-05-11T01:00:06.000Z', 'the answered call is the first answer');
  assert.equal(row.handlingSeconds, 240);
  const events = await t.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
  const call = events.find((e) => e.type === 'call')!;
  assert.deepEqual(
    { ...(call.data as object), callRecordId: '-' },
    { callRecordId: '-', answered: true, direction: 'inbound', waitSeconds: 6, talkSeconds: 240, voiceCallback: false },
  );
  const outbound = (await admin.get('/api/v1/call-records?month=2026-05')).json().items.find((c: { externalId: string }) => c.externalId === 'A-3');
  assert.equal(outbound.direction, 'outbound');

  // The saved mapping is used when none is sent; an unknown ticket number is a row error.
  const bad = await upload('通話ID,着信日時,担当,問合せ番号\r\nB-1,2026/05/12 09:00,佐藤,HD-2026-999999\r\n', { siteId: site.id });
  assert.equal(bad.json().committed, false);
  assert.deepEqual(bad.json().errors, [{ row: 2, column: '問合せ番号', message: '「HD-2026-999999」が見つかりません' }]);
});

test('a call entered on a ticket: validated, scoped, audited, and it answers the ticket', async () => {
  const ticket = await newTicket(site.id, '2026-06-01T10:00:00+09:00');
  const wrong = await admin.post('/api/v1/call-records', {
    ticketId: ticket.id,
    queuedAt: '2026-06-01T10:00:00+09:00',
    answeredAt: '2026-06-01T09:59:00+09:00',
  });
  assert.equal(wrong.statusCode, 422);
  assert.deepEqual(wrong.json().errors, [{ path: 'answeredAt', message: '着信・応答・終了（折り返し）の順になっていません' }]);

  const { client: scoped } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [other.id] });
  const outOfScope = await scoped.post('/api/v1/call-records', { ticketId: ticket.id, queuedAt: '2026-06-01T10:00:00+09:00' });
  assert.equal(outOfScope.statusCode, 422);
  assert.deepEqual(
    outOfScope.json().errors.map((e: { path: string }) => e.path),
    ['ticketId'],
  );
  const third = await makeSite(t, { kind: 'regional', timeZone: 'Asia/Tokyo' });
  const { client: twoSites } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [other.id, third.id] });
  const noSite = await upload('globalCallID_callId,dateTimeOrigination\r\n9,1780000000\r\n', {}, '', twoSites);
  assert.equal(noSite.statusCode, 422, 'a user of several (not all) sites says whose calls they import');
  assert.deepEqual(
    noSite.json().errors.map((e: { path: string }) => e.path),
    ['siteId'],
  );

  // Voice system first (not yet an answer), then the callback recorded on the ticket.
  const voice = await admin.post('/api/v1/call-records', {
    ticketId: ticket.id,
    queuedAt: '2026-06-01T10:00:00+09:00',
    answeredAt: '2026-06-01T10:00:02+09:00',
    endedAt: '2026-06-01T10:01:00+09:00',
    voiceCallback: true,
  });
  assert.equal(voice.statusCode, 201, voice.body);
  assert.deepEqual([voice.json().waitSeconds, voice.json().voiceCallback, voice.json().ticket.number], [2, true, ticket.number]);
  let [row] = await t.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  assert.equal(row.firstAnsweredAt, null, 'the voice system is not an answer until the callback');
  const called = await admin.post('/api/v1/call-records', {
    ticketId: ticket.id,
    queuedAt: '2026-06-01T10:20:00+09:00',
    answeredAt: '2026-06-01T10:20:00+09:00',
    endedAt: '2026-06-01T10:25:00+09:00',
    direction: 'outbound',
  });
  assert.equal(called.statusCode, 201, called.body);
  [row] = await t.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  assert.equal(row.firstAnsweredAt?.toISOString(), '2026-06-01T01:20:00.000Z');
  assert.equal(row.handlingSeconds, 300, 'the voice-system leg is not handling time');
  const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, called.json().id));
  assert.equal(audits[0]?.action, 'call-record.created');

  const list = await scoped.get('/api/v1/call-records');
  assert.equal(list.json().total, 0, 'calls of other sites are not listed');
  assert.equal((await scoped.get(`/api/v1/call-records/${called.json().id}`)).statusCode, 404);
});

test('a whole-cluster CUCM export: with desk numbers set only desk calls are imported, an operator call-back is outbound', async () => {
  const row = (id: number, caller: string, called: string, origDevice: string, destDevice: string) =>
    `1,2,${id},1,1772500000,2,1,1,"${caller}",0,2,2,"${called}","${called}",16,1772500006,1772500126,"","5c1e9${id}-3f2a-4b7c-9d11-0a1b2c3d4e5f",120,"${origDevice}","${destDevice}",""`;
  const file = [
    ...fixture
      .split('\r\n')
      .filter((l) => l && !l.includes('"abc"'))
      .map((l) => l.replace(/^1,1,/, '1,2,')),
    row(4810101, '2101', '2200', 'SEP00FFEE000001', 'SEP00FFEE000002'), // another department's internal call
    row(4810102, '2300', '0312345678', 'SEP00FFEE000003', ''), // another department calling out
    row(4810103, '5101', '09012345678', 'SEP00AABB001002', ''), // the desk calls the abandoned 4810003 back
  ].join('\r\n');

  // No desk numbers: today's behaviour, every row an inbound desk call, and the result says the filter is off.
  const before = (await upload(file, { siteId: site.id }, '?dryRun=true')).json();
  assert.deepEqual([before.created, before.deskFilter, before.notDeskCalls], [21, false, 0]);

  const cur = await admin.get('/api/v1/servicedesk/metrics/settings');
  const set = await admin.patch(
    '/api/v1/servicedesk/metrics/settings',
    { deskNumbers: ['5000'], voiceSystemNumbers: ['8999'], operatorDevicePrefixes: ['sep00aabb'] },
    { 'if-match': cur.headers.etag as string },
  );
  assert.equal(set.statusCode, 200, set.body);
  try {
    const res = await upload(file, { siteId: site.id });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.committed, body.created, body.deskFilter, body.notDeskCalls, body.errorCount], [true, 19, true, 2, 0]);
    const calls = (await admin.get('/api/v1/call-records?month=2026-03&limit=100')).json().items as {
      externalId: string;
      direction: string;
      operatorLabel: string | null;
      calledNumber: string | null;
    }[];
    const mine = calls.filter((c) => c.externalId.startsWith('2:'));
    assert.ok(!mine.some((c) => c.externalId === '2:4810101' || c.externalId === '2:4810102'), 'other departments’ calls are not stored');
    const back = mine.find((c) => c.externalId === '2:4810103')!;
    assert.deepEqual([back.direction, back.operatorLabel, back.calledNumber], ['outbound', 'SEP00AABB001002', '09012345678']);
    assert.ok(mine.filter((c) => c.externalId !== '2:4810103').every((c) => c.direction === 'inbound'));
    // Without an operator extension or device the call-back itself would be "not a desk call".
    const plain = await admin.get('/api/v1/servicedesk/metrics/settings');
    await admin.patch('/api/v1/servicedesk/metrics/settings', { operatorDevicePrefixes: [] }, { 'if-match': plain.headers.etag as string });
    const dry = (await upload(file.replaceAll('1,2,', '1,3,'), { siteId: site.id }, '?dryRun=true')).json();
    assert.deepEqual([dry.created, dry.notDeskCalls], [18, 3]);
  } finally {
    const now = await admin.get('/api/v1/servicedesk/metrics/settings');
    await admin.patch(
      '/api/v1/servicedesk/metrics/settings',
      { deskNumbers: [], voiceSystemNumbers: [], operatorDevicePrefixes: [] },
      { 'if-match': now.headers.etag as string },
    );
  }
});
