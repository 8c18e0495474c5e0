import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor.ts';
import { forgetGramFrequencies, gramFrequencies } from '../../platform/search/gram-stats.ts';
import { textSearchCondition } from '../../platform/search/text-search.ts';
import { loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertTicket } from './tickets.kernel.ts';
import { SHORT_TERM_LIKE_SHARE } from './tickets.repo.ts';
import { tickets } from './tickets.table.ts';

/**
 * A short search term is looked up in the grams index when it is rare and tested with LIKE when the statistics say it
 * is common (tickets.repo.ts searchPlans): whichever way, a search must find exactly the tickets that contain it.
 */
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const audit = { actor: systemActor, requestId: null };

test('common and rare 1–2 character terms find exactly the tickets containing them, before and after ANALYZE', async () => {
  const site = await makeSite(t);
  const subjects = Array.from({ length: 80 }, (_, i) =>
    i < 48
      ? `共有フォルダに入れない ${i}`
      : i < 49
        ? `給与明細が表示されない ${i}`
        : i < 50
          ? `印刷 ${i}`
          : i < 52
            ? `ＶＰＮ（共有回線）が遅い ${i}`
            : `プリンタ ${i}`,
  );
  const ids = await t.db.transaction(async (tx) => {
    const out: string[] = [];
    for (const subject of subjects) {
      const row = await insertTicket(tx as never, audit, {
        channel: 'phone',
        language: 'ja',
        siteId: site.id,
        subject,
        description: '',
        requesterName: '依頼者',
        receivedAt: new Date(),
      });
      out.push(row.id);
    }
    return out;
  });
  const expected = (needle: string) => ids.filter((_, i) => subjects[i].normalize('NFKC').toLowerCase().includes(needle)).sort();
  const admin = await loginAdmin(t.app);
  const search = async (q: string) => {
    const found: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const res = await admin.get(`/api/v1/tickets?siteId=${site.id}&q=${encodeURIComponent(q)}&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      found.push(...body.items.map((x: { id: string }) => x.id));
      total = body.total;
      cursor = body.nextCursor;
    } while (cursor);
    return { found: found.sort(), total };
  };
  const check = async () => {
    for (const q of ['共有', '共', '給与', '明細', 'vp', '回線', 'ン', '鬱']) {
      const { found, total } = await search(q);
      const want = expected(q.normalize('NFKC').toLowerCase());
      assert.deepEqual(found, want, `q=${q}`);
      assert.equal(total, want.length, `total for q=${q}`);
      // The same rows as the grams index alone gives.
      const byGrams = await t.db
        .select({ id: tickets.id })
        .from(tickets)
        .where(textSearchCondition(tickets.searchText, tickets.searchGrams, q));
      assert.deepEqual(
        byGrams
          .map((r) => r.id)
          .filter((id) => ids.includes(id))
          .sort(),
        want,
        `grams for q=${q}`,
      );
    }
  };
  await check();
  await t.db.execute(sql`analyze tickets`);
  forgetGramFrequencies(t.db);
  const freqs = await gramFrequencies(t.db, 'tickets', 'search_grams');
  assert.ok((freqs.get('共有') ?? 0) >= SHORT_TERM_LIKE_SHARE.count, `共有 is common: ${freqs.get('共有')}`);
  // One ticket in 80: the page tests it with LIKE, the count looks it up in the grams index.
  const rare = freqs.get('給与') ?? 0;
  assert.ok(rare >= SHORT_TERM_LIKE_SHARE.page && rare < SHORT_TERM_LIKE_SHARE.count, `給与: ${rare}`);
  assert.equal(freqs.get('鬱'), undefined);
  await check();
});

test('a search counts up to 100 matches ("100件以上"), exactly below that', async () => {
  const site = await makeSite(t);
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < 103; i++) {
      await insertTicket(tx as never, audit, {
        channel: 'phone',
        language: 'ja',
        siteId: site.id,
        subject: i < 101 ? `会議室のモニター ${i}` : `会議室の予約 ${i}`,
        description: '',
        requesterName: '依頼者',
        receivedAt: new Date(),
      });
    }
  });
  const admin = await loginAdmin(t.app);
  const list = async (q: string) => (await admin.get(`/api/v1/tickets?siteId=${site.id}&q=${encodeURIComponent(q)}&limit=10`)).json();
  const many = await list('モニター');
  assert.deepEqual([many.total, many.totalExact, many.items.length], [100, false, 10]);
  const few = await list('予約');
  assert.deepEqual([few.total, few.totalExact], [2, true]);
  const all = await admin.get(`/api/v1/tickets?siteId=${site.id}&limit=10`);
  assert.deepEqual([all.json().total, all.json().totalExact], [103, true], 'a list without a search counts further');
});
