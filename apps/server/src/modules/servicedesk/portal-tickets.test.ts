import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { users } from '../access/access.table.ts';

let t: TestApp;
let admin: Client;
let site: { id: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
});
after(() => t.close());

async function requester(locale: 'ja' | 'en', withPerson = true) {
  const person = withPerson ? await makePerson(t, site.id, { nameKanji: 'Jane Smith', email: `jane${Date.now()}@example.com` }) : null;
  const r = await clientFor(t, ['requester'], { kind: 'all' }, person?.id ?? null);
  await t.db.update(users).set({ locale }).where(eq(users.id, r.user.id));
  return { ...r, person };
}

function upload(c: Client, name: string, text: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/portal/files',
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'multipart/form-data; boundary=XX' },
    payload: `--XX\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--XX--\r\n`,
  });
}

test('a requester files in English with an attachment, follows the reply, reopens by replying and confirms the close', async () => {
  const a = await requester('en');
  const file = await upload(a.client, 'error.txt', 'VPN error 809');
  assert.equal(file.statusCode, 201, file.body);
  const created = await a.client.post('/api/v1/portal/tickets', {
    subject: 'Cannot connect to VPN',
    description: 'Error 809 from the hotel network',
    attachmentFileIds: [file.json().id],
  });
  assert.equal(created.statusCode, 201, created.body);
  const mine = created.json();
  assert.equal(mine.language, 'en', 'the language of the portal user');
  assert.equal(mine.channel, 'portal');
  assert.equal(mine.site.id, site.id, 'the person’s site');
  assert.equal(mine.events[0].attachments[0].fileName, 'error.txt');

  const op = await admin.get(`/api/v1/tickets/${mine.id}`);
  assert.equal(op.json().requester.name, 'Jane Smith');
  await admin.post(`/api/v1/tickets/${mine.id}/note`, { body: 'INTERNAL: check the firewall log' });
  await admin.post(`/api/v1/tickets/${mine.id}/reply`, { body: 'VPN の設定を変更しました / Please retry.', status: 'resolved' });

  const seen = (await a.client.get(`/api/v1/portal/tickets/${mine.id}`)).json();
  assert.equal(seen.status, 'resolved');
  assert.ok(seen.events.every((e: { type: string }) => e.type !== 'internal_note'));
  assert.ok(!JSON.stringify(seen).includes('INTERNAL'), 'internal notes never reach the portal');
  const answer = seen.events.find((e: { type: string }) => e.type === 'public_reply');
  assert.equal(answer.actorLabel, 'Service desk', 'operators appear as the desk, in the requester’s language');
  assert.equal(answer.mine, false);
  assert.equal(seen.abilities.close, true);

  const reply = (await a.client.post(`/api/v1/portal/tickets/${mine.id}/reply`, { body: 'Still failing' })).json();
  assert.equal(reply.status, 'reopened', 'a requester reply on a resolved ticket reopens it');
  assert.equal(reply.events.at(-1).mine, true);
  assert.equal((await a.client.post(`/api/v1/portal/tickets/${mine.id}/close`)).statusCode, 409, 'only a resolved ticket can be confirmed');
  await admin.post(`/api/v1/tickets/${mine.id}/reply`, { body: 'Fixed now', status: 'resolved' });
  const closed = (await a.client.post(`/api/v1/portal/tickets/${mine.id}/close`)).json();
  assert.equal(closed.status, 'closed');
  const derived = (await admin.get(`/api/v1/tickets/${mine.id}`)).json();
  assert.equal(derived.reopenCount, 1);
  assert.equal(derived.firstContactResolution, false);

  const list = (await a.client.get('/api/v1/portal/tickets')).json();
  assert.deepEqual(
    list.items.map((i: { id: string }) => i.id),
    [mine.id],
  );
});

test('requesters are isolated: no other requester’s tickets, events, attachments or files', async () => {
  const a = await requester('ja');
  const b = await requester('ja');
  const file = await upload(a.client, 'a.txt', 'secret of A');
  const aTicket = (await a.client.post('/api/v1/portal/tickets', { subject: 'Aの問合せ', description: '本文', attachmentFileIds: [file.json().id] })).json();
  assert.equal(aTicket.language, 'ja');
  assert.equal((await b.client.get(`/api/v1/portal/tickets/${aTicket.id}`)).statusCode, 404);
  assert.equal((await b.client.post(`/api/v1/portal/tickets/${aTicket.id}/reply`, { body: 'x' })).statusCode, 404);
  assert.equal((await b.client.post(`/api/v1/portal/tickets/${aTicket.id}/close`)).statusCode, 404);
  assert.equal((await b.client.get(`/api/v1/portal/tickets/${aTicket.id}/attachments/${file.json().id}`)).statusCode, 404);
  assert.equal((await a.client.get(`/api/v1/portal/tickets/${aTicket.id}/attachments/${file.json().id}`)).body, 'secret of A');
  // B cannot attach A's upload to their own ticket either.
  const steal = await b.client.post('/api/v1/portal/tickets', { subject: 'x', description: 'y', attachmentFileIds: [file.json().id] });
  assert.equal(steal.statusCode, 422);
  assert.equal(steal.json().errors[0].path, 'attachmentFileIds.0');
  assert.equal((await b.client.get('/api/v1/portal/tickets')).json().total, 0);
  // A ticket an operator recorded about A as a person also shows up in A's portal.
  const byPhone = (
    await admin.post('/api/v1/tickets', { channel: 'phone', requester: { personId: a.person!.id }, siteId: site.id, subject: '電話での問合せ' })
  ).json();
  assert.ok((await a.client.get('/api/v1/portal/tickets')).json().items.some((i: { id: string }) => i.id === byPhone.id));
  // The operator API stays closed to requesters.
  assert.equal((await a.client.get('/api/v1/tickets')).statusCode, 403);
});

test('a requester without a person record must pick a site; categories come in both languages', async () => {
  const c = await requester('en', false);
  const missing = await c.client.post('/api/v1/portal/tickets', { subject: 'Printer', description: 'Jammed' });
  assert.equal(missing.statusCode, 422);
  assert.equal(missing.json().errors[0].path, 'siteId');
  const sites = (await c.client.get('/api/v1/portal/sites')).json();
  assert.equal(sites.defaultSiteId, null);
  assert.ok(sites.items.some((s: { id: string }) => s.id === site.id));
  const cats = (await c.client.get('/api/v1/portal/ticket-categories')).json().items;
  const printer = cats.find((x: { code: string }) => x.code === 'printer');
  assert.equal(printer.nameEn, 'Printer / MFP');
  const ok = await c.client.post('/api/v1/portal/tickets', { subject: 'Printer', description: 'Jammed', siteId: site.id, categoryId: printer.id });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().category.code, 'printer');
});
