import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type FakeDevice, fakeSoftware, inflateReply, inventoryXml, prologXml, zlibBody } from '../../test/fusion-agent.ts';
import { type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { assetSoftware, hardwareAssets } from './assets.table.ts';

let t: TestApp;
let admin: Client;
let token: string;
let siteCode: string;
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  siteCode = (await makeSite(t, { kind: 'hq' })).code;
  const res = await admin.post('/api/v1/agent-tokens', { name: 'test agents' });
  token = res.json().token;
});
after(async () => {
  await t.close();
});

const basic = (password: string) => `Basic ${Buffer.from(`agent:${password}`).toString('base64')}`;

function post(body: Buffer | string, opts: { auth?: string | null; query?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/x-compress-zlib' };
  const auth = opts.auth === undefined ? basic(token) : opts.auth;
  if (auth) headers.authorization = auth;
  return t.app.inject({ method: 'POST', url: `/api/v1/inventory/ocs${opts.query ?? `?site=${siteCode}`}`, headers, payload: body });
}
const send = (d: FakeDevice, opts: Parameters<typeof post>[1] = {}) => post(zlibBody(inventoryXml(d)), opts);

let n = 0;
const device = (over: Partial<FakeDevice> = {}): FakeDevice => {
  n++;
  return {
    deviceId: `pc${n}-2026-04-01-09-00-00`,
    hostName: `pc${n}`,
    uuid: `4c4c4544-0000-1000-8000-${String(n).padStart(12, '0')}`,
    serial: `SN-${n}`,
    manufacturer: 'Dell Inc.',
    model: 'OptiPlex 7070',
    chassis: 'Desktop',
    nics: [[`00:1a:2b:00:00:${n.toString(16).padStart(2, '0')}`, `10.0.0.${n}`]],
    software: fakeSoftware(5, n),
    ...over,
  };
};

const assetsOf = (deviceId: string) => t.db.select().from(hardwareAssets).where(eq(hardwareAssets.agentDeviceId, deviceId));

describe('OCS agent protocol (3.1.1.d, 3.3.1.a)', () => {
  test('without credentials the agent is challenged with Basic; a wrong or non-agent token is refused', async () => {
    const none = await post(zlibBody(prologXml('x')), { auth: null });
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['www-authenticate'], 'Basic realm="unyo-inventory"', 'nothing after the realm: the agent reads it greedily');
    const wrong = await post(zlibBody(prologXml('x')), { auth: basic('uagt_nope_nope') });
    assert.equal(wrong.statusCode, 401);
    assert.match(String(wrong.headers['www-authenticate']), /^Basic/);
    // A user API token is not an agent token.
    const api = await admin.post('/api/v1/api-tokens', { name: 'not for agents' });
    assert.equal((await post(zlibBody(prologXml('x')), { auth: basic(api.json().token) })).statusCode, 401);
  });

  test('PROLOG is answered SEND with a prolog frequency, zlib at the default level', async () => {
    const res = await post(zlibBody(prologXml('pc-prolog')));
    assert.equal(res.statusCode, 200);
    assert.equal(res.rawPayload[0], 0x78);
    assert.equal(res.rawPayload[1], 0x9c, 'default compression level (78 9C): level 9 (78 DA) breaks the agent');
    const xml = inflateReply(res.rawPayload);
    assert.match(xml, /<REPLY><RESPONSE>SEND<\/RESPONSE><PROLOG_FREQ>24<\/PROLOG_FREQ><\/REPLY>/);
  });

  test('INVENTORY creates one asset with network, OS, hardware facts and software; a re-run updates it', async () => {
    const d = device();
    const res = await send(d);
    assert.equal(res.statusCode, 200);
    assert.match(inflateReply(res.rawPayload), /<RESPONSE>no_account_update<\/RESPONSE>/);
    const [a] = await assetsOf(d.deviceId);
    assert.match(a.assetNumber, /^AGT-[0-9A-F]{10}$/);
    assert.equal(a.name, d.hostName);
    assert.equal(a.ledger, 'domestic');
    assert.equal(a.category, 'desktop_pc');
    assert.equal(a.serialNumber, d.serial);
    assert.equal(a.biosUuid, d.uuid);
    assert.equal(a.manufacturer, 'Dell Inc.');
    assert.deepEqual(a.ipAddresses, [d.nics![0][1]]);
    assert.deepEqual(a.macAddresses, [d.nics![0][0]], 'loopback and virtual interfaces are skipped');
    assert.equal(a.osName, 'Debian GNU/Linux 12 (bookworm)');
    assert.equal(a.osVersion, '12.5');
    assert.equal((a.inventoryFacts as { memoryMb: number }).memoryMb, 15872);
    assert.ok(a.lastInventoryAt);

    const moved = { ...d, nics: [[d.nics![0][0], '10.9.9.9']] as [string, string][], osVersion: '12.6' };
    assert.equal((await send(moved)).statusCode, 200);
    const again = await assetsOf(d.deviceId);
    assert.equal(again.length, 1);
    assert.deepEqual(again[0].ipAddresses, ['10.9.9.9']);
    assert.equal(again[0].osVersion, '12.6');
    assert.ok(new Date(again[0].lastInventoryAt!) >= new Date(a.lastInventoryAt!));

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, a.id)).orderBy(auditLog.id);
    assert.deepEqual(
      audits.map((x) => x.action),
      ['asset.created', 'asset.inventoried'],
    );
    assert.equal(audits[1].actorLabel, 'agent:test agents');
    assert.deepEqual(audits[1].before, { ipAddresses: [d.nics![0][1]], osVersion: '12.5' }, 'only the changed fields');
  });

  test('software keeps first seen across runs, gets a new last seen, and uninstalled packages disappear', async () => {
    const pkgs = fakeSoftware(30, 7);
    const d = device({ software: pkgs });
    await send(d);
    const [a] = await assetsOf(d.deviceId);
    const first = await admin.get(`/api/v1/hardware-assets/${a.id}/software`);
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().total, 30);
    const firstSeen = new Map<string, string>(first.json().items.map((s: { name: string; firstSeenAt: string }) => [s.name, s.firstSeenAt]));

    await new Promise((r) => setTimeout(r, 20));
    const upgraded = { ...pkgs[1], version: '99.0-1' };
    const added = { name: 'new-tool', version: '1.0', publisher: 'Acme' };
    await send({ ...d, software: [pkgs[0], upgraded, ...pkgs.slice(3), added] });
    const second = (await admin.get(`/api/v1/hardware-assets/${a.id}/software`)).json();
    const byName = new Map<string, { version: string; firstSeenAt: string; lastSeenAt: string; publisher: string }>(
      second.items.map((s: { name: string }) => [s.name, s]),
    );
    assert.equal(second.total, 30, 'pkgs[1] and pkgs[2] gone, the upgrade of pkgs[1] and new-tool added');
    assert.ok(!byName.has(pkgs[2].name));
    assert.equal(byName.get(pkgs[1].name)?.version, '99.0-1');
    assert.equal(byName.get(pkgs[0].name)?.firstSeenAt, firstSeen.get(pkgs[0].name), 'first seen is kept');
    assert.ok(byName.get(pkgs[0].name)!.lastSeenAt > byName.get(pkgs[0].name)!.firstSeenAt, 'last seen moves on');
    assert.notEqual(byName.get(pkgs[1].name)?.firstSeenAt, firstSeen.get(pkgs[1].name), 'a new version is newly seen');
    assert.equal(byName.get('new-tool')?.publisher, 'Acme');

    const q = (await admin.get(`/api/v1/hardware-assets/${a.id}/software?q=new-t`)).json();
    assert.deepEqual(
      q.items.map((s: { name: string }) => s.name),
      ['new-tool'],
    );
    assert.equal(q.total, 1);
  });

  test('re-runs never duplicate: a new agent id on the same hardware matches by BIOS UUID, then serial, then MAC', async () => {
    const d = device();
    await send(d);
    const [a] = await assetsOf(d.deviceId);
    const count = async () => (await t.db.select({ c: sql<number>`count(*)::int` }).from(hardwareAssets))[0].c;
    const before = await count();
    // Reinstalled OS: new device id, same UUID.
    await send({ ...d, deviceId: 'reinstalled-1' });
    // Same serial, no UUID.
    await send({ ...d, deviceId: 'reinstalled-2', uuid: undefined });
    // Only the MAC is left.
    await send({ ...d, deviceId: 'reinstalled-3', uuid: undefined, serial: 'To be filled by O.E.M.' });
    assert.equal(await count(), before, 'no asset was added');
    const [now] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, a.id));
    assert.equal(now.agentDeviceId, 'reinstalled-3');
    const matched = await t.db.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, a.id)).orderBy(auditLog.id);
    assert.deepEqual(
      matched.slice(1).map((m) => (m.after as { matchedBy: string }).matchedBy),
      ['bios_uuid', 'serial', 'mac'],
    );

    // With no hardware key left, the host name matches a ledger asset no agent reports for (any case)...
    const site = await makeSite(t);
    const [kiosk] = await t.db
      .insert(hardwareAssets)
      .values({ assetNumber: `PC-KIOSK-${n}`, ledger: 'domestic', name: `kiosk-${n}`, category: 'desktop_pc', siteId: site.id })
      .returning();
    const k = device({ hostName: `KIOSK-${n}`, uuid: undefined, serial: '', nics: [] });
    await send(k);
    assert.equal((await assetsOf(k.deviceId))[0]?.id, kiosk.id);
    // ...but not an asset another agent reports for: two machines may share a host name.
    const twin = device({ hostName: k.hostName, uuid: undefined, serial: '', nics: [] });
    await send(twin);
    assert.notEqual((await assetsOf(twin.deviceId))[0]?.id, kiosk.id);

    // A placeholder serial never matches: two different machines both saying "To be filled by O.E.M.".
    const p1 = device({ serial: 'To be filled by O.E.M.', uuid: undefined });
    const p2 = device({ serial: 'To be filled by O.E.M.', uuid: undefined });
    await send(p1);
    await send(p2);
    assert.equal((await assetsOf(p1.deviceId)).length, 1);
    assert.equal((await assetsOf(p2.deviceId)).length, 1);
    assert.equal((await assetsOf(p1.deviceId))[0].serialNumber, null);
  });

  test('a MAC already active on a ledger asset matches that asset (no duplicate, no constraint error)', async () => {
    const site = await makeSite(t);
    const mac = '00:1a:2b:aa:bb:cc';
    const [manual] = await t.db
      .insert(hardwareAssets)
      .values({
        assetNumber: 'PC-MANUAL-1',
        ledger: 'domestic',
        name: '総務課PC',
        category: 'notebook_pc',
        siteId: site.id,
        macAddresses: [mac],
        serialNumber: 'KEEP-ME',
      })
      .returning();
    const d = device({ hostName: 'different-name', serial: 'AGENT-SN', uuid: undefined, nics: [['00-1A-2B-AA-BB-CC', '10.1.1.1']] });
    assert.equal((await send(d)).statusCode, 200);
    const [a] = await assetsOf(d.deviceId);
    assert.equal(a.id, manual.id);
    assert.equal(a.name, '総務課PC', 'the curated name stays');
    assert.equal(a.serialNumber, 'KEEP-ME', 'a serial people entered is never overwritten');
    assert.equal(a.siteId, site.id, 'the site stays');
    assert.equal(a.category, 'notebook_pc');

    // Another device (matched by its own id) also reporting that MAC: the MAC stays on the asset holding it.
    const other = device({
      nics: [
        [mac, '10.1.1.2'],
        ['00:1a:2b:aa:bb:dd', '10.1.1.3'],
      ],
    });
    await send({ ...other, nics: [['00:1a:2b:aa:bb:dd', '10.1.1.3']] });
    assert.equal((await send(other)).statusCode, 200);
    const [o] = await assetsOf(other.deviceId);
    assert.deepEqual(o.macAddresses, ['00:1a:2b:aa:bb:dd']);
    const [stillManual] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, manual.id));
    assert.deepEqual(stillManual.macAddresses, [mac]);
  });

  test('a host name does not merge a machine whose recorded serial differs; serials match case-insensitively', async () => {
    const site = await makeSite(t);
    const [manual] = await t.db
      .insert(hardwareAssets)
      .values({ assetNumber: `MAN-${n}`, ledger: 'domestic', name: 'SHARED-NAME', category: 'desktop_pc', siteId: site.id, serialNumber: 'ABC-111' })
      .returning();
    const other = device({ hostName: 'shared-name', serial: 'XYZ-999', nics: [] });
    assert.equal((await send(other)).statusCode, 200);
    const [created] = await assetsOf(other.deviceId);
    assert.notEqual(created.id, manual.id, 'a different serial is a different machine, whatever its name');
    const same = device({ hostName: 'another-name', serial: 'abc-111', nics: [] });
    assert.equal((await send(same)).statusCode, 200);
    const [matched] = await assetsOf(same.deviceId);
    assert.equal(matched.id, manual.id, 'the serial on record matches regardless of case');
  });

  test('a re-run that changes nothing writes no audit row; a software change does', async () => {
    const d = device();
    await send(d);
    const [asset] = await assetsOf(d.deviceId);
    const audits = async () => (await t.db.select().from(auditLog).where(eq(auditLog.entityId, asset.id))).length;
    const first = await audits();
    await send(d);
    assert.equal(await audits(), first, 'only last-seen times moved');
    await send({ ...d, software: d.software!.slice(1) });
    assert.equal(await audits(), first + 1, 'an uninstalled package is a change');
  });

  test('plain XML is accepted too; the category comes from the chassis; ?site= picks the site', async () => {
    const site = await makeSite(t, { code: `AGSITE${n}` });
    const nb = device({ chassis: 'Notebook' });
    const res = await post(inventoryXml(nb), { contentType: 'application/xml', query: `?site=${site.code}` });
    assert.equal(res.statusCode, 200);
    const [a] = await assetsOf(nb.deviceId);
    assert.equal(a.category, 'notebook_pc');
    assert.equal(a.siteId, site.id);
    const srv = device({ chassis: 'Rack Mount Chassis' });
    await send(srv);
    assert.equal((await assetsOf(srv.deviceId))[0].category, 'server');
    const unknown = await send(device(), { query: '?site=NO-SUCH-SITE' });
    assert.equal(unknown.statusCode, 422);
  });

  test('broken bodies are refused: not zlib/XML, not an OCS request, and a zip bomb', async () => {
    assert.equal((await post(Buffer.from([0x78, 0x9c, 1, 2, 3]))).statusCode, 400);
    assert.equal((await post('<html>nope</html>', { contentType: 'text/xml' })).statusCode, 400);
    assert.equal((await post(zlibBody('<REQUEST><QUERY>INVENTORY</QUERY></REQUEST>'))).statusCode, 400, 'no DEVICEID/CONTENT');
    assert.equal((await post(zlibBody('<REQUEST><QUERY>PROLOG</REQUEST>'))).statusCode, 400, 'mismatched tags');
    const bomb = zlib.deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < 1024 * 1024);
    assert.equal((await post(bomb)).statusCode, 413);
  });

  test('a revoked token is refused', async () => {
    const created = await admin.post('/api/v1/agent-tokens', { name: 'to revoke' });
    const revokeMe = created.json().token as string;
    assert.equal((await post(zlibBody(prologXml('x')), { auth: basic(revokeMe) })).statusCode, 200);
    assert.equal((await admin.delete(`/api/v1/agent-tokens/${created.json().id}`)).statusCode, 204);
    const res = await post(zlibBody(prologXml('x')), { auth: basic(revokeMe) });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['www-authenticate']), /^Basic/);
  });
});

describe('installed software of an asset', () => {
  test("follows the site scope (404 outside the actor's sites) and needs asset.read", async () => {
    const d = device();
    await send(d);
    const [a] = await assetsOf(d.deviceId);
    const other = await makeSite(t);
    const scoped = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [other.id] });
    assert.equal((await scoped.client.get(`/api/v1/hardware-assets/${a.id}/software`)).statusCode, 404);
    const everywhere = await clientFor(t, ['operator']);
    const ok = await everywhere.client.get(`/api/v1/hardware-assets/${a.id}/software`);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().total, 5);
    const requester = await clientFor(t, ['requester']);
    assert.equal((await requester.client.get(`/api/v1/hardware-assets/${a.id}/software`)).statusCode, 403);
    const rows = await t.db.select().from(assetSoftware).where(eq(assetSoftware.assetId, a.id));
    assert.equal(rows.length, 5);
  });
});
