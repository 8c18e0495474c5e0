import type pg from 'pg';
import { softwareCatalog } from './software-catalog.ts';

/**
 * The software compliance data of issue #5 at its stated size: `devices` hardware assets with 150 installed
 * packages each (1.5M asset_software rows at 10,000 devices) drawn from a pool of ~2,000 distinct
 * (name, publisher, version), about half of them mapped by ~300 products' normalization rules and the rest the
 * drivers, runtimes and updates every PC reports; ~150 licences (upgrade chains, downgrade rights, OEM licences bound
 * to a device) sized from the detected counts so that products come out ok, near and over; and a usage ledger of
 * ~20,000 installations. The catalogue comes from software-catalog.ts, the bulk is set-based SQL under setseed.
 */

export const SOFTWARE_BENCH_PREFIX = 'SWB-';
export const PACKAGES_PER_DEVICE = 150;
const CORE = 100; // the pool's popular head: every device has 30 of these
const CORE_PICKS = 30;

export type SoftwareGenerated = {
  devices: number;
  products: number;
  rules: number;
  pool: number;
  mappedPool: number;
  licenses: number;
  installs: number;
  ledger: number;
};

export async function generateSoftware(client: pg.Client, devices: number, log: (s: string) => void): Promise<SoftwareGenerated> {
  const { products, rules, pkgs } = softwareCatalog();
  // The demo agency comes with its own software ledgers (software.demo.ts); the bench measures its own catalogue,
  // so those go first (their installed packages included, so no demo PC counts in the report).
  await client.query(`truncate software_stocktake_checks, software_media_loans, software_media_shipments, software_media, software_findings,
    software_list_rules, software_installations, software_distributions, software_license_products, software_licenses,
    software_device_products, software_names, software_dirty_assets, software_product_rules, software_products`);
  await client.query('delete from asset_software');
  await client.query('select setseed(0.505)');
  // Devices: desktops and notebooks on every site, asset numbers SWB-00001….
  await client.query(
    `with s as (select array_agg(id order by code) ids, array_agg(kind order by code) kinds, count(*)::int n from sites)
     insert into hardware_assets (asset_number, ledger, name, category, site_id, status, serial_number)
     select $2 || lpad(g::text, 5, '0'), case when s.kinds[si] = 'overseas' then 'overseas' else 'domestic' end, 'SWPC-' || g,
            case when g % 3 = 0 then 'notebook_pc' else 'desktop_pc' end, s.ids[si], 'in_use', 'SWSN' || g
     from generate_series(1, $1::int) g cross join s cross join lateral (select 1 + floor(random() * s.n)::int si) x`,
    [devices, SOFTWARE_BENCH_PREFIX],
  );
  await client.query(
    `create temp table bench_sw_products as
     select r.* from jsonb_to_recordset($1::jsonb) as r(idx int, publisher text, name text, versioned boolean)`,
    [JSON.stringify(products.map((p, idx) => ({ idx, ...p })))],
  );
  await client.query(`insert into software_products (publisher, name, note) select publisher, name, 'bench' from bench_sw_products order by idx`);
  await client.query(`alter table bench_sw_products add column id uuid`);
  await client.query(`update bench_sw_products b set id = p.id from software_products p where p.name = b.name and p.publisher = b.publisher`);
  // name_like/publisher_like as the service writes them (globToLike): these globs contain no LIKE wildcards to escape.
  await client.query(
    `insert into software_product_rules (product_id, name_pattern, publisher_pattern, name_like, publisher_like, version_min, version_max, product_version, priority)
     select b.id, r."namePattern", r."publisherPattern", replace(r."namePattern", '*', '%'), replace(r."publisherPattern", '*', '%'),
            r."versionMin", r."versionMax", r."productVersion", 100
     from jsonb_to_recordset($1::jsonb) as r(product int, "namePattern" text, "publisherPattern" text, "versionMin" text, "versionMax" text, "productVersion" text)
     join bench_sw_products b on b.idx = r.product`,
    [JSON.stringify(rules)],
  );
  // The pool in popularity order: j < CORE is the head every device draws 30 packages from.
  await client.query(
    `create temp table bench_sw_pool as
     select (row_number() over (order by r.popular desc, random()) - 1)::int j, r.name, r.publisher, r.version, r.product, r.pv
     from jsonb_to_recordset($1::jsonb) as r(name text, publisher text, version text, product int, pv text, popular boolean)`,
    [JSON.stringify(pkgs)],
  );
  await client.query('create unique index on bench_sw_pool (j)');
  await client.query('analyze bench_sw_pool');

  // 150 distinct packages per device: 30 of the head and 120 of the tail, each an arithmetic progression with a step
  // coprime to its range's size, so no package repeats on a device.
  const tail = pkgs.length - CORE;
  const coprime = (n: number) => Array.from({ length: 200 }, (_, i) => i + 1).filter((k) => gcd(k, n) === 1);
  const chunk = 2000;
  let done = 0;
  for (let from = 1; from <= devices; from += chunk) {
    const to = Math.min(devices, from + chunk - 1);
    await client.query(
      `with d as materialized (
         select h.id, floor(random() * $3::int)::int a, ($5::int[])[1 + floor(random() * cardinality($5::int[]))::int] sa,
                floor(random() * $4::int)::int b, ($6::int[])[1 + floor(random() * cardinality($6::int[]))::int] sb,
                now() - (floor(random() * 400) || ' days')::interval seen
         from hardware_assets h where h.asset_number between $1 and $2)
       insert into asset_software (asset_id, name, version, arch, publisher, source, first_seen_at, last_seen_at)
       select d.id, p.name, p.version, 'x64', p.publisher, 'agent', d.seen, now() - interval '1 day'
       from d cross join generate_series(0, ${PACKAGES_PER_DEVICE - 1}) k
       join bench_sw_pool p on p.j = case when k < ${CORE_PICKS} then (d.a + k * d.sa) % $3::int else $3::int + (d.b + (k - ${CORE_PICKS}) * d.sb) % $4::int end`,
      [
        `${SOFTWARE_BENCH_PREFIX}${String(from).padStart(5, '0')}`,
        `${SOFTWARE_BENCH_PREFIX}${String(to).padStart(5, '0')}`,
        CORE,
        tail,
        coprime(CORE),
        coprime(tail),
      ],
    );
    done = to;
    if (done % 10_000 === 0 || done === devices) log(`software: ${done.toLocaleString('en')} devices × ${PACKAGES_PER_DEVICE} packages`);
  }

  // Devices per product and version as generated (what compliance should find), to size the licences.
  const { rows: counts } = await client.query<{ product: number; pv: string | null; n: number }>(
    `select p.product, p.pv, count(distinct s.asset_id)::int n
     from asset_software s join bench_sw_pool p on p.name = s.name and p.version = s.version and p.publisher = s.publisher
     where p.product is not null
     group by 1, 2 order by 1, 2`,
  );
  const licenses = licenseSpecs(counts, products.length);
  await client.query(
    `insert into software_licenses (asset_number, license_type, license_form, software_name, licensed_version, downgrade_allowed, owned_count, acquired_on, note)
     select r.no, r.type, r.form, case when b.versioned then b.publisher || ' ' || b.name else b.name end, r.version, r.downgrade, r.owned, date '2020-04-01' + (substr(r.no, 5)::int * 11 % 1500), 'bench'
     from jsonb_to_recordset($1::jsonb) as r(no text, type text, form text, product int, version text, downgrade boolean, owned int)
     join bench_sw_products b on b.idx = r.product`,
    [JSON.stringify(licenses)],
  );
  await client.query(
    `update software_licenses l set upgrade_from_id = f.id
     from jsonb_to_recordset($1::jsonb) as r(no text, "from" text) join software_licenses f on f.asset_number = r."from"
     where l.asset_number = r.no and r."from" is not null`,
    [JSON.stringify(licenses)],
  );
  await client.query(
    `insert into software_license_products (license_id, product_id)
     select l.id, b.id from jsonb_to_recordset($1::jsonb) as r(no text, product int)
     join software_licenses l on l.asset_number = r.no join bench_sw_products b on b.idx = r.product`,
    [JSON.stringify(licenses)],
  );
  // OEM licences bound to one device each (every 500th bench device), for the first versioned products.
  await client.query(
    `update software_licenses l set bound_device_id = h.id
     from hardware_assets h where l.license_type = 'oem' and l.note = 'bench'
       and h.asset_number = $1 || lpad((500 * substr(l.asset_number, 5)::int % $2 + 1)::text, 5, '0')`,
    [SOFTWARE_BENCH_PREFIX, devices],
  );

  // The usage ledger: ~18,000 detected installs of licensed products recorded (a sample), plus ~2,000 records of
  // installs the agents do not see (recorded only).
  await client.query(
    `create temp table bench_sw_lic as
     select distinct on (lp.product_id) lp.product_id, l.id license_id, l.licensed_version
     from software_licenses l join software_license_products lp on lp.license_id = l.id
     where l.note = 'bench' and l.license_type <> 'oem' order by lp.product_id, l.asset_number desc`,
  );
  await client.query(
    `insert into software_installations (license_id, device_id, status, used_version, worked_on, operator, note)
     select lic.license_id, x.asset_id, 'installed', lic.licensed_version, date '2024-04-01' + floor(random() * 900)::int, 'bench', 'bench'
     from (select distinct s.asset_id, b.id product_id
           from asset_software s join bench_sw_pool p on p.name = s.name and p.version = s.version and p.publisher = s.publisher
           join bench_sw_products b on b.idx = p.product) x
     join bench_sw_lic lic on lic.product_id = x.product_id
     order by random() limit 18000`,
  );
  await client.query(
    `with d as (select array_agg(id) ids from hardware_assets where asset_number like $1 || '%'),
          l as (select array_agg(license_id) ids, array_agg(licensed_version) vs from bench_sw_lic)
     insert into software_installations (license_id, device_id, status, used_version, worked_on, operator, note)
     select l.ids[li], d.ids[1 + floor(random() * cardinality(d.ids))::int], 'installed', l.vs[li], date '2024-04-01' + g % 900, 'bench', 'bench'
     from generate_series(1, 2000) g cross join d cross join l cross join lateral (select 1 + floor(random() * cardinality(l.ids))::int li) x`,
    [SOFTWARE_BENCH_PREFIX],
  );
  const ledger = Number((await client.query(`select count(*) from software_installations where note = 'bench'`)).rows[0].count);
  const installs = Number((await client.query('select count(*) from asset_software')).rows[0].count);
  await client.query('drop table bench_sw_products, bench_sw_pool, bench_sw_lic');
  await client.query('vacuum analyze');
  // Flush the load now: a checkpoint writing it out during the measurements would be measured with them.
  await client.query('checkpoint');
  return {
    devices,
    products: products.length,
    rules: rules.length,
    pool: pkgs.length,
    mappedPool: pkgs.filter((p) => p.product !== null).length,
    licenses: licenses.length,
    installs,
    ledger,
  };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

type LicenseSpec = { no: string; type: string; form: string; product: number; version: string | null; downgrade: boolean; owned: number; from: string | null };

/**
 * ~150 licences sized from what was generated: per-version families get a chain (the oldest version's full licence,
 * the next version as an upgrade of it, the newest with downgrade rights), one product in three of the rest a volume
 * licence, and a few OEM licences. The sizes cycle through short, tight and ample so that the report has products
 * over, near and within their entitlement.
 */
function licenseSpecs(counts: { product: number; pv: string | null; n: number }[], productCount: number): LicenseSpec[] {
  const factors = [0.8, 1.04, 1.3, 1.08, 1.5];
  const specs: LicenseSpec[] = [];
  const no = () => `SWL-${String(specs.length + 1).padStart(5, '0')}`;
  const byProduct = new Map<number, { pv: string | null; n: number }[]>();
  for (const c of counts) byProduct.set(c.product, [...(byProduct.get(c.product) ?? []), c]);
  for (let p = 0; p < productCount; p++) {
    const versions = byProduct.get(p) ?? [];
    const f = factors[p % factors.length];
    const total = versions.reduce((s, v) => s + v.n, 0);
    if (total === 0) continue;
    if (versions[0]?.pv !== null && versions.length >= 2) {
      const sorted = [...versions].sort((a, b) => Number(a.pv?.replace(/\D/g, '')) - Number(b.pv?.replace(/\D/g, '')));
      const [oldest, next, ...newer] = sorted;
      const base = no();
      specs.push({
        no: base,
        type: 'volume',
        form: 'full',
        product: p,
        version: oldest.pv,
        downgrade: false,
        owned: Math.ceil((oldest.n + next.n) * f),
        from: null,
      });
      specs.push({ no: no(), type: 'volume', form: 'upgrade', product: p, version: next.pv, downgrade: false, owned: Math.ceil(next.n * f), from: base });
      const rest = newer.reduce((s, v) => s + v.n, 0);
      if (rest > 0)
        specs.push({
          no: no(),
          type: 'volume',
          form: 'full',
          product: p,
          version: newer[newer.length - 1].pv,
          downgrade: true,
          owned: Math.ceil(rest * f),
          from: null,
        });
      if (p < 10) specs.push({ no: no(), type: 'oem', form: 'full', product: p, version: null, downgrade: false, owned: 1, from: null });
    } else if (p % 3 === 0) {
      specs.push({
        no: no(),
        type: p % 2 ? 'subscription' : 'volume',
        form: 'full',
        product: p,
        version: null,
        downgrade: false,
        owned: Math.ceil(total * f),
        from: null,
      });
    }
  }
  return specs;
}
