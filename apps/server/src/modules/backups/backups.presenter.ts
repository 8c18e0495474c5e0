import type { BackupJobDto, BackupResultDto, BackupTriageDto, RestoreRequestDto } from '@unyo/contracts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import type { JobWithRefs, RestoreWithRefs, ResultWithRefs } from './backups.repo.ts';

export const backupJobPolicy: Policy<JobWithRefs> = {
  update: (a) => can(a, 'backup.manage'),
  recordResult: (a, j) => can(a, 'backup.manage') && j.active,
};
export const restorePolicy: Policy<RestoreWithRefs> = {
  update: (a, r) => can(a, 'backup.manage') && r.status !== 'done' && r.status !== 'cancelled',
};

export function presentBackupJob(row: JobWithRefs, actor: Actor): BackupJobDto {
  return {
    id: row.id,
    asset: row.asset,
    site: { ...presentSiteRef(row.site), timeZone: row.site.timeZone },
    name: row.name,
    software: row.software,
    backupType: row.backupType as BackupJobDto['backupType'],
    schedule: row.schedule as BackupJobDto['schedule'],
    weekdays: row.weekdays,
    monthDay: row.monthDay,
    dueTime: row.dueTime,
    dueDayOffset: row.dueDayOffset,
    retentionGenerations: row.retentionGenerations,
    destination: row.destination,
    restoreNotes: row.restoreNotes,
    startsOn: row.startsOn,
    reviewedOn: row.reviewedOn,
    active: row.active,
    mailSender: row.mailSender,
    mailSubjectPattern: row.mailSubjectPattern,
    mailSuccessKeywords: row.mailSuccessKeywords,
    mailFailureKeywords: row.mailFailureKeywords,
    note: row.note,
    version: row.version,
    abilities: abilitiesOf(backupJobPolicy, actor, row),
  };
}

const presentTriage = (t: NonNullable<ResultWithRefs['triage']>): BackupTriageDto => ({
  id: t.id,
  status: t.status as BackupTriageDto['status'],
  isolationNotes: t.isolationNotes,
  staffNotifiedAt: iso(t.staffNotifiedAt),
  vendor: t.vendor,
  vendorTicketRef: t.vendorTicketRef,
  escalatedAt: iso(t.escalatedAt),
  resolvedAt: iso(t.resolvedAt),
  version: t.version,
});

export function presentBackupResult(row: ResultWithRefs): BackupResultDto {
  return {
    id: row.id,
    job: { id: row.job.id, name: row.job.name },
    asset: row.asset,
    site: presentSiteRef(row.site),
    runDate: row.runDate,
    status: row.status as BackupResultDto['status'],
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    generation: row.generation,
    message: row.message,
    source: row.source as BackupResultDto['source'],
    recordedAt: iso(row.recordedAt)!,
    triage: row.triage ? presentTriage(row.triage) : null,
  };
}

/** A ledger entry (3.1.1.p): target, when taken, generation and what a restore needs. */
export const presentLedgerEntry = (row: ResultWithRefs) => ({
  id: row.id,
  job: { id: row.job.id, name: row.job.name },
  asset: row.asset,
  site: presentSiteRef(row.site),
  runDate: row.runDate,
  takenAt: iso(row.endedAt ?? row.startedAt),
  backupType: row.job.backupType as BackupJobDto['backupType'],
  generation: row.generation,
  sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
  destination: row.job.destination,
  retentionGenerations: row.job.retentionGenerations,
  restoreNotes: row.job.restoreNotes,
});

export function presentRestore(row: RestoreWithRefs, actor: Actor): RestoreRequestDto {
  return {
    id: row.id,
    job: row.job,
    asset: row.asset,
    site: presentSiteRef(row.site),
    result: row.result,
    requestedBy: row.requestedBy,
    requestedAt: iso(row.requestedAt)!,
    what: row.what,
    restoreTo: row.restoreTo,
    status: row.status as RestoreRequestDto['status'],
    doneAt: iso(row.doneAt),
    resultNotes: row.resultNotes,
    note: row.note,
    version: row.version,
    abilities: abilitiesOf(restorePolicy, actor, row),
  };
}
