import { DepartmentExportQuery, PersonExportQuery, SiteExportQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { departmentsIo } from './departments.io.ts';
import { peopleIo } from './people.io.ts';
import { sitesIo } from './sites.io.ts';

/** Import (dry run / commit / preview), export and saved mapping routes of the org ledgers. */
export async function orgIoRoutes(app: FastifyInstance) {
  const tags = ['org'];
  await app.register(ledgerIoRoutes({ io: sitesIo, guards: { import: 'site.import', export: 'site.export' }, exportQuery: SiteExportQuery, tags }));
  await app.register(
    ledgerIoRoutes({ io: departmentsIo, guards: { import: 'department.import', export: 'department.export' }, exportQuery: DepartmentExportQuery, tags }),
  );
  await app.register(ledgerIoRoutes({ io: peopleIo, guards: { import: 'person.import', export: 'person.export' }, exportQuery: PersonExportQuery, tags }));
}
