import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Helpers for tests that run the real entry points (main.ts, cli.ts) as child processes. */

const serverSrc = path.resolve(import.meta.dirname, '..');
export const MAIN_TS = path.join(serverSrc, 'main.ts');
export const CLI_TS = path.join(serverSrc, 'cli.ts');

/** Every child still running; killed when the test process exits, so a failed assertion leaves none behind. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The environment a child starts from: PATH and the like, but nothing that would change its configuration. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('UNYO_') || k.startsWith('NODE_TEST') || ['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_OPTIONS'].includes(k)) continue;
    env[k] = v;
  }
  return env;
}

export type Spawned = {
  readonly child: ChildProcess;
  readonly pid: number;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** The exit code; if the process is still running after timeoutMs it is killed and this rejects. */
  waitExit(timeoutMs: number): Promise<number | string>;
  /** Resolves when `pattern` appears in the output; rejects if the process ends first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after graceMs; resolves with the exit code (or signal). */
  stop(graceMs?: number): Promise<number | string>;
};

export function spawnNode(script: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [script, ...args], { env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exitCode: number | string | null = null;
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      exitCode = code ?? signal ?? -1;
      resolve(exitCode);
      for (const l of listeners) l();
    });
  });

  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (m) return done(() => resolve(m));
        if (exitCode !== null) return done(() => reject(new Error(`process ${child.pid} exited (${exitCode}) before ${pattern}:\n${out}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}:\n${out}`))), timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        fn();
      };
      listeners.add(check);
      check();
    });

  const stop = async (graceMs = 60_000) => {
    if (exitCode !== null) return exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const waitExit = async (timeoutMs: number) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    if (timedOut) throw new Error(`process ${child.pid} still running after ${timeoutMs} ms; killed:\n${out}`);
    return code;
  };

  return { child, pid: child.pid!, output: () => out, exited, waitExit, waitFor, stop };
}

export type AppProcess = Spawned & { url: string };

/**
 * Starts `node main.ts` (PORT=0 unless given: the OS picks a free port) and waits for its ready banner.
 * The web UI is not built: --build-web-if-missing is not passed.
 */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<AppProcess> {
  const proc = spawnNode(MAIN_TS, [], { PORT: '0', LOG_LEVEL: 'warn', UNYO_SEED_DEMO: 'false', ...env });
  try {
    const m = await proc.waitFor(/Unyo is ready: (http:\/\/\S+)/, timeoutMs);
    return Object.assign(proc, { url: m[1] });
  } catch (e) {
    await proc.stop(2000);
    throw e;
  }
}

export type CliResult = { code: number | string; output: string };

/** Runs `node cli.ts ARGS` to completion. */
export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliResult> {
  const proc = spawnNode(CLI_TS, args, env);
  const code = await proc.waitExit(timeoutMs);
  return { code, output: proc.output() };
}

/** Stops every child started by these helpers that is still running. For `after()` hooks. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `fn` until it returns a truthy value; throws the last state on timeout. */
export async function waitUntil<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, intervalMs = 250, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
