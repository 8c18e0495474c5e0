import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One row per handler execution, so admins can see what ran, when, how long and why it failed. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    jobId: text('job_id'),
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    error: text('error'),
    instance: text('instance').notNull(),
  },
  (t) => [index('job_runs_name_idx').on(t.name, t.startedAt), index('job_runs_started_idx').on(t.startedAt)],
);
