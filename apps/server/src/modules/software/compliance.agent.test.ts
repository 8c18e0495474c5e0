import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { AGENT_BIN, agentInstalled, runRealAgent } from '../../test/fusion-agent.ts';
import { type Client, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

// The real Debian agent's inventory, mapped through normalization rules into compliance counts (issue #5).
const skip = agentInstalled() ? false : `${AGENT_BIN} is not installed (apt-get install fusioninventory-agent; .ci/run does it)`;

let t: TestApp;
let admin: Client;
let url: string;
before(async () => {
  if (skip) return;
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await makeSite(t, { kind: 'hq' });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `${address}/api/v1/inventory/ocs`;
});
after(async () => {
  await t?.close();
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
const dpkgVersion = (pkg: string) => execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();

test('this machine’s packages, as the real agent reports them, count in compliance through the rules', { skip, timeout: 300_000 }, async () => {
  const token = (await admin.post('/api/v1/agent-tokens', { name: 'ci agent' })).json().token as string;
  const log = await runRealAgent(url, token);
  assert.doesNotMatch(log, /\[error\]/i, log);

  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await admin.post(path, body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const bash = await post('/api/v1/software-products', { publisher: 'GNU', name: 'Bash' });
  const major = dpkgVersion('bash').split('.')[0];
  // A version range: only bash from this major version on maps to the product, counted as version <major>.
  await post(`/api/v1/software-products/${bash.id}/rules`, { namePattern: 'BASH', versionMin: major, productVersion: major });
  const coreutils = await post('/api/v1/software-products', { publisher: 'GNU', name: 'Core utilities' });
  await post(`/api/v1/software-products/${coreutils.id}/rules`, { namePattern: 'coreutils', versionMin: '999' });
  await post('/api/v1/software-licenses', {
    assetNumber: 'SW-BASH',
    softwareName: 'GNU Bash',
    licenseType: 'site',
    productIds: [bash.id],
    ownedCount: 1,
    licensedVersion: major,
  });
  await post('/api/v1/software-licenses', {
    assetNumber: 'SW-CORE',
    softwareName: 'coreutils',
    licenseType: 'site',
    productIds: [coreutils.id],
    ownedCount: 1,
  });

  const items = (await admin.get('/api/v1/software-compliance')).json().items as {
    product: { id: string };
    detected: number;
    consumed: number;
    status: string;
  }[];
  const b = items.find((i) => i.product.id === bash.id)!;
  assert.deepEqual([b.detected, b.consumed, b.status], [1, 1, 'near'], 'one device runs bash; 1 of 1 licences is at the limit');
  const c = items.find((i) => i.product.id === coreutils.id)!;
  assert.deepEqual([c.detected, c.consumed, c.status], [0, 0, 'ok'], 'coreutils is below the rule’s version range');
  const detail = (await admin.get(`/api/v1/software-compliance/${bash.id}`)).json();
  assert.equal(detail.devices[0].version, major);

  const unmapped = (await admin.get('/api/v1/software-products/unmapped?q=coreutils')).json();
  assert.deepEqual(
    unmapped.items.map((i: { name: string; installs: number }) => [i.name, i.installs]),
    [['coreutils', 1]],
  );
});
