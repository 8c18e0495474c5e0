import { eq } from 'drizzle-orm';
import { fromPglite, PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../db/client.ts';
import { jobRuns } from './jobs.table.ts';

/** What a handler gets: the database, config and a way to enqueue follow-up jobs. */
export type JobContext = { db: Db; config: Config; queue: JobQueue; jobId: string | null; log: (msg: string) => void };

export type JobDefinition<T = unknown> = {
  kind: 'job';
  name: string;
  schema: z.ZodType<T>;
  handler: (data: T, ctx: JobContext) => Promise<void>;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
};

export type CronDefinition = {
  kind: 'cron';
  name: string;
  cron: string;
  tz: string;
  handler: (ctx: JobContext) => Promise<void>;
};

export type AnyJob = JobDefinition<any> | CronDefinition;

export function defineJob<T>(
  name: string,
  schema: z.ZodType<T>,
  handler: (data: T, ctx: JobContext) => Promise<void>,
  options: { retryLimit?: number; retryDelaySeconds?: number; retryBackoff?: boolean } = {},
): JobDefinition<T> {
  return {
    kind: 'job',
    name,
    schema,
    handler,
    retryLimit: options.retryLimit ?? 3,
    retryDelaySeconds: options.retryDelaySeconds ?? 30,
    retryBackoff: options.retryBackoff ?? true,
  };
}

/** A periodic sweep. Across app instances pg-boss sends each occurrence once. */
export function defineCron(name: string, cron: string, handler: (ctx: JobContext) => Promise<void>, tz = 'Asia/Tokyo'): CronDefinition {
  return { kind: 'cron', name, cron, tz, handler };
}

export interface JobQueue {
  send<T>(job: JobDefinition<T>, data: T, options?: { startAfterSeconds?: number }): Promise<string | null>;
  /** Enqueue a job (or a cron's handler) by name, for the admin "run now" action. */
  sendByName(name: string, data?: object): Promise<string | null>;
}

/** Owns pg-boss: registers queues and workers, records every run in job_runs. */
export class JobRunner implements JobQueue {
  readonly definitions: AnyJob[];
  private boss: PgBoss | null = null;
  private readonly database: Database;
  private readonly config: Config;
  private started = false;

  constructor(database: Database, config: Config, definitions: AnyJob[]) {
    this.database = database;
    this.config = config;
    this.definitions = definitions;
  }

  private createBoss(): PgBoss {
    const common = {
      schema: 'pgboss',
      schedule: true,
      cronMonitorIntervalSeconds: this.config.jobs.cronMonitorSeconds,
      cronWorkerIntervalSeconds: Math.max(1, Math.min(this.config.jobs.cronMonitorSeconds, 5)),
    };
    if (this.database.pglite) {
      return new PgBoss({ ...common, db: fromPglite(this.database.pglite), backend: 'pglite' } as never);
    }
    return new PgBoss({ ...common, connectionString: this.config.databaseUrl!, max: 4 } as never);
  }

  async start(): Promise<void> {
    if (this.started) return;
    const boss = this.createBoss();
    boss.on('error', (err: unknown) => console.error('[jobs]', err));
    await boss.start();
    this.boss = boss;
    for (const def of this.definitions) {
      if (def.kind === 'job') {
        await boss.createQueue(def.name, {
          retryLimit: def.retryLimit,
          retryDelay: def.retryDelaySeconds,
          retryBackoff: def.retryBackoff,
        } as never);
      } else {
        await boss.createQueue(def.name, { retryLimit: 0 } as never);
        await boss.schedule(def.name, def.cron, null, { tz: def.tz } as never);
      }
      await boss.work(
        def.name,
        { pollingIntervalSeconds: this.config.jobs.pollSeconds } as never,
        (async (jobs: { id: string; data: unknown }[]) => {
          for (const job of jobs) await this.execute(def, job.id, job.data);
        }) as never,
      );
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.boss) return;
    const boss = this.boss;
    this.boss = null;
    this.started = false;
    await boss.stop({ graceful: true, timeout: 5000, wait: true } as never).catch(() => {});
  }

  private async execute(def: AnyJob, jobId: string | null, data: unknown): Promise<void> {
    const { db } = this.database;
    const [run] = await db
      .insert(jobRuns)
      .values({ name: def.name, jobId, status: 'running', instance: this.config.instanceName })
      .returning({ id: jobRuns.id });
    const started = Date.now();
    const ctx: JobContext = { db, config: this.config, queue: this, jobId, log: (m) => console.log(`[${def.name}] ${m}`) };
    try {
      if (def.kind === 'job') await def.handler(def.schema.parse(data), ctx);
      else await def.handler(ctx);
      await db
        .update(jobRuns)
        .set({ status: 'succeeded', finishedAt: new Date(), durationMs: Date.now() - started })
        .where(eq(jobRuns.id, run.id));
    } catch (err) {
      await db
        .update(jobRuns)
        .set({ status: 'failed', finishedAt: new Date(), durationMs: Date.now() - started, error: String((err as Error)?.stack ?? err).slice(0, 4000) })
        .where(eq(jobRuns.id, run.id));
      throw err;
    }
  }

  async send<T>(job: JobDefinition<T>, data: T, options: { startAfterSeconds?: number } = {}): Promise<string | null> {
    if (!this.boss) return null;
    return this.boss.send(job.name, data as object, options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {});
  }

  async sendByName(name: string, data: object = {}): Promise<string | null> {
    if (!this.definitions.some((d) => d.name === name)) return null;
    if (!this.boss) {
      // Jobs are off in this process (tests, CLI): run inline so the action still happens.
      const def = this.definitions.find((d) => d.name === name)!;
      await this.execute(def, null, data);
      return null;
    }
    return this.boss.send(name, data);
  }
}
