import { SoftwareDistributionExportQuery, SoftwareInstallationExportQuery, SoftwareLicenseExportQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { distributionsIo } from './distributions.io.ts';
import { installationsIo } from './installations.io.ts';
import { licensesIo } from './licenses.io.ts';

/** Import/export of the software ledgers through the ledger kit (preview, dry run, all-or-nothing, streamed export). */
export async function softwareIoRoutes(app: FastifyInstance) {
  const tags = ['software'];
  await app.register(
    ledgerIoRoutes({
      io: licensesIo,
      guards: { import: 'software-license.import', export: 'software-license.export' },
      exportQuery: SoftwareLicenseExportQuery,
      tags,
    }),
  );
  await app.register(
    ledgerIoRoutes({
      io: installationsIo,
      guards: { import: 'software-installation.import', export: 'software-installation.export' },
      exportQuery: SoftwareInstallationExportQuery,
      tags,
    }),
  );
  await app.register(
    ledgerIoRoutes({
      io: distributionsIo,
      guards: { import: 'software-distribution.import', export: 'software-distribution.export' },
      exportQuery: SoftwareDistributionExportQuery,
      tags,
    }),
  );
}
