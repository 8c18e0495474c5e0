import { IncidentExportQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { incidentsIo } from './incidents.io.ts';

/** Import (dry run / commit / preview) of past incidents and export of the incident ledger: /incidents/import, /incidents/export. */
export async function incidentIoRoutes(app: FastifyInstance) {
  await app.register(
    ledgerIoRoutes({
      io: incidentsIo,
      guards: { import: 'incident.import', export: 'incident.export' },
      exportQuery: IncidentExportQuery,
      tags: ['incidents'],
    }),
  );
}
