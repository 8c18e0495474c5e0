import type pg from 'pg';
import { type FakeDevice, type FakeSoftware, fakeSoftware, inventoryXml, prologXml, zlibBody } from '../apps/server/src/test/fusion-agent.ts';

/**
 * Agent inventory intake (issue #4 item 11): full inventories as the real agent sends them (PROLOG, then a
 * zlib-compressed INVENTORY with ~1,200 packages), for `devices` new devices, then a re-run of each with a few
 * packages upgraded, removed and added, posted by `concurrency` concurrent agents.
 */
export type InventoryBenchOptions = {
  baseUrl: string;
  token: string;
  client: pg.Client;
  devices: number;
  packages: number;
  concurrency: number;
  log: (s: string) => void;
};

export type InventoryPhase = {
  name: string;
  inventories: number;
  ms: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
  firstError: string | null;
};
export type InventoryBenchResult = {
  devices: number;
  packages: number;
  concurrency: number;
  inflatedKb: number;
  compressedKb: number;
  phases: InventoryPhase[];
  total: { inventories: number; ms: number; perSecond: number };
  check: { agentAssets: number; softwareRows: number; expectedSoftwareRows: number };
};

function device(i: number, packages: number, rerun: boolean): FakeDevice {
  let software: FakeSoftware[] = fakeSoftware(packages, i + 1);
  if (rerun) {
    // A week later: 10 upgrades, 5 removals, 5 new packages.
    software = software.slice(5).map((s, k) => (k < 10 ? { ...s, version: `${s.version}+deb12u1` } : s));
    software.push(...fakeSoftware(5, 100_000 + i).map((s) => ({ ...s, name: `${s.name}-new` })));
  }
  const hex = i.toString(16).padStart(6, '0');
  return {
    deviceId: `bench-pc-${i}-2026-04-01-09-00-00`,
    hostName: `bench-pc-${i}`,
    uuid: `4c4c4544-0042-1000-8000-0000${hex.padStart(8, '0')}`,
    serial: `BENCH${hex.toUpperCase()}`,
    manufacturer: 'Dell Inc.',
    model: 'OptiPlex 7090',
    chassis: i % 4 === 0 ? 'Notebook' : 'Desktop',
    nics: [[`00:1b:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:01`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`]],
    software,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function benchInventory(o: InventoryBenchOptions): Promise<InventoryBenchResult> {
  const created = await fetch(`${o.baseUrl}/api/v1/agent-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench agents' }),
  });
  if (created.status !== 201) throw new Error(`agent token: HTTP ${created.status} ${await created.text()}`);
  const agentToken = ((await created.json()) as { token: string }).token;
  const auth = `Basic ${Buffer.from(`agent:${agentToken}`).toString('base64')}`;
  const url = `${o.baseUrl}/api/v1/inventory/ocs`;

  o.log(`inventory: building ${o.devices} × 2 inventories of ${o.packages} packages`);
  let inflated = 0;
  let compressed = 0;
  const bodies = (rerun: boolean) =>
    Array.from({ length: o.devices }, (_, i) => {
      const d = device(i, o.packages, rerun);
      const xml = inventoryXml(d);
      const body = zlibBody(xml);
      inflated += xml.length;
      compressed += body.length;
      return { prolog: zlibBody(prologXml(d.deviceId)), inventory: body };
    });
  const first = bodies(false);
  const rerun = bodies(true);

  const post = async (body: Buffer) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-compress-zlib' },
      body: new Uint8Array(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${bytes.toString('utf8').slice(0, 200)}`);
  };

  const phase = async (name: string, work: { prolog: Buffer; inventory: Buffer }[]): Promise<InventoryPhase> => {
    const times: number[] = [];
    let errors = 0;
    let firstError: string | null = null;
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (next < work.length) {
          const w = work[next++];
          const s = performance.now();
          try {
            await post(w.prolog);
            await post(w.inventory);
            times.push(performance.now() - s);
          } catch (err) {
            errors++;
            firstError ??= (err as Error).message;
          }
        }
      }),
    );
    const ms = performance.now() - start;
    times.sort((a, b) => a - b);
    const r = {
      name,
      inventories: times.length,
      ms,
      perSecond: (times.length / ms) * 1000,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      errors,
      firstError,
    };
    o.log(
      `inventory ${name}: ${r.inventories} in ${(ms / 1000).toFixed(1)} s = ${r.perSecond.toFixed(1)}/s${errors ? ` (${errors} errors: ${firstError})` : ''}`,
    );
    return r;
  };

  const phases = [await phase('new devices', first), await phase('re-runs of known devices', rerun)];
  const totalMs = phases.reduce((s, p) => s + p.ms, 0);
  const totalN = phases.reduce((s, p) => s + p.inventories, 0);
  const agentAssets = Number((await o.client.query(`select count(*) from hardware_assets where agent_device_id like 'bench-pc-%'`)).rows[0].count);
  const softwareRows = Number(
    (await o.client.query(`select count(*) from asset_software s join hardware_assets a on a.id = s.asset_id where a.agent_device_id like 'bench-pc-%'`))
      .rows[0].count,
  );
  return {
    devices: o.devices,
    packages: o.packages,
    concurrency: o.concurrency,
    inflatedKb: Math.round(inflated / (2 * o.devices) / 1024),
    compressedKb: Math.round(compressed / (2 * o.devices) / 1024),
    phases,
    total: { inventories: totalN, ms: totalMs, perSecond: (totalN / totalMs) * 1000 },
    check: { agentAssets, softwareRows, expectedSoftwareRows: o.devices * o.packages },
  };
}
