import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Demo software ledgers consistent with the demo hardware (issue #5 item 10): a product catalogue with rules,
 * about 150 licences (an Office upgrade chain with downgrade rights, OEM Office bound to notebooks, subscriptions with
 * renewal dates on both sides of ¥10,000,000), installed software on the demo PCs as an agent would report it (so
 * compliance shows ok, near-limit and over products and a queue of unmapped names), usage-ledger rows for most
 * licensed installs, overseas distributions, media with loans, and a deny rule. Deterministic: choices hash the
 * asset number; written set-based.
 */

type Product = { key: string; publisher: string; name: string; rules: { name: string; publisher?: string; version?: string }[] };

const products: Product[] = [
  {
    key: 'office',
    publisher: 'Microsoft',
    name: 'Office Professional Plus',
    rules: ['2016', '2019', '2021'].map((v) => ({ name: `Microsoft Office Professional Plus ${v}*`, version: v })),
  },
  { key: 'office-hb', publisher: 'Microsoft', name: 'Office Home & Business 2021', rules: [{ name: 'Microsoft Office Home and Business 2021*' }] },
  { key: 'visio', publisher: 'Microsoft', name: 'Visio Standard', rules: [{ name: 'Microsoft Visio Standard*' }] },
  { key: 'project', publisher: 'Microsoft', name: 'Project Standard', rules: [{ name: 'Microsoft Project Standard*' }] },
  {
    key: 'acrobat',
    publisher: 'Adobe',
    name: 'Acrobat Pro',
    rules: [
      { name: 'Adobe Acrobat (64-bit)', publisher: 'Adobe*' },
      { name: 'Adobe Acrobat DC*', publisher: 'Adobe*' },
    ],
  },
  { key: 'illustrator', publisher: 'Adobe', name: 'Illustrator', rules: [{ name: 'Adobe Illustrator*' }] },
  { key: 'photoshop', publisher: 'Adobe', name: 'Photoshop', rules: [{ name: 'Adobe Photoshop*' }] },
  {
    key: 'vb',
    publisher: 'トレンドマイクロ',
    name: 'ウイルスバスター コーポレートエディション',
    rules: [{ name: 'Trend Micro Apex One*' }, { name: 'ウイルスバスター*' }],
  },
  { key: 'ichitaro', publisher: 'ジャストシステム', name: '一太郎', rules: [{ name: '一太郎*' }] },
  { key: 'atok', publisher: 'ジャストシステム', name: 'ATOK', rules: [{ name: 'ATOK*' }] },
  { key: 'matlab', publisher: 'MathWorks', name: 'MATLAB', rules: [{ name: 'MATLAB R20*' }] },
  { key: 'spss', publisher: 'IBM', name: 'SPSS Statistics', rules: [{ name: 'IBM SPSS Statistics*' }] },
  { key: 'arcgis', publisher: 'Esri', name: 'ArcGIS Pro', rules: [{ name: 'ArcGIS Pro*' }] },
  { key: 'endnote', publisher: 'Clarivate', name: 'EndNote', rules: [{ name: 'EndNote*' }] },
  { key: 'chemdraw', publisher: 'Revvity', name: 'ChemDraw Professional', rules: [{ name: 'ChemDraw*' }] },
  { key: 'autocad', publisher: 'Autodesk', name: 'AutoCAD LT', rules: [{ name: 'AutoCAD LT*' }] },
  { key: 'zoom', publisher: 'Zoom', name: 'Zoom Workplace', rules: [{ name: 'Zoom Workplace*' }, { name: 'Zoom(64bit)' }] },
  { key: 'box', publisher: 'Box', name: 'Box Drive', rules: [{ name: 'Box' }, { name: 'Box Drive*' }] },
  { key: 'hidemaru', publisher: '斉藤秀夫', name: '秀丸エディタ', rules: [{ name: '秀丸エディタ*' }] },
  { key: 'tableau', publisher: 'Salesforce', name: 'Tableau Desktop', rules: [{ name: 'Tableau 20*' }] },
];

/** Packages on PCs: [name, version, publisher, share of PCs in per mille]; licensed ones map through the rules. */
const packages: [string, string, string, number][] = [
  ['Microsoft Office Professional Plus 2016', '16.0.4266.1001', 'Microsoft Corporation', 520],
  ['Microsoft Office Professional Plus 2019 - ja-jp', '16.0.10827.20181', 'Microsoft Corporation', 250],
  ['Microsoft Office Professional Plus 2021 - ja-jp', '16.0.14332.20763', 'Microsoft Corporation', 120],
  ['Trend Micro Apex One Security Agent', '14.0.12345', 'Trend Micro Inc.', 980],
  ['Adobe Acrobat Reader (64-bit)', '24.002.20933', 'Adobe', 700],
  ['Adobe Acrobat (64-bit)', '24.002.20933', 'Adobe', 95],
  ['Google Chrome', '130.0.6723.117', 'Google LLC', 880],
  ['7-Zip 23.01 (x64)', '23.01', 'Igor Pavlov', 420],
  ['Zoom Workplace (64-bit)', '6.2.5', 'Zoom Video Communications, Inc.', 640],
  ['Box', '2.40.345', 'Box, Inc.', 510],
  ['一太郎2024', '34.0.1.0', 'JUSTSYSTEMS CORPORATION', 60],
  ['ATOK for Windows', '34.0.2', 'JUSTSYSTEMS CORPORATION', 90],
  ['Microsoft Visio Standard 2021 - ja-jp', '16.0.14332.20763', 'Microsoft Corporation', 30],
  ['Microsoft Project Standard 2021 - ja-jp', '16.0.14332.20763', 'Microsoft Corporation', 18],
  ['Adobe Illustrator 2024', '28.7.1', 'Adobe Inc.', 14],
  ['Adobe Photoshop 2024', '25.12', 'Adobe Inc.', 16],
  ['MATLAB R2024a', '24.1.0.2537033', 'MathWorks', 25],
  ['IBM SPSS Statistics 29', '29.0.2.0', 'IBM Corp.', 20],
  ['ArcGIS Pro', '3.3.1', 'Esri', 9],
  ['EndNote 21', '21.4', 'Clarivate', 35],
  ['ChemDraw Professional 22', '22.2.0', 'Revvity Signals Software', 8],
  ['AutoCAD LT 2024 - 日本語 (Japanese)', '24.3.61.0', 'Autodesk', 12],
  ['秀丸エディタ', '9.35', 'Hidemaru', 40],
  ['Tableau 2024.2 (20242.24.0807.0327)', '20242.24.0807', 'Tableau Software', 6],
  ['Microsoft Visual C++ 2015-2022 Redistributable (x64)', '14.40.33810.0', 'Microsoft Corporation', 990],
  ['Ask Toolbar', '5.15.24.1', 'APN, LLC', 2],
];

/** Owned counts per product as a share of the devices using it, so compliance shows every status. */
const coverage: Record<string, number> = {
  vb: 1.05,
  acrobat: 1.3,
  zoom: 2,
  box: 1.5,
  ichitaro: 1.2,
  atok: 1.1,
  visio: 0.9,
  project: 1.3,
  illustrator: 1.6,
  photoshop: 1.01,
  matlab: 1.06,
  spss: 1.4,
  arcgis: 1.5,
  endnote: 1.2,
  chemdraw: 2,
  autocad: 0.8,
  hidemaru: 1.25,
  tableau: 1.5,
};

const licenseType = (key: string, i: number) =>
  ['zoom', 'box', 'matlab', 'arcgis', 'tableau', 'vb'].includes(key) ? 'subscription' : i % 3 === 0 ? 'package' : 'volume';

export async function seedDemoSoftware(
  tx: Db,
): Promise<{ products: number; licenses: number; installs: number; recorded: number; distributions: number; media: number }> {
  const prodRows = await queryRows<{ id: string; key: string }>(
    tx,
    sql`insert into software_products (publisher, name) select p.publisher, p.name from jsonb_to_recordset(${JSON.stringify(products)}::jsonb) as p(publisher text, name text)
        returning id, (select k.key from jsonb_to_recordset(${JSON.stringify(products)}::jsonb) as k(key text, name text) where k.name = software_products.name) as key`,
  );
  const idOf = new Map(prodRows.map((r) => [r.key, r.id]));
  const rules = products.flatMap((p) =>
    p.rules.map((r) => ({
      product_id: idOf.get(p.key),
      name_pattern: r.name,
      name_like: r.name.replaceAll('%', '\\%').replaceAll('_', '\\_').replaceAll('*', '%'),
      product_version: r.version ?? null,
    })),
  );
  await tx.execute(sql`insert into software_product_rules (product_id, name_pattern, name_like, product_version)
    select product_id, name_pattern, name_like, product_version from jsonb_to_recordset(${JSON.stringify(rules)}::jsonb) as r(product_id uuid, name_pattern text, name_like text, product_version text)`);

  // Installed software on PCs in use: each package on a share of PCs chosen by a hash of the asset number.
  await tx.execute(sql`insert into asset_software (asset_id, name, version, arch, publisher, source, first_seen_at, last_seen_at)
    select h.id, p.name, p.version, 'x64', p.publisher, 'registry', timestamptz '2026-09-01 09:00+09', timestamptz '2026-11-20 09:00+09'
    from hardware_assets h
    cross join jsonb_to_recordset(${JSON.stringify(packages.map(([name, version, publisher, per]) => ({ name, version, publisher, per })))}::jsonb) as p(name text, version text, publisher text, per int)
    where h.category in ('desktop_pc', 'notebook_pc') and h.status = 'in_use'
      and abs(hashtext(h.asset_number || p.name)) % 1000 < p.per
      -- one Office Professional Plus per PC: the version bands do not overlap
      and (p.name not like 'Microsoft Office Professional Plus%' or
           (abs(hashtext(h.asset_number)) % 1000) between
             (case when p.name like '%2016%' then 0 when p.name like '%2019%' then 520 else 770 end) and
             (case when p.name like '%2016%' then 519 when p.name like '%2019%' then 769 else 889 end))`);
  // OEM Office Home & Business on 60 notebooks; the first 50 came with a licence bound to them.
  const oem = await queryRows<{ id: string; asset_number: string }>(
    tx,
    sql`select id, asset_number from hardware_assets where category = 'notebook_pc' and status = 'in_use' order by asset_number limit 60`,
  );
  await tx.execute(sql`insert into asset_software (asset_id, name, version, arch, publisher, source, first_seen_at, last_seen_at)
    select id, 'Microsoft Office Home and Business 2021 - ja-jp', '16.0.14332.20763', 'x64', 'Microsoft Corporation', 'registry', timestamptz '2026-09-01 09:00+09', timestamptz '2026-11-20 09:00+09'
    from hardware_assets where id in (select jsonb_array_elements_text(${JSON.stringify(oem.map((o) => o.id))}::jsonb)::uuid)`);

  // Map what the "agents" reported now: the licence sizes below follow the detected counts.
  await tx.execute(sql`select software_sync()`);
  const used = await queryRows<{ product_id: string; n: number }>(
    tx,
    sql`select product_id, count(*)::int as n from software_device_products group by product_id`,
  );
  const usedOf = new Map(used.map((u) => [u.product_id, u.n]));
  const licenses: Record<string, unknown>[] = [];
  const office = idOf.get('office');
  const officeUsers = usedOf.get(office!) ?? 0;
  licenses.push(
    {
      asset_number: 'SW-OFF-2016-001',
      type: 'volume',
      form: 'full',
      name: 'Microsoft Office Professional Plus 2016 ボリュームライセンス',
      product: office,
      version: '2016',
      downgrade: false,
      owned: Math.round(officeUsers * 0.95),
      amount: 38_500_000,
      renewal: null,
      from: null,
    },
    {
      asset_number: 'SW-OFF-2019-UP',
      type: 'volume',
      form: 'upgrade',
      name: 'Microsoft Office Professional Plus 2019 アップグレード',
      product: office,
      version: '2019',
      downgrade: true,
      owned: Math.round(officeUsers * 0.4),
      amount: 12_800_000,
      renewal: null,
      from: 'SW-OFF-2016-001',
    },
    {
      asset_number: 'SW-OFF-2021-UP',
      type: 'volume',
      form: 'upgrade',
      name: 'Microsoft Office Professional Plus 2021 アップグレード',
      product: office,
      version: '2021',
      downgrade: true,
      owned: Math.round(officeUsers * 0.12),
      amount: 4_200_000,
      renewal: null,
      from: 'SW-OFF-2019-UP',
    },
  );
  for (const [i, o] of oem.slice(0, 50).entries())
    licenses.push({
      asset_number: `SW-OEM-HB-${String(i + 1).padStart(3, '0')}`,
      type: 'oem',
      form: 'full',
      name: 'Office Home & Business 2021 (OEM)',
      product: idOf.get('office-hb'),
      version: null,
      downgrade: false,
      owned: 1,
      amount: null,
      renewal: null,
      from: null,
      device: o.id,
    });
  let n = 0;
  for (const [key, share] of Object.entries(coverage)) {
    const total = Math.max(1, Math.round((usedOf.get(idOf.get(key)!) ?? 1) * share));
    const parts = key === 'vb' || key === 'zoom' ? 1 : 6;
    for (let i = 0; i < parts; i++) {
      n++;
      const owned = i === parts - 1 ? total - Math.floor(total / parts) * (parts - 1) : Math.floor(total / parts);
      const type = licenseType(key, i);
      const month = ((n * 5) % 12) + 1;
      licenses.push({
        asset_number: `SW-${key.toUpperCase()}-${String(i + 1).padStart(3, '0')}`,
        type,
        form: 'full',
        name: products.find((p) => p.key === key)!.name,
        product: idOf.get(key),
        version: null,
        downgrade: false,
        owned,
        amount: type === 'subscription' ? (key === 'vb' ? 14_300_000 : key === 'zoom' ? 9_999_999 : 1_200_000 + n * 37_000) : null,
        renewal: type === 'subscription' ? `${month <= 3 ? 2028 : 2027}-${String(month).padStart(2, '0')}-${month === 2 ? 28 : 30}` : null,
        from: null,
      });
    }
  }
  await tx.execute(sql`insert into software_licenses (asset_number, license_type, license_form, software_name, licensed_version, downgrade_allowed, owned_count, contract_amount, renewal_date,
      bound_device_id, manufacturer, storage_location, acquired_on, procured_by)
    select l.asset_number, l.type, l.form, l.name, l.version, l.downgrade, l.owned, l.amount, l.renewal, l.device, p.publisher, '本部 情報システム課 金庫', date '2024-04-01', '情報システム課'
    from jsonb_to_recordset(${JSON.stringify(licenses)}::jsonb) as l(asset_number text, type text, form text, name text, version text, downgrade boolean, owned int, amount bigint, renewal date, device uuid, product uuid)
    join software_products p on p.id = l.product`);
  await tx.execute(sql`update software_licenses l set upgrade_from_id = f.id
    from jsonb_to_recordset(${JSON.stringify(licenses.filter((l) => l.from))}::jsonb) as x(asset_number text, "from" text)
    join software_licenses f on f.asset_number = x."from" where l.asset_number = x.asset_number`);
  await tx.execute(sql`insert into software_license_products (license_id, product_id)
    select l.id, x.product from jsonb_to_recordset(${JSON.stringify(licenses)}::jsonb) as x(asset_number text, product uuid) join software_licenses l on l.asset_number = x.asset_number`);

  // Usage ledger: most detected installs of licensed products are recorded against the product's first licence
  // (which ones: a hash of asset number and product name, not of the random ids, so every seed is the same).
  const [{ recorded }] = await queryRows<{ recorded: number }>(
    tx,
    sql`with ins as (
          insert into software_installations (applied_on, department_id, applicant, worked_on, operator, license_id, device_id, status)
          select date '2026-04-01' + (abs(hashtext(h.asset_number)) % 180), h.department_id, '申請者（デモ）', date '2026-04-03' + (abs(hashtext(h.asset_number)) % 180),
                 '運用担当（デモ）', (select lp.license_id from software_license_products lp join software_licenses l on l.id = lp.license_id
                                   where lp.product_id = d.product_id and l.bound_device_id is null order by l.asset_number limit 1),
                 d.asset_id, 'installed'
          from software_device_products d join hardware_assets h on h.id = d.asset_id join software_products p on p.id = d.product_id
          where abs(hashtext(h.asset_number || p.name)) % 100 < 70
            and exists (select 1 from software_license_products lp join software_licenses l on l.id = lp.license_id
                        where lp.product_id = d.product_id and l.bound_device_id is null)
          returning 1
        ) select count(*)::int as recorded from ins`,
  );

  const [{ distributions }] = await queryRows<{ distributions: number }>(
    tx,
    sql`with ins as (
          insert into software_distributions (distributed_on, site_id, origin, license_id, software_name, license_count, media_count, expense_transfer, account_code, distributor, staff_type)
          select date '2026-04-10' + (s.i * 3 % 200), s.id, case when s.i % 4 = 0 then 'local' else 'hq' end,
                 case when s.i % 4 = 0 then null else (select id from software_licenses where asset_number = 'SW-OFF-2016-001') end,
                 case when s.i % 4 = 0 then '現地調達 会計ソフト' else 'Microsoft Office Professional Plus 2016 ボリュームライセンス' end,
                 1 + s.i % 3, case when s.i % 5 = 0 then 1 else 0 end,
                 (array['not_needed', 'pending', 'transferred'])[1 + s.i % 3], s.account_code, '情報システム課', (array['regular', 'contract', 'project'])[1 + s.i % 3]
          from (select id, account_code, row_number() over (order by code)::int as i from sites where kind = 'overseas') s
          returning 1
        ) select count(*)::int as distributions from ins`,
  );

  const [{ media }] = await queryRows<{ media: number }>(
    tx,
    sql`with ins as (
          insert into software_media (kind, title, license_id, site_id, storage_location)
          select case when l.license_type = 'package' then 'package' else 'certificate' end, l.software_name || ' ライセンス証書', l.id,
                 (select id from sites where kind = 'hq' order by code limit 1), '本館3F 情報システム課 キャビネット' || (1 + abs(hashtext(l.asset_number)) % 4)
          from software_licenses l where l.license_type <> 'oem'
          returning id
        ) select count(*)::int as media from ins`,
  );
  await tx.execute(sql`insert into software_media_loans (media_id, borrower, lent_at, due_on, lent_by)
    select id, '研究支援課 佐藤', timestamptz '2026-11-18 10:00+09', date '2026-12-18', '運用担当（デモ）' from software_media order by item_number limit 2`);
  // One loan past its due date (demo day 2026-11-26), for the overdue filter and reminder.
  await tx.execute(sql`insert into software_media_loans (media_id, borrower, lent_at, due_on, lent_by)
    select id, '総務課 鈴木', timestamptz '2026-11-04 14:00+09', date '2026-11-20', '運用担当（デモ）' from software_media order by item_number offset 2 limit 1`);
  await tx.execute(
    sql`insert into software_list_rules (kind, name_pattern, name_like, note) values ('deny', '*Toolbar*', '%Toolbar%', 'ブラウザツールバーは禁止（2.2.p）')`,
  );

  const [{ installs }] = await queryRows<{ installs: number }>(tx, sql`select count(*)::int as installs from asset_software`);
  return { products: products.length, licenses: licenses.length, installs, recorded, distributions, media };
}
