// Every table, re-exported for Drizzle and drizzle-kit. Modules own their tables; this only lists them.
export * from '../modules/access/access.table.ts';
export * from '../modules/assets/assets.table.ts';
export * from '../modules/guidance/guidance.table.ts';
export * from '../modules/knowledge/knowledge.table.ts';
export * from '../modules/org/org.table.ts';
export * from '../modules/org/site-calendars.table.ts';
export * from '../modules/servicedesk/mail-inbound.table.ts';
export * from '../modules/servicedesk/metrics.table.ts';
export * from '../modules/servicedesk/tickets.table.ts';
export * from '../modules/surveys/surveys.table.ts';
export * from '../platform/audit/audit.table.ts';
export * from '../platform/calendar/calendar.table.ts';
export * from '../platform/files/files.table.ts';
export * from '../platform/files/imports.table.ts';
export * from '../platform/jobs/jobs.table.ts';
export * from '../platform/mail/mail.table.ts';
export * from '../platform/views/views.table.ts';
