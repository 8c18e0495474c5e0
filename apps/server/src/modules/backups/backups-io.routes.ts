import { BackupLedgerExportQuery, BackupResultExportQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { streamExport } from '../../platform/files/ledger-export.ts';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { ctxOf } from '../../platform/http/context.ts';
import { backupLedgerIo, backupResultsIo } from './backups.io.ts';

/** Results import/export through the ledger kit; the backup ledger (3.1.1.p) is export only. */
export async function backupIoRoutes(app: FastifyInstance) {
  const tags = ['backups'];
  await app.register(
    ledgerIoRoutes({ io: backupResultsIo, guards: { import: 'backup.import', export: 'backup.export' }, exportQuery: BackupResultExportQuery, tags }),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/backup-ledger/export',
    { schema: { tags, querystring: BackupLedgerExportQuery }, config: { guard: 'backup.export', scope: 'site' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const file = streamExport(backupLedgerIo, ctx.db, ctx.actor, req.query);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(file.stream);
    },
  );
}
