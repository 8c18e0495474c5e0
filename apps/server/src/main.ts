import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { DEMO_PASSWORD, demoAccounts, describeDemoAccount } from './modules/org/org.seed.ts';

const config = loadConfig();

function buildWebIfMissing() {
  if (!process.argv.includes('--build-web-if-missing') || fs.existsSync(path.join(config.webDist, 'index.html'))) return;
  const webDir = path.resolve(config.webDist, '..');
  const candidates = [path.join(webDir, 'node_modules/vite/bin/vite.js'), path.resolve(webDir, '../../node_modules/vite/bin/vite.js')];
  const vite = candidates.find((c) => fs.existsSync(c));
  if (!vite) {
    console.warn('The web UI is not built and Vite is missing; the API still runs. Run `npm install` then `npm run build`.');
    return;
  }
  console.log('Building the web UI once (apps/web/dist)…');
  const res = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' });
  if (res.status !== 0) console.warn('The web UI build failed; the API still runs.');
}

async function main() {
  let started: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    started = await prepareDatabase(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`\nUnyo cannot start: ${e.message}\n`);
      process.exit(3);
    }
    throw e;
  }
  buildWebIfMissing();
  const { database, admin, seeded } = started;
  const { app, jobs } = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });
  if (config.jobs.enabled) await jobs.start();

  // PORT=0 lets the OS pick a port (tests, side-by-side instances): show the one actually bound.
  const bound = app.server.address();
  const url =
    config.port === 0 && bound && typeof bound === 'object'
      ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${bound.port}`
      : config.publicUrl;
  const lines = [
    '',
    `  Unyo is ready: ${url}`,
    `  Database: ${database.kind === 'pglite' ? `embedded (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)'}`,
    `  Log in as: ${config.adminEmail}`,
  ];
  if (admin.password) lines.push(`  Generated password (shown once, change it after login): ${admin.password}`);
  else if (admin.created) lines.push('  Password: the value of UNYO_ADMIN_PASSWORD');
  if (seeded) {
    lines.push('  Demo data was loaded into the empty database.');
    lines.push(`  Demo logins (password ${DEMO_PASSWORD}):`, ...demoAccounts.map((a) => `    ${describeDemoAccount(a)}`));
  }
  lines.push(`  API docs: ${url}/api/docs`, '');
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await jobs.stop().catch(() => {});
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
