import type { AlertIncidentInput } from '../incidents/incidents.intake.ts';
import type { IncidentPort } from './intake.service.ts';

/** A recording stand-in for the incidents module (the end-to-end test comes with it at merge). */
export function recordingIncidents() {
  const opened: AlertIncidentInput[] = [];
  const resolved: { incidentId: string; at: Date }[] = [];
  const ids: string[] = [];
  let n = 0;
  const port: IncidentPort = {
    openIncidentFromAlert: async (_tx, _audit, input) => {
      opened.push(input);
      n++;
      ids.push(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);
      return { id: ids[ids.length - 1], number: `INC-${n}` };
    },
    noteAlertResolved: async (_tx, _audit, incidentId, at) => {
      resolved.push({ incidentId, at });
    },
  };
  return { port, opened, resolved, ids };
}

export const amAlert = (labels: Record<string, string>, over: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels,
  annotations: { summary: `${labels.alertname} on ${labels.instance}` },
  startsAt: '2026-11-27T01:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.local/graph',
  fingerprint: Object.values(labels).join('|'),
  ...over,
});

export const amBody = (alerts: ReturnType<typeof amAlert>[], status = 'firing') => ({
  version: '4',
  receiver: 'unyo',
  status,
  groupKey: '{}:{}',
  externalURL: 'http://alertmanager.local',
  alerts,
});
