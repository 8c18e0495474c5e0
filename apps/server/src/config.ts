import path from 'node:path';

/** The one typed configuration object. Nothing else reads process.env. */
export type Config = {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | null;
  /** Folder of the embedded database (and its lock file). */
  dataDir: string;
  /** `memory://` runs PGlite in memory (tests). */
  inMemory: boolean;
  publicUrl: string;
  secureCookies: boolean;
  logLevel: string;
  adminEmail: string;
  adminPassword: string | null;
  jobs: { enabled: boolean; pollSeconds: number; cronMonitorSeconds: number };
  mail: { smtpUrl: string | null; from: string };
  files: { maxBytes: number };
  /** Ledger imports (CSV/XLSX): upload size and data-row limits. */
  imports: { maxBytes: number; maxRows: number };
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number };
  seedDemo: boolean;
  webDist: string;
  instanceName: string;
  /** Data-quality findings (2.1.b/e): an agent silent for this many days makes an `agent_stale` finding. */
  findings: { agentStaleDays: number };
};

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

function int(v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`Expected a number, got ${v}`);
  return n;
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env.PORT, 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDirRaw = env.UNYO_DATA_DIR ?? path.join(repoRoot, 'var/db');
  const publicUrl = env.UNYO_PUBLIC_URL ?? `http://${host}:${port}`;
  const config: Config = {
    port,
    host,
    databaseUrl: env.DATABASE_URL || null,
    dataDir: dataDirRaw === 'memory://' ? dataDirRaw : path.resolve(dataDirRaw),
    inMemory: dataDirRaw === 'memory://',
    publicUrl,
    secureCookies: bool(env.UNYO_SECURE_COOKIES, publicUrl.startsWith('https:')),
    logLevel: env.LOG_LEVEL ?? 'info',
    adminEmail: (env.UNYO_ADMIN_EMAIL ?? 'admin@unyo.local').toLowerCase(),
    adminPassword: env.UNYO_ADMIN_PASSWORD || null,
    jobs: {
      enabled: bool(env.UNYO_JOBS, true),
      pollSeconds: int(env.UNYO_JOBS_POLL_SECONDS, 2),
      cronMonitorSeconds: int(env.UNYO_CRON_MONITOR_SECONDS, 30),
    },
    mail: { smtpUrl: env.UNYO_SMTP_URL || null, from: env.UNYO_MAIL_FROM ?? 'Unyo <unyo@unyo.local>' },
    files: { maxBytes: int(env.UNYO_MAX_UPLOAD_MB, 50) * 1024 * 1024 },
    imports: { maxBytes: int(env.UNYO_IMPORT_MAX_MB, 100) * 1024 * 1024, maxRows: int(env.UNYO_IMPORT_MAX_ROWS, 200_000) },
    session: { idleMinutes: int(env.UNYO_SESSION_IDLE_MINUTES, 120), absoluteHours: int(env.UNYO_SESSION_HOURS, 12) },
    login: { maxFailures: int(env.UNYO_LOGIN_MAX_FAILURES, 5), lockMinutes: int(env.UNYO_LOGIN_LOCK_MINUTES, 15) },
    seedDemo: bool(env.UNYO_SEED_DEMO, !env.DATABASE_URL),
    webDist: path.join(repoRoot, 'apps/web/dist'),
    instanceName: env.UNYO_INSTANCE ?? `${process.pid}`,
    findings: { agentStaleDays: int(env.UNYO_AGENT_STALE_DAYS, 30) },
  };
  return { ...config, ...overrides };
}
