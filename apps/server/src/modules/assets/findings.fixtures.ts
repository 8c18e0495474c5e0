import assert from 'node:assert/strict';
import { type Client, loginAdmin, makeDepartment, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { hardwareAssets } from './assets.table.ts';

/** The findings test files' shared world: two sites, two departments at A, an active person in the first. */
export type FindingsFixture = {
  t: TestApp;
  siteA: { id: string };
  siteB: { id: string };
  dept1: { id: string };
  dept2: { id: string };
  active: { id: string };
  admin: Client;
};

export async function startFindingsFixture(): Promise<FindingsFixture> {
  const t = await startTestApp();
  const siteA = await makeSite(t);
  const siteB = await makeSite(t);
  const dept1 = await makeDepartment(t, siteA.id);
  const dept2 = await makeDepartment(t, siteA.id);
  const active = await makePerson(t, siteA.id, { departmentId: dept1.id });
  return { t, siteA, siteB, dept1, dept2, active, admin: await loginAdmin(t.app) };
}

let seq = 0;
/** A clean in-use asset (user active in the same department, a purpose): no finding unless `over` makes one. */
export async function makeCleanAsset(fx: FindingsFixture, over: Partial<typeof hardwareAssets.$inferInsert> = {}) {
  const n = `F-${Date.now().toString(36)}-${seq++}`;
  const [row] = await fx.t.db
    .insert(hardwareAssets)
    .values({
      assetNumber: n,
      ledger: 'domestic',
      name: `PC ${n}`,
      category: 'notebook_pc',
      siteId: fx.siteA.id,
      departmentId: fx.dept1.id,
      userId: fx.active.id,
      purpose: '事務用',
      status: 'in_use',
      ...over,
    })
    .returning();
  return row;
}

export type Finding = {
  id: string;
  kind: string;
  key: string;
  status: string;
  reason: string | null;
  asset: { id: string };
  abilities: Record<string, boolean>;
};

export async function findingsOf(fx: FindingsFixture, assetId: string): Promise<Finding[]> {
  const res = await fx.admin.get(`/api/v1/asset-findings?assetId=${assetId}&limit=100`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items;
}

export async function runNow(fx: FindingsFixture) {
  const res = await fx.admin.post('/api/v1/asset-findings/run');
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { detected: number; opened: number; reopened: number; resolved: number };
}
