import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { findIncidentById } from './incidents.repo.ts';
import { appendEvent, createIncidentInTx } from './incidents.service.ts';

/** What monitoring (6.a–c) knows when a rule opens an incident for an alert. */
export type AlertIncidentInput = {
  title: string;
  description: string | null;
  kind: 'hardware' | 'software' | 'network' | 'phone' | 'cloud' | 'business_system';
  siteId: string | null;
  assetIds: string[];
  occurredAt: Date;
  detectedAt: Date;
  source: { type: 'monitoring'; eventId: string };
};

/** Opens an incident for a monitoring event inside the caller's transaction; the operator classifies it further. */
export async function openIncidentFromAlert(tx: Db, audit: AuditContext, input: AlertIncidentInput): Promise<{ id: string; number: string }> {
  const row = await createIncidentInTx(tx, audit, {
    title: input.title,
    description: input.description,
    kind: input.kind,
    stage: 'failure',
    impact: input.siteId ? 'site' : 'organization',
    siteIds: input.siteId ? [input.siteId] : [],
    assetIds: input.assetIds,
    occurredAt: input.occurredAt.toISOString(),
    detectedAt: new Date(Math.max(input.detectedAt.getTime(), input.occurredAt.getTime())).toISOString(),
    reportExclusions: [],
    spreadOverLan: false,
    countermeasureExclusions: [],
    majorSecurity: false,
    majorInfrastructure: false,
    relatedTicketIds: [],
    source: 'monitoring',
    sourceRef: input.source.eventId,
  });
  return { id: row.id, number: row.number };
}

/**
 * Records on the incident that monitoring saw the recovery. It does not set the `recovered` milestone: the
 * operator confirms the recovery (a resolved alert is a symptom gone, not necessarily the service back).
 */
export async function noteAlertResolved(tx: Db, audit: AuditContext, incidentId: string, at: Date): Promise<void> {
  const row = await findIncidentById(tx, incidentId, null);
  if (!row || row.status === 'closed') return;
  await appendEvent(tx, incidentId, audit.actor, 'monitoring_resolved', at);
  await writeAudit(tx, audit, {
    action: 'incident.monitoring_resolved',
    entityType: 'incident',
    entityId: incidentId,
    siteId: row.siteIds[0] ?? null,
    after: { at },
  });
}
