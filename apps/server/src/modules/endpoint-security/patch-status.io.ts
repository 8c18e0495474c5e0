import { type PatchStatusExportQuery, PatchStatusImportInput, patchInstallStates } from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import { defineLedgerIo, type Value } from '../../platform/files/ledger-io.ts';
import { assetMatchSql, deviceKeyOf } from './device-keys.ts';
import { patchStatusImports } from './endpoint-security.table.ts';
import { findPatchStatus } from './patch-status.repo.ts';

/** KB5034441, kb 5034441 and 5034441 are one update; other update ids (GUIDs, product updates) keep their text. */
export function kbKeyOf(text: string): string {
  const s = text.normalize('NFKC').trim().toUpperCase();
  if (/^KB\s*\d+$/.test(s)) return s.replace(/\s+/g, '');
  if (/^\d{6,8}$/.test(s)) return `KB${s}`;
  return s;
}

const BATCH = 2000;

/**
 * A WSUS / Intune update-status export (3.3.1.k): one row per device × update. Each import is kept as a whole;
 * the newest import that has a device × update pair gives that pair's state.
 */
export const patchStatusIo = defineLedgerIo<PatchStatusExportQuery>({
  name: 'patch-status',
  entity: 'patch-status-import',
  label: { ja: 'パッチ適用状況', en: 'Patch application status' },
  naturalKey: 'computerName',
  keyOf: (v) => (typeof v.computerName === 'string' ? `${deviceKeyOf(v.computerName)}|${typeof v.kb === 'string' ? kbKeyOf(v.kb) : ''}` : null),
  schema: PatchStatusImportInput,
  columns: [
    {
      key: 'computerName',
      ja: 'コンピュータ名',
      en: 'Computer name',
      aliases: ['コンピューター名', 'ホスト名', 'デバイス名', 'Device name', 'DeviceName', 'Computer', 'FullDomainName', 'Full domain name'],
      type: 'text',
      required: true,
      width: 24,
    },
    {
      key: 'kb',
      ja: '更新プログラムID',
      en: 'Update ID',
      aliases: ['KB', 'KB番号', 'KB Article', 'KBArticle', 'KB article ID', 'UpdateId', '更新プログラム番号'],
      type: 'text',
      required: true,
      width: 14,
    },
    { key: 'title', ja: 'タイトル', en: 'Title', aliases: ['更新プログラム名', 'Update title', 'UpdateTitle', 'Update name'], type: 'text', width: 40 },
    { key: 'classification', ja: '分類', en: 'Classification', aliases: ['UpdateClassification', 'Update classification'], type: 'text', width: 16 },
    { key: 'approval', ja: '承認', en: 'Approval', aliases: ['承認状態', 'ApprovalAction', 'Approval action'], type: 'text', width: 12 },
    {
      key: 'state',
      ja: 'インストール状態',
      en: 'Install state',
      aliases: ['状態', 'UpdateInstallationState', 'Installation state', 'Status', 'State'],
      type: 'enum',
      choices: patchInstallStates.items,
      required: true,
      width: 14,
    },
    {
      key: 'lastStatusOn',
      ja: '最終状態報告日時',
      en: 'Last status time',
      aliases: ['最終状態レポート', '最終報告日時', 'LastStatusTime', 'Last status report', 'Last sync'],
      type: 'date',
      width: 12,
    },
  ],

  loadExisting: async () => new Map(),

  siteOf: () => null,

  write: { table: 'patch_statuses', key: 'device_key', columns: { computer_name: ['text', 'computerName'], kb: ['text', 'kb'], state: ['text', 'state'] } },

  async writeRows(db, rows, audit) {
    const [imp] = await db.insert(patchStatusImports).values({ importedById: audit.actor.userId }).returning({ id: patchStatusImports.id });
    const records = rows.map(({ output }) => {
      const i = output as PatchStatusImportInput;
      return {
        computer_name: i.computerName,
        device_key: deviceKeyOf(i.computerName),
        kb: kbKeyOf(i.kb),
        title: i.title ?? null,
        classification: i.classification ?? null,
        approval: i.approval ?? null,
        state: i.state,
        last_status_on: i.lastStatusOn ?? null,
      };
    });
    for (let start = 0; start < records.length; start += BATCH) {
      const batch = records.slice(start, start + BATCH);
      const keys = JSON.stringify([...new Set(batch.map((b) => b.device_key))]);
      await db.execute(sql`insert into patch_statuses (import_id, computer_name, device_key, asset_id, kb, title, classification, approval, state, last_status_on)
          select ${imp.id}, r.computer_name, r.device_key, m.id, r.kb, r.title, r.classification, r.approval, r.state, r.last_status_on
          from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(computer_name text, device_key text, kb text, title text, classification text,
            approval text, state text, last_status_on date)
          left join (${assetMatchSql(keys)}) m on m.k = r.device_key`);
    }
    await db.execute(sql`insert into patch_status_current (device_key, kb, status_id)
        select device_key, kb, id from patch_statuses where import_id = ${imp.id}
        on conflict (device_key, kb) do update set status_id = excluded.status_id`);
  },

  async exportPage(db, query, actor, cursor, limit) {
    const offset = cursor ? Number(cursor) : 0;
    const page = await findPatchStatus(db, { siteId: query.siteId, kb: query.kb, limit, offset, all: true }, actor);
    const rows: Record<string, Value>[] = page.items.map((s) => ({
      computerName: s.computerName,
      kb: s.kb,
      title: s.title,
      classification: s.classification,
      approval: s.approval,
      state: s.state,
      lastStatusOn: s.lastStatusOn,
    }));
    return { rows, next: offset + limit < page.total ? String(offset + limit) : null };
  },
});
