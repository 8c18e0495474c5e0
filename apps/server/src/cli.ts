#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { runMigrations } from './db/migrate.ts';
import { findUserByEmail } from './modules/access/users.repo.ts';
import { createApiToken, ensureAdmin } from './modules/access/users.service.ts';
import { departmentsIo } from './modules/org/departments.io.ts';
import { seedDemo } from './modules/org/org.seed.ts';
import { peopleIo } from './modules/org/people.io.ts';
import { sitesIo } from './modules/org/sites.io.ts';
import { verifyAuditChain } from './platform/audit/audit.service.ts';
import { importCommand } from './platform/files/import-cli.ts';

const ledgers = { people: peopleIo, sites: sitesIo, departments: departmentsIo };

const usage = `Usage: npm run unyo -- <command> [options]

Commands:
  migrate                                   apply database migrations
  create-admin --email E [--password P]     create the first administrator (if no user exists)
  token create --email E --name N [--expires ISO]   print a new API token for a user
  seed-demo                                 load the demo agency into an empty database
  audit-verify                              check the audit log's hash chains (exit 1 if broken)
  import <ledger> <file> [--dry-run] [--lang ja|en]
                                            import a CSV/XLSX into people, sites or departments
                                            (all-or-nothing; exit 1 if any row has an error)

With the embedded database (no DATABASE_URL) the running server holds the data folder:
stop it first (Ctrl+C on npm start), or use the HTTP API. A PostgreSQL server has no such limit.`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  const [cmd, sub] = positionals;
  if (!cmd || values.help) {
    console.log(usage);
    return cmd ? 0 : 2;
  }
  const config = loadConfig();
  const creates = ['migrate', 'create-admin', 'seed-demo'].includes(cmd);
  if (!config.databaseUrl && !creates && !fs.existsSync(config.dataDir)) {
    console.error(`No embedded database at ${config.dataDir} (set UNYO_DATA_DIR, or DATABASE_URL for a server).`);
    return 1;
  }
  const database = await openDatabase(config);
  try {
    switch (cmd) {
      case 'migrate':
        await runMigrations(database);
        console.log('Migrations applied.');
        return 0;
      case 'create-admin': {
        await runMigrations(database);
        const res = await ensureAdmin(database.db, (values.email ?? config.adminEmail).toLowerCase(), values.password ?? config.adminPassword);
        if (!res.created) console.log('An account already exists; nothing created.');
        else console.log(res.password ? `Administrator created. Password (shown once): ${res.password}` : 'Administrator created.');
        return 0;
      }
      case 'token': {
        if (sub !== 'create' || !values.email || !values.name) {
          console.error('Usage: token create --email <user> --name <label> [--expires ISO-datetime]');
          return 2;
        }
        const user = await findUserByEmail(database.db, values.email);
        if (!user || !user.active) {
          console.error(`No active user with e-mail ${values.email}.`);
          return 1;
        }
        const { token } = await createApiToken(
          database.db,
          { userId: user.id, email: user.email },
          { name: values.name, expiresAt: values.expires ?? null },
          null,
        );
        console.log(token);
        return 0;
      }
      case 'seed-demo': {
        await runMigrations(database);
        const seeded = await seedDemo(database.db, { onlyIfEmpty: true, servicedesk: {} });
        console.log(seeded ? 'Demo data loaded.' : 'The database already has sites; demo data not loaded.');
        return 0;
      }
      case 'import': {
        const io = sub && Object.hasOwn(ledgers, sub) ? ledgers[sub as keyof typeof ledgers] : null;
        const file = positionals[2];
        if (!io || !file) {
          console.error(`Usage: import <${Object.keys(ledgers).join('|')}> <file> [--dry-run] [--lang ja|en]`);
          return 2;
        }
        return await importCommand({
          db: database.db,
          io,
          file,
          dryRun: values['dry-run'] === true,
          locale: values.lang === 'en' ? 'en' : 'ja',
          limits: config.imports,
          stdout: process.stdout,
          stderr: process.stderr,
        });
      }
      case 'audit-verify': {
        const res = await verifyAuditChain(database.db);
        if (res.ok) {
          // Record the digest outside the database: removing the newest rows of a chain is not detectable otherwise.
          console.log(`Audit log OK: ${res.checked} entries in ${Object.keys(res.heads).length} chains, heads digest ${res.headHash}`);
          for (const [chain, head] of Object.entries(res.heads)) console.log(`  chain ${chain}: ${head}`);
          return 0;
        }
        console.error(`Audit log BROKEN at entry ${res.brokenAt}: ${res.reason} (${res.checked} entries verified before it)`);
        return 1;
      }
      default:
        console.error(`Unknown command: ${cmd}\n\n${usage}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (e) {
  if (e instanceof DataDirLockedError) {
    console.error(`\n${e.message}\n`);
    process.exitCode = 3;
  } else {
    console.error((e as Error).message ?? e);
    process.exitCode = 1;
  }
}
