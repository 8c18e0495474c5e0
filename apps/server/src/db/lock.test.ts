import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { MAIN_TS, runCli, spawnNode, startAppProcess, stopAllProcesses } from '../test/processes.ts';
import { openDatabase } from './client.ts';
import { acquireDataDirLock, DataDirLockedError, lockFilePath } from './lock.ts';

// The lock guards the embedded (PGlite) folder only, so this runs whatever UNYO_TEST_DB says.

const ADMIN_EMAIL = 'admin@lock.test';
const ADMIN_PASSWORD = 'lock-test-password-1';

let tmp: string;
let dataDir: string;
let env: Record<string, string>;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-lock-'));
  dataDir = path.join(tmp, 'db');
  env = { UNYO_DATA_DIR: dataDir, UNYO_ADMIN_EMAIL: ADMIN_EMAIL, UNYO_ADMIN_PASSWORD: ADMIN_PASSWORD, UNYO_JOBS: 'false' };
});
after(async () => {
  await stopAllProcesses();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function loginOver(url: string) {
  return fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
}

describe('the embedded database folder is used by one process at a time', () => {
  test('a second server and the CLI are refused while the first runs; the first keeps working', async () => {
    const first = await startAppProcess(env);
    try {
      assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
      assert.ok(fs.existsSync(lockFilePath(dataDir)), 'the running server holds a lock file');

      const second = spawnNode(MAIN_TS, [], { ...env, PORT: '0', LOG_LEVEL: 'warn', UNYO_SEED_DEMO: 'false' });
      const code = await second.waitExit(120_000);
      assert.notEqual(code, 0, second.output());
      assert.match(second.output(), /in use by another Unyo process/);
      assert.match(second.output(), new RegExp(`pid ${first.pid}\\b`), 'names the process holding the folder');

      assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
      const login = await loginOver(first.url);
      assert.equal(login.status, 200, await login.clone().text());
      assert.equal(((await login.json()) as { email: string }).email, ADMIN_EMAIL);

      const cli = await runCli(['audit-verify'], env);
      assert.equal(cli.code, 3, cli.output);
      assert.match(cli.output, /in use by another Unyo process/);
      assert.doesNotMatch(cli.output, /Audit log/);

      // The refused processes did not take the lock away from the running server.
      const again = await loginOver(first.url);
      assert.equal(again.status, 200);
    } finally {
      assert.equal(await first.stop(), 0, first.output());
    }
    assert.ok(!fs.existsSync(lockFilePath(dataDir)), 'a clean stop removes the lock file');
  });

  test('once the server has stopped the CLI verifies the audit log, and reports a tampered row', async () => {
    const ok = await runCli(['audit-verify'], env);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /Audit log OK: [1-9]\d* entries/);

    const database = await openDatabase({ databaseUrl: null, dataDir, inMemory: false });
    try {
      await database.db.execute(sql`update audit_log set action = 'tampered' where id = (select min(id) from audit_log)`);
    } finally {
      await database.close();
    }

    const broken = await runCli(['audit-verify'], env);
    assert.equal(broken.code, 1, broken.output);
    assert.match(broken.output, /BROKEN at entry \d+/);
  });

  test('a lock file left by a process that died does not block the next start', async () => {
    // A pid that certainly belongs to no running process: a child that has already exited.
    const dead = spawnNode('-e', ['process.exit(0)'], {});
    await dead.waitExit(30_000);
    fs.writeFileSync(lockFilePath(dataDir), JSON.stringify({ pid: dead.pid, host: os.hostname(), at: new Date().toISOString() }));

    const app = await startAppProcess(env);
    try {
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
      assert.equal(JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')).pid, app.pid, 'the new server owns the lock');
    } finally {
      assert.equal(await app.stop(), 0, app.output());
    }
  });

  test("a lock file carrying this process's own pid is stale: a container restarts the app with the same pid", () => {
    // In a container the app is often pid 1 on every start; a lock left by a crash then names the new process.
    const dir = path.join(tmp, 'own-pid');
    fs.writeFileSync(lockFilePath(dir), JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }));
    const lock = acquireDataDirLock(dir);
    try {
      assert.ok(fs.existsSync(lock.file));
      // The same process opening the folder a second time is still refused: two PGlite instances on one folder lose data too.
      assert.throws(() => acquireDataDirLock(dir), DataDirLockedError);
    } finally {
      lock.release();
    }
    assert.ok(!fs.existsSync(lockFilePath(dir)));
  });

  test('the refusal tells the operator which lock file to remove if the holder is gone for good', () => {
    const dir = path.join(tmp, 'other-host');
    fs.writeFileSync(lockFilePath(dir), JSON.stringify({ pid: 4242, host: 'some-other-container', at: new Date().toISOString() }));
    assert.throws(
      () => acquireDataDirLock(dir),
      (e: Error) => {
        assert.ok(e instanceof DataDirLockedError);
        assert.match(e.message, /in use by another Unyo process \(pid 4242 on some-other-container\)/);
        assert.ok(e.message.includes(lockFilePath(dir)), e.message);
        return true;
      },
    );
    fs.rmSync(lockFilePath(dir));
  });
});
