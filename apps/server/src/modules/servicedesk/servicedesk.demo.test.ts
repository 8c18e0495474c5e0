import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemo } from '../org/org.seed.ts';
import { seedDemoServicedesk } from './servicedesk.demo.ts';
import { deriveTicket } from './tickets.derive.ts';

/** Issue #6 item 14: a year of demo inquiries with call records, consistent with the kernel's derivation. */

let t: TestApp;
let seedMs = 0;
const SCALE = 0.05; // ~1,500 tickets: the shape of the full 30,000 at a test's cost
before(async () => {
  t = await startTestApp();
  const started = performance.now();
  assert.equal(await seedDemo(t.db, { onlyIfEmpty: true, servicedesk: { scale: SCALE } }), true);
  seedMs = performance.now() - started;
  console.log(`# seedDemo with ${SCALE * 30_000} tickets on ${t.database.kind}: ${Math.round(seedMs)} ms`);
});
after(async () => {
  await t.close();
});

const one = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await queryRows<T>(t.db, q))[0];

describe('demo service desk', () => {
  test('the volume, languages, channels and a year of arrivals, counted in the seed audit row', async () => {
    const c = await one<Record<string, number>>(
      sql`select count(*)::int as tickets,
                 count(*) filter (where t.language = 'en')::int as en,
                 count(*) filter (where s.kind = 'overseas')::int as overseas,
                 count(*) filter (where s.kind = 'overseas' and t.language = 'en')::int as overseas_en,
                 count(distinct t.channel)::int as channels,
                 count(distinct t.site_id)::int as sites,
                 (extract(epoch from max(t.received_at) - min(t.received_at)) / 86400)::int as days,
                 (select (after->'servicedesk'->>'tickets')::int from audit_log where action = 'demo.seeded') as audited
          from tickets t join sites s on s.id = t.site_id`,
    );
    assert.ok(c.tickets >= 1400 && c.tickets <= 1500, `${c.tickets} tickets`);
    assert.equal(c.audited, c.tickets);
    assert.ok(c.en > 0 && c.en < c.tickets / 3, `${c.en} in English`);
    assert.ok(c.overseas > 0 && c.overseas_en / c.overseas > 0.6, 'overseas offices ask mostly in English');
    assert.equal(c.channels, 6);
    assert.ok(c.sites > 20, `${c.sites} sites`);
    assert.ok(c.days > 330, `${c.days} days`);
  });

  test('plausible desk timings: most answered in time, some breaches, escalations, reopenings, install requests, no-responses', async () => {
    const c = await one<Record<string, number>>(
      sql`select count(*) filter (where first_answered_at <= first_answer_due_at)::int as in_time,
                 count(*) filter (where first_answered_at > first_answer_due_at)::int as breached,
                 count(*) filter (where escalated)::int as escalated,
                 count(*) filter (where reopen_count > 0)::int as reopened,
                 count(*) filter (where install_request)::int as installs,
                 count(*) filter (where no_response and no_response_reason is not null and first_answered_at is null)::int as no_response,
                 count(*) filter (where first_contact_resolution)::int as fcr,
                 count(*) filter (where escalated and first_contact_resolution)::int as fcr_escalated,
                 count(*)::int as total
          from tickets`,
    );
    assert.ok(c.in_time / c.total > 0.85, `${c.in_time} of ${c.total} in time`);
    assert.ok(c.breached > 0, 'some breaches');
    assert.ok(c.escalated > 0 && c.reopened > 0 && c.installs > 0 && c.no_response > 0, JSON.stringify(c));
    assert.ok(c.fcr / c.total > 0.5, `${c.fcr} first-contact resolutions`);
    assert.equal(c.fcr_escalated, 0);
  });

  test('phone tickets have their call records: waits mostly under 10 s, talks of 5–10 minutes, the call is the first answer', async () => {
    const c = await one<Record<string, number>>(
      sql`select (select count(*)::int from tickets where channel = 'phone' and not no_response) as phone,
                 count(*)::int as calls,
                 count(*) filter (where c.wait_seconds < 10)::int as quick,
                 count(*) filter (where c.talk_seconds between 300 and 600)::int as talks,
                 count(*) filter (where t.first_answered_at = c.answered_at and t.handling_seconds = c.talk_seconds)::int as first_answers,
                 count(*) filter (where t.channel <> 'phone' or c.site_id <> t.site_id)::int as mismatched
          from call_records c join tickets t on t.id = c.ticket_id`,
    );
    assert.equal(c.calls, c.phone);
    assert.ok(c.quick / c.calls > 0.85, `${c.quick} of ${c.calls} answered within 10 s`);
    assert.equal(c.talks, c.calls);
    assert.equal(c.first_answers, c.calls);
    assert.equal(c.mismatched, 0);
  });

  test('every stored ticket equals the derivation of its own event log; numbers follow arrival order', async () => {
    const rows = await queryRows<{
      id: string;
      status: string;
      first_answered_at: string | null;
      resolved_at: string | null;
      reopen_count: number;
      fcr: boolean;
      escalated: boolean;
      event_count: number;
      events: { seq: number; type: string; at: string; data: Record<string, unknown> }[];
    }>(
      t.db,
      sql`select t.id, t.status, t.first_answered_at, t.resolved_at, t.reopen_count, t.first_contact_resolution as fcr, t.escalated, t.event_count,
                 (select json_agg(json_build_object('seq', e.seq, 'type', e.type, 'at', e.at, 'data', e.data)) from ticket_events e where e.ticket_id = t.id) as events
          from tickets t order by t.number limit 300`,
    );
    for (const r of rows) {
      const d = deriveTicket(r.events.map((e) => ({ ...e, at: new Date(e.at) })));
      const ms = (v: string | null) => (v ? new Date(v).getTime() : null);
      assert.deepEqual(
        [d.status, d.firstAnsweredAt?.getTime() ?? null, d.resolvedAt?.getTime() ?? null, d.reopenCount, d.firstContactResolution, d.escalated, d.eventCount],
        [r.status, ms(r.first_answered_at), ms(r.resolved_at), r.reopen_count, r.fcr, r.escalated, r.event_count],
        r.id,
      );
    }
    const order = await one<{ inversions: number }>(
      sql`select count(*)::int as inversions from (select received_at, lag(received_at) over (order by number) as prev from tickets) x where received_at < prev`,
    );
    assert.equal(order.inversions, 0);
  });

  test('the search columns are exactly what the search trigger computes, and the foreign keys hold', async () => {
    const c = await one<Record<string, number>>(
      sql`select count(*)::int as total,
                 count(*) filter (where search_text = unyo_search_norm(concat_ws(' ', number, subject, requester_name, requester_email,
                   requester_organization, left(description, 1000))))::int as same_text,
                 count(*) filter (where search_grams @> unyo_grams(search_text) and search_grams <@ unyo_grams(search_text))::int as same_grams,
                 (select count(*)::int from ticket_events e left join tickets x on x.id = e.ticket_id where x.id is null) as orphan_events,
                 (select count(*)::int from tickets x left join sites s on s.id = x.site_id where s.id is null) as orphan_sites
          from tickets`,
    );
    assert.deepEqual(c, { total: c.total, same_text: c.total, same_grams: c.total, orphan_events: 0, orphan_sites: 0 });
  });

  test('a second run adds nothing', async () => {
    assert.deepEqual(await seedDemoServicedesk(t.db, { scale: SCALE }), { tickets: 0, events: 0, calls: 0 });
  });
});
