import { Flex, Spin } from 'antd';
import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { NotFound, RequirePermission } from '../components/require-permission.tsx';
import { hasPermission, type PermissionRequirement } from '../lib/can.ts';
import { useCurrentUser } from '../lib/session.ts';
import { LoginPage } from '../modules/access/login-page.tsx';
import { operationsPermissions } from '../modules/operations/operations-permissions.ts';
import { AppLayout } from './layout.tsx';
import { RouteError } from './route-error.tsx';

/**
 * A page loaded on first visit (its own chunk), shown only with `permission` (or any one of a list). The guard is a
 * layout route so the page module itself is the route's Component.
 */
function page(path: string, permission: PermissionRequirement, load: () => Promise<ComponentType>): RouteObject {
  return {
    path,
    element: (
      <RequirePermission permission={permission}>
        <Outlet />
      </RequirePermission>
    ),
    children: [{ index: true, lazy: async () => ({ Component: await load() }) }],
  };
}

/** `/` is the dashboard for staff; requesters (only `portal.use`) land on the portal. */
function Home() {
  const me = useCurrentUser();
  if (!hasPermission(me, 'dashboard.read') && hasPermission(me, 'portal.use')) {
    return <Navigate to="/portal" replace />;
  }
  return (
    <RequirePermission permission="dashboard.read">
      <Outlet />
    </RequirePermission>
  );
}

function PageLoading() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '50vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    // The remote stock-take checklist an office opens from a mailed link: no login, no app layout.
    path: '/stocktake-checklist/:token',
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import('../modules/stocktakes/checklist-page.tsx')).ChecklistPage }),
  },
  {
    // The local-purchase survey an overseas office opens from a mailed link (2.2.l): no login, no app layout.
    path: '/software-survey/:token',
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import('../modules/software/local-survey-answer-page.tsx')).LocalSurveyAnswerPage }),
  },
  {
    // The satisfaction survey a respondent opens from the mailed link (S-1): no login, no app layout.
    path: '/survey/:token',
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import('../modules/surveys/survey-answer-page.tsx')).SurveyAnswerPage }),
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            element: <Home />,
            children: [{ index: true, lazy: async () => ({ Component: (await import('../modules/dashboard/dashboard-page.tsx')).DashboardPage }) }],
          },
          page('portal', 'portal.use', () => import('../modules/portal/portal-page.tsx').then((m) => m.PortalPage)),
          page('tickets', 'ticket.read', () => import('../modules/servicedesk/tickets-page.tsx').then((m) => m.TicketsPage)),
          page('tickets/new', 'ticket.create', () => import('../modules/servicedesk/ticket-new-page.tsx').then((m) => m.TicketNewPage)),
          page('servicedesk-metrics', 'servicedesk-metrics.read', () => import('../modules/servicedesk-metrics/metrics-page.tsx').then((m) => m.MetricsPage)),
          page('call-records', 'call-record.read', () => import('../modules/servicedesk-metrics/call-records-page.tsx').then((m) => m.CallRecordsPage)),
          page('tickets/:id', 'ticket.read', () => import('../modules/servicedesk/ticket-detail-page.tsx').then((m) => m.TicketDetailPage)),
          page('assets', 'asset.read', () => import('../modules/assets/assets-page.tsx').then((m) => m.AssetsPage)),
          page('asset-findings', 'asset-finding.read', () => import('../modules/assets/findings-page.tsx').then((m) => m.FindingsPage)),
          page('damage-reports', 'damage-report.read', () => import('../modules/assets/damage-reports-page.tsx').then((m) => m.DamageReportsPage)),
          page('asset-pivot', 'asset.read', () => import('../modules/assets/asset-pivot-page.tsx').then((m) => m.AssetPivotPage)),
          page('assets/new', 'asset.create', () => import('../modules/assets/assets-page.tsx').then((m) => m.AssetNewPage)),
          page('assets/:id', 'asset.read', () => import('../modules/assets/asset-detail-page.tsx').then((m) => m.AssetDetailPage)),
          page('monitoring', 'monitoring.read', () => import('../modules/monitoring/monitoring-page.tsx').then((m) => m.MonitoringPage)),
          page('operations', operationsPermissions, () => import('../modules/operations/operations-page.tsx').then((m) => m.OperationsPage)),
          page('ops-documents', 'ops-document.read', () => import('../modules/ops-documents/ops-documents-page.tsx').then((m) => m.OpsDocumentsPage)),
          page('business-systems', 'business-system.read', () => import('../modules/incidents/business-systems-page.tsx').then((m) => m.BusinessSystemsPage)),
          page('incidents', 'incident.read', () => import('../modules/incidents/incidents-page.tsx').then((m) => m.IncidentsPage)),
          page('incidents/metrics', 'incident.read', () => import('../modules/incidents/incident-metrics-page.tsx').then((m) => m.IncidentMetricsPage)),
          page('incidents/settings', 'incident.settings', () => import('../modules/incidents/incident-settings-page.tsx').then((m) => m.IncidentSettingsPage)),
          page('incidents/:id', 'incident.read', () => import('../modules/incidents/incident-detail-page.tsx').then((m) => m.IncidentDetailPage)),
          page('security-cases', 'security-case.read', () => import('../modules/security-cases/security-cases-page.tsx').then((m) => m.SecurityCasesPage)),
          page('security-cases/:id', 'security-case.read', () =>
            import('../modules/security-cases/security-case-detail-page.tsx').then((m) => m.SecurityCaseDetailPage),
          ),
          page('software-licenses', 'software-license.read', () => import('../modules/software/licenses-page.tsx').then((m) => m.LicensesPage)),
          page('software-licenses/:id', 'software-license.read', () => import('../modules/software/license-detail-page.tsx').then((m) => m.LicenseDetailPage)),
          page('software-installations', 'software-installation.read', () =>
            import('../modules/software/installations-page.tsx').then((m) => m.InstallationsPage),
          ),
          page('software-distributions', 'software-distribution.read', () =>
            import('../modules/software/distributions-page.tsx').then((m) => m.DistributionsPage),
          ),
          page('software-surveys', 'software-distribution.read', () => import('../modules/software/local-surveys-page.tsx').then((m) => m.LocalSurveysPage)),
          page('software-surveys/:id', 'software-distribution.read', () =>
            import('../modules/software/local-survey-detail-page.tsx').then((m) => m.LocalSurveyDetailPage),
          ),
          page('software-products', 'software-product.read', () => import('../modules/software/products-page.tsx').then((m) => m.ProductsPage)),
          page('software-compliance', 'software-compliance.read', () => import('../modules/software/compliance-page.tsx').then((m) => m.CompliancePage)),
          page('software-findings', 'software-finding.read', () =>
            import('../modules/software/software-findings-page.tsx').then((m) => m.SoftwareFindingsPage),
          ),
          page('antivirus', 'endpoint-security.read', () => import('../modules/endpoint-security/antivirus-page.tsx').then((m) => m.AntivirusPage)),
          page('patch-plans', 'endpoint-security.read', () => import('../modules/endpoint-security/patch-plans-page.tsx').then((m) => m.PatchPlansPage)),
          page('clone-images', 'endpoint-security.read', () => import('../modules/endpoint-security/clone-images-page.tsx').then((m) => m.CloneImagesPage)),
          page('patch-status', 'endpoint-security.read', () => import('../modules/endpoint-security/patch-status-page.tsx').then((m) => m.PatchStatusPage)),
          page('software-media', 'software-media.read', () => import('../modules/software/media-page.tsx').then((m) => m.MediaPage)),
          page('backups', 'backup.read', () => import('../modules/backups/backups-page.tsx').then((m) => m.BackupsPage)),
          page('software-stocktakes', 'stocktake.read', () => import('../modules/software/software-stocktakes-page.tsx').then((m) => m.SoftwareStocktakesPage)),
          page('software-stocktakes/:id', 'stocktake.read', () =>
            import('../modules/software/software-stocktake-detail-page.tsx').then((m) => m.SoftwareStocktakeDetailPage),
          ),
          page('surveys', 'survey.read', () => import('../modules/surveys/surveys-page.tsx').then((m) => m.SurveysPage)),
          page('surveys/:id', 'survey.read', () => import('../modules/surveys/survey-detail-page.tsx').then((m) => m.SurveyDetailPage)),
          page('guidance-logs', 'guidance-log.read', () => import('../modules/surveys/guidance-logs-page.tsx').then((m) => m.GuidanceLogsPage)),
          page('kb', 'kb.read', () => import('../modules/knowledge/knowledge-page.tsx').then((m) => m.KnowledgePage)),
          page('kb/:id', 'kb.read', () => import('../modules/knowledge/kb-article-page.tsx').then((m) => m.KbArticlePage)),
          page('notices', 'notice.read', () => import('../modules/knowledge/notices-page.tsx').then((m) => m.NoticesPage)),
          page('stocktakes', 'stocktake.read', () => import('../modules/stocktakes/stocktakes-page.tsx').then((m) => m.StocktakesPage)),
          page('stocktakes/:id', 'stocktake.read', () => import('../modules/stocktakes/stocktake-detail-page.tsx').then((m) => m.StocktakeDetailPage)),
          page('stocktakes/:id/scan', 'stocktake.manage', () => import('../modules/stocktakes/stocktake-scan-page.tsx').then((m) => m.StocktakeScanPage)),
          page('sites', 'site.read', () => import('../modules/org/sites-page.tsx').then((m) => m.SitesPage)),
          page('departments', 'department.read', () => import('../modules/org/departments-page.tsx').then((m) => m.DepartmentsPage)),
          page('people', 'person.read', () => import('../modules/org/people-page.tsx').then((m) => m.PeoplePage)),
          page('users', 'user.read', () => import('../modules/access/users-page.tsx').then((m) => m.UsersPage)),
          page('roles', 'role.read', () => import('../modules/access/roles-page.tsx').then((m) => m.RolesPage)),
          page('api-tokens', 'api-token.manage', () => import('../modules/access/api-tokens-page.tsx').then((m) => m.ApiTokensPage)),
          page('agent-tokens', 'agent-token.manage', () => import('../modules/assets/agent-tokens-page.tsx').then((m) => m.AgentTokensPage)),
          page('audit', 'audit.read', () => import('../modules/audit/audit-page.tsx').then((m) => m.AuditPage)),
          page('jobs', 'job.read', () => import('../modules/jobs/jobs-page.tsx').then((m) => m.JobsPage)),
          page('mail', 'mail.read', () => import('../modules/mail/mail-page.tsx').then((m) => m.MailPage)),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
