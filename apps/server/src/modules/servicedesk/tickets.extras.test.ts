import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { referralReplyText } from '@unyo/contracts';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, loginAdmin, makeDepartment, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

/** Requester type, resolution codes, vendor references, category details and category administration. */

let t: TestApp;
let admin: Client;
let operator: Client;
let tokyo: { id: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  operator = (await clientFor(t, ['operator'])).client;
  tokyo = await makeSite(t, { kind: 'hq' });
});
after(() => t.close());

type Category = { id: string; code: string; active: boolean; children: Category[] };

async function categories(c: Client = admin, qs = ''): Promise<Category[]> {
  const res = await c.get(`/api/v1/ticket-categories${qs}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as Category[]).flatMap((x) => [x, ...x.children]);
}
const categoryId = async (code: string) => (await categories(admin, '?includeInactive=true')).find((c) => c.code === code)!.id;

async function create(over: Record<string, unknown> = {}) {
  const res = await operator.post('/api/v1/tickets', {
    channel: 'phone',
    requester: { name: 'Jane Smith', email: 'jane@example.org' },
    siteId: tokyo.id,
    subject: 'VPN does not connect',
    ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function events(id: string) {
  return (await operator.get(`/api/v1/tickets/${id}/events`)).json().items as { type: string; data: Record<string, unknown> }[];
}

const listIds = async (qs: string) => ((await operator.get(`/api/v1/tickets?limit=100&${qs}`)).json().items as { id: string }[]).map((i) => i.id);

describe('ticket extras', () => {
  test('requester type: defaults to general staff, is set on create and update, filters the list and shows in it', async () => {
    const plain = await create();
    assert.equal(plain.requesterType, 'general');
    const ibsc = await create({ requesterType: 'ibsc', subject: 'IBSC booth PC' });
    assert.equal(ibsc.requesterType, 'ibsc');
    assert.deepEqual(await listIds('requesterType=ibsc'), [ibsc.id]);
    const item = (await operator.get('/api/v1/tickets?requesterType=ibsc')).json().items[0];
    assert.equal(item.requesterType, 'ibsc');

    const moved = await operator.patch(`/api/v1/tickets/${plain.id}`, { requesterType: 'traveller' });
    assert.equal(moved.json().requesterType, 'traveller');
    const changed = (await events(plain.id)).find((e) => e.type === 'fields_changed')!;
    assert.deepEqual(changed.data.changes, { requesterType: { from: 'general', to: 'traveller' } });
    const bad = await operator.post('/api/v1/tickets', { channel: 'phone', requester: { name: 'A' }, siteId: tokyo.id, subject: 'x', requesterType: 'alien' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].path, 'requesterType');
  });

  test('resolving records a code (answered by default) on the ticket and in the log; reopening clears it', async () => {
    const a = await create();
    const replied = await operator.post(`/api/v1/tickets/${a.id}/reply`, { body: '再起動で直りました', status: 'resolved' });
    assert.equal(replied.statusCode, 200, replied.body);
    assert.equal(replied.json().resolutionCode, 'answered');
    const resolvedEvent = (await events(a.id)).find((e) => e.type === 'status_changed' && e.data.to === 'resolved')!;
    assert.equal(resolvedEvent.data.resolutionCode, 'answered');

    const reopened = await operator.post(`/api/v1/tickets/${a.id}/status`, { status: 'reopened' });
    assert.equal(reopened.json().status, 'reopened');
    assert.equal(reopened.json().resolutionCode, null, 'a reopened ticket has no resolution');

    const oos = await operator.post(`/api/v1/tickets/${a.id}/status`, {
      status: 'resolved',
      resolutionCode: 'out_of_scope',
      note: 'ソフトウェア調達申請は所掌外',
    });
    assert.equal(oos.json().resolutionCode, 'out_of_scope');
    const closed = await operator.post(`/api/v1/tickets/${a.id}/status`, { status: 'closed' });
    assert.equal(closed.json().resolutionCode, 'out_of_scope', 'closing keeps the resolution code');
    assert.ok((await listIds('resolutionCode=out_of_scope')).includes(a.id));
    assert.ok(!(await listIds('resolutionCode=answered')).includes(a.id));

    const b = await create();
    const early = await operator.post(`/api/v1/tickets/${b.id}/status`, { status: 'waiting', resolutionCode: 'duplicate' });
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().errors[0].path, 'resolutionCode');
    const stray = await operator.post(`/api/v1/tickets/${b.id}/status`, { status: 'resolved', resolutionCode: 'duplicate', resolutionDepartmentId: tokyo.id });
    assert.equal(stray.json().errors[0].path, 'resolutionDepartmentId');
  });

  test('a requester answering a resolved ticket in the portal reopens it without its old resolution code', async () => {
    const requester = (await clientFor(t, ['requester'])).client;
    const filed = await requester.post('/api/v1/portal/tickets', { subject: 'Printer offline', description: 'The 3F MFP is offline', siteId: tokyo.id });
    assert.equal(filed.statusCode, 201, filed.body);
    const id = filed.json().id;
    const resolved = await operator.post(`/api/v1/tickets/${id}/reply`, { body: 'Restarted it', status: 'resolved', resolutionCode: 'answered' });
    assert.equal(resolved.json().resolutionCode, 'answered');
    assert.equal((await requester.post(`/api/v1/portal/tickets/${id}/reply`, { body: 'Still offline' })).statusCode, 200);
    const after = (await operator.get(`/api/v1/tickets/${id}`)).json();
    assert.equal(after.status, 'reopened');
    assert.equal(after.resolutionCode, null);
  });

  test('a referral (5.1.b) goes to the category owner department or the chosen one, with its contact point', async () => {
    const owner = await makeDepartment(t, tokyo.id, { nameJa: '人事課', nameEn: 'Personnel Division', mail: 'jinji@example.go.jp' });
    const other = await makeDepartment(t, tokyo.id, { nameJa: '経理課', nameEn: 'Accounts Division', mail: null });
    const bizId = await categoryId('business-system');
    const a = await create({ categoryId: bizId, subject: '人事システムにログインできない' });

    // No owner on the category and none chosen: the operator is asked for the department.
    const missing = await operator.post(`/api/v1/tickets/${a.id}/status`, { status: 'resolved', resolutionCode: 'referred' });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().errors[0].path, 'resolutionDepartmentId');

    const set = await admin.patch(`/api/v1/ticket-categories/${bizId}`, { ownerDepartmentId: owner.id });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().ownerDepartment.id, owner.id);
    const referred = await operator.post(`/api/v1/tickets/${a.id}/reply`, {
      body: referralReplyText('ja', { nameJa: owner.nameJa, nameEn: owner.nameEn, mail: owner.mail }),
      status: 'resolved',
      resolutionCode: 'referred',
    });
    assert.equal(referred.statusCode, 200, referred.body);
    const dto = referred.json();
    assert.equal(dto.resolutionCode, 'referred');
    assert.deepEqual(dto.resolutionDepartment, { id: owner.id, code: owner.code, nameJa: '人事課', nameEn: 'Personnel Division', mail: 'jinji@example.go.jp' });
    const reply = (await events(a.id)).find((e) => e.type === 'public_reply') as unknown as { body: string };
    assert.match(reply.body, /人事課（連絡先: jinji@example\.go\.jp）/);
    const ev = (await events(a.id)).find((e) => e.type === 'status_changed' && e.data.to === 'resolved')!;
    assert.equal(ev.data.resolutionDepartmentId, owner.id);

    const b = await create({ categoryId: bizId });
    const chosen = await operator.post(`/api/v1/tickets/${b.id}/status`, { status: 'resolved', resolutionCode: 'referred', resolutionDepartmentId: other.id });
    assert.equal(chosen.json().resolutionDepartment.nameEn, 'Accounts Division');
    assert.equal(chosen.json().resolutionDepartment.mail, null);
    assert.match(referralReplyText('en', { nameJa: '経理課', nameEn: 'Accounts Division', mail: null }), /department in charge, Accounts Division\./);
  });

  test('the vendor reference of an escalation is in the log and on the ticket while the escalation is open', async () => {
    const a = await create({ categoryId: await categoryId('cloud.m365') });
    const started = await operator.post(`/api/v1/tickets/${a.id}/escalations`, { vendor: 'Microsoft サポート', vendorReference: 'SR-2611260042' });
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json().escalationVendor, 'Microsoft サポート');
    assert.equal(started.json().vendorReference, 'SR-2611260042');
    const ev = (await events(a.id)).find((e) => e.type === 'escalation_started')!;
    assert.deepEqual(ev.data, { vendor: 'Microsoft サポート', vendorReference: 'SR-2611260042' });
    const ended = await operator.post(`/api/v1/tickets/${a.id}/escalations/end`, {});
    assert.equal(ended.json().vendorReference, null);
    // A second escalation without a reference does not show the first one's.
    const again = await operator.post(`/api/v1/tickets/${a.id}/escalations`, { vendor: '保守会社' });
    assert.equal(again.json().vendorReference, null);
  });

  test('details: formats for file conversion, software type for consultations, checked per category', async () => {
    const conv = await create({ categoryId: await categoryId('file-conversion'), details: { sourceFormat: '一太郎 (.jtd)', targetFormat: 'docx' } });
    assert.deepEqual(conv.details, { sourceFormat: '一太郎 (.jtd)', targetFormat: 'docx' });
    const typo = await operator.post('/api/v1/tickets', {
      channel: 'walk_in',
      requester: { name: 'A' },
      siteId: tokyo.id,
      subject: 'x',
      categoryId: await categoryId('file-conversion'),
      details: { sourceFromat: 'jtd' },
    });
    assert.equal(typo.statusCode, 422);
    assert.equal(typo.json().errors[0].path, 'details.sourceFromat');

    const consult = await create({ categoryId: await categoryId('software.consult'), details: { softwareType: 'freeware', softwareName: '7-Zip' } });
    assert.equal(consult.details.softwareType, 'freeware');
    const badType = await operator.patch(`/api/v1/tickets/${consult.id}`, { details: { softwareType: 'shareware' } });
    assert.equal(badType.statusCode, 422);
    assert.equal(badType.json().errors[0].path, 'details.softwareType');
    const upd = await operator.patch(`/api/v1/tickets/${consult.id}`, { details: { softwareType: 'other', softwareName: '' } });
    assert.deepEqual(upd.json().details, { softwareType: 'other' }, 'empty fields are not kept');

    const os = await operator.patch(`/api/v1/tickets/${conv.id}`, { categoryId: await categoryId('os'), details: { sourceFormat: 'x' } });
    assert.equal(os.statusCode, 422);
    assert.equal(os.json().errors[0].path, 'details');
    // Moving to a category without details drops them; the log keeps what they were.
    const moved = await operator.patch(`/api/v1/tickets/${conv.id}`, { categoryId: await categoryId('os') });
    assert.deepEqual(moved.json().details, {});
    const change = (await events(conv.id)).findLast((e) => e.type === 'fields_changed')!;
    assert.deepEqual((change.data.changes as Record<string, { from: unknown }>).details.from, { sourceFormat: '一太郎 (.jtd)', targetFormat: 'docx' });
  });

  test('category administration: admin only, audited, two levels, codes under the parent; inactive ones are not offered', async () => {
    const body = { code: 'file-conversion.cad', parentId: await categoryId('file-conversion'), nameJa: 'CADファイル変換', nameEn: 'CAD file conversion' };
    assert.equal((await operator.post('/api/v1/ticket-categories', body)).statusCode, 403);
    const res = await admin.post('/api/v1/ticket-categories', body);
    assert.equal(res.statusCode, 201, res.body);
    const cad = res.json();
    assert.equal(cad.active, true);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ticket-category.created'), eq(auditLog.entityId, cad.id)));
    assert.ok(audit, 'creation is audited');
    // A sub-category inherits its parent's detail fields.
    const conv = await create({ categoryId: cad.id, details: { sourceFormat: 'dwg', targetFormat: 'pdf' } });
    assert.equal(conv.details.targetFormat, 'pdf');

    const dup = await admin.post('/api/v1/ticket-categories', body);
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().errors[0].path, 'code');
    const wrongPrefix = await admin.post('/api/v1/ticket-categories', { ...body, code: 'os.cad' });
    assert.equal(wrongPrefix.json().errors[0].path, 'code');
    const third = await admin.post('/api/v1/ticket-categories', { ...body, code: 'file-conversion.cad2', parentId: cad.id });
    assert.equal(third.json().errors[0].path, 'parentId', 'no third level');

    const off = await admin.patch(`/api/v1/ticket-categories/${cad.id}`, { active: false, nameEn: 'CAD conversion (old)' });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().active, false);
    const [upd] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ticket-category.updated'), eq(auditLog.entityId, cad.id)));
    assert.deepEqual(upd.before, { code: 'file-conversion.cad', active: true, nameEn: 'CAD file conversion' });
    assert.ok(!(await categories()).some((c) => c.id === cad.id), 'not offered to operators by default');
    assert.ok((await categories(admin, '?includeInactive=true')).some((c) => c.id === cad.id));
    const newOnInactive = await operator.post('/api/v1/tickets', {
      channel: 'phone',
      requester: { name: 'A' },
      siteId: tokyo.id,
      subject: 'x',
      categoryId: cad.id,
    });
    assert.equal(newOnInactive.json().errors[0].path, 'categoryId');
    const old = (await operator.get(`/api/v1/tickets/${conv.id}`)).json();
    assert.equal(old.category.id, cad.id, 'old tickets keep their category');
    assert.equal((await operator.patch(`/api/v1/tickets/${conv.id}`, { subject: 'CAD 図面の変換' })).statusCode, 200);

    // Deactivating a top category withdraws its sub-categories from new inquiries and from the portal.
    const top = await admin.post('/api/v1/ticket-categories', { code: 'facilities', nameJa: '設備', nameEn: 'Facilities', sortOrder: 950 });
    const child = await admin.post('/api/v1/ticket-categories', { code: 'facilities.desk', parentId: top.json().id, nameJa: '机', nameEn: 'Desks' });
    const requester = (await clientFor(t, ['requester'])).client;
    const portalCodes = async () =>
      ((await requester.get('/api/v1/portal/ticket-categories')).json().items as Category[]).flatMap((c) => [c.code, ...c.children.map((x) => x.code)]);
    assert.ok((await portalCodes()).includes('facilities.desk'));
    await admin.patch(`/api/v1/ticket-categories/${top.json().id}`, { active: false });
    assert.ok(!(await portalCodes()).includes('facilities.desk'));
    const onChild = await operator.post('/api/v1/tickets', {
      channel: 'phone',
      requester: { name: 'A' },
      siteId: tokyo.id,
      subject: 'x',
      categoryId: child.json().id,
    });
    assert.equal(onChild.json().errors[0].path, 'categoryId');
  });
});
