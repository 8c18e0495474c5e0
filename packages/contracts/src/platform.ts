import { z } from 'zod';
import { Id, Page, PageQuery } from './common.ts';

export const AuditEntryDto = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: Id.nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  siteId: Id.nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;
export const AuditListQuery = PageQuery.extend({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: Id.optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export const AuditPage = Page(AuditEntryDto);

export const JobRunDto = z.object({
  id: Id,
  name: z.string(),
  jobId: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  instance: z.string(),
});
export type JobRunDto = z.infer<typeof JobRunDto>;
export const JobRunListQuery = PageQuery.extend({
  name: z.string().max(100).optional(),
  status: z.enum(['running', 'succeeded', 'failed']).optional(),
});
export type JobRunListQuery = z.infer<typeof JobRunListQuery>;
export const JobRunPage = Page(JobRunDto);
export const JobDefinitionDto = z.object({ name: z.string(), cron: z.string().nullable(), manual: z.boolean() });
export const JobDefinitionList = z.object({ items: z.array(JobDefinitionDto) });

export const MailDto = z.object({
  id: Id,
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const MailPage = Page(MailDto);
export const MailListQuery = PageQuery.extend({ status: z.enum(['pending', 'sending', 'sent', 'failed']).optional() });

export const FileDto = z.object({
  id: Id,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type FileDto = z.infer<typeof FileDto>;

export const DashboardDto = z.object({
  counts: z.object({
    sites: z.number().int(),
    departments: z.number().int(),
    people: z.number().int(),
    activePeople: z.number().int(),
    users: z.number().int(),
  }),
  sitesByKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  recentAudit: z.array(AuditEntryDto),
  failedJobs24h: z.number().int(),
});
export type DashboardDto = z.infer<typeof DashboardDto>;
