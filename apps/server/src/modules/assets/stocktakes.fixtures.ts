import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, makeAsset, type TestApp } from '../../test/harness.ts';
import { hardwareAssets } from './assets.table.ts';

/** Helpers shared by the stock-take test files. */

export type Item = {
  id: string;
  assetNumber: string;
  result: string;
  expectedName: string | null;
  actualLocation: { room: string | null } | null;
  draft: boolean;
};

/** An asset at a site (the harness factory, bound to one test app). */
export const assetMaker =
  (t: TestApp) =>
  (siteId: string, over: Partial<typeof hardwareAssets.$inferInsert> = {}) =>
    makeAsset(t, siteId, over);

export async function itemsOf(client: Client, id: string, query = '') {
  const res = await client.get(`/api/v1/stocktakes/${id}/items?limit=500${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: Item[]; total: number };
}

/** The checklist token of the last stock-take mail to an address. */
export async function tokenFor(t: TestApp, to: string) {
  const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, to));
  return /\/stocktake-checklist\/([A-Za-z0-9_-]+)/.exec(mails[mails.length - 1].text)![1];
}

export const assetRow = async (t: TestApp, id: string) => (await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.id, id)))[0];
