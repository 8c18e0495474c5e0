import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role, SiteScope } from '@unyo/contracts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type BuildOptions, type BuiltApp, buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { users } from '../modules/access/access.table.ts';
import { resetLoginThrottle } from '../modules/access/auth.service.ts';
import { ensureAdmin } from '../modules/access/users.service.ts';
import { hardwareAssets } from '../modules/assets/assets.table.ts';
import { departments, people, sites } from '../modules/org/org.table.ts';
import { hashPassword } from '../platform/auth/crypto.ts';

export const engine = (process.env.UNYO_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
export const PG_ADMIN_URL = process.env.UNYO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };
export const PASSWORD = 'user-password-123';

/** A fresh, empty database on the engine under test: in-memory PGlite, or a new C.UTF-8 PostgreSQL database. */
export async function createTestDatabaseUrl(): Promise<{ url: string | null; drop(): Promise<void> }> {
  if (engine === 'pglite') return { url: null, drop: async () => {} };
  const name = `unyo_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const migrationsDir = path.join(import.meta.dirname, '../db/migrations');

/**
 * PGlite: the migrated empty database as a data-directory image, made once per set of migrations and kept in the
 * temp folder (written to a temporary name, then renamed, so parallel test files never read half an image). Every
 * test database starts from it instead of running the migrations again: same schema, a second instead of three.
 */
function pgliteImagePath(): string {
  const hash = createHash('sha256');
  const pgliteVersion = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, '../../../../node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ).version;
  hash.update(String(pgliteVersion));
  const files = fs.readdirSync(migrationsDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  for (const f of files.map((d) => path.join(d.parentPath, d.name)).sort()) hash.update(f.slice(migrationsDir.length)).update(fs.readFileSync(f));
  return path.join(os.tmpdir(), `unyo-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function openMigrated(config: Config): Promise<Database> {
  if (engine !== 'pglite' || !config.inMemory) {
    const database = await openDatabase(config);
    await runMigrations(database);
    return database;
  }
  const image = pgliteImagePath();
  if (fs.existsSync(image)) return openDatabase(config, { loadDataDir: new Blob([fs.readFileSync(image)]) });
  const database = await openDatabase(config);
  await runMigrations(database);
  const dump = Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer());
  const partial = `${image}.${process.pid}.tmp`;
  fs.writeFileSync(partial, dump);
  fs.renameSync(partial, image);
  return database;
}

export type TestApp = BuiltApp & {
  config: Config;
  database: Database;
  db: Database['db'];
  close(): Promise<void>;
};

export async function startTestApp(overrides: Partial<Config> = {}, buildOptions: BuildOptions = {}): Promise<TestApp> {
  const { url, drop } = await createTestDatabaseUrl();
  const config = loadConfig({ UNYO_DATA_DIR: 'memory://', ...(url ? { DATABASE_URL: url } : {}) } as NodeJS.ProcessEnv, {
    logLevel: 'silent',
    seedDemo: false,
    jobs: { enabled: false, pollSeconds: 1, cronMonitorSeconds: 1 },
    webDist: '/nonexistent',
    ...overrides,
  });
  const database = await openMigrated(config);
  await ensureAdmin(database.db, ADMIN.email, ADMIN.password);
  const built = await buildApp(config, database, buildOptions);
  await built.app.ready();
  resetLoginThrottle();
  return {
    ...built,
    config,
    database,
    db: database.db,
    close: async () => {
      await built.jobs.stop();
      await built.app.close();
      await database.close();
      await drop();
    },
  };
}

type Body = Record<string, unknown> | unknown[] | undefined;

/** A signed-in client over app.inject: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  readonly app: FastifyInstance;
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;
  lang: string | null = null;
  constructor(app: FastifyInstance) {
    this.app = app;
  }
  async request(method: string, url: string, body?: Body, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.lang) h['accept-language'] = this.lang;
    return this.app.inject({ method: method as 'GET', url, headers: h, ...(body !== undefined ? { payload: body as object } : {}) });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body: Body, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Client> {
  const c = new Client(app);
  const res = await c.post('/api/v1/auth/login', { email, password });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const cookies = Array.isArray(set) ? set : [set];
  c.cookie = cookies.map((s) => String(s).split(';')[0]).join('; ');
  c.csrf = res.json().csrfToken;
  return c;
}

export const loginAdmin = (app: FastifyInstance) => login(app, ADMIN.email, ADMIN.password);

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`.toUpperCase();

export async function makeSite(t: TestApp, over: Partial<typeof sites.$inferInsert> = {}) {
  const code = over.code ?? `S${next()}`;
  const [row] = await t.db
    .insert(sites)
    .values({ code, kind: 'regional', nameJa: `拠点${code}`, nameEn: `Site ${code}`, ...over })
    .returning();
  return row;
}

export async function makeDepartment(t: TestApp, siteId: string, over: Partial<typeof departments.$inferInsert> = {}) {
  const code = over.code ?? `D${next()}`;
  const [row] = await t.db
    .insert(departments)
    .values({ code, siteId, nameJa: `部署${code}`, nameEn: `Dept ${code}`, ...over })
    .returning();
  return row;
}

export async function makePerson(t: TestApp, siteId: string, over: Partial<typeof people.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(people)
    .values({ employeeNumber: `E${next()}`, nameKanji: '試験 太郎', nameKana: 'シケン タロウ', staffType: 'regular', siteId, ...over })
    .returning();
  return row;
}

let assetSeq = 0;
/** A hardware asset row inserted directly (no audit), for tests that need ledger data. */
export async function makeAsset(t: TestApp, siteId: string, over: Partial<typeof hardwareAssets.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(hardwareAssets)
    .values({ assetNumber: `A-${next()}-${assetSeq++}`, ledger: 'domestic', name: `PC-${assetSeq}`, category: 'desktop_pc', siteId, ...over })
    .returning();
  return row;
}

const passwordHash = hashPassword(PASSWORD);

export async function makeUser(t: TestApp, roles: Role[], scope: SiteScope = { kind: 'all' }, personId: string | null = null) {
  const email = `u${next().toLowerCase()}@test.local`;
  const [row] = await t.db
    .insert(users)
    .values({
      email,
      displayName: email,
      personId,
      passwordHash: await passwordHash,
      roles,
      siteScopeKind: scope.kind,
      siteScopeIds: scope.kind === 'sites' ? scope.siteIds : [],
    })
    .returning();
  return row;
}

export async function clientFor(t: TestApp, roles: Role[], scope: SiteScope = { kind: 'all' }, personId: string | null = null) {
  const u = await makeUser(t, roles, scope, personId);
  return { user: u, client: await login(t.app, u.email, PASSWORD) };
}
