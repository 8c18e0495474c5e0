import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemo } from '../org/org.seed.ts';

/** Issue #4 item 10: demo hardware ledgers consistent with the demo people, seeded with the agency. */

let t: TestApp;
let seedMs = 0;
before(async () => {
  t = await startTestApp();
  const started = performance.now();
  assert.equal(await seedDemo(t.db, { onlyIfEmpty: true }), true);
  seedMs = performance.now() - started;
  console.log(`# seedDemo with assets on ${t.database.kind}: ${Math.round(seedMs)} ms`);
});
after(async () => {
  await t.close();
});

const one = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];

describe('demo hardware assets', () => {
  test('about 6,000 domestic and 1,500 overseas assets, seeded quickly with the agency', async () => {
    const c = await one<{ domestic: number; overseas: number; audit: number }>(
      sql`select count(*) filter (where ledger = 'domestic')::int as domestic, count(*) filter (where ledger = 'overseas')::int as overseas,
                 (select (after->'assets'->>'domestic')::int from audit_log where action = 'demo.seeded') as audit
          from hardware_assets`,
    );
    assert.ok(c.domestic >= 5400 && c.domestic <= 6600, `${c.domestic} domestic`);
    assert.ok(c.overseas >= 1300 && c.overseas <= 1700, `${c.overseas} overseas`);
    assert.equal(c.audit, c.domestic, 'the seed audit row counts them');
    // About 4 s on an idle machine (PGlite); the bound leaves room for a busy CI machine.
    assert.ok(seedMs < 30_000, `seeding took ${Math.round(seedMs)} ms`);
  });

  test('every user is at the asset site and in its department; overseas assets are at overseas sites', async () => {
    const bad = await one<{ user_elsewhere: number; dept_mismatch: number; ledger_mismatch: number; dept_site: number }>(
      sql`select count(*) filter (where p.site_id <> a.site_id)::int as user_elsewhere,
                 count(*) filter (where a.user_id is not null and a.department_id is distinct from p.department_id)::int as dept_mismatch,
                 count(*) filter (where (a.ledger = 'overseas') <> (s.kind = 'overseas'))::int as ledger_mismatch,
                 count(*) filter (where d.site_id <> a.site_id)::int as dept_site
          from hardware_assets a join sites s on s.id = a.site_id
          left join people p on p.id = a.user_id left join departments d on d.id = a.department_id`,
    );
    assert.deepEqual(bad, { user_elsewhere: 0, dept_mismatch: 0, ledger_mismatch: 0, dept_site: 0 });
  });

  test('the ledger looks real: stock without users, VMs on hosts at the same site, switch ports, history, unique MACs', async () => {
    const c = await one<Record<string, number>>(
      sql`select (select count(*)::int from hardware_assets where status = 'stock' and user_id is null) as stock,
                 (select count(*)::int from hardware_assets where user_id is not null and status = 'stock') as stock_with_user,
                 (select count(*)::int from hardware_assets v join hardware_assets h on h.id = v.parent_id
                   where v.category = 'virtual_server' and h.category = 'server' and h.site_id = v.site_id) as vms,
                 (select count(*)::int from hardware_assets where category = 'virtual_server' and parent_id is null) as orphan_vms,
                 (select count(distinct asset_id)::int from asset_ports) as switches_with_ports,
                 (select count(*)::int from asset_movements) as movements,
                 (select count(*)::int from asset_repairs) as repairs,
                 (select count(*)::int from hardware_asset_macs) as active_macs,
                 (select count(*)::int from hardware_assets where room = '301会議室' and building in ('本館', '別館')) as meeting_room,
                 (select count(*)::int from hardware_assets where ledger = 'overseas' and category = 'notebook_pc' and entra_registered_on is null and user_id is not null) as entra_open`,
    );
    assert.ok(c.stock > 100, `${c.stock} in stock`);
    assert.equal(c.stock_with_user, 0);
    assert.ok(c.vms > 200, `${c.vms} VMs`);
    assert.equal(c.orphan_vms, 0);
    assert.ok(c.switches_with_ports > 100);
    assert.ok(c.movements > 100 && c.repairs > 20, JSON.stringify(c));
    assert.ok(c.active_macs > 4000, `${c.active_macs} active MACs`);
    assert.ok(c.meeting_room > 50);
    assert.ok(c.entra_open > 0, 'some overseas onboarding checks are still open (2.1.g)');
  });

  test('the seed is deterministic apart from ids', async () => {
    const rows = await queryRows<{ h: string }>(
      t.db,
      sql`select md5(string_agg(asset_number || name || coalesce(serial_number, '') || status || coalesce(room, ''), ',' order by asset_number)) as h from hardware_assets`,
    );
    const again = await startTestApp();
    try {
      await seedDemo(again.db, { onlyIfEmpty: true });
      const other = await queryRows<{ h: string }>(
        again.db,
        sql`select md5(string_agg(asset_number || name || coalesce(serial_number, '') || status || coalesce(room, ''), ',' order by asset_number)) as h from hardware_assets`,
      );
      assert.equal(other[0].h, rows[0].h);
    } finally {
      await again.close();
    }
  });
});
