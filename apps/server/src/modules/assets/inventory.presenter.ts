import type { InstalledSoftwareDto } from '@unyo/contracts';
import { iso } from '../org/org.presenter.ts';
import type { assetSoftware } from './assets.table.ts';

export function presentInstalledSoftware(row: typeof assetSoftware.$inferSelect): InstalledSoftwareDto {
  return {
    name: row.name,
    version: row.version || null,
    publisher: row.publisher,
    arch: row.arch || null,
    firstSeenAt: iso(row.firstSeenAt)!,
    lastSeenAt: iso(row.lastSeenAt)!,
  };
}
