// apps/server/src/modules/incidents/incidents.intake.ts — placeholder; replaced by the incidents module at merge.
import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
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
/** Opens an incident for a monitoring event inside the caller's transaction. */
export async function openIncidentFromAlert(_tx: Db, _audit: AuditContext, _input: AlertIncidentInput): Promise<{ id: string; number: string }> {
  throw new Error('incidents module not merged yet');
}
/** Records on the incident that monitoring saw the recovery (the operator confirms the recovery milestone). */
export async function noteAlertResolved(_tx: Db, _audit: AuditContext, _incidentId: string, _at: Date): Promise<void> {}
