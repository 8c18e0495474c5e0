import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
import { type InboundBackupMail, matchBackupMail } from './backups.mail-rule.ts';
import { findMailRuleJobs } from './backups.repo.ts';
import { writeResult } from './backups.service.ts';

/**
 * Files an inbound mail as a backup result when a job's mail rule matches it (called by the service-desk mail
 * pipeline before a ticket would be made). Null when no rule matches: the mail goes on to the service desk.
 */
export async function recordBackupMail(tx: Db, audit: AuditContext, mail: InboundBackupMail): Promise<{ resultId: string; jobName: string } | null> {
  const jobs = await findMailRuleJobs(tx);
  if (!jobs.length) return null;
  const verdict = matchBackupMail(
    mail,
    jobs.map((j) => ({ ...j, jobId: j.id, timeZone: j.site.timeZone })),
  );
  if (!verdict) return null;
  const job = jobs.find((j) => j.id === verdict.jobId)!;
  const { id } = await writeResult(tx, audit, { id: job.id, siteId: job.site.id }, { ...verdict, source: 'mail' });
  return { resultId: id, jobName: job.name };
}
