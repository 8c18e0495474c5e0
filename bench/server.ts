import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The app under test runs in its own process, so the load generator and the server never share an event loop. */

const root = path.resolve(import.meta.dirname, '..');
export const BENCH_ADMIN = { email: 'bench-admin@bench.local', password: 'bench-password-2026' };

export type BenchServer = { url: string; pid: number; lastError(): string | null; stop(): Promise<void> };

/** databaseUrl: a PostgreSQL server; or { dataDir } for the embedded PGlite engine in that folder. */
export async function startServer(databaseUrl: string | { dataDir: string }): Promise<BenchServer> {
  const db = typeof databaseUrl === 'string' ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', UNYO_DATA_DIR: databaseUrl.dataDir };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...db,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      UNYO_JOBS: 'false',
      UNYO_SEED_DEMO: 'true',
      UNYO_ADMIN_EMAIL: BENCH_ADMIN.email,
      UNYO_ADMIN_PASSWORD: BENCH_ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /Unyo is ready: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
  // Keep draining the pipes (a full pipe would block the server); keep the last log lines for error reports.
  const recent: string[] = [];
  const keep = (b: Buffer) => {
    recent.push(...b.toString().split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 50));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    url,
    pid: child.pid!,
    lastError: () => {
      for (const line of [...recent].reverse()) {
        try {
          const entry = JSON.parse(line);
          if (entry.level >= 50)
            return String(entry.err?.message ?? entry.msg)
              .split('\n')[0]
              .slice(0, 200);
        } catch {}
      }
      return null;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** An API token for the bench admin, made by the CLI next to the running server (PostgreSQL allows that). */
export function createToken(databaseUrl: string): string {
  const res = spawnSync(process.execPath, [path.join(root, 'apps/server/src/cli.ts'), 'token', 'create', '--email', BENCH_ADMIN.email, '--name', 'bench'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  const token = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status !== 0 || !token.startsWith('unyo_')) throw new Error(`token create failed (${res.status}): ${res.stderr}${res.stdout}`);
  return token;
}

/** Resident set size of a process in bytes (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
