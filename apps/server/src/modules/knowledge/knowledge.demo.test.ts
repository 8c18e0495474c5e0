import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clientFor, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemoKnowledge } from './knowledge.demo.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('the demo knowledge base has about 150 articles that requesters can search and get suggested', async () => {
  const { articles } = await seedDemoKnowledge(t.db);
  assert.equal(articles, 150);
  const site = await makeSite(t);
  const requester = (await clientFor(t, ['requester'], { kind: 'own' }, (await makePerson(t, site.id)).id)).client;
  const operator = (await clientFor(t, ['operator'])).client;
  const mine = (await requester.get('/api/v1/kb/articles?limit=1')).json().total;
  const all = (await operator.get('/api/v1/kb/articles?limit=1')).json().total;
  assert.ok(mine > 100 && mine < all, `requesters see the published subset (${mine} of ${all})`);
  const s = (await requester.get(`/api/v1/kb/suggest?text=${encodeURIComponent('プリンターで印刷ができません')}`)).json();
  assert.ok(s.items.length > 0);
  assert.match(s.items[0].title, /印刷/);
});
