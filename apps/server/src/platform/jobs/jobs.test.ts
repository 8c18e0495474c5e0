import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { z } from 'zod';
import { openDatabase } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { ensureAdmin } from '../../modules/access/users.service.ts';
import { ADMIN, type Client, clientFor, createTestDatabaseUrl, engine, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { type AppProcess, startAppProcess, stopAllProcesses, waitUntil } from '../../test/processes.ts';
import { defineJob, JobRunner } from './jobs.ts';

type Run = {
  id: string;
  name: string;
  jobId: string | null;
  status: string;
  durationMs: number | null;
  error: string | null;
  finishedAt: string | null;
  instance: string;
};

async function runsOf(client: Client, query: string): Promise<Run[]> {
  const res = await client.get(`/api/v1/jobs/runs?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

describe('job runs are recorded and visible to admins', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp({ jobs: { enabled: true, pollSeconds: 1, cronMonitorSeconds: 1 }, instanceName: 'test-a' });
    admin = await loginAdmin(t.app);
  });
  after(async () => {
    await t?.close();
  });

  test('a failing handler leaves a failed run with its error; a succeeding one a succeeded run with its duration', async () => {
    const seen: string[] = [];
    const okJob = defineJob('test.ok', z.object({ ticket: z.string() }), async ({ ticket }) => {
      seen.push(ticket);
      await new Promise((r) => setTimeout(r, 30));
    });
    const failingJob = defineJob(
      'test.fail',
      z.object({ ticket: z.string() }),
      async ({ ticket }) => {
        throw new Error(`printer jammed while handling ${ticket} (紙詰まり)`);
      },
      { retryLimit: 0 },
    );
    const runner = new JobRunner(t.database, t.config, [okJob, failingJob]);
    await runner.start();
    try {
      const okId = await runner.send(okJob, { ticket: 'INC-1' });
      const failId = await runner.send(failingJob, { ticket: 'INC-2' });
      const invalidId = await runner.send(failingJob, { ticket: 42 } as never);
      assert.ok(okId && failId && invalidId);

      const failed = await waitUntil(
        async () => {
          const runs = await runsOf(admin, 'name=test.fail&status=failed');
          return runs.length === 2 ? runs : null;
        },
        20_000,
        250,
        'two failed test.fail runs',
      );
      const byJob = new Map(failed.map((r) => [r.jobId, r]));
      assert.match(byJob.get(failId)?.error ?? '', /printer jammed while handling INC-2 \(紙詰まり\)/);
      // Data that does not match the job's schema fails the run before the handler sees it.
      assert.match(byJob.get(invalidId)?.error ?? '', /ticket/);
      for (const r of failed) {
        assert.ok(r.finishedAt, 'a failed run is finished');
        assert.equal(r.instance, 'test-a');
      }

      const [ok] = await waitUntil(async () => {
        const runs = await runsOf(admin, 'name=test.ok&status=succeeded');
        return runs.length ? runs : null;
      }, 20_000);
      assert.equal(ok.jobId, okId);
      assert.equal(ok.error, null);
      assert.ok(ok.durationMs !== null && ok.durationMs >= 25, `durationMs ${ok.durationMs}`);
      assert.deepEqual(seen, ['INC-1']);
      assert.deepEqual(await runsOf(admin, 'name=test.ok&status=failed'), []);
    } finally {
      await runner.stop();
    }
  });

  test('an admin starts a sweep by hand: 202 and its run appears; operators and auditors may not', async () => {
    await t.jobs.start();
    const res = await admin.post('/api/v1/jobs/platform.heartbeat/run');
    assert.equal(res.statusCode, 202, res.body);
    const { jobId } = res.json();
    assert.ok(jobId);
    const run = await waitUntil(async () => (await runsOf(admin, 'name=platform.heartbeat&status=succeeded')).find((r) => r.jobId === jobId), 20_000);
    assert.equal(run.name, 'platform.heartbeat');

    const listed = await admin.get('/api/v1/jobs');
    assert.ok(listed.json().items.some((d: { name: string; cron: string | null }) => d.name === 'platform.heartbeat' && d.cron === '* * * * *'));

    assert.equal((await admin.post('/api/v1/jobs/mail.send/run')).statusCode, 422, 'a single job needs its data; only sweeps run by hand');
    assert.equal((await admin.post('/api/v1/jobs/no.such-job/run')).statusCode, 404);

    const operator = (await clientFor(t, ['operator'])).client;
    assert.equal((await operator.post('/api/v1/jobs/platform.heartbeat/run')).statusCode, 403);
    assert.equal((await operator.get('/api/v1/jobs/runs')).statusCode, 403);
    const auditor = (await clientFor(t, ['auditor'])).client;
    assert.equal((await auditor.get('/api/v1/jobs/runs')).statusCode, 200);
    assert.equal((await auditor.post('/api/v1/jobs/platform.heartbeat/run')).statusCode, 403);
  });
});

describe('cron across two app processes', () => {
  const skip = engine === 'postgres' ? false : 'two processes cannot share an embedded PGlite database; run with UNYO_TEST_DB=postgres';
  let dropDb: (() => Promise<void>) | null = null;
  after(async () => {
    await stopAllProcesses();
    await dropDb?.();
  });

  test('each minute of platform.heartbeat runs exactly once, not once per process', { skip, timeout: 240_000 }, async () => {
    const { url, drop } = await createTestDatabaseUrl();
    dropDb = drop;
    // Migrate and create the admin once, as a deployment's first start would, before both instances start.
    const database = await openDatabase({ databaseUrl: url, dataDir: '', inMemory: false });
    await runMigrations(database);
    await ensureAdmin(database.db, ADMIN.email, ADMIN.password);
    await database.close();

    const env = (instance: string) => ({
      DATABASE_URL: url!,
      UNYO_INSTANCE: instance,
      UNYO_CRON_MONITOR_SECONDS: '1',
      UNYO_JOBS_POLL_SECONDS: '1',
      UNYO_ADMIN_EMAIL: ADMIN.email,
      UNYO_ADMIN_PASSWORD: ADMIN.password,
    });
    const apps: AppProcess[] = await Promise.all([startAppProcess(env('a')), startAppProcess(env('b'))]);

    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    try {
      const perMinute = async () =>
        (
          await client.query<{ minute: string; runs: number; succeeded: number; instances: string[] }>(`
            select date_trunc('minute', started_at)::text as minute, count(*)::int as runs,
                   (count(*) filter (where status = 'succeeded'))::int as succeeded, array_agg(instance order by instance) as instances
            from job_runs where name = 'platform.heartbeat' group by 1 order by 1`)
        ).rows;
      await waitUntil(async () => (await perMinute()).filter((m) => m.succeeded > 0).length >= 2, 150_000, 1000, 'heartbeat runs in two distinct minutes');
      // A duplicate would be picked up within a poll interval or two of the first; give it time to show.
      await new Promise((r) => setTimeout(r, 4000));
      const minutes = await perMinute();
      for (const m of minutes) assert.equal(m.runs, 1, `minute ${m.minute} ran ${m.runs} times (instances ${m.instances})`);
      assert.ok(minutes.every((m) => m.instances.every((i) => i === 'a' || i === 'b')));

      // Both instances were alive and serving throughout: a crashed one would make the check meaningless.
      for (const app of apps) assert.equal((await fetch(`${app.url}/healthz`)).status, 200, app.output());
    } finally {
      await client.end();
      const codes = await Promise.all(apps.map((a) => a.stop()));
      assert.deepEqual(codes, [0, 0], apps.map((a) => a.output()).join('\n---\n'));
    }
  });
});
