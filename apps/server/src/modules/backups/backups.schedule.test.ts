import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type MailRule, matchBackupMail } from './backups.mail-rule.ts';
import { deadlineOf, overdueRunDates, runDatesBetween } from './backups.schedule.ts';

const base = { weekdays: [], monthDay: null, dueTime: '07:00', dueDayOffset: 1, startsOn: '2026-01-01' };

describe('backup schedule: due runs and deadlines in the site zone', () => {
  test('weekdays, weekly and monthly (the 31st falls on the last day of shorter months)', () => {
    assert.deepEqual(runDatesBetween({ ...base, schedule: 'weekdays' }, '2026-11-06', '2026-11-10'), ['2026-11-06', '2026-11-09', '2026-11-10']);
    assert.deepEqual(runDatesBetween({ ...base, schedule: 'weekly', weekdays: [3, 6] }, '2026-11-01', '2026-11-08'), ['2026-11-04', '2026-11-07']);
    assert.deepEqual(runDatesBetween({ ...base, schedule: 'monthly', monthDay: 31 }, '2026-01-01', '2026-04-30'), [
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    assert.deepEqual(runDatesBetween({ ...base, schedule: 'daily', startsOn: '2026-11-29' }, '2026-11-27', '2026-11-30'), ['2026-11-29', '2026-11-30']);
  });

  test('deadlines follow the zone, across the New York fall-back night', () => {
    const daily = { ...base, schedule: 'daily', dueTime: '06:00' };
    assert.equal(deadlineOf(daily, '2026-10-30', 'America/New_York').toISOString(), '2026-10-31T10:00:00.000Z');
    assert.equal(deadlineOf(daily, '2026-10-31', 'America/New_York').toISOString(), '2026-11-01T11:00:00.000Z');
    assert.equal(deadlineOf({ ...base, schedule: 'daily' }, '2026-10-31', 'Asia/Tokyo').toISOString(), '2026-10-31T22:00:00.000Z');
    assert.deepEqual(overdueRunDates(daily, 'America/New_York', new Date('2026-11-01T10:59:00Z'), 3), ['2026-10-29', '2026-10-30']);
    assert.deepEqual(overdueRunDates(daily, 'America/New_York', new Date('2026-11-01T11:00:00Z'), 3), ['2026-10-29', '2026-10-30', '2026-10-31']);
  });
});

describe('backup mail rule', () => {
  const rule: MailRule = {
    jobId: 'job-1',
    mailSender: 'veeam@',
    mailSubjectPattern: '^\\[Veeam\\] .*FS-01',
    mailSuccessKeywords: ['Success', '成功'],
    mailFailureKeywords: ['Failed', 'Error', '失敗'],
    dueTime: '07:00',
    dueDayOffset: 1,
    timeZone: 'Asia/Tokyo',
  };
  const mail = (subject: string, body = '', from = 'veeam@backup.local', receivedAt = '2026-11-03T16:00:00Z') => ({
    from,
    subject,
    body,
    receivedAt: new Date(receivedAt),
  });

  test('subject pattern and sender pick the job; failure words win; the date in the mail is the run date', () => {
    assert.deepEqual(matchBackupMail(mail('[Veeam] Success: Job FS-01 daily (2026/11/2)'), [rule]), {
      jobId: 'job-1',
      runDate: '2026-11-02',
      status: 'success',
      message: '[Veeam] Success: Job FS-01 daily (2026/11/2)',
    });
    assert.equal(matchBackupMail(mail('[Veeam] Job FS-01 finished', '1 Success, 1 Failed'), [rule])?.status, 'failed');
    assert.equal(matchBackupMail(mail('[Veeam] Job FS-01 finished', 'see attachment'), [rule])?.status, 'warning');
    assert.equal(matchBackupMail(mail('[Veeam] Success: Job FS-01', '', 'someone@else'), [rule]), null);
    assert.equal(matchBackupMail(mail('Re: lunch'), [rule]), null);
  });

  test('without a date, a report after midnight but before the due time belongs to the previous day', () => {
    // 01:00 JST on 4 Nov: the night run of 3 Nov.
    assert.equal(matchBackupMail(mail('[Veeam] Success: FS-01'), [rule])?.runDate, '2026-11-03');
    // 23:30 JST on 3 Nov: the run of 3 Nov.
    assert.equal(matchBackupMail(mail('[Veeam] Success: FS-01', '', 'veeam@backup.local', '2026-11-03T14:30:00Z'), [rule])?.runDate, '2026-11-03');
  });
});
