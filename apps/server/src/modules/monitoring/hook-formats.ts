import { createHash } from 'node:crypto';
import type { AlertmanagerWebhook, GenericWebhook, MonitoringSeverity, MonitoringSource, ZabbixWebhook } from '@unyo/contracts';
import { invalidField } from '../../platform/http/errors.ts';

/** One alert notification, whatever tool sent it. */
export type NormalizedAlert = {
  source: MonitoringSource;
  fingerprint: string;
  status: 'firing' | 'resolved';
  severity: MonitoringSeverity;
  title: string;
  description: string | null;
  labels: Record<string, string>;
  /** When the tool saw it start (firing) or end (resolved). */
  at: Date;
  generatorUrl: string | null;
};

const amSeverities: Record<string, MonitoringSeverity> = {
  critical: 'critical',
  page: 'critical',
  disaster: 'critical',
  emergency: 'critical',
  error: 'major',
  major: 'major',
  high: 'major',
  minor: 'minor',
  average: 'minor',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  information: 'info',
  none: 'info',
};

/** Zabbix 0 Not classified, 1 Information, 2 Warning, 3 Average, 4 High, 5 Disaster (numbers or English names). */
const zabbixSeverities: MonitoringSeverity[] = ['info', 'info', 'warning', 'minor', 'major', 'critical'];
const zabbixNames: Record<string, number> = { 'not classified': 0, information: 1, warning: 2, average: 3, high: 4, disaster: 5 };

export function zabbixSeverity(v: string | number): MonitoringSeverity {
  const n = typeof v === 'number' ? v : /^\d$/.test(v) ? Number(v) : (zabbixNames[v.trim().toLowerCase()] ?? 2);
  return zabbixSeverities[Math.min(Math.max(n, 0), 5)];
}

/** Alertmanager's own fingerprint when sent; else a stable hash of the label set. */
function labelFingerprint(labels: Record<string, string>): string {
  const canonical = JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** Alertmanager sends endsAt 0001-01-01 for alerts without an end; such a time means "not given". */
const realTime = (s: string | undefined): Date | null => {
  if (!s) return null;
  const d = new Date(s);
  return d.getUTCFullYear() < 2000 ? null : d;
};

export function fromAlertmanager(body: AlertmanagerWebhook, now: Date): NormalizedAlert[] {
  return body.alerts.map((a) => ({
    source: 'alertmanager',
    fingerprint: a.fingerprint ?? labelFingerprint(a.labels),
    status: a.status,
    severity: amSeverities[(a.labels.severity ?? 'warning').toLowerCase()] ?? 'warning',
    title: a.annotations.summary ?? a.labels.alertname ?? 'alert',
    description: a.annotations.description ?? null,
    labels: a.labels,
    at: (a.status === 'resolved' ? realTime(a.endsAt) : realTime(a.startsAt)) ?? now,
    generatorUrl: a.generatorURL || null,
  }));
}

/** `2026.11.27 10:15:00` (Zabbix {EVENT.DATE} {EVENT.TIME}) in the given offset, or ISO 8601 with an offset. */
export function zabbixTime(eventTime: string, timezone: string | undefined): Date {
  const m = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(eventTime);
  const d = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${timezone ?? '+09:00'}`) : new Date(eventTime);
  if (Number.isNaN(d.getTime()) || (!m && !/(Z|[+-]\d{2}:?\d{2})$/.test(eventTime))) throw invalidField('eventTime', 'error.invalid');
  return d;
}

export function fromZabbix(body: ZabbixWebhook): NormalizedAlert[] {
  return [
    {
      source: 'zabbix',
      // Recovery messages carry the problem's {EVENT.ID}, so problem and recovery meet on it.
      fingerprint: body.eventId,
      status: body.eventValue,
      severity: zabbixSeverity(body.severity),
      title: body.trigger,
      description: body.message ?? null,
      labels: { ...(body.tags ?? {}), host: body.host, trigger: body.trigger },
      at: zabbixTime(body.eventTime, body.timezone),
      generatorUrl: body.url ?? null,
    },
  ];
}

export function fromGeneric(body: GenericWebhook, now: Date): NormalizedAlert[] {
  return [
    {
      source: 'generic',
      fingerprint: `${body.source}:${body.key}`,
      status: body.status,
      severity: body.severity,
      title: body.title,
      description: body.description ?? null,
      labels: { ...body.labels, source: body.source, ...(body.target ? { target: body.target } : {}) },
      at: body.at ? new Date(body.at) : now,
      generatorUrl: null,
    },
  ];
}
