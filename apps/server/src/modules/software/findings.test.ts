import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, makeUser, startTestApp, type TestApp } from '../../test/harness.ts';
import { assetSoftware } from '../assets/assets.table.ts';
import { runSoftwareFindingChecks } from './findings.service.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
const pc: Record<string, string> = {};
let supervisorEmail: string;

async function install(device: string, name: string, publisher: string | null = null, version = '1.0') {
  const now = new Date();
  await t.db.insert(assetSoftware).values({ assetId: pc[device], name, version, publisher, firstSeenAt: now, lastSeenAt: now });
}
const uninstall = (device: string, name: string) => t.db.delete(assetSoftware).where(and(eq(assetSoftware.assetId, pc[device]), eq(assetSoftware.name, name)));
const sweep = () => runSoftwareFindingChecks(t.db, t.config, t.jobs);
const findings = async (q = '') => (await admin.get(`/api/v1/software-findings?limit=100${q}`)).json().items as Record<string, any>[];
const notices = async () => t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'software.findings-notice'));

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  pc.T1 = (await makeAsset(t, tokyo.id, { assetNumber: 'PC-T1' })).id;
  pc.O1 = (await makeAsset(t, osaka.id, { assetNumber: 'PC-O1' })).id;
  supervisorEmail = (await makeUser(t, ['supervisor'])).email;
  await makeUser(t, ['supervisor'], { kind: 'sites', siteIds: [tokyo.id] });
  await makeUser(t, ['operator']);
  await install('T1', 'Ask Toolbar', 'APN LLC');
  await install('T1', 'uTorrent', 'BitTorrent Inc.', '3.6');
  await install('T1', 'Microsoft Office Professional Plus 2021', 'Microsoft Corporation', '16.0');
  await install('O1', '7-Zip 23.01 (x64)', 'Igor Pavlov', '23.01');
  const p2p = (await admin.post('/api/v1/software-products', { name: 'P2P file sharing' })).json();
  await admin.post(`/api/v1/software-products/${p2p.id}/rules`, { namePattern: 'uTorrent*' });
  assert.equal((await admin.post('/api/v1/software-findings/rules', { kind: 'deny', namePattern: '*toolbar*', note: 'ブラウザツールバー' })).statusCode, 201);
  assert.equal((await admin.post('/api/v1/software-findings/rules', { kind: 'deny', productId: p2p.id })).statusCode, 201);
});
after(async () => {
  await t.close();
});

describe('unauthorized software (2.2.p, q)', () => {
  test('the sweep opens one finding per device and package on the deny list, and notifies admins and staff once', async () => {
    assert.deepEqual(await sweep(), { opened: 2, removed: 0, notified: 2 });
    const open = await findings();
    assert.deepEqual(open.map((f) => [f.asset.assetNumber, f.name, f.reason, f.status]).sort(), [
      ['PC-T1', 'Ask Toolbar', 'denied', 'open'],
      ['PC-T1', 'uTorrent', 'denied', 'open'],
    ]);
    const mails = await notices();
    assert.deepEqual(mails.map((m) => m.to).sort(), ['admin@test.local', supervisorEmail].sort());
    assert.match(mails[0].text, /PC-T1: Ask Toolbar 1\.0/);
    assert.match(mails[0].text, /\/software-findings\n/);
    assert.deepEqual(await sweep(), { opened: 0, removed: 0, notified: 0 });
    assert.equal((await notices()).length, 2);
  });

  test('confirmed → removed when the agent no longer sees it; a reinstall reopens and notifies again', async () => {
    const f = (await findings()).find((x) => x.name === 'uTorrent')!;
    const confirmed = await admin.patch(
      `/api/v1/software-findings/${f.id}`,
      { status: 'confirmed', note: '利用者に削除を依頼' },
      { 'if-match': `"v${f.rowVersion}"` },
    );
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    await uninstall('T1', 'uTorrent');
    assert.deepEqual(await sweep(), { opened: 0, removed: 1, notified: 0 });
    const gone = (await admin.get(`/api/v1/software-findings/${f.id}`)).json();
    assert.deepEqual([gone.status, !!gone.resolvedAt, gone.abilities.update], ['removed', true, false]);
    await install('T1', 'uTorrent', 'BitTorrent Inc.', '3.7');
    assert.deepEqual(await sweep(), { opened: 1, removed: 0, notified: 2 });
    const back = (await admin.get(`/api/v1/software-findings/${f.id}`)).json();
    assert.deepEqual([back.status, back.version, back.resolvedAt], ['open', '3.7', null]);
  });

  test('an approved exception needs a reason and stays approved while installed', async () => {
    const f = (await findings()).find((x) => x.name === 'Ask Toolbar')!;
    const noReason = await admin.patch(`/api/v1/software-findings/${f.id}`, { status: 'exception' });
    assert.equal(noReason.statusCode, 422);
    assert.equal(noReason.json().errors[0].path, 'note');
    assert.equal((await admin.patch(`/api/v1/software-findings/${f.id}`, { status: 'exception', note: '業務上必要（課長承認）' })).statusCode, 200);
    await sweep();
    assert.equal((await admin.get(`/api/v1/software-findings/${f.id}`)).json().status, 'exception');
    assert.equal((await admin.patch(`/api/v1/software-findings/${f.id}`, { status: 'confirmed' })).statusCode, 422);
  });

  test('in allow-list mode everything not allowed is a finding; deny rules still win', async () => {
    assert.equal((await admin.patch('/api/v1/software-findings/rules/mode', { mode: 'allow' })).statusCode, 200);
    await admin.post('/api/v1/software-findings/rules', { kind: 'allow', publisherPattern: 'Microsoft*' });
    await admin.post('/api/v1/software-findings/rules', { kind: 'allow', namePattern: 'uTorrent*' });
    const r = await sweep();
    assert.equal(r.opened, 1);
    const sevenZip = (await findings()).find((x) => x.name === '7-Zip 23.01 (x64)')!;
    assert.equal(sevenZip.reason, 'not_allowed');
    assert.equal((await findings()).find((x) => x.name === 'uTorrent')!.reason, 'denied');
    assert.ok(!(await findings()).some((x) => x.name.startsWith('Microsoft Office')));
    await admin.patch('/api/v1/software-findings/rules/mode', { mode: 'deny' });
  });

  test('an operator reports software found during user support (2.2.q); scoped users see their sites only', async () => {
    const { client: tokyoOp } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const before = (await notices()).length;
    const res = await tokyoOp.post('/api/v1/software-findings', { assetId: pc.T1, name: 'Weather gadget', note: '問合せ対応中に発見' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().reason, res.json().status, !!res.json().notifiedAt], ['reported', 'open', true]);
    assert.equal((await notices()).length, before + 2);
    assert.equal((await tokyoOp.post('/api/v1/software-findings', { assetId: pc.O1, name: 'x' })).statusCode, 422);
    const seen = (await tokyoOp.get('/api/v1/software-findings?limit=100')).json().items as { asset: { assetNumber: string } }[];
    assert.ok(seen.length > 0 && seen.every((f) => f.asset.assetNumber === 'PC-T1'));
    assert.equal((await tokyoOp.post('/api/v1/software-findings/rules', { kind: 'deny', namePattern: 'x' })).statusCode, 403);
  });
});
