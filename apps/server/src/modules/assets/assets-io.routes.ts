import { HardwareAssetExportQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import { ledgerIoRoutes } from '../../platform/files/ledger-io.routes.ts';
import { hardwareAssetsIo } from './assets.io.ts';

/** Import (dry run / commit / preview), export and saved mapping of the hardware ledger: /hardware-assets/import, /export. */
export async function assetIoRoutes(app: FastifyInstance) {
  await app.register(
    ledgerIoRoutes({
      io: hardwareAssetsIo,
      guards: { import: 'asset.import', export: 'asset.export' },
      exportQuery: HardwareAssetExportQuery,
      tags: ['assets'],
    }),
  );
}
