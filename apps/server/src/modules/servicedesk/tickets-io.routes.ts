import { TicketExportQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { ticketsIo } from './tickets.io.ts';

/** Import (dry run / commit / preview) of the previous contractor's inquiry ledger and export: /tickets/import, /tickets/export. */
export async function ticketIoRoutes(app: FastifyInstance) {
  await app.register(
    ledgerIoRoutes({
      io: ticketsIo,
      guards: { import: 'ticket.import', export: 'ticket.export' },
      exportQuery: TicketExportQuery,
      tags: ['servicedesk'],
    }),
  );
}
