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
  /** Service-desk mail channel (decision 0013): inbound SMTP listener and IMAP polling, both off unless set. */
  mailChannel: {
    /** `host:port` of the SMTP listener for the agency's relay, e.g. 127.0.0.1:2525; null = off. */
    smtpListen: string | null;
    /** Recipients the listener accepts: full addresses or `@domain`; default the domain of mail.from. */
    acceptRecipients: string[];
    /** `imap://user:pass@host:port/INBOX` (imaps:// for TLS); null = off. */
    imapUrl: string | null;
    /** Mailbox processed mail is moved to after ingest (null: only flagged \Seen). */
    imapMoveTo: string | null;
    /** Largest mail accepted (whole message, bytes). */
    maxMailBytes: number;
    /** Largest single attachment stored, and all stored attachments of one mail together (bytes). */
    maxAttachmentBytes: number;
    maxAttachmentBytesPerMail: number;
    /** Site of a ticket whose sender is not a person in the ledger (sites.code); null = first HQ site. */
    defaultSiteCode: string | null;
    /** Right-hand side of our Message-IDs (<ticket-HD-…@domain>); default the domain of mail.from. */
    messageIdDomain: string;
  };
  files: { maxBytes: number };
  /** Requester portal: uploads per user in 24 hours (portal files are attached later, so unbounded uploads pile up). */
  portalUploadsPerDay: number;
  /** Ledger imports (CSV/XLSX): upload size and data-row limits. */
  imports: { maxBytes: number; maxRows: number };
  /** authCacheSeconds: how long an authenticated token or session is reused without a lookup (decision 0015). */
  session: { idleMinutes: number; absoluteHours: number; authCacheSeconds: number };
  login: { maxFailures: number; lockMinutes: number };
  seedDemo: boolean;
  webDist: string;
  instanceName: string;
  /** Data-quality findings (2.1.b/e): an agent silent for this many days makes an `agent_stale` finding. */
  findings: { agentStaleDays: number };
  /** Service-desk metrics (decision 0012): months are cut in this zone (the agency's reporting zone). */
  metrics: { reportingTimeZone: string };
  /**
   * Monitoring intake (decision 0020): an event re-firing within reopenMinutes of its resolution is re-opened; one
   * re-opened flapThreshold times within flapWindowMinutes is flapping and its rule actions stop.
   */
  monitoring: { reopenMinutes: number; flapThreshold: number; flapWindowMinutes: number };
  /** Backups (decision 0021): the S-4-3-5-1 normal-completion target, as a fraction (sla.md: 95 %). */
  backups: { successRateTarget: number };
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

function mailChannelConfig(env: NodeJS.ProcessEnv): Config['mailChannel'] {
  const from = env.UNYO_MAIL_FROM ?? 'Unyo <unyo@unyo.local>';
  const fromDomain = (/@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'unyo.local').toLowerCase();
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
  const accept = list(env.UNYO_MAIL_SMTP_ACCEPT);
  return {
    smtpListen: env.UNYO_MAIL_SMTP_LISTEN || null,
    acceptRecipients: accept.length > 0 ? accept : [`@${fromDomain}`],
    imapUrl: env.UNYO_MAIL_IMAP_URL || null,
    imapMoveTo: env.UNYO_MAIL_IMAP_MOVE_TO || null,
    maxMailBytes: int(env.UNYO_MAIL_MAX_MB, 25) * 1024 * 1024,
    maxAttachmentBytes: int(env.UNYO_MAIL_ATTACHMENT_MAX_MB, 10) * 1024 * 1024,
    maxAttachmentBytesPerMail: int(env.UNYO_MAIL_ATTACHMENTS_TOTAL_MB, 20) * 1024 * 1024,
    defaultSiteCode: env.UNYO_MAIL_DEFAULT_SITE || null,
    messageIdDomain: (env.UNYO_MAIL_MESSAGE_ID_DOMAIN || fromDomain).toLowerCase(),
  };
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
    mailChannel: mailChannelConfig(env),
    files: { maxBytes: int(env.UNYO_MAX_UPLOAD_MB, 50) * 1024 * 1024 },
    portalUploadsPerDay: int(env.UNYO_PORTAL_UPLOADS_PER_DAY, 30),
    imports: { maxBytes: int(env.UNYO_IMPORT_MAX_MB, 100) * 1024 * 1024, maxRows: int(env.UNYO_IMPORT_MAX_ROWS, 200_000) },
    session: {
      idleMinutes: int(env.UNYO_SESSION_IDLE_MINUTES, 120),
      absoluteHours: int(env.UNYO_SESSION_HOURS, 12),
      authCacheSeconds: int(env.UNYO_AUTH_CACHE_SECONDS, 5),
    },
    login: { maxFailures: int(env.UNYO_LOGIN_MAX_FAILURES, 5), lockMinutes: int(env.UNYO_LOGIN_LOCK_MINUTES, 15) },
    seedDemo: bool(env.UNYO_SEED_DEMO, !env.DATABASE_URL),
    webDist: path.join(repoRoot, 'apps/web/dist'),
    instanceName: env.UNYO_INSTANCE ?? `${process.pid}`,
    findings: { agentStaleDays: int(env.UNYO_AGENT_STALE_DAYS, 30) },
    metrics: { reportingTimeZone: env.UNYO_REPORTING_TIME_ZONE || 'Asia/Tokyo' },
    monitoring: {
      reopenMinutes: int(env.UNYO_MONITORING_REOPEN_MINUTES, 10),
      flapThreshold: int(env.UNYO_MONITORING_FLAP_THRESHOLD, 3),
      flapWindowMinutes: int(env.UNYO_MONITORING_FLAP_WINDOW_MINUTES, 60),
    },
    backups: { successRateTarget: int(env.UNYO_BACKUP_RATE_TARGET_PERCENT, 95) / 100 },
  };
  return { ...config, ...overrides };
}
