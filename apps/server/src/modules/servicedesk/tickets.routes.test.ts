import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { businessCalendars } from '../../platform/calendar/calendar.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'regional' });
});
after(() => t.close());

const base = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  language: 'ja',
  requester: { name: '佐藤 一郎', email: 'sato@example.jp' },
  siteId: tokyo.id,
  subject: '共有フォルダに接続できない',
  description: 'エクスプローラーでネットワークドライブが切断されています',
  ...over,
});

async function create(c: Client, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/tickets', base(over));
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function categoryId(code: string): Promise<string> {
  const res = await admin.get('/api/v1/ticket-categories');
  assert.equal(res.statusCode, 200, res.body);
  const all = res.json().items.flatMap((c: { children: unknown[] }) => [c, ...c.children]) as { id: string; code: string }[];
  return all.find((c) => c.code === code)!.id;
}

describe('tickets API', () => {
  test('the seeded category tree has the spec categories in both languages, business systems with their owner note', async () => {
    const res = await admin.get('/api/v1/ticket-categories');
    const items = res.json().items as {
      code: string;
      nameJa: string;
      nameEn: string;
      specRef: string | null;
      ownerNote: string | null;
      children: { code: string }[];
    }[];
    for (const code of [
      'os',
      'software',
      'cloud',
      'groupware',
      'mail',
      'account',
      'hardware',
      'network',
      'printer',
      'security',
      'file-conversion',
      'overseas',
      'ibsc',
      'business-system',
    ]) {
      assert.ok(
        items.some((c) => c.code === code),
        `category ${code}`,
      );
    }
    const security = items.find((c) => c.code === 'security')!;
    assert.equal(security.specRef, '5.5.a');
    assert.equal(security.nameEn, 'Security / spam');
    assert.ok(security.children.some((c) => c.code === 'security.spam'));
    assert.match(items.find((c) => c.code === 'business-system')!.ownerNote ?? '', /所管部署/);
  });

  test('create numbers the ticket, copies the person, and shows a running clock; validation names the fields', async () => {
    const person = await makePerson(t, tokyo.id, { nameKanji: '高橋 美咲', email: 'misaki@example.jp' });
    const dto = await create(admin, { requester: { personId: person.id }, categoryId: await categoryId('network.vpn'), priority: 'high' });
    assert.match(dto.number, /^HD-\d{4}-\d{6}$/);
    assert.equal(dto.status, 'new');
    assert.equal(dto.requester.name, '高橋 美咲');
    assert.equal(dto.requester.email, 'misaki@example.jp');
    assert.equal(dto.category.code, 'network.vpn');
    assert.ok(['running', 'at_risk'].includes(dto.clock.state), dto.clock.state);
    assert.ok(dto.clock.remainingMs > 0 && dto.clock.remainingMs <= 2 * 3_600_000);
    assert.equal(dto.abilities.reply, true);
    assert.equal(dto.abilities.close, false, 'only a resolved ticket can be closed');

    const bad = await admin.post('/api/v1/tickets', base({ subject: ' ', requester: {}, channel: 'fax' }));
    assert.equal(bad.statusCode, 422);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    assert.ok(paths.includes('subject') && paths.includes('channel'), bad.body);
    const noRequester = await admin.post('/api/v1/tickets', base({ requester: {} }));
    assert.equal(noRequester.statusCode, 422);
    assert.equal(noRequester.json().errors[0].path, 'requester.name');
    const future = await admin.post('/api/v1/tickets', base({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    assert.equal(future.json().errors[0].path, 'receivedAt');
    const unknown = await admin.post('/api/v1/tickets', base({ siteId: '00000000-0000-4000-8000-000000000000' }));
    assert.deepEqual(unknown.json().errors, [{ path: 'siteId', message: '参照先が存在しません' }]);
  });

  test('list filters and searches: 1- and 2-character Japanese, an English word, status lists, assignee me', async () => {
    const { client: op, user } = await clientFor(t, ['operator']);
    const a = await create(admin, { subject: '複合機で印刷できない', description: 'MFP-301 paper jam', channel: 'mail', assigneeId: user.id });
    const b = await create(admin, { subject: '会議室のプロジェクター', description: 'HDMI cable', channel: 'walk_in', siteId: osaka.id });
    const find = async (qs: string) => {
      const res = await op.get(`/api/v1/tickets?limit=100&${qs}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { id: string }[]).map((i) => i.id);
    };
    for (const q of ['刷', '印刷', '複合機', 'jam', 'MFP-301']) {
      const ids = await find(`q=${encodeURIComponent(q)}`);
      assert.ok(ids.includes(a.id) && !ids.includes(b.id), `q=${q}`);
    }
    assert.deepEqual(await find(`q=${encodeURIComponent('議室')}`), [b.id]);
    assert.ok(!(await find(`q=${encodeURIComponent('刷印')}`)).includes(a.id));
    assert.ok((await find('channel=mail')).includes(a.id));
    assert.ok(!(await find('channel=mail')).includes(b.id));
    assert.deepEqual(await find('assigneeId=me'), [a.id]);
    assert.ok((await find(`siteId=${osaka.id}`)).every((id) => id !== a.id));
    assert.ok((await find('status=new,in_progress')).includes(b.id));
    assert.ok(!(await find('status=resolved')).includes(b.id));
    assert.ok((await find('status=open')).includes(b.id));
    const byDue = (await op.get('/api/v1/tickets?sort=due&limit=2')).json();
    const next = (await op.get(`/api/v1/tickets?sort=due&limit=2&cursor=${byDue.nextCursor}`)).json();
    const dues = [...byDue.items, ...next.items].map((i: { clock: { dueAt: string | null } }) => i.clock.dueAt ?? '9999');
    assert.deepEqual(dues, [...dues].sort(), 'nearest deadline first, across pages');
    const bad = await op.get('/api/v1/tickets?status=new,bogus');
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].path, 'status');

    // Newest first with a cursor that pages without repeats.
    const first = await op.get('/api/v1/tickets?limit=1');
    const second = await op.get(`/api/v1/tickets?limit=1&cursor=${first.json().nextCursor}`);
    assert.notEqual(first.json().items[0].id, second.json().items[0].id);
    assert.ok(first.json().items[0].receivedAt >= second.json().items[0].receivedAt);
  });

  test('an operator limited to one site neither lists, reads nor changes another site’s ticket', async () => {
    const other = await create(admin, { siteId: osaka.id, subject: '大阪の問合せ' });
    const { client: op } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const list = await op.get('/api/v1/tickets?limit=500');
    assert.ok(list.json().items.every((i: { site: { id: string } }) => i.site.id === tokyo.id));
    assert.equal((await op.get(`/api/v1/tickets/${other.id}`)).statusCode, 404);
    assert.equal((await op.get(`/api/v1/tickets/${other.id}/events`)).statusCode, 404);
    assert.equal((await op.patch(`/api/v1/tickets/${other.id}`, { priority: 'urgent' })).statusCode, 404);
    assert.equal((await op.post(`/api/v1/tickets/${other.id}/reply`, { body: 'x' })).statusCode, 404);
    const created = await op.post('/api/v1/tickets', base({ siteId: osaka.id }));
    assert.equal(created.statusCode, 422);
    assert.equal(created.json().errors[0].path, 'siteId');
  });

  test('PATCH records fields_changed and assigned events, honours If-Match, and is audited', async () => {
    const { user } = await clientFor(t, ['operator']);
    const dto = await create(admin);
    const stale = await admin.patch(`/api/v1/tickets/${dto.id}`, { priority: 'urgent' }, { 'if-match': `"v${dto.version + 5}"` });
    assert.equal(stale.statusCode, 412);
    const res = await admin.patch(
      `/api/v1/tickets/${dto.id}`,
      { priority: 'urgent', assigneeId: user.id, installRequest: true },
      { 'if-match': `"v${dto.version}"` },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().assignee.id, user.id);
    assert.equal(res.json().clock.state, 'excluded', 'install requests are outside S-4-6-1-1');
    const events = (await admin.get(`/api/v1/tickets/${dto.id}/events`)).json();
    assert.deepEqual(
      events.items.map((e: { type: string }) => e.type),
      ['received', 'fields_changed', 'assigned'],
    );
    assert.deepEqual(events.items[1].data.changes.priority, { from: 'normal', to: 'urgent' });
    assert.equal(events.items[2].data.to, user.id);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, dto.id), eq(auditLog.action, 'ticket.updated')));
    assert.equal(audits.length, 1);
  });
});

describe('timeline derivation through the API', () => {
  test('reply + resolve at the first answer: clock met, first-contact resolution; close only from resolved', async () => {
    const dto = await create(admin);
    const early = await admin.post(`/api/v1/tickets/${dto.id}/status`, { status: 'closed' });
    assert.equal(early.statusCode, 409);
    const res = await admin.post(`/api/v1/tickets/${dto.id}/reply`, { body: 'ドライブを再接続してください', status: 'resolved' });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.status, 'resolved');
    assert.ok(r.firstAnsweredAt && r.resolvedAt);
    assert.equal(r.clock.state, 'met');
    assert.equal(r.firstContactResolution, true);
    assert.equal(r.abilities.close, true);
    const reply = (await admin.get(`/api/v1/tickets/${dto.id}/events`)).json().items.find((e: { type: string }) => e.type === 'public_reply');
    assert.equal(reply.visibility, 'public');
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.messageId, reply.data.messageId));
    assert.equal(mail?.to, 'sato@example.jp', 'the reply is mailed to the requester and its Message-ID kept on the event');
    const closed = (await admin.post(`/api/v1/tickets/${dto.id}/status`, { status: 'closed', note: '確認済み' })).json();
    assert.equal(closed.status, 'closed');
    assert.ok(closed.closedAt);
    assert.equal((await admin.post(`/api/v1/tickets/${dto.id}/reply`, { body: 'x' })).statusCode, 409, 'a closed ticket takes no replies');
  });

  test('a reopened ticket is not a first-contact resolution; a late first answer misses the clock', async () => {
    const dto = await create(admin, { receivedAt: '2026-07-17T08:00:00Z' });
    await admin.post(`/api/v1/tickets/${dto.id}/reply`, { body: '回答', status: 'resolved' });
    const reopened = (await admin.post(`/api/v1/tickets/${dto.id}/status`, { status: 'reopened' })).json();
    assert.equal(reopened.status, 'reopened');
    assert.equal(reopened.reopenCount, 1);
    assert.equal(reopened.resolvedAt, null);
    assert.equal(reopened.clock.state, 'missed');
    assert.equal(reopened.clock.dueAt, '2026-07-21T01:15:00.000Z', 'Fri 17:00 JST + 2 business hours skips the weekend and Marine Day');
    const again = (await admin.post(`/api/v1/tickets/${dto.id}/status`, { status: 'resolved' })).json();
    assert.equal(again.status, 'resolved');
    assert.equal(again.firstContactResolution, false);
  });

  test('a vendor escalation is recorded with start, end and vendor, and rules out first-contact resolution', async () => {
    const dto = await create(admin, { categoryId: await categoryId('cloud.m365') });
    await admin.post(`/api/v1/tickets/${dto.id}/reply`, { body: '確認します' });
    const esc = (await admin.post(`/api/v1/tickets/${dto.id}/escalations`, { vendor: 'Microsoft', note: 'SR 12345' })).json();
    assert.equal(esc.status, 'escalated');
    assert.equal(esc.escalationVendor, 'Microsoft');
    assert.equal(esc.abilities.escalate, false);
    assert.equal((await admin.post(`/api/v1/tickets/${dto.id}/escalations`, { vendor: 'Other' })).statusCode, 409);
    const ended = (await admin.post(`/api/v1/tickets/${dto.id}/escalations/end`, {})).json();
    assert.equal(ended.status, 'in_progress');
    assert.equal(ended.escalationVendor, null);
    assert.equal(ended.escalated, true);
    const resolved = (await admin.post(`/api/v1/tickets/${dto.id}/status`, { status: 'resolved' })).json();
    assert.equal(resolved.firstContactResolution, false);
    const types = (await admin.get(`/api/v1/tickets/${dto.id}/events`)).json().items.map((e: { type: string }) => e.type);
    assert.deepEqual(types, [
      'received',
      'public_reply',
      'status_changed',
      'escalation_started',
      'status_changed',
      'escalation_ended',
      'status_changed',
      'status_changed',
    ]);
  });

  test('internal notes carry attachments the actor uploaded; others’ files are refused; no-response needs a reason', async () => {
    const dto = await create(admin);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'multipart/form-data; boundary=XX' },
      payload: '--XX\r\nContent-Disposition: form-data; name="file"; filename="log.txt"\r\nContent-Type: text/plain\r\n\r\nerror 0x80070035\r\n--XX--\r\n',
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const fileId = upload.json().id;
    const { client: op } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const foreign = await op.post(`/api/v1/tickets/${dto.id}/note`, { body: 'x', attachmentFileIds: [fileId] });
    assert.equal(foreign.statusCode, 422);
    assert.equal(foreign.json().errors[0].path, 'attachmentFileIds.0');
    const ok = await admin.post(`/api/v1/tickets/${dto.id}/note`, { body: 'ログを添付', attachmentFileIds: [fileId] });
    assert.equal(ok.statusCode, 200, ok.body);
    const note = (await admin.get(`/api/v1/tickets/${dto.id}/events`)).json().items.at(-1);
    assert.equal(note.type, 'internal_note');
    assert.equal(note.visibility, 'internal');
    assert.deepEqual(note.attachments, [{ id: fileId, fileName: 'log.txt', contentType: 'text/plain', size: 16 }]);
    const file = await op.get(`/api/v1/tickets/${dto.id}/attachments/${fileId}`);
    assert.equal(file.statusCode, 200, 'a colleague reads the attachment through the ticket');
    assert.equal(file.body, 'error 0x80070035');

    const noReason = await admin.post(`/api/v1/tickets/${dto.id}/no-response`, { noResponse: true });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().errors[0].path, 'reason');
    const nr = (await admin.post(`/api/v1/tickets/${dto.id}/no-response`, { noResponse: true, reason: 'call_fault', note: '着信が途切れた' })).json();
    assert.equal(nr.noResponse, true);
    assert.equal(nr.noResponseReason, 'call_fault');
    assert.equal(nr.clock.state, 'excluded');
  });
});

test('each created ticket is due on its own site calendar, also right after the calendar changes', async () => {
  // Monday 2026-07-06 01:00 UTC: 10:00 in Tokyo; 09:00 in Bangkok (UTC+7 is 08:00: before its office hours).
  const receivedAt = '2026-07-06T01:00:00Z';
  const domestic = await makeSite(t, { kind: 'regional' });
  const overseas = await makeSite(t, { kind: 'overseas', country: 'TH', timeZone: 'Asia/Bangkok' });
  const due = async (siteId: string) => {
    const res = await admin.post('/api/v1/tickets', base({ siteId, receivedAt }));
    assert.equal(res.statusCode, 201, res.body);
    return res.json().clock.dueAt;
  };
  assert.equal(await due(domestic.id), '2026-07-06T03:00:00.000Z', 'agency calendar: 10:00 → 12:00 JST');
  assert.equal(await due(overseas.id), '2026-07-06T04:00:00.000Z', "the office's own zone: the clock starts at 09:00 local");
  const [always] = await t.db.select().from(businessCalendars).where(eq(businessCalendars.code, '24x7'));
  const assigned = await admin.request('PUT', `/api/v1/sites/${domestic.id}/calendar`, { calendarId: always.id });
  assert.equal(assigned.statusCode, 200, assigned.body);
  assert.equal(await due(domestic.id), '2026-07-06T03:00:00.000Z');
  const late = '2026-07-04T13:00:00Z'; // Saturday 22:00 JST
  const res = await admin.post('/api/v1/tickets', base({ siteId: domestic.id, receivedAt: late }));
  assert.equal(res.json().clock.dueAt, '2026-07-04T15:00:00.000Z', 'round the clock once the site runs on 24×7');
  const res2 = await admin.post('/api/v1/tickets', base({ siteId: overseas.id, receivedAt: late }));
  assert.equal(res2.json().clock.dueAt, '2026-07-06T04:00:00.000Z', 'the overseas office still waits for Monday 09:00');
});
