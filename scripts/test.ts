/**
 * `npm test`: the server and package suites on each engine (UNYO_TEST_ENGINES=pglite,postgres;
 * default pglite, which needs nothing installed), then the browser tests when Chromium is present.
 * Ends with one summary line over every run.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const engines = (process.env.UNYO_TEST_ENGINES ?? process.env.UNYO_TEST_DB ?? 'pglite')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const chromium = process.env.UNYO_CHROMIUM ?? '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };

function runSuite(label: string, files: string[], env: Record<string, string>): Promise<number> {
  console.log(`\n=== ${label} ===`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...files], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      const num = (name: string) => Number(new RegExp(`ℹ ${name} (\\d+)`).exec(tail)?.[1] ?? 0);
      totals.passed += num('pass');
      totals.failed += num('fail') + num('cancelled');
      totals.skipped += num('skipped') + num('todo');
      if (code !== 0 && num('fail') === 0) totals.failed += 1;
      resolve(code ?? 1);
    });
  });
}

const serverFiles = ['apps/server/src/**/*.test.ts', 'packages/contracts/src/**/*.test.ts'];
for (const engine of engines) {
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`Unknown engine ${engine}`);
  await runSuite(`server tests on ${engine}`, serverFiles, { UNYO_TEST_DB: engine });
}

if (fs.existsSync(chromium)) {
  if (!fs.existsSync('apps/web/dist/index.html')) {
    console.log('\nBuilding the web UI for the browser tests…');
    const vite = ['apps/web/node_modules/vite/bin/vite.js', 'node_modules/vite/bin/vite.js'].find((f) => fs.existsSync(f));
    if (vite) spawnSync(process.execPath, [path.resolve(vite), 'build', '--logLevel', 'warn'], { cwd: 'apps/web', stdio: 'inherit' });
  }
  await runSuite('browser tests (Chromium)', ['apps/web/e2e/**/*.test.ts'], {});
} else {
  console.log(`\nBrowser tests not run: ${chromium} is missing (apt-get install -y chromium fonts-noto-cjk).`);
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
