import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeDepartment, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

/** 4.1.3.a: business systems with their responsible departments, and business-system incidents that name them. */

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
let hr: { id: string; nameJa: string };
let finance: { id: string; nameJa: string };
const H = 3_600_000;
const ago = (h: number) => new Date(Date.now() - h * H).toISOString();

async function createSystem(body: Record<string, unknown>) {
  const res = await admin.post('/api/v1/business-systems', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t);
  hr = await makeDepartment(t, tokyo.id, { nameJa: '人事部', nameEn: 'Human Resources' });
  finance = await makeDepartment(t, tokyo.id, { nameJa: '財務部', nameEn: 'Finance' });
});
after(async () => {
  await t.close();
});

describe('business systems master (4.1.3.a)', () => {
  test('CRUD with audit; staff and auditors read, only administrators manage', async () => {
    const dto = await createSystem({
      code: 'HR-PAY',
      name: '人事給与システム',
      nameEn: 'HR and payroll',
      departmentId: hr.id,
      contactName: '人事 花子',
      contactPhone: '03-1234-5678',
      contactEmail: 'Jinji@Agency.example',
      contractor: '〇〇システムズ',
      contractorContact: '保守窓口 0120-000-000',
    });
    assert.deepEqual(
      [dto.code, dto.department.nameJa, dto.contactEmail, dto.active, dto.incidentCount, dto.abilities.update],
      ['HR-PAY', '人事部', 'jinji@agency.example', true, 0, true],
    );
    const [created] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'business-system.created'), eq(auditLog.entityId, dto.id)));
    assert.ok(created, 'creation audited');

    const dup = await admin.post('/api/v1/business-systems', { code: 'HR-PAY', name: 'x', departmentId: hr.id });
    assert.equal(dup.statusCode, 409);
    const badDept = await admin.post('/api/v1/business-systems', { code: 'X1', name: 'x', departmentId: tokyo.id });
    assert.deepEqual([badDept.statusCode, badDept.json().errors[0].path], [422, 'departmentId']);

    const upd = await admin.patch(`/api/v1/business-systems/${dto.id}`, { contactPhone: '03-9999-0000' }, { 'if-match': `"v${dto.version}"` });
    assert.equal(upd.statusCode, 200, upd.body);
    assert.deepEqual([upd.json().contactPhone, upd.json().version], ['03-9999-0000', dto.version + 1]);
    const stale = await admin.patch(`/api/v1/business-systems/${dto.id}`, { notes: 'x' }, { 'if-match': `"v${dto.version}"` });
    assert.equal(stale.statusCode, 412);
    const [updated] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'business-system.updated'), eq(auditLog.entityId, dto.id)));
    assert.ok(updated, 'update audited');

    for (const role of ['operator', 'supervisor', 'auditor'] as const) {
      const { client } = await clientFor(t, [role]);
      assert.equal((await client.get('/api/v1/business-systems')).statusCode, 200, role);
      const res = await client.get(`/api/v1/business-systems/${dto.id}`);
      assert.equal(res.json().abilities.update, false, role);
      assert.equal((await client.post('/api/v1/business-systems', { code: `R-${role}`, name: 'x', departmentId: hr.id })).statusCode, 403, role);
      assert.equal((await client.patch(`/api/v1/business-systems/${dto.id}`, { name: 'x' })).statusCode, 403, role);
      assert.equal((await client.delete(`/api/v1/business-systems/${dto.id}`)).statusCode, 403, role);
    }
    const { client: requester } = await clientFor(t, ['requester']);
    assert.equal((await requester.get('/api/v1/business-systems')).statusCode, 403);
  });

  test('the list filters by text, department and active', async () => {
    await createSystem({ code: 'FIN-ACC', name: '会計システム', departmentId: finance.id });
    await createSystem({ code: 'OLD-DOC', name: '旧文書管理システム', departmentId: finance.id, active: false });
    const codes = async (qs: string) => (await admin.get(`/api/v1/business-systems${qs}`)).json().items.map((s: { code: string }) => s.code);
    assert.deepEqual(await codes(''), ['FIN-ACC', 'HR-PAY', 'OLD-DOC']);
    assert.deepEqual(await codes('?q=会計'), ['FIN-ACC']);
    assert.deepEqual(await codes('?q=人事部'), ['HR-PAY'], 'by the department name');
    assert.deepEqual(await codes(`?departmentId=${finance.id}&active=true`), ['FIN-ACC']);
    assert.deepEqual(await codes('?active=false'), ['OLD-DOC']);
  });
});

describe('business-system incidents (4.1.3.a)', () => {
  let pay: { id: string };
  let acc: { id: string };
  before(async () => {
    const list = (await admin.get('/api/v1/business-systems')).json().items as { id: string; code: string }[];
    pay = list.find((s) => s.code === 'HR-PAY')!;
    acc = list.find((s) => s.code === 'FIN-ACC')!;
  });

  test('the responsible department is copied from the master as a snapshot; an explicit one is kept', async () => {
    const res = await admin.post('/api/v1/incidents', {
      title: '給与計算バッチが終了しない',
      kind: 'business_system',
      businessSystemId: pay.id,
      siteIds: [tokyo.id],
      occurredAt: ago(2),
    });
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.equal(dto.ownerDepartment, '人事部');
    assert.deepEqual([dto.businessSystem.code, dto.businessSystem.departmentName, dto.businessSystem.contactPhone], ['HR-PAY', '人事部', '03-9999-0000']);
    const explicit = await admin.post('/api/v1/incidents', {
      title: '仕訳入力画面が開かない',
      kind: 'business_system',
      businessSystemId: acc.id,
      ownerDepartment: '経理課（直接連絡）',
      occurredAt: ago(1),
    });
    assert.equal(explicit.json().ownerDepartment, '経理課（直接連絡）');

    // A later change of the master's department does not rewrite the incident's history.
    const sys = (await admin.get(`/api/v1/business-systems/${pay.id}`)).json();
    assert.equal((await admin.patch(`/api/v1/business-systems/${pay.id}`, { departmentId: finance.id }, { 'if-match': `"v${sys.version}"` })).statusCode, 200);
    const again = (await admin.get(`/api/v1/incidents/${dto.id}`)).json();
    assert.deepEqual([again.ownerDepartment, again.businessSystem.departmentName], ['人事部', '財務部']);

    // Relinking on update takes the new system's department; an unrelated edit keeps the snapshot.
    const edit = await admin.patch(`/api/v1/incidents/${dto.id}`, { title: '給与計算バッチ停止' }, { 'if-match': `"v${again.version}"` });
    assert.equal(edit.json().ownerDepartment, '人事部');
    const relink = await admin.patch(`/api/v1/incidents/${dto.id}`, { businessSystemId: acc.id }, { 'if-match': `"v${edit.json().version}"` });
    assert.equal(relink.statusCode, 200, relink.body);
    assert.deepEqual([relink.json().ownerDepartment, relink.json().businessSystem.code], ['財務部', 'FIN-ACC']);
    await admin.patch(`/api/v1/business-systems/${pay.id}`, { departmentId: hr.id });
  });

  test('a business system on another kind of incident is refused on businessSystemId', async () => {
    const res = await admin.post('/api/v1/incidents', { title: 'NW断', kind: 'network', businessSystemId: pay.id, occurredAt: ago(1) });
    assert.deepEqual([res.statusCode, res.json().errors[0].path], [422, 'businessSystemId']);
    const unknown = await admin.post('/api/v1/incidents', {
      title: 'x',
      kind: 'business_system',
      businessSystemId: '00000000-0000-4000-8000-000000000000',
      occurredAt: ago(1),
    });
    assert.deepEqual([unknown.statusCode, unknown.json().errors[0].path], [422, 'businessSystemId']);
    const linked = (await admin.post('/api/v1/incidents', { title: 'y', kind: 'business_system', businessSystemId: pay.id, occurredAt: ago(1) })).json();
    const rekind = await admin.patch(`/api/v1/incidents/${linked.id}`, { kind: 'software' });
    assert.deepEqual([rekind.statusCode, rekind.json().errors[0].path], [422, 'businessSystemId']);
    const both = await admin.patch(`/api/v1/incidents/${linked.id}`, { kind: 'software', businessSystemId: null });
    assert.equal(both.statusCode, 200, both.body);
    assert.equal(both.json().businessSystem, null);
  });

  test('the incident list filters by business system, and site scoping still applies', async () => {
    await admin.post('/api/v1/incidents', {
      title: '本部で給与明細が出力できない',
      kind: 'business_system',
      businessSystemId: pay.id,
      siteIds: [tokyo.id],
      occurredAt: ago(1),
    });
    await admin.post('/api/v1/incidents', {
      title: '大阪の給与端末で給与システムに接続できない',
      kind: 'business_system',
      businessSystemId: pay.id,
      siteIds: [osaka.id],
      occurredAt: ago(1),
    });
    const titles = async (c: Client, qs: string) =>
      (await c.get(`/api/v1/incidents${qs}`))
        .json()
        .items.map((i: { title: string }) => i.title)
        .sort();
    assert.deepEqual(await titles(admin, `?businessSystemId=${pay.id}`), ['大阪の給与端末で給与システムに接続できない', '本部で給与明細が出力できない'].sort());
    assert.deepEqual(await titles(admin, `?businessSystemId=${acc.id}`), ['仕訳入力画面が開かない', '給与計算バッチ停止'].sort());
    const { client: tokyoOnly } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    assert.deepEqual(
      await titles(tokyoOnly, `?businessSystemId=${pay.id}`),
      ['本部で給与明細が出力できない'],
      'the Osaka incident stays out of a Tokyo operator’s list',
    );
  });

  test('a system referenced by incidents cannot be deleted (deactivated instead); an unused one can', async () => {
    const refused = await admin.delete(`/api/v1/business-systems/${pay.id}`);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
    assert.ok(refused.json().errors.length > 0);
    const sys = (await admin.get(`/api/v1/business-systems/${pay.id}`)).json();
    assert.deepEqual([sys.incidentCount > 0, sys.abilities.delete], [true, false]);
    assert.equal((await admin.patch(`/api/v1/business-systems/${pay.id}`, { active: false })).json().active, false);
    const retired = await admin.post('/api/v1/incidents', { title: 'z', kind: 'business_system', businessSystemId: pay.id, occurredAt: ago(1) });
    assert.deepEqual([retired.statusCode, retired.json().errors[0].path], [422, 'businessSystemId'], 'a retired system is not named anew');
    const unused = await createSystem({ code: 'TMP', name: '一時', departmentId: hr.id });
    assert.equal((await admin.delete(`/api/v1/business-systems/${unused.id}`)).statusCode, 204);
    const [deleted] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'business-system.deleted'), eq(auditLog.entityId, unused.id)));
    assert.ok(deleted, 'deletion audited');
    await admin.patch(`/api/v1/business-systems/${pay.id}`, { active: true });
  });

  test('contacting the responsible department is an event on the timeline, with when, whom and how', async () => {
    const inc = (
      await admin.post('/api/v1/incidents', { title: '文書検索不可', kind: 'business_system', businessSystemId: acc.id, occurredAt: ago(2) })
    ).json();
    const at = ago(1);
    const res = await admin.post(`/api/v1/incidents/${inc.id}/events`, {
      type: 'department_contacted',
      contact: '財務部 会計 一郎',
      method: 'phone',
      at,
      note: '一次切り分けの結果を連絡',
    });
    assert.equal(res.statusCode, 201, res.body);
    const bad = await admin.post(`/api/v1/incidents/${inc.id}/events`, { type: 'department_contacted', contact: 'x', method: 'fax' });
    assert.equal(bad.statusCode, 422);
    const timeline = (await admin.get(`/api/v1/incidents/${inc.id}/events`)).json().items;
    const e = timeline.find((x: { type: string }) => x.type === 'department_contacted');
    assert.deepEqual([e.at, e.data.contact, e.data.method, e.data.note], [new Date(at).toISOString(), '財務部 会計 一郎', 'phone', '一次切り分けの結果を連絡']);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'incident.department_contacted'), eq(auditLog.entityId, inc.id)));
    assert.ok(audit, 'the contact is audited');
  });

  test('the historical import takes the business system by code (department snapshot) and the export gives it back', async () => {
    const header = ['障害番号', '件名', '種別', '業務システムコード', '発生日時', '回復日時'];
    const csv = (rows: string[][]) => ({ name: 'incidents.csv', data: Buffer.from(csvOf([header, ...rows])), type: 'text/csv' });
    const wrong = await importFile(t.app, admin, 'incidents', csv([['OLD-BS-9', 'x', 'network', 'HR-PAY', '2025/05/01 10:00', '']]), { commit: true });
    assert.deepEqual(
      wrong.json().errors.map((e: { column: string }) => e.column),
      ['業務システムコード'],
    );
    const res = await importFile(
      t.app,
      admin,
      'incidents',
      csv([['OLD-BS-1', '給与明細の不達', '業務システム障害', 'HR-PAY', '2025/05/01 10:00', '2025/05/01 15:00']]),
      {
        commit: true,
      },
    );
    assert.deepEqual([res.json().committed, res.json().created], [true, 1], res.body);
    const [dto] = (await admin.get(`/api/v1/incidents?businessSystemId=${pay.id}&q=OLD-BS-1`)).json().items;
    assert.deepEqual([dto.ownerDepartment, dto.businessSystem.code], ['人事部', 'HR-PAY']);
    const exported = await admin.get('/api/v1/incidents/export?encoding=utf8');
    const line = exported.body.split(/\r?\n/).find((l: string) => l.startsWith('OLD-BS-1'))!;
    assert.ok(line.includes('HR-PAY') && line.includes('人事部'), line);
  });
});
