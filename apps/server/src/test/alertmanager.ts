import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntil } from './processes.ts';

// A throwaway Prometheus Alertmanager (Debian prometheus-alertmanager 0.25) for the monitoring-intake tests: own
// config, storage and port on 127.0.0.1, no cluster port. Facts from ../shared/PEERS.md.

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
export const alertmanagerInstalled = () => fs.existsSync(ALERTMANAGER_BIN);

export type Alertmanager = {
  url: string;
  /** POST /api/v2/alerts: alerts with labels, annotations, startsAt and (to resolve) endsAt. */
  post(alerts: { labels: Record<string, string>; annotations?: Record<string, string>; startsAt: string; endsAt?: string }[]): Promise<void>;
  output(): string;
  stop(): Promise<void>;
};

/** Starts Alertmanager with one webhook receiver (Bearer token) that gets every alert within ~1 s, resolutions too. */
export async function startAlertmanager(webhookUrl: string, bearerToken: string): Promise<Alertmanager> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-alertmanager-'));
  const port = await freePort();
  const conf = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(
    conf,
    `route:
  receiver: unyo
  group_by: [alertname, instance]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: unyo
    webhook_configs:
      - url: ${JSON.stringify(webhookUrl)}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${JSON.stringify(bearerToken)}
`,
  );
  const child = spawn(
    ALERTMANAGER_BIN,
    [`--config.file=${conf}`, `--storage.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => (await fetch(`${url}/-/ready`).catch(() => null))?.ok, 15_000, 100, 'alertmanager /-/ready');
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${out}`);
  }
  return {
    url,
    output: () => out,
    post: async (alerts) => {
      const res = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
      if (!res.ok) throw new Error(`alertmanager POST /api/v2/alerts: ${res.status} ${await res.text()}`);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
