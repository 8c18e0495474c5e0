import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { demoSystemTitles, seedDemoBusinessSystems } from './business-systems.demo.ts';
import { type HistoryTimes, insertIncidentHistory } from './incidents.io.ts';

/**
 * A year of demo incidents (issue #7 item 9): about ten a month over the twelve months before `until`, every kind,
 * sites from the demo agency, servers as affected assets, secondary escalations (some over night and weekends),
 * exclusions, a reopened recovery, one major security and one major infrastructure failure, and a few still open.
 * Written through the same timeline synthesis as the import, so clocks and monthly metrics compute like live ones.
 * Deterministic (a fixed pseudo-random sequence).
 */

const titles: Record<string, string[]> = {
  hardware: ['ファイルサーバのディスク障害', 'PC起動不可（電源ユニット故障）', '複合機の給紙不良', 'UPS バッテリー警告', 'ノートPC液晶故障'],
  software: [
    'グループウェアにログインできない',
    'Office 更新後に Excel が起動しない',
    'ウイルス対策ソフトの定義更新失敗',
    'プロファイル破損によるログオン不可',
  ],
  network: ['拠点間 VPN 断', 'フロアスイッチのポートダウン', '無線LAN 接続不安定', 'DNS 応答遅延'],
  phone: ['IP電話の発着信不可', '代表番号の転送不具合'],
  cloud: ['メールサービス（SaaS）の遅延', 'オンライン会議サービスの障害'],
  business_system: ['会計システムの帳票出力エラー', '人事システムへの接続不可'],
};
const kinds = ['hardware', 'hardware', 'hardware', 'software', 'software', 'network', 'network', 'phone', 'cloud', 'business_system'];
const vendors = ['NEC フィールディング', '富士通サポート', 'キヤノン保守', 'Microsoft サポート', '回線事業者'];

export async function seedDemoIncidents(tx: Db, until = new Date('2026-11-26T18:00:00+09:00')): Promise<number> {
  const sites = await queryRows<{ id: string; code: string }>(tx, sql`select id, code from sites where kind in ('hq','institute','regional') order by code`);
  const servers = await queryRows<{ id: string; site_id: string }>(
    tx,
    sql`select id, site_id from hardware_assets where category in ('server','switch','router') order by asset_number limit 40`,
  );
  if (sites.length === 0) return 0;
  const systems = await seedDemoBusinessSystems(tx);
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const min = 60_000;
  const hour = 60 * min;
  const start = until.getTime() - 365 * 24 * hour;
  const items: Parameters<typeof insertIncidentHistory>[1] = [];
  const n = 120;
  for (let i = 0; i < n; i++) {
    const occurred = new Date(start + ((i + rand() * 0.8) / n) * 365 * 24 * hour);
    const kind = pick(kinds);
    const site = i % 4 === 0 ? sites[0] : pick(sites);
    const server = kind === 'hardware' || kind === 'network' ? servers.find((s) => s.site_id === site.id) : undefined;
    const at = (fromMin: number, spreadMin: number) => new Date(occurred.getTime() + (fromMin + rand() * spreadMin) * min);
    const times: HistoryTimes = { occurredAt: occurred, detectedAt: at(2, 15) };
    times.reportedAt = i % 9 === 4 ? at(130, 90) : at(20, 80);
    times.initialResponseAt = i % 11 === 6 ? at(250, 120) : at(45, 170);
    times.countermeasureAt = at(90, 140);
    let vendor: string | null = null;
    if (i % 5 === 1) {
      vendor = pick(vendors);
      times.escalationStartedAt = at(40, 60);
      times.escalationEndedAt = new Date(times.escalationStartedAt.getTime() + (3 + rand() * 40) * hour);
    }
    const base = Math.max(times.countermeasureAt.getTime(), times.escalationEndedAt?.getTime() ?? 0);
    const open = i >= n - 3;
    if (!open) {
      times.recoveredAt = new Date(base + (1 + rand() * (i % 13 === 3 ? 30 : 6)) * hour);
      if (i === 37) {
        times.firstRecoveredAt = times.recoveredAt;
        times.reopenedAt = new Date(times.recoveredAt.getTime() + 5 * hour);
        times.recoveredAt = new Date(times.reopenedAt.getTime() + 4 * hour);
      }
      if (times.recoveredAt.getTime() < until.getTime() - 14 * 24 * hour) times.closedAt = new Date(times.recoveredAt.getTime() + 20 * hour);
    }
    // Business-system incidents name their system (by index, so the pseudo-random sequence stays as it was); the
    // responsible department is the master's, as a snapshot.
    const generic = pick(titles[kind]);
    const systemCode = kind === 'business_system' && systems.size ? [...systems.keys()][i % systems.size] : undefined;
    const system = systemCode ? systems.get(systemCode) : undefined;
    const title = systemCode ? demoSystemTitles[systemCode][i % demoSystemTitles[systemCode].length] : generic;
    const number = `IN-${occurred.getUTCFullYear()}-${String(900_000 + i).padStart(6, '0')}`;
    items.push({
      row: {
        number,
        title,
        businessSystemId: system?.id ?? null,
        ownerDepartment: system?.departmentName ?? null,
        kind: kind as never,
        impact: kind === 'cloud' || kind === 'network' ? 'site' : 'individual',
        siteIds: kind === 'cloud' ? [] : [site.id],
        vendor,
        reportExclusions: kind === 'hardware' && i % 3 === 0 ? ['pc_hardware'] : kind === 'software' && i % 4 === 0 ? ['client_program'] : [],
        countermeasureExclusions: vendor && i % 2 === 0 ? ['escalation_presented'] : [],
        majorSecurity: i === 58,
        majorInfrastructure: i === 91,
        provider: kind === 'cloud' ? 'Microsoft 365' : null,
        rootCause: open ? null : '保守業者の調査により原因を特定（デモ）',
        description: null,
        assetIds: server ? [server.id] : [],
      },
      times,
      source: 'demo',
    });
  }
  return insertIncidentHistory(tx, items, 'demo');
}
