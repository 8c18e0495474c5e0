import { dateOfDayNumber, localDateTimeOf, localDayNumberOf } from '../../platform/calendar/zoned-time.ts';

/** A job's mail rule: which mails report on it and which words mean success or failure. */
export type MailRule = {
  jobId: string;
  mailSender: string | null;
  mailSubjectPattern: string | null;
  mailSuccessKeywords: string[];
  mailFailureKeywords: string[];
  dueTime: string;
  dueDayOffset: number;
  timeZone: string;
};

export type InboundBackupMail = { from: string; subject: string; body: string; receivedAt: Date };

export type MailVerdict = { jobId: string; runDate: string; status: 'success' | 'failed' | 'warning'; message: string };

const norm = (s: string) => s.normalize('NFKC').toLowerCase();

/** Compiles a stored subject pattern; an invalid one matches nothing (it was checked when saved). */
export function subjectRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'iu');
  } catch {
    return null;
  }
}

/**
 * Reads a backup-software report mail against the jobs' rules. The first rule whose sender (when set) and subject
 * pattern match decides; failure keywords win over success keywords (a "0 succeeded, 1 failed" summary is a
 * failure); with neither, the mail is a warning so that someone looks at it. The run date is the date in the
 * subject or body (YYYY-MM-DD or YYYY/MM/DD), else the receiving day in the site's zone — the day before when a job
 * due the next morning reports after midnight but before its due time.
 */
export function matchBackupMail(mail: InboundBackupMail, rules: MailRule[]): MailVerdict | null {
  const from = norm(mail.from);
  for (const rule of rules) {
    if (!rule.mailSubjectPattern) continue;
    if (rule.mailSender && !from.includes(norm(rule.mailSender))) continue;
    const re = subjectRegex(rule.mailSubjectPattern);
    if (!re?.test(mail.subject)) continue;
    const text = norm(`${mail.subject}\n${mail.body}`);
    const has = (words: string[]) => words.some((w) => text.includes(norm(w)));
    const status = has(rule.mailFailureKeywords) ? 'failed' : has(rule.mailSuccessKeywords) ? 'success' : 'warning';
    return { jobId: rule.jobId, runDate: runDateOf(mail, rule), status, message: mail.subject.slice(0, 4000) };
  }
  return null;
}

function runDateOf(mail: InboundBackupMail, rule: MailRule): string {
  const m = /(20\d{2})[-/](\d{1,2})[-/](\d{1,2})/.exec(`${mail.subject}\n${mail.body}`);
  if (m) {
    const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    if (!Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return date;
  }
  const at = mail.receivedAt.getTime();
  const day = localDayNumberOf(at, rule.timeZone);
  const l = localDateTimeOf(at, rule.timeZone);
  const [dh, dm] = rule.dueTime.split(':').map(Number);
  const beforeDue = l.hour * 60 + l.minute < dh * 60 + dm;
  return dateOfDayNumber(rule.dueDayOffset > 0 && beforeDue ? day - 1 : day);
}
