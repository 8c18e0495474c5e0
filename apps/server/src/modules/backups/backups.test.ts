import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { ingestMail } from '../servicedesk/mail-inbound.ts';
import { sweepMissedBackups } from './backups.rate.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let newYork: { id: string };
let tkyJob: { id: string; asset: { id: string } };
let nyJob: { id: string };

const job = (assetId: string, over: Record<string, unknown> = {}) => ({
  assetId,
  name: 'nightly',
  software: 'Veeam',
  backupType: 'incremental',
  schedule: 'daily',
  dueTime: '07:00',
  dueDayOffset: 1,
  retentionGenerations: 14,
  destination: 'NAS01:/backup/srv',
  restoreNotes: 'Veeam B&R コンソールから「Restore guest files」。暗号化パスワードは金庫の封筒 B-3',
  startsOn: '2026-10-01',
  ...over,
});
const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-10-${String(from + i).padStart(2, '0')}`);
const auditActions = async (entityType: string, entityId: string) =>
  (
    await t.db
      .select({ action: auditLog.action, before: auditLog.before })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
  ).map((a) => a);

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
  newYork = await makeSite(t, { kind: 'overseas', timeZone: 'America/New_York' });
  const tkySrv = await makeAsset(t, tokyo.id, { assetNumber: 'TKY-SRV-01', category: 'server' });
  const nySrv = await makeAsset(t, newYork.id, { assetNumber: 'NY-SRV-01', category: 'server' });
  const a = await admin.post('/api/v1/backup-jobs', job(tkySrv.id));
  assert.equal(a.statusCode, 201, a.body);
  tkyJob = a.json();
  // New York: results due 06:00 local the next morning; the job starts on 20 October.
  const b = await admin.post('/api/v1/backup-jobs', job(nySrv.id, { dueTime: '06:00', startsOn: '2026-10-20', software: 'Windows Server Backup' }));
  assert.equal(b.statusCode, 201, b.body);
  nyJob = b.json();
});
after(async () => {
  await t.close();
});

describe('backups: schedule, results, missed runs and the monthly rate (3.1.1.l, 6.j, S-4-3-5-1)', () => {
  test('a job needs its weekdays when weekly, a valid subject pattern, and a unique name per server', async () => {
    const weekly = await admin.post('/api/v1/backup-jobs', job((await makeAsset(t, tokyo.id)).id, { schedule: 'weekly' }));
    assert.equal(weekly.statusCode, 422);
    assert.equal(weekly.json().errors[0].path, 'weekdays');
    const badRegex = await admin.post('/api/v1/backup-jobs', job((await makeAsset(t, tokyo.id)).id, { mailSubjectPattern: '([' }));
    assert.equal(badRegex.statusCode, 422);
    const dup = await admin.post('/api/v1/backup-jobs', job(tkyJob.asset.id));
    assert.equal(dup.statusCode, 409);
    // 1.1.f: schedules never reviewed, or not within a year, are listed for the yearly review.
    assert.equal((await admin.get('/api/v1/backup-jobs?reviewDue=true')).json().total, 2);
    const reviewed = await admin.patch(`/api/v1/backup-jobs/${nyJob.id}`, { reviewedOn: new Date().toISOString().slice(0, 10) });
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    const due = (await admin.get('/api/v1/backup-jobs?reviewDue=true')).json();
    assert.deepEqual(
      due.items.map((j: { asset: { assetNumber: string } }) => j.asset.assetNumber),
      ['TKY-SRV-01'],
    );
  });

  test('results in by API; the sweep marks a run missed exactly at its local deadline; a late result replaces it', async () => {
    // Tokyo: every day of October except the 15th; the 10th failed. Half by job id, half by name + asset number.
    const tky = days(1, 31)
      .filter((d) => d !== '2026-10-15')
      .map((runDate, i) => ({
        ...(i % 2 ? { jobId: tkyJob.id } : { jobName: 'nightly', assetNumber: 'TKY-SRV-01' }),
        runDate,
        status: runDate === '2026-10-10' ? 'failed' : 'success',
        startedAt: `${runDate}T23:00:00+09:00`,
        endedAt: `${runDate}T23:40:00+09:00`,
        sizeBytes: 5_000_000_000,
        generation: `G-${runDate}`,
      }));
    const res = await admin.post('/api/v1/backup-results', { items: tky });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().items.length, 30);
    // New York: 20–31 October except the 25th; the 28th finished with a warning.
    const ny = days(20, 31)
      .filter((d) => d !== '2026-10-25')
      .map((runDate) => ({ jobName: 'nightly', assetNumber: 'NY-SRV-01', runDate, status: runDate === '2026-10-28' ? 'warning' : 'success' }));
    assert.equal((await admin.post('/api/v1/backup-results', { items: ny })).statusCode, 201);
    const unknown = await admin.post('/api/v1/backup-results', { jobName: 'nope', assetNumber: 'NY-SRV-01', runDate: '2026-10-01', status: 'success' });
    assert.equal(unknown.statusCode, 422);

    // Tokyo 15 Oct is due 16 Oct 07:00 JST = 15 Oct 22:00 UTC.
    assert.deepEqual(await sweepMissedBackups(t.db, new Date('2026-10-15T21:59:59Z')), { missed: 0 });
    assert.deepEqual(await sweepMissedBackups(t.db, new Date('2026-10-15T22:00:00Z')), { missed: 1 });
    assert.deepEqual(await sweepMissedBackups(t.db, new Date('2026-10-15T22:30:00Z')), { missed: 0 }, 'idempotent');
    // New York 25 Oct is due 26 Oct 06:00 EDT = 10:00 UTC.
    assert.deepEqual(await sweepMissedBackups(t.db, new Date('2026-10-26T09:59:00Z')), { missed: 0 });
    assert.deepEqual(await sweepMissedBackups(t.db, new Date('2026-10-26T10:00:00Z')), { missed: 1 });

    const missed = (await admin.get('/api/v1/backup-results?status=missed')).json().items;
    assert.deepEqual(
      missed.map((r: { asset: { assetNumber: string }; runDate: string; source: string; triage: { status: string } }) => [
        r.asset.assetNumber,
        r.runDate,
        r.source,
        r.triage.status,
      ]),
      [
        ['NY-SRV-01', '2026-10-25', 'sweep', 'open'],
        ['TKY-SRV-01', '2026-10-15', 'sweep', 'open'],
      ],
    );

    // The month with both missed runs: Tokyo 31 due, 29 ok; New York 12 due, 10 ok (a warning is not a normal end).
    const m1 = (await admin.get('/api/v1/backup-results/monthly?month=2026-10')).json();
    const byAsset = (m: { items: { asset: { assetNumber: string } }[] }, n: string) =>
      m.items.find((i) => i.asset.assetNumber === n) as Record<string, unknown>;
    assert.deepEqual(
      ['due', 'succeeded', 'failed', 'warning', 'missed'].map((k) => byAsset(m1, 'TKY-SRV-01')[k]),
      [31, 29, 2, 0, 1],
    );
    assert.deepEqual(
      ['due', 'succeeded', 'failed', 'warning', 'missed'].map((k) => byAsset(m1, 'NY-SRV-01')[k]),
      [12, 10, 2, 1, 1],
    );
    assert.deepEqual([m1.total.due, m1.total.succeeded, m1.total.failed, m1.total.missed, m1.target, m1.total.met], [43, 39, 4, 2, 0.95, false]);
    assert.equal(m1.total.rate, 39 / 43);
    // Drill-down: the runs counted as failed, the missed ones among them.
    const drill = (await admin.get('/api/v1/backup-results?month=2026-10&status=failed,warning,missed')).json();
    assert.deepEqual(
      drill.items.map((r: { asset: { assetNumber: string }; runDate: string; status: string }) => `${r.asset.assetNumber} ${r.runDate} ${r.status}`),
      ['NY-SRV-01 2026-10-28 warning', 'NY-SRV-01 2026-10-25 missed', 'TKY-SRV-01 2026-10-15 missed', 'TKY-SRV-01 2026-10-10 failed'],
    );

    // The New York report arrives late: it replaces the missed row, audited with what it replaced.
    const late = await admin.post('/api/v1/backup-results', { jobId: nyJob.id, runDate: '2026-10-25', status: 'success', generation: 'late' });
    assert.equal(late.statusCode, 201, late.body);
    assert.equal(late.json().items[0].replaced, true);
    const lateId = late.json().items[0].id;
    assert.equal(lateId, missed[0].id, 'the same row, now a success');
    const audits = await auditActions('backup-result', lateId);
    assert.deepEqual(
      audits.map((a) => a.action),
      ['backup-result.recorded', 'backup-result.late-replaced'],
    );
    assert.equal((audits[1].before as { status: string }).status, 'missed');
    const replaced = (await admin.get(`/api/v1/backup-results/${lateId}`)).json();
    assert.deepEqual([replaced.status, replaced.source, replaced.triage.status], ['success', 'api', 'resolved']);
    const m2 = (await admin.get('/api/v1/backup-results/monthly?month=2026-10')).json();
    assert.deepEqual(
      ['due', 'succeeded', 'failed', 'missed'].map((k) => byAsset(m2, 'NY-SRV-01')[k]),
      [12, 11, 1, 0],
    );
    assert.deepEqual([m2.total.succeeded, m2.total.failed, m2.total.missed], [40, 3, 1]);
    assert.equal(m2.total.rate, 40 / 43);

    // The ledger (3.1.1.p) holds the successful runs with what a restore needs.
    const ledger = (await admin.get('/api/v1/backup-ledger?month=2026-10&limit=500')).json();
    assert.equal(ledger.total, 40);
    const entry = ledger.items.find(
      (e: { runDate: string; asset: { assetNumber: string } }) => e.runDate === '2026-10-01' && e.asset.assetNumber === 'TKY-SRV-01',
    );
    assert.deepEqual(
      [entry.takenAt, entry.generation, entry.destination, entry.backupType, entry.retentionGenerations],
      ['2026-10-01T14:40:00.000Z', 'G-2026-10-01', 'NAS01:/backup/srv', 'incremental', 14],
    );
    assert.match(entry.restoreNotes, /金庫/);
    const csv = await admin.get('/api/v1/backup-ledger/export?format=csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /復旧に必要な情報/);
    assert.match(csv.body, /G-2026-10-01/);
  });

  test('a failed run gets a triage record: isolation, escalation to the vendor, resolution — audited', async () => {
    const failed = (await admin.get('/api/v1/backup-results?status=failed')).json().items[0];
    assert.equal(failed.triage.status, 'open');
    const res = await admin.patch(`/api/v1/backup-results/${failed.id}/triage`, {
      isolationNotes: 'NAS01 の空き容量不足。古い世代を手動削除しても解消せず',
      staffNotifiedAt: '2026-10-11T08:30:00+09:00',
      vendor: '保守ベンダーA',
      vendorTicketRef: 'INC-4411',
      escalatedAt: '2026-10-11T09:00:00+09:00',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().triage.vendor, res.json().triage.escalatedAt], ['保守ベンダーA', '2026-10-11T00:00:00.000Z']);
    const done = await admin.patch(`/api/v1/backup-results/${failed.id}/triage`, { status: 'resolved' });
    assert.equal(done.json().triage.status, 'resolved');
    assert.ok(done.json().triage.resolvedAt);
    const ok = (await admin.get('/api/v1/backup-results?status=success&limit=1')).json().items[0];
    assert.equal((await admin.patch(`/api/v1/backup-results/${ok.id}/triage`, { vendor: 'x' })).statusCode, 422);
    const audits = await auditActions('backup-result', failed.id);
    assert.deepEqual(
      audits.map((a) => a.action),
      ['backup-result.recorded', 'backup-triage.updated', 'backup-triage.updated'],
    );
  });

  test('restore requests (3.1.1.o): from a chosen generation, done with notes, audited', async () => {
    const gen = (await admin.get(`/api/v1/backup-ledger?jobId=${tkyJob.id}&from=2026-10-20&to=2026-10-20`)).json().items[0];
    const created = await admin.post('/api/v1/backup-restores', {
      jobId: tkyJob.id,
      resultId: gen.id,
      requestedBy: '総務課 佐藤',
      what: '\\\\fs01\\総務\\2026 予算.xlsx（誤って上書き）',
      restoreTo: '元の場所に別名で',
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const otherJob = (await admin.get(`/api/v1/backup-ledger?jobId=${nyJob.id}&limit=1`)).json().items[0];
    assert.equal((await admin.post('/api/v1/backup-restores', { jobId: tkyJob.id, resultId: otherJob.id, requestedBy: 'x', what: 'y' })).statusCode, 422);
    const done = await admin.patch(`/api/v1/backup-restores/${id}`, { status: 'done', resultNotes: '復元し、依頼者が内容を確認' });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual([done.json().status, done.json().result.generation, done.json().abilities.update], ['done', 'G-2026-10-20', false]);
    assert.ok(done.json().doneAt);
    assert.deepEqual(
      (await auditActions('backup-restore', id)).map((a) => a.action),
      ['backup-restore.created', 'backup-restore.updated'],
    );
  });

  test('a report mail matching a job rule becomes its result (even sent as automatic mail), not a ticket', async () => {
    const patched = await admin.patch(`/api/v1/backup-jobs/${tkyJob.id}`, {
      mailSender: 'veeam@',
      mailSubjectPattern: '^\\[Veeam\\].*TKY-SRV-01',
      mailSuccessKeywords: ['Success'],
      mailFailureKeywords: ['Failed', 'Error'],
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const raw = [
      'From: veeam@backup.example.jp',
      'To: helpdesk@example.jp',
      'Subject: [Veeam] Failed: TKY-SRV-01 nightly 2026-11-05',
      'Auto-Submitted: auto-generated',
      'Message-ID: <veeam-1@backup.example.jp>',
      '',
      'Error: repository NAS01 is not reachable',
      '',
    ].join('\r\n');
    const deps = { db: t.db, config: t.config, queue: t.jobs, log: () => {} };
    const res = await ingestMail(deps, Buffer.from(raw), { source: 'smtp' });
    assert.equal(res.outcome, 'backup_result');
    const rec = (await admin.get(`/api/v1/backup-results?jobId=${tkyJob.id}&from=2026-11-05&to=2026-11-05`)).json().items[0];
    assert.deepEqual([rec.status, rec.source, rec.triage.status], ['failed', 'mail', 'open']);
    const other = await ingestMail(deps, Buffer.from(raw.replace('TKY-SRV-01', 'OTHER').replace('veeam-1', 'veeam-2')), { source: 'smtp' });
    assert.equal(other.outcome, 'dropped', 'an automatic mail no rule matches is still dropped');
  });

  test('a one-site user sees only the jobs, results, rate and restores of servers at its site', async () => {
    const { client } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [tokyo.id] });
    const jobs = (await client.get('/api/v1/backup-jobs')).json();
    assert.deepEqual(
      jobs.items.map((j: { asset: { assetNumber: string } }) => j.asset.assetNumber),
      ['TKY-SRV-01'],
    );
    assert.equal((await client.get(`/api/v1/backup-jobs/${nyJob.id}`)).statusCode, 404);
    const results = (await client.get('/api/v1/backup-results?month=2026-10&limit=500')).json();
    assert.ok(results.items.every((r: { site: { id: string } }) => r.site.id === tokyo.id));
    assert.equal(results.total, 31);
    const monthly = (await client.get('/api/v1/backup-results/monthly?month=2026-10')).json();
    assert.deepEqual([monthly.items.length, monthly.total.due, monthly.total.succeeded], [1, 31, 29]);
    assert.equal((await client.post('/api/v1/backup-results', { jobId: tkyJob.id, runDate: '2026-10-01', status: 'success' })).statusCode, 403);
    const { client: nyOperator } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [newYork.id] });
    assert.equal((await nyOperator.post('/api/v1/backup-results', { jobId: tkyJob.id, runDate: '2026-10-01', status: 'success' })).statusCode, 422);
  });
});
