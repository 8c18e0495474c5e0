import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { createTestDatabaseUrl } from './test/harness.ts';

const cli = path.join(import.meta.dirname, 'cli.ts');
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void>;
let dataDir: string;

before(async () => {
  const db = await createTestDatabaseUrl();
  drop = db.drop;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-cli-'));
  env = { ...process.env, LOG_LEVEL: 'silent', UNYO_SEED_DEMO: 'false', UNYO_DATA_DIR: path.join(dataDir, 'db') };
  if (db.url) env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;
});
after(async () => {
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 180_000 });

test('migrate, create-admin and token create print what an operator needs, and the token works on the API', async () => {
  assert.equal(run('migrate').status, 0);
  const admin = run('create-admin', '--email', 'Ops@Example.jp');
  assert.equal(admin.status, 0, admin.stderr);
  assert.match(admin.stdout, /Password \(shown once\): \S{16,}/);
  assert.match(run('create-admin', '--email', 'other@example.jp').stdout, /already exists/);

  const missing = run('token', 'create', '--email', 'nobody@example.jp', '--name', 'x');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /No active user/);
  const usage = run('token', 'create', '--email', 'ops@example.jp');
  assert.equal(usage.status, 2);

  const created = run('token', 'create', '--email', 'ops@example.jp', '--name', 'monitoring');
  assert.equal(created.status, 0, created.stderr);
  const token = created.stdout.trim();
  assert.match(token, /^unyo_[\w-]+_[\w-]+$/);

  const config = loadConfig(env, { jobs: { enabled: false, pollSeconds: 1, cronMonitorSeconds: 1 }, webDist: '/nonexistent' });
  const database = await openDatabase(config);
  try {
    const { app } = await buildApp(config, database);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, 'ops@example.jp');
    const tokens = await app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: { authorization: `Bearer ${token}` } });
    assert.equal(tokens.json().items[0].name, 'monitoring');
    await app.close();
  } finally {
    await database.close();
  }
  assert.match(run('audit-verify').stdout, /Audit log OK: \d+ entries/);
});

test('an unknown command prints the usage and fails', () => {
  const res = run('frobnicate');
  assert.equal(res.status, 2);
  assert.match(res.stderr, /Unknown command: frobnicate/);
  assert.match(res.stderr, /audit-verify/);
});
