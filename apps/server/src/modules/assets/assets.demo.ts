import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { seededRandom } from '../org/demo-data.ts';

/**
 * Demo hardware ledgers consistent with the demo agency (issue #4 item 10): about 6,000 domestic and
 * 1,500 overseas assets. Every user's assets sit at the user's own site and department; offices have
 * printers, network gear and stock without users; headquarters run servers with VMs (parent asset),
 * switches have ports, and some assets carry repairs, movements and work logs. Deterministic (seeded
 * PRNG, fixed reference date) except for the surrogate ids; written with set-based inserts.
 */

const REFERENCE_DATE = '2026-10-01';
const BATCH = 1000;

type Site = { id: string; code: string; kind: string; index: number };
type Person = { id: string; site_id: string; department_id: string | null; status: string };
type Asset = {
  id: string;
  asset_number: string;
  ledger: 'domestic' | 'overseas';
  name: string;
  category: string;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  site_id: string;
  building: string | null;
  floor: string | null;
  room: string | null;
  rack: string | null;
  department_id: string | null;
  user_id: string | null;
  purpose: string | null;
  ip_addresses: string[];
  mac_addresses: string[];
  os_name: string | null;
  os_version: string | null;
  status: string;
  acquisition: string | null;
  purchase_date: string | null;
  price_yen: number | null;
  lease_end: string | null;
  vendor: string | null;
  maintenance_contract: string | null;
  warranty_end: string | null;
  parent_id: string | null;
  entra_registered_on: string | null;
  intune_registered_on: string | null;
  standard_software_checked_on: string | null;
};

const models: Record<string, [manufacturer: string, model: string, price: number, os?: [string, string]][]> = {
  notebook_pc: [
    ['富士通', 'LIFEBOOK U9313/M', 198000, ['Windows 11 Pro', '23H2']],
    ['NEC', 'VersaPro VKT44/C', 176000, ['Windows 11 Pro', '23H2']],
    ['Dell', 'Latitude 5450', 168000, ['Windows 11 Pro', '24H2']],
    ['Lenovo', 'ThinkPad X1 Carbon Gen 12', 238000, ['Windows 11 Pro', '24H2']],
  ],
  desktop_pc: [
    ['富士通', 'ESPRIMO D7013/P', 142000, ['Windows 11 Pro', '23H2']],
    ['HP', 'Elite Mini 800 G9', 131000, ['Windows 11 Pro', '24H2']],
  ],
  monitor: [
    ['EIZO', 'FlexScan EV2485', 42000],
    ['Dell', 'P2425H', 33000],
  ],
  ip_phone: [['NEC', 'DT920 ITL-12PD', 38000]],
  mobile_device: [
    ['Apple', 'iPhone 15', 124800, ['iOS', '18.1']],
    ['Samsung', 'Galaxy A55', 69000, ['Android', '15']],
  ],
  mfp: [
    ['リコー', 'IM C4510', 1280000],
    ['キヤノン', 'imageRUNNER ADVANCE DX C5860F', 1450000],
  ],
  printer: [['エプソン', 'LP-S3590', 98000]],
  switch: [
    ['Cisco', 'Catalyst 9200-48P', 620000, ['Cisco IOS XE', '17.9']],
    ['アライドテレシス', 'x530L-28GPX', 380000, ['AlliedWare Plus', '5.5']],
  ],
  wireless_ap: [['Cisco', 'Catalyst 9136I', 210000]],
  router: [['ヤマハ', 'RTX1300', 320000, ['Rev.', '23.01']]],
  firewall: [['Fortinet', 'FortiGate 100F', 980000, ['FortiOS', '7.4']]],
  ups: [['APC', 'Smart-UPS SMT1500RMJ2U', 185000]],
  server: [
    ['富士通', 'PRIMERGY RX2540 M7', 2980000, ['VMware ESXi', '8.0U3']],
    ['HPE', 'ProLiant DL380 Gen11', 3240000, ['VMware ESXi', '8.0U3']],
  ],
  storage: [['NetApp', 'AFF A250', 8800000, ['ONTAP', '9.15']]],
  virtual_server: [['VMware', 'Virtual Machine', 0, ['Windows Server 2022', '21H2']]],
  external_storage: [['バッファロー', 'RUF3-KV32G-DS', 6800]],
};

const namePrefix: Record<string, string> = {
  notebook_pc: 'NB',
  desktop_pc: 'PC',
  monitor: 'MON',
  ip_phone: 'TEL',
  mobile_device: 'MB',
  mfp: 'MFP',
  printer: 'PRN',
  switch: 'SW',
  wireless_ap: 'AP',
  router: 'RT',
  firewall: 'FW',
  ups: 'UPS',
  server: 'ESX',
  storage: 'STG',
  virtual_server: 'VM',
  external_storage: 'USB',
};
const vendorsJa = ['株式会社富士通Japan', 'NECネッツエスアイ株式会社', '大塚商会株式会社', 'NTT東日本株式会社', 'リコージャパン株式会社'];
const vmRoles = [
  'ファイルサーバ',
  'AD/DNS',
  '業務システムAP',
  '業務システムDB',
  '資産管理',
  'メール中継',
  'ウイルス対策管理',
  'ログ収集',
  'Web公開',
  '印刷管理',
];

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function buildAssets(sites: Site[], people: Person[], rand: () => number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const seqBySite = new Map<string, number>();
  let macSeq = 0;
  let serialSeq = 0;
  const assets: Asset[] = [];
  const bySiteId = new Map(sites.map((s) => [s.id, s]));

  function add(site: Site, category: string, over: Partial<Asset> = {}): Asset {
    const overseas = site.kind === 'overseas';
    const n = (seqBySite.get(site.code) ?? 0) + 1;
    seqBySite.set(site.code, n);
    const [manufacturer, model, price, os] = pick(models[category] ?? [['—', '—', 0]]);
    const networked = !['monitor', 'external_storage', 'ups'].includes(category);
    const purchased = addDays(REFERENCE_DATE, -Math.floor(rand() * 365 * 6) - 30);
    const leased = !overseas && ['notebook_pc', 'desktop_pc', 'mfp'].includes(category) && rand() < 0.6;
    const asset: Asset = {
      id: randomUUID(),
      asset_number: `${site.code}-${String(n).padStart(5, '0')}`,
      ledger: overseas ? 'overseas' : 'domestic',
      name: `${site.code}-${namePrefix[category] ?? 'HW'}${String(n).padStart(4, '0')}`,
      category,
      manufacturer,
      model,
      serial_number:
        category === 'virtual_server' ? null : `${manufacturer.slice(0, 1).normalize('NFKC')}${(1_000_000 + serialSeq++ * 7919).toString(36).toUpperCase()}`,
      site_id: site.id,
      building: overseas ? 'Office' : site.code === 'TKY' ? pick(['本館', '本館', '別館']) : `${pick(['第一', '中央', '駅前'])}ビル`,
      floor: `${1 + Math.floor(rand() * (site.code === 'TKY' ? 12 : 6))}F`,
      room: overseas ? pick(['Main office', 'Meeting room', 'Reception']) : pick(['執務室', '301会議室', '応接室', '執務室A', '執務室B']),
      rack: null,
      department_id: null,
      user_id: null,
      purpose: null,
      ip_addresses: networked ? [`10.${site.index % 250}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`] : [],
      mac_addresses:
        networked && category !== 'virtual_server'
          ? [
              (++macSeq)
                .toString(16)
                .padStart(8, '0')
                .replace(/(..)(..)(..)(..)/, '02:00:$1:$2:$3:$4'),
            ]
          : [],
      os_name: os?.[0] ?? null,
      os_version: os?.[1] ?? null,
      status: 'in_use',
      acquisition: leased ? 'lease' : 'purchase',
      purchase_date: purchased,
      price_yen: price || null,
      lease_end: leased ? addDays(purchased, 365 * 5) : null,
      vendor: overseas ? 'Local vendor' : pick(vendorsJa),
      maintenance_contract: ['server', 'storage', 'switch', 'firewall', 'router', 'mfp'].includes(category)
        ? `MC-${purchased.slice(0, 4)}-${String(n).padStart(4, '0')}`
        : null,
      warranty_end: addDays(purchased, 365 * (category === 'server' ? 5 : 3)),
      parent_id: null,
      entra_registered_on: null,
      intune_registered_on: null,
      standard_software_checked_on: null,
      ...over,
    };
    assets.push(asset);
    return asset;
  }

  // People's own devices: at their site and department.
  for (const p of people) {
    const site = bySiteId.get(p.site_id)!;
    const overseas = site.kind === 'overseas';
    const mine = { user_id: p.id, department_id: p.department_id, purpose: overseas ? 'Office work' : '一般事務' };
    // A few retired or transferred people still hold a PC: the data-quality checks find them.
    if (p.status === 'retired' || p.status === 'transferred') {
      if (rand() < 0.1) add(site, 'notebook_pc', mine);
      continue;
    }
    const pc = add(site, overseas || rand() < 0.7 ? 'notebook_pc' : 'desktop_pc', mine);
    if (overseas) {
      // 2.1.g onboarding checks: most done, some still open.
      const done = rand();
      pc.entra_registered_on = done < 0.9 ? addDays(pc.purchase_date!, 14) : null;
      pc.intune_registered_on = done < 0.85 ? addDays(pc.purchase_date!, 15) : null;
      pc.standard_software_checked_on = done < 0.8 ? addDays(pc.purchase_date!, 20) : null;
      add(site, 'mobile_device', mine);
      if (rand() < 0.6) add(site, 'monitor', mine);
    } else {
      add(site, 'monitor', mine);
      if (rand() < 0.8) add(site, 'ip_phone', mine);
      if (rand() < 0.2) add(site, 'monitor', mine);
      if (rand() < 0.15) add(site, 'external_storage', { ...mine, purpose: 'データ受け渡し' });
    }
  }

  // Shared equipment, network gear and stock per site.
  const staffBySite = new Map<string, number>();
  for (const p of people) staffBySite.set(p.site_id, (staffBySite.get(p.site_id) ?? 0) + 1);
  const switches: Asset[] = [];
  for (const site of sites) {
    const staff = staffBySite.get(site.id) ?? 0;
    const overseas = site.kind === 'overseas';
    const scale = Math.max(1, Math.ceil(staff / 25));
    const shared = { purpose: overseas ? 'Shared' : '共用' };
    for (let i = 0; i < scale; i++) add(site, 'mfp', shared);
    if (!overseas) for (let i = 0; i < scale; i++) add(site, 'printer', shared);
    const netRoom = overseas ? { room: 'Server closet' } : { room: site.code === 'TKY' ? 'サーバ室' : 'EPS', floor: site.code === 'TKY' ? 'B1F' : '1F' };
    add(site, 'router', { ...netRoom, purpose: 'WAN接続' });
    if (overseas || site.kind === 'hq') add(site, 'firewall', { ...netRoom, purpose: 'インターネット境界' });
    for (let i = 0; i < Math.max(1, Math.ceil(scale * (overseas ? 1 : 2))); i++) switches.push(add(site, 'switch', { ...netRoom, rack: 'R01' }));
    for (let i = 0; i < scale * (overseas ? 1 : 3); i++) add(site, 'wireless_ap', { room: '天井' });
    add(site, 'ups', { ...netRoom, rack: 'R01' });
    // Stock: spare PCs without users, a few in repair, a few retired awaiting disposal.
    const spare = Math.max(1, Math.round(staff * (overseas ? 0.25 : 0.12)));
    for (let i = 0; i < spare; i++) {
      const r = rand();
      add(site, 'notebook_pc', { status: r < 0.75 ? 'stock' : r < 0.85 ? 'in_repair' : r < 0.95 ? 'retired' : 'on_loan', room: overseas ? 'Storage' : '倉庫' });
    }
  }

  // Server rooms: hosts with VMs (parent asset) and storage at the headquarters and the institute.
  const hosts: Asset[] = [];
  for (const site of sites.filter((s) => s.kind === 'hq' || s.kind === 'institute')) {
    const racks = site.code === 'TKY' ? 10 : 3;
    for (let i = 0; i < racks * 4; i++) {
      const rack = `R${String(2 + (i % racks)).padStart(2, '0')}`;
      const host = add(site, 'server', { room: 'サーバ室', floor: 'B1F', rack, purpose: '仮想化基盤' });
      hosts.push(host);
      const vms = 3 + Math.floor(rand() * 6);
      for (let v = 0; v < vms; v++) {
        add(site, 'virtual_server', {
          parent_id: host.id,
          room: null,
          floor: null,
          building: null,
          purpose: pick(vmRoles),
          acquisition: null,
          price_yen: null,
          vendor: null,
          warranty_end: null,
          purchase_date: host.purchase_date,
        });
      }
    }
    for (let i = 0; i < Math.ceil(racks / 3); i++) add(site, 'storage', { room: 'サーバ室', floor: 'B1F', rack: 'R01', purpose: '仮想化基盤ストレージ' });
  }
  return { assets, switches, hosts };
}

function recordset(rows: object[], columns: string) {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(columns)})`;
}

const ASSET_COLUMNS =
  'id uuid, asset_number text, ledger text, name text, category text, manufacturer text, model text, serial_number text, site_id uuid, building text, floor text, room text, rack text, department_id uuid, user_id uuid, purpose text, ip_addresses text[], mac_addresses text[], os_name text, os_version text, status text, acquisition text, purchase_date date, price_yen bigint, lease_end date, vendor text, maintenance_contract text, warranty_end date, parent_id uuid, entra_registered_on date, intune_registered_on date, standard_software_checked_on date';
const ASSET_NAMES = ASSET_COLUMNS.split(', ')
  .map((c) => c.split(' ')[0])
  .join(', ');

/** Inserts the demo ledgers into a database that has the demo agency (same transaction as the agency). */
export async function seedDemoAssets(tx: Db, seed = 20261001): Promise<{ domestic: number; overseas: number }> {
  const rand = seededRandom(seed);
  const siteRows = await queryRows<{ id: string; code: string; kind: string }>(tx, sql`select id, code, kind from sites order by code`);
  const sites = siteRows.map((s, index) => ({ ...s, index: index + 1 }));
  const people = await queryRows<Person>(tx, sql`select id, site_id, department_id, status from people order by employee_number`);
  const { assets, switches } = buildAssets(sites, people, rand);

  for (let i = 0; i < assets.length; i += BATCH) {
    await tx.execute(
      sql`insert into hardware_assets (${sql.raw(ASSET_NAMES)}) select ${sql.raw(ASSET_NAMES)} from ${recordset(assets.slice(i, i + BATCH), ASSET_COLUMNS)}`,
    );
  }

  // Switch ports: uplink, a few access ports with VLANs, one port to the site's first AP.
  const ports: object[] = [];
  for (const sw of switches) {
    ports.push({ asset_id: sw.id, port: 'Gi1/0/48', vlan: 'trunk', description: 'アップリンク' });
    for (let p = 1; p <= 4; p++)
      ports.push({ asset_id: sw.id, port: `Gi1/0/${p}`, vlan: String(100 + Math.floor(rand() * 4) * 10), description: p === 1 ? '無線AP' : '執務室' });
  }
  await tx.execute(sql`insert into asset_ports (asset_id, port, vlan, description)
    select asset_id, port, vlan, description from ${recordset(ports, 'asset_id uuid, port text, vlan text, description text')}`);

  // History: an install movement for a sample, a move for some, repairs for PCs in repair and a few others, work logs on servers.
  const movements: object[] = [];
  const repairs: object[] = [];
  const logs: object[] = [];
  for (const a of assets) {
    const r = rand();
    const loc = { building: a.building, floor: a.floor, room: a.room, rack: a.rack };
    if (a.user_id && r < 0.08) {
      movements.push({
        asset_id: a.id,
        kind: 'install',
        moved_on: addDays(a.purchase_date!, 7),
        to_site_id: a.site_id,
        to_location: loc,
        to_user_id: a.user_id,
        request_ref: `REQ-${a.asset_number}`,
      });
      if (r < 0.03)
        movements.push({
          asset_id: a.id,
          kind: 'move',
          moved_on: addDays(a.purchase_date!, 400),
          to_site_id: a.site_id,
          to_location: loc,
          to_user_id: a.user_id,
          request_ref: null,
        });
    }
    if (a.status === 'in_repair' || (a.category === 'notebook_pc' && r > 0.985)) {
      const reported = addDays(REFERENCE_DATE, -Math.floor(rand() * 300) - 20);
      const back = a.status !== 'in_repair';
      repairs.push({
        asset_id: a.id,
        reported_on: reported,
        symptom: pick(rand, ['液晶割れ', 'キーボード不良', '起動しない', 'バッテリー膨張']),
        vendor: a.vendor,
        action: back ? '部品交換' : null,
        cost_yen: back ? 18000 + Math.floor(rand() * 40) * 1000 : null,
        sent_on: addDays(reported, 2),
        returned_on: back ? addDays(reported, 14) : null,
      });
    }
    if (a.category === 'server' && r < 0.5) {
      logs.push({
        asset_id: a.id,
        performed_at: `${addDays(REFERENCE_DATE, -Math.floor(rand() * 90))}T10:00:00+09:00`,
        content: 'ファームウェア更新・再起動',
        worker: '情報システム課',
      });
    }
  }
  if (movements.length) {
    await tx.execute(sql`insert into asset_movements (asset_id, kind, moved_on, to_site_id, to_location, to_user_id, request_ref, operator_label)
      select asset_id, kind, moved_on, to_site_id, to_location, to_user_id, request_ref, 'demo' from ${recordset(movements, 'asset_id uuid, kind text, moved_on date, to_site_id uuid, to_location jsonb, to_user_id uuid, request_ref text')}`);
  }
  if (repairs.length) {
    await tx.execute(sql`insert into asset_repairs (asset_id, reported_on, symptom, vendor, action, cost_yen, sent_on, returned_on, created_by_label)
      select asset_id, reported_on, symptom, vendor, action, cost_yen, sent_on, returned_on, 'demo' from ${recordset(repairs, 'asset_id uuid, reported_on date, symptom text, vendor text, action text, cost_yen bigint, sent_on date, returned_on date')}`);
  }
  if (logs.length) {
    await tx.execute(sql`insert into asset_work_logs (asset_id, performed_at, content, worker, source, created_by_label)
      select asset_id, performed_at, content, worker, 'manual', 'demo' from ${recordset(logs, 'asset_id uuid, performed_at timestamptz, content text, worker text')}`);
  }
  return { domestic: assets.filter((a) => a.ledger === 'domestic').length, overseas: assets.filter((a) => a.ledger === 'overseas').length };
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}
