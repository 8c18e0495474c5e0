import { type AntivirusExportQuery, AntivirusStatusImportInput } from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { defineLedgerIo, type Value } from '../../platform/files/ledger-io.ts';
import { findAntivirusStatus } from './antivirus.repo.ts';
import { assetMatchSql, compareVersions, deviceKeyOf } from './device-keys.ts';
import { loadEndpointSecuritySettings } from './endpoint-security.settings.ts';
import { antivirusSnapshots } from './endpoint-security.table.ts';

type Row = AntivirusStatusImportInput;

/** Per row, how many distinct definition versions of the same product in the file are newer. */
export function versionsBehindOf(rows: Row[]): number[] {
  const byProduct = new Map<string, string[]>();
  for (const r of rows) {
    const p = r.product ?? '';
    const list = byProduct.get(p) ?? [];
    if (!list.includes(r.definitionVersion)) list.push(r.definitionVersion);
    byProduct.set(p, list);
  }
  for (const list of byProduct.values()) list.sort(compareVersions);
  return rows.map((r) => {
    const list = byProduct.get(r.product ?? '')!;
    return list.length - 1 - list.indexOf(r.definitionVersion);
  });
}

function mostCommon(values: (string | null | undefined)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

const BATCH = 2000;

/**
 * The AV console's export (3.1.1.u, 3.3.1.l): headings of Trend Micro Apex One (Japanese UI) and Microsoft Defender
 * exports are accepted as they are; other consoles map their headings once (the kit saves the mapping). Every
 * import is a new snapshot — nothing is updated — so all rows are new and the computer name only has to be unique
 * within the file.
 */
export const antivirusIo = defineLedgerIo<AntivirusExportQuery>({
  name: 'antivirus',
  entity: 'antivirus-snapshot',
  label: { ja: 'ウイルス定義更新状況', en: 'Antivirus definition status' },
  naturalKey: 'computerName',
  keyOf: (v) => (typeof v.computerName === 'string' ? deviceKeyOf(v.computerName) : null),
  schema: AntivirusStatusImportInput,
  columns: [
    {
      key: 'computerName',
      ja: 'コンピュータ名',
      en: 'Computer name',
      aliases: ['エンドポイント', 'エンドポイント名', 'ホスト名', 'コンピューター名', 'Endpoint', 'Device name', 'DeviceName', 'Hostname', 'Machine name'],
      type: 'text',
      required: true,
      width: 24,
    },
    { key: 'ipAddress', ja: 'IPアドレス', en: 'IP address', aliases: ['IP', 'IPv4アドレス', 'Last IP address'], type: 'text', width: 16 },
    {
      key: 'definitionVersion',
      ja: 'パターンファイルのバージョン',
      en: 'Definition version',
      aliases: [
        'ウイルスパターンファイル',
        'パターンファイル',
        'ウイルスパターン',
        '定義バージョン',
        'Security intelligence version',
        'Antivirus signature version',
        'Signature version',
        'Pattern version',
      ],
      type: 'text',
      required: true,
      width: 18,
    },
    {
      key: 'definitionDate',
      ja: 'パターンファイルの日付',
      en: 'Definition date',
      aliases: [
        'パターンファイル更新日',
        '定義日付',
        'パターン日付',
        'Security intelligence date',
        'Signature date',
        'Antivirus signature date',
        'Pattern date',
      ],
      type: 'date',
      width: 12,
    },
    {
      key: 'engineVersion',
      ja: '検索エンジンのバージョン',
      en: 'Engine version',
      aliases: ['ウイルス検索エンジン', '検索エンジン', 'エンジンバージョン', 'Antivirus engine version', 'Engine'],
      type: 'text',
      width: 16,
    },
    {
      key: 'lastUpdatedOn',
      ja: '最終アップデート日時',
      en: 'Last update',
      aliases: ['最終更新日時', '最終アップデート', 'Last updated', 'Last update time', 'Last seen'],
      type: 'date',
      width: 12,
    },
    {
      key: 'product',
      ja: '製品',
      en: 'Product',
      aliases: ['製品名', 'セキュリティエージェント', 'Antivirus product', 'Product name'],
      type: 'text',
      width: 24,
    },
  ],

  // Snapshots are never updated: no stored row has a file's key.
  loadExisting: async () => new Map(),

  siteOf: () => null,

  write: {
    table: 'antivirus_statuses',
    key: 'device_key',
    columns: { computer_name: ['text', 'computerName'], definition_version: ['text', 'definitionVersion'] },
  },

  async writeRows(db, rows, audit) {
    const inputs = rows.map((r) => r.output as Row);
    const [snapshot] = await db
      .insert(antivirusSnapshots)
      .values({ sourceName: mostCommon(inputs.map((i) => i.product)), importedById: audit.actor.userId })
      .returning({ id: antivirusSnapshots.id });
    const behind = versionsBehindOf(inputs);
    const records = inputs.map((i, n) => ({
      computer_name: i.computerName,
      device_key: deviceKeyOf(i.computerName),
      ip_address: i.ipAddress ?? null,
      product: i.product ?? null,
      definition_version: i.definitionVersion,
      definition_date: i.definitionDate ?? null,
      engine_version: i.engineVersion ?? null,
      last_updated_on: i.lastUpdatedOn ?? null,
      versions_behind: behind[n],
    }));
    for (let start = 0; start < records.length; start += BATCH) {
      const batch = records.slice(start, start + BATCH);
      const json = JSON.stringify(batch);
      const keys = JSON.stringify(batch.map((b) => b.device_key));
      await db.execute(sql`insert into antivirus_statuses (snapshot_id, computer_name, device_key, asset_id, ip_address, product, definition_version,
            definition_date, engine_version, last_updated_on, versions_behind)
          select ${snapshot.id}, r.computer_name, r.device_key, m.id, r.ip_address, r.product, r.definition_version, r.definition_date,
            r.engine_version, r.last_updated_on, r.versions_behind
          from jsonb_to_recordset(${json}::jsonb) as r(computer_name text, device_key text, ip_address text, product text, definition_version text,
            definition_date date, engine_version text, last_updated_on date, versions_behind integer)
          left join (${assetMatchSql(keys)}) m on m.k = r.device_key`);
    }
    // Every import is newer than the ones before it: its rows become their devices' current status.
    await db.execute(sql`insert into antivirus_current (device_key, status_id)
        select device_key, id from antivirus_statuses where snapshot_id = ${snapshot.id}
        on conflict (device_key) do update set status_id = excluded.status_id`);
  },

  async exportPage(db: Db, query, actor, cursor, limit) {
    const settings = await loadEndpointSecuritySettings(db);
    const offset = cursor ? Number(cursor) : 0;
    const page = await findAntivirusStatus(db, { siteId: query.siteId, outdated: query.outdated, limit, offset }, actor, settings, 'Asia/Tokyo');
    const rows: Record<string, Value>[] = page.items.map((s) => ({
      computerName: s.computerName,
      ipAddress: s.ipAddress,
      definitionVersion: s.definitionVersion,
      definitionDate: s.definitionDate,
      engineVersion: s.engineVersion,
      lastUpdatedOn: s.lastUpdatedOn,
      product: s.product,
    }));
    return { rows, next: offset + limit < page.total ? String(offset + limit) : null };
  },
});
