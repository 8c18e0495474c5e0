import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { accessJobs } from './modules/access/access.jobs.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { actorFromApiToken, actorFromSession } from './modules/access/auth.service.ts';
import { assetReportRoutes } from './modules/assets/asset-reports.routes.ts';
import { assetRoutes } from './modules/assets/assets.routes.ts';
import { assetHistoryRoutes } from './modules/assets/assets-history.routes.ts';
import { assetIoRoutes } from './modules/assets/assets-io.routes.ts';
import { damageReportRoutes } from './modules/assets/damage-reports.routes.ts';
import { findingJobs } from './modules/assets/findings.jobs.ts';
import { findingsRoutes } from './modules/assets/findings.routes.ts';
import { inventoryRoutes } from './modules/assets/inventory.routes.ts';
import { labelRoutes } from './modules/assets/labels.routes.ts';
import { stocktakeJobs } from './modules/assets/stocktakes.jobs.ts';
import { stocktakeRoutes } from './modules/assets/stocktakes.routes.ts';
import { backupCronJobs } from './modules/backups/backups.jobs.ts';
import { backupRoutes } from './modules/backups/backups.routes.ts';
import { backupIoRoutes } from './modules/backups/backups-io.routes.ts';
import { restoreRoutes } from './modules/backups/restores.routes.ts';
import { antivirusRoutes } from './modules/endpoint-security/antivirus.routes.ts';
import { antivirusWorkRoutes } from './modules/endpoint-security/antivirus-work.routes.ts';
import { cloneImageRoutes } from './modules/endpoint-security/clone-images.routes.ts';
import { patchRoutes } from './modules/endpoint-security/patches.routes.ts';
import { guidanceRoutes } from './modules/guidance/guidance.routes.ts';
import { businessSystemRoutes } from './modules/incidents/business-systems.routes.ts';
import { incidentClockAlertCron } from './modules/incidents/incidents.jobs.ts';
import { incidentRoutes } from './modules/incidents/incidents.routes.ts';
import { incidentIoRoutes } from './modules/incidents/incidents-io.routes.ts';
import { knowledgeJobs } from './modules/knowledge/knowledge.jobs.ts';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.ts';
import { noticeRoutes } from './modules/knowledge/notices.routes.ts';
import type { IncidentPort } from './modules/monitoring/intake.service.ts';
import { monitoringRoutes } from './modules/monitoring/monitoring.routes.ts';
import { opsDocumentRoutes } from './modules/opsdocs/opsdocs.routes.ts';
import { opsDocumentReviewSweep } from './modules/opsdocs/opsdocs.service.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { orgIoRoutes } from './modules/org/org-io.routes.ts';
import { siteCalendarRoutes } from './modules/org/site-calendars.routes.ts';
import { dashboardRoutes } from './modules/reports/dashboard.routes.ts';
import { securityRoutes } from './modules/security/security.routes.ts';
import { callRecordRoutes } from './modules/servicedesk/call-records.routes.ts';
import { mailChannelJobs } from './modules/servicedesk/mail-imap-poller.ts';
import { mailInboundRoutes } from './modules/servicedesk/mail-inbound.routes.ts';
import { registerSmtpListener } from './modules/servicedesk/mail-smtp-listener.ts';
import { metricsRoutes } from './modules/servicedesk/metrics.routes.ts';
import { portalTicketRoutes } from './modules/servicedesk/portal-tickets.routes.ts';
import { receptionSheetRoutes } from './modules/servicedesk/reception-sheet.routes.ts';
import { ticketCategoryRoutes } from './modules/servicedesk/ticket-categories.routes.ts';
import { ticketJobs } from './modules/servicedesk/tickets.jobs.ts';
import { ticketRoutes } from './modules/servicedesk/tickets.routes.ts';
import { ticketIoRoutes } from './modules/servicedesk/tickets-io.routes.ts';
import { complianceRoutes } from './modules/software/compliance.routes.ts';
import { distributionRoutes } from './modules/software/distributions.routes.ts';
import { softwareFindingRoutes } from './modules/software/findings.routes.ts';
import { installationRoutes } from './modules/software/installations.routes.ts';
import { licenseRoutes } from './modules/software/licenses.routes.ts';
import { localSurveyRoutes } from './modules/software/local-surveys.routes.ts';
import { mediaRoutes } from './modules/software/media.routes.ts';
import { productRoutes } from './modules/software/products.routes.ts';
import { softwareJobs } from './modules/software/renewals.ts';
import { softwareIoRoutes } from './modules/software/software-io.routes.ts';
import { softwareStocktakeRoutes } from './modules/software/stocktake.routes.ts';
import { surveyJobs } from './modules/surveys/surveys.jobs.ts';
import { surveyRoutes } from './modules/surveys/surveys.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { configureActorCache } from './platform/auth/actor-cache.ts';
import { type RouteGuardEntry, registerAuth } from './platform/auth/plugin.ts';
import { calendarRoutes } from './platform/calendar/calendar.routes.ts';
import { filesRoutes } from './platform/files/files.routes.ts';
import { PgFileStore } from './platform/files/store.ts';
import { requestLogSerializer } from './platform/http/log-redact.ts';
import { registerProblemHandlers } from './platform/http/problem.ts';
import { jobsRoutes } from './platform/jobs/jobs.routes.ts';
import { type AnyJob, type JobQueue, JobRunner } from './platform/jobs/jobs.ts';
import { platformJobs } from './platform/jobs/platform.jobs.ts';
import { mailRoutes } from './platform/mail/mail.routes.ts';
import { mailOutboxSweep, sendMailJob } from './platform/mail/mail.service.ts';
import { registerMetrics } from './platform/observability/metrics.ts';
import { savedViewRoutes } from './platform/views/views.routes.ts';

/** Every job and cron of every module: an explicit list, no side-effect registration. */
export const allJobs: AnyJob[] = [
  sendMailJob,
  mailOutboxSweep,
  ...platformJobs,
  ...accessJobs,
  ...findingJobs,
  ...stocktakeJobs,
  ...knowledgeJobs,
  ...mailChannelJobs,
  ...ticketJobs,
  ...surveyJobs,
  ...softwareJobs,
  ...backupCronJobs,
  opsDocumentReviewSweep,
  incidentClockAlertCron,
];

export type BuiltApp = { app: FastifyInstance; jobs: JobRunner; routeGuards: RouteGuardEntry[] };

/** incidents: what monitoring intake calls to open incidents (tests pass a recording fake). */
export type BuildOptions = { jobs?: AnyJob[]; incidents?: IncidentPort };

export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'], serializers: { req: requestLogSerializer } },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  const jobs = new JobRunner(database, config, options.jobs ?? allJobs);
  const queue: JobQueue = jobs;
  app.decorate('deps', { config, db: database.db, queue });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: config.files.maxBytes, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Unyo API', version: '1', description: 'Unyo (運用) — IT operations system of record' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'unyo_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const routeGuards: RouteGuardEntry[] = [];
  configureActorCache(config.session.authCacheSeconds);
  registerAuth(
    app,
    {
      fromSession: (token) => actorFromSession(database.db, config, token),
      fromApiToken: (token) => actorFromApiToken(database.db, token),
    },
    routeGuards,
  );
  registerProblemHandlers(app);
  registerMetrics(app);

  app.get('/healthz', { config: { guard: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { guard: 'public' } }, async (_req, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { guard: 'public' } }, async () => app.swagger());
      await api.register(accessRoutes);
      await api.register(orgRoutes);
      await api.register(siteCalendarRoutes);
      await api.register(orgIoRoutes);
      await api.register(auditRoutes);
      await api.register(calendarRoutes);
      await api.register(jobsRoutes(jobs.definitions));
      await api.register(mailRoutes);
      await api.register(mailInboundRoutes);
      await api.register(filesRoutes(new PgFileStore()));
      await api.register(dashboardRoutes);
      await api.register(savedViewRoutes);
      await api.register(assetRoutes);
      await api.register(assetHistoryRoutes);
      await api.register(assetIoRoutes);
      await api.register(assetReportRoutes);
      await api.register(labelRoutes);
      await api.register(findingsRoutes);
      await api.register(damageReportRoutes);
      await api.register(stocktakeRoutes);
      await api.register(surveyRoutes);
      await api.register(guidanceRoutes);
      await api.register(inventoryRoutes);
      await api.register(knowledgeRoutes);
      await api.register(noticeRoutes);
      await api.register(ticketRoutes);
      await api.register(ticketCategoryRoutes);
      await api.register(portalTicketRoutes);
      await api.register(ticketIoRoutes);
      await api.register(receptionSheetRoutes);
      await api.register(callRecordRoutes);
      await api.register(metricsRoutes);
      await api.register(softwareIoRoutes);
      await api.register(licenseRoutes);
      await api.register(productRoutes);
      await api.register(complianceRoutes);
      await api.register(installationRoutes);
      await api.register(distributionRoutes);
      await api.register(softwareFindingRoutes);
      await api.register(mediaRoutes);
      await api.register(softwareStocktakeRoutes);
      await api.register(localSurveyRoutes);
      await api.register(incidentIoRoutes);
      await api.register(incidentRoutes);
      await api.register(businessSystemRoutes);
      await api.register(securityRoutes);
      await api.register(opsDocumentRoutes);
      await api.register(monitoringRoutes, { incidents: options.incidents });
      await api.register(backupIoRoutes);
      await api.register(backupRoutes);
      await api.register(restoreRoutes);
      await api.register(antivirusRoutes);
      await api.register(antivirusWorkRoutes);
      await api.register(patchRoutes);
      await api.register(cloneImageRoutes);
    },
    { prefix: '/api/v1' },
  );

  // Inbound mail for the service desk (decision 0013): off unless UNYO_MAIL_SMTP_LISTEN is set.
  registerSmtpListener(app, { config, db: database.db, queue });
  serveWeb(app, config);
  return { app, jobs, routeGuards };
}

/** The built UI, from the same origin; unknown non-API paths fall back to index.html (client routing). */
function serveWeb(app: FastifyInstance, config: Config) {
  const index = path.join(config.webDist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
  const html = fs.readFileSync(index, 'utf8');
  app.get('/*', { config: { guard: 'public' } }, async (req, reply) => {
    const file = path.join(config.webDist, req.url.split('?')[0]);
    if (file.startsWith(config.webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(config.webDist, file));
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
