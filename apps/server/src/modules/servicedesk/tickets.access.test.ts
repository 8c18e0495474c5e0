import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { files } from '../../platform/files/files.table.ts';
import { PgFileStore } from '../../platform/files/store.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { sweepOrphanPortalUploads } from './tickets.jobs.ts';
import { appendTicketEvents } from './tickets.kernel.ts';

/**
 * Who may see what on a ticket (review R1): attachments published by a reply, who can be the assignee, what the
 * portal shows back to the requester, and the portal's upload quota.
 */

let t: TestApp;
let admin: Client;
let site: { id: string };
let other: { id: string };

before(async () => {
  t = await startTestApp({ portalUploadsPerDay: 3 });
  admin = await loginAdmin(t.app);
  site = await makeSite(t);
  other = await makeSite(t);
});
after(() => t.close());

function upload(c: Client, url: string, name: string, text: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'multipart/form-data; boundary=XX' },
    payload: `--XX\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--XX--\r\n`,
  });
}

async function newTicket(over: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/tickets', {
    channel: 'phone',
    requester: { name: '山田 花子', email: 'hanako@example.com' },
    siteId: site.id,
    subject: 'プリンタが動かない',
    ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number };
}

const mailIn = (ticketId: string, data: Record<string, unknown>, body = 'mail body') =>
  appendTicketEvents(t.db, { actor: systemActor, requestId: null }, ticketId, [
    { type: 'mail_in', visibility: 'public', actorUserId: null, actorLabel: String(data.from), body, data: { messageId: `<${Math.random()}@x>`, ...data } },
  ]);

test('a reply publishes only the replier’s own uploads or files already on this ticket', async () => {
  const hr = await clientFor(t, ['admin']);
  const foreign = await upload(hr.client, '/api/v1/files', 'hr-import.csv', 'name,salary');
  assert.equal(foreign.statusCode, 201, foreign.body);
  const tk = await newTicket();
  const leak = await admin.post(`/api/v1/tickets/${tk.id}/reply`, { body: '資料です', attachmentFileIds: [foreign.json().id] });
  assert.equal(leak.statusCode, 422, 'another user’s upload (an HR import) cannot be published to the requester');
  assert.equal(leak.json().errors[0].path, 'attachmentFileIds.0');
  // An internal note may still cite a file the operator can read.
  assert.equal((await admin.post(`/api/v1/tickets/${tk.id}/note`, { body: 'see', attachmentFileIds: [foreign.json().id] })).statusCode, 200);

  // The screenshot that came in with the requester's mail can be sent back with the answer.
  const shot = await new PgFileStore().put(t.db, { name: 'screen.txt', contentType: 'text/plain', data: Buffer.from('screen'), createdBy: null });
  await mailIn(tk.id, { from: 'hanako@example.com', fileIds: [shot.id] });
  const back = await admin.post(`/api/v1/tickets/${tk.id}/reply`, { body: 'この画面ですね', attachmentFileIds: [shot.id] });
  assert.equal(back.statusCode, 200, back.body);
  // …but not on another ticket.
  const tk2 = await newTicket();
  assert.equal((await admin.post(`/api/v1/tickets/${tk2.id}/reply`, { body: 'x', attachmentFileIds: [shot.id] })).statusCode, 422);
  // The operator's own upload is fine.
  const mine = await upload(admin, '/api/v1/files', 'manual.txt', 'how to');
  assert.equal((await admin.post(`/api/v1/tickets/${tk2.id}/reply`, { body: 'x', attachmentFileIds: [mine.json().id] })).statusCode, 200);
});

test('the assignee must be able to update tickets and see the ticket’s site', async () => {
  const requester = await clientFor(t, ['requester']);
  const elsewhere = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [other.id] });
  const here = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.id] });
  const auditor = await clientFor(t, ['auditor']);
  const tk = await newTicket();
  for (const u of [requester, elsewhere, auditor]) {
    const res = await admin.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: u.user.id });
    assert.equal(res.statusCode, 422, `${u.user.email} cannot be the assignee`);
    assert.equal(res.json().errors[0].path, 'assigneeId');
  }
  const bad = await admin.post('/api/v1/tickets', {
    channel: 'phone',
    requester: { name: 'x' },
    siteId: site.id,
    subject: 'x',
    assigneeId: elsewhere.user.id,
  });
  assert.equal(bad.statusCode, 422, 'checked on create too');
  assert.equal((await admin.patch(`/api/v1/tickets/${tk.id}`, { assigneeId: here.user.id })).statusCode, 200);
  // Moving the ticket to a site the assignee cannot see needs a new assignee with it.
  const move = await admin.patch(`/api/v1/tickets/${tk.id}`, { siteId: other.id });
  assert.equal(move.statusCode, 422);
  assert.equal(move.json().errors[0].path, 'assigneeId');
  const moved = await admin.patch(`/api/v1/tickets/${tk.id}`, { siteId: other.id, assigneeId: elsewhere.user.id });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal((await admin.get(`/api/v1/tickets/${tk.id}`)).json().assignee.id, elsewhere.user.id);
});

test('a requester with own scope and no person record can file, choosing among active sites', async () => {
  const c = await clientFor(t, ['requester'], { kind: 'own' });
  const sites = (await c.client.get('/api/v1/portal/sites')).json();
  assert.ok(
    sites.items.some((s: { id: string }) => s.id === site.id),
    JSON.stringify(sites),
  );
  assert.equal(sites.defaultSiteId, null);
  const res = await c.client.post('/api/v1/portal/tickets', { subject: 'PC が起動しない', description: '電源が入りません', siteId: site.id });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().site.id, site.id);
});

test('the portal shows the description only where the requester wrote it, and labels other people’s mail', async () => {
  const person = await makePerson(t, site.id, { nameKanji: '佐藤 一郎', email: 'ichiro@example.com' });
  const req = await clientFor(t, ['requester'], { kind: 'own' }, person.id);
  const phone = await newTicket({ requester: { personId: person.id }, description: '過去にも同様の問い合わせあり（要注意）' });
  const seen = (await req.client.get(`/api/v1/portal/tickets/${phone.id}`)).json();
  assert.equal(seen.description, null, 'the desk’s write-up of a call stays internal');
  assert.ok(!JSON.stringify(seen).includes('要注意'));
  const own = (await req.client.post('/api/v1/portal/tickets', { subject: '質問', description: '自分の文章' })).json();
  assert.equal(own.description, '自分の文章');

  await mailIn(phone.id, { from: 'Ichiro@Example.com', fromName: '佐藤 一郎' }, 'from the requester');
  await mailIn(phone.id, { from: 'support@vendor.example', fromName: 'Vendor Support' }, 'from the vendor');
  await mailIn(phone.id, { from: 'colleague@example.com', fromName: null }, 'from a colleague');
  const events = (await req.client.get(`/api/v1/portal/tickets/${phone.id}`)).json().events as { body: string; actorLabel: string; mine: boolean }[];
  const by = (b: string) => events.find((e) => e.body === b)!;
  assert.deepEqual([by('from the requester').mine, by('from the requester').actorLabel], [true, '佐藤 一郎']);
  assert.deepEqual([by('from the vendor').mine, by('from the vendor').actorLabel], [false, 'Vendor Support']);
  assert.deepEqual([by('from a colleague').mine, by('from a colleague').actorLabel], [false, 'colleague@example.com']);
});

test('the description of a requester’s own ticket cannot be emptied; a desk-written one can', async () => {
  const person = await makePerson(t, site.id, { nameKanji: '鈴木', email: 'suzuki@example.com' });
  const req = await clientFor(t, ['requester'], { kind: 'own' }, person.id);
  const own = (await req.client.post('/api/v1/portal/tickets', { subject: '質問', description: '本文' })).json();
  const blank = await admin.patch(`/api/v1/tickets/${own.id}`, { description: '   ' });
  assert.equal(blank.statusCode, 422);
  assert.equal(blank.json().errors[0].path, 'description');
  assert.equal((await admin.patch(`/api/v1/tickets/${own.id}`, { description: '  本文（補足）  ' })).statusCode, 200);
  assert.equal((await admin.get(`/api/v1/tickets/${own.id}`)).json().description, '本文（補足）', 'trimmed like on create');
  const phone = await newTicket({ description: 'メモ' });
  assert.equal((await admin.patch(`/api/v1/tickets/${phone.id}`, { description: '' })).statusCode, 200);
});

test('portal uploads are limited per user per day', async () => {
  const c = await clientFor(t, ['requester']);
  for (let i = 0; i < 3; i++) assert.equal((await upload(c.client, '/api/v1/portal/files', `f${i}.txt`, 'x')).statusCode, 201);
  const over = await upload(c.client, '/api/v1/portal/files', 'f4.txt', 'x');
  assert.equal(over.statusCode, 429);
  assert.equal(over.json().errors[0].path, 'file');
  // The limit is per user.
  const d = await clientFor(t, ['requester']);
  assert.equal((await upload(d.client, '/api/v1/portal/files', 'g.txt', 'x')).statusCode, 201);
});

test('portal uploads never attached are removed after a day; attached ones stay', async () => {
  const person = await makePerson(t, site.id, { email: 'sweep@example.com' });
  const c = await clientFor(t, ['requester'], { kind: 'own' }, person.id);
  const kept = (await upload(c.client, '/api/v1/portal/files', 'kept.txt', 'kept')).json().id as string;
  const dropped = (await upload(c.client, '/api/v1/portal/files', 'dropped.txt', 'dropped')).json().id as string;
  const fresh = (await upload(c.client, '/api/v1/portal/files', 'fresh.txt', 'fresh')).json().id as string;
  const tk = (await c.client.post('/api/v1/portal/tickets', { subject: '添付', description: '本文', attachmentFileIds: [kept] })).json();
  await t.db
    .update(files)
    .set({ createdAt: new Date(Date.now() - 2 * 86_400_000) })
    .where(inArray(files.id, [kept, dropped]));
  assert.ok((await sweepOrphanPortalUploads(t.db)) >= 1);
  const left = new Set(
    (
      await t.db
        .select({ id: files.id })
        .from(files)
        .where(inArray(files.id, [kept, dropped, fresh]))
    ).map((f) => f.id),
  );
  assert.deepEqual([left.has(kept), left.has(dropped), left.has(fresh)], [true, false, true]);
  assert.equal((await c.client.get(`/api/v1/portal/tickets/${tk.id}/attachments/${kept}`)).body, 'kept');
  const audit = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, dropped), eq(auditLog.action, 'file.removed')));
  assert.equal(audit.length, 1);
});
