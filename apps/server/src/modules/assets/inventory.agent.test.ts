import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { eq, isNotNull } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { AGENT_BIN, agentInstalled, runRealAgent } from '../../test/fusion-agent.ts';
import { type Client, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { hardwareAssets } from './assets.table.ts';

// The real Debian agent against the test server (issue #4 item 8). CI installs the package (.ci/run).
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

test('the real fusioninventory-agent run twice yields one asset with this machine’s dpkg package list', { skip, timeout: 300_000 }, async () => {
  const created = await admin.post('/api/v1/agent-tokens', { name: 'ci agent' });
  assert.equal(created.statusCode, 201);
  const token = created.json().token as string;

  const inventoriedAt: number[] = [];
  for (let run = 1; run <= 2; run++) {
    const log = await runRealAgent(url, token);
    // The agent exits 0 even when the server refuses; its log says whether the inventory was accepted.
    assert.doesNotMatch(log, /\[error\]/i, `run ${run}:\n${log}`);
    assert.match(log, /sending prolog request/, `run ${run}:\n${log}`);
    const seen = await t.db.select({ at: hardwareAssets.lastInventoryAt }).from(hardwareAssets).where(isNotNull(hardwareAssets.agentDeviceId));
    assert.equal(seen.length, 1, `after run ${run}: one asset`);
    inventoriedAt.push(new Date(seen[0].at!).getTime());
  }
  assert.ok(inventoriedAt[1] > inventoriedAt[0], 'the second run reached the ledger (last inventory time moved)');

  const agentAssets = await t.db.select().from(hardwareAssets).where(isNotNull(hardwareAssets.agentDeviceId));
  assert.equal(agentAssets.length, 1, 'two runs of one machine make one asset');
  const [asset] = agentAssets;
  assert.ok(asset.lastInventoryAt, 'last inventory time is kept');
  assert.ok(asset.osName, 'the OS is recorded');
  const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, asset.id)).orderBy(auditLog.id);
  assert.equal(audits[0].action, 'asset.created');
  // An unchanged machine re-run is not a change to the record (only when something changed is it audited).
  assert.ok(audits.slice(1).every((a) => a.action === 'asset.inventoried'));

  const res = await admin.get(`/api/v1/hardware-assets/${asset.id}/software`);
  assert.equal(res.statusCode, 200);
  const reported = new Set<string>(res.json().items.map((s: { name: string }) => s.name));
  const installed = new Set(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
    execFileSync('dpkg-query', ['-W', '-f=${Package}\\n'], { encoding: 'utf8' })
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const missing = [...installed].filter((p) => !reported.has(p));
  const extra = [...reported].filter((p) => !installed.has(p));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  assert.ok(reported.size > 50);
});
