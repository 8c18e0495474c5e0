import { type AlertIncidentInput, noteAlertResolved, openIncidentFromAlert } from '../incidents/incidents.intake.ts';
import type { IncidentPort } from './intake.service.ts';

/** The real incidents port, recording what monitoring asked of it (the incidents are real rows). */
export function recordingIncidents() {
  const opened: AlertIncidentInput[] = [];
  const resolved: { incidentId: string; at: Date }[] = [];
  const ids: string[] = [];
  const port: IncidentPort = {
    openIncidentFromAlert: async (tx, audit, input) => {
      opened.push(input);
      const out = await openIncidentFromAlert(tx, audit, input);
      ids.push(out.id);
      return out;
    },
    noteAlertResolved: async (tx, audit, incidentId, at) => {
      resolved.push({ incidentId, at });
      await noteAlertResolved(tx, audit, incidentId, at);
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
