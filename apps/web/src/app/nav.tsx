import {
  AlertOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BookOutlined,
  BugOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudServerOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  FundOutlined,
  GlobalOutlined,
  HddOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  LaptopOutlined,
  LineChartOutlined,
  MailOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SecurityScanOutlined,
  SmileOutlined,
  SolutionOutlined,
  StopOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { MeDto, Permission } from '@unyo/contracts';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { hasPermission, meetsRequirement, type PermissionRequirement } from '../lib/can.ts';
import { operationsPermissions } from '../modules/operations/operations-permissions.ts';

type NavEntry = {
  path: string;
  label: (t: TFunction) => string;
  /** One permission, or a list of which any one shows the entry. */
  permission: PermissionRequirement;
  icon: ReactNode;
  /** Hidden for users who hold this permission (staff see the dashboard instead of the portal). */
  hiddenWith?: Permission;
};
type NavGroup = { key: string; label?: (t: TFunction) => string; entries: NavEntry[] };

/** The sidebar; an entry is shown only when the user holds its read permission. */
export const navGroups: NavGroup[] = [
  {
    key: 'main',
    entries: [
      { path: '/', label: (t) => t('nav.dashboard'), permission: 'dashboard.read', icon: <DashboardOutlined /> },
      {
        path: '/portal',
        label: (t) => t('nav.portal'),
        permission: 'portal.use',
        icon: <HomeOutlined />,
        hiddenWith: 'dashboard.read',
      },
    ],
  },
  {
    key: 'servicedesk',
    label: (t) => t('ticket.navGroup'),
    entries: [
      { path: '/tickets', label: (t) => t('ticket.nav'), permission: 'ticket.read', icon: <CustomerServiceOutlined /> },
      { path: '/call-records', label: (t) => t('callRecords.nav'), permission: 'call-record.read', icon: <PhoneOutlined /> },
      { path: '/servicedesk-metrics', label: (t) => t('sdMetrics.nav'), permission: 'servicedesk-metrics.read', icon: <LineChartOutlined /> },
      { path: '/kb', label: (t) => t('kb.title'), permission: 'kb.read', icon: <BookOutlined /> },
      { path: '/notices', label: (t) => t('notice.title'), permission: 'notice.read', icon: <NotificationOutlined /> },
      { path: '/surveys', label: (t) => t('survey.nav'), permission: 'survey.read', icon: <SmileOutlined /> },
      { path: '/guidance-logs', label: (t) => t('guidance.nav'), permission: 'guidance-log.read', icon: <SolutionOutlined /> },
      { path: '/monitoring', label: (t) => t('monitoring.nav'), permission: 'monitoring.read', icon: <AlertOutlined /> },
    ],
  },
  {
    key: 'incidents',
    label: (t) => t('incident.navGroup'),
    entries: [
      { path: '/operations', label: (t) => t('operations.nav'), permission: operationsPermissions, icon: <FundOutlined /> },
      { path: '/incidents', label: (t) => t('incident.nav'), permission: 'incident.read', icon: <BugOutlined /> },
      { path: '/business-systems', label: (t) => t('businessSystem.nav'), permission: 'business-system.read', icon: <AppstoreOutlined /> },
      { path: '/security-cases', label: (t) => t('securityCase.nav'), permission: 'security-case.read', icon: <SecurityScanOutlined /> },
      { path: '/ops-documents', label: (t) => t('opsDoc.nav'), permission: 'ops-document.read', icon: <FileTextOutlined /> },
    ],
  },
  {
    key: 'org',
    label: (t) => t('nav.org'),
    entries: [
      { path: '/sites', label: (t) => t('nav.sites'), permission: 'site.read', icon: <EnvironmentOutlined /> },
      { path: '/departments', label: (t) => t('nav.departments'), permission: 'department.read', icon: <ApartmentOutlined /> },
      { path: '/people', label: (t) => t('nav.people'), permission: 'person.read', icon: <TeamOutlined /> },
    ],
  },
  {
    key: 'assets',
    label: (t) => t('nav.assets'),
    entries: [
      { path: '/assets', label: (t) => t('nav.hardwareAssets'), permission: 'asset.read', icon: <DesktopOutlined /> },
      { path: '/stocktakes', label: (t) => t('nav.stocktakes'), permission: 'stocktake.read', icon: <CarryOutOutlined /> },
      { path: '/asset-findings', label: (t) => t('nav.findings'), permission: 'asset-finding.read', icon: <FileSearchOutlined /> },
      { path: '/damage-reports', label: (t) => t('nav.damageReports'), permission: 'damage-report.read', icon: <WarningOutlined /> },
      { path: '/asset-pivot', label: (t) => t('nav.assetPivot'), permission: 'asset.read', icon: <TableOutlined /> },
      { path: '/backups', label: (t) => t('backups.nav'), permission: 'backup.read', icon: <DatabaseOutlined /> },
    ],
  },
  {
    key: 'software',
    label: (t) => t('software.navGroup'),
    entries: [
      { path: '/software-licenses', label: (t) => t('software.navLicenses'), permission: 'software-license.read', icon: <FileProtectOutlined /> },
      {
        path: '/software-installations',
        label: (t) => t('software.navInstallations'),
        permission: 'software-installation.read',
        icon: <LaptopOutlined />,
      },
      {
        path: '/software-distributions',
        label: (t) => t('software.navDistributions'),
        permission: 'software-distribution.read',
        icon: <GlobalOutlined />,
      },
      {
        path: '/software-surveys',
        label: (t) => t('software.navLocalSurveys'),
        permission: 'software-distribution.read',
        icon: <FormOutlined />,
      },
      { path: '/software-products', label: (t) => t('software.navProducts'), permission: 'software-product.read', icon: <AppstoreOutlined /> },
      {
        path: '/software-compliance',
        label: (t) => t('software.navCompliance'),
        permission: 'software-compliance.read',
        icon: <CheckSquareOutlined />,
      },
      { path: '/software-findings', label: (t) => t('software.navFindings'), permission: 'software-finding.read', icon: <StopOutlined /> },
      { path: '/software-media', label: (t) => t('software.navMedia'), permission: 'software-media.read', icon: <InboxOutlined /> },
      { path: '/software-stocktakes', label: (t) => t('software.navStocktakes'), permission: 'stocktake.read', icon: <ReconciliationOutlined /> },
    ],
  },
  {
    key: 'endpoint-security',
    label: (t) => t('endpoint.navGroup'),
    entries: [
      { path: '/antivirus', label: (t) => t('endpoint.navAntivirus'), permission: 'endpoint-security.read', icon: <SafetyOutlined /> },
      { path: '/patch-plans', label: (t) => t('endpoint.navPatchPlans'), permission: 'endpoint-security.read', icon: <ScheduleOutlined /> },
      { path: '/clone-images', label: (t) => t('cloneImage.nav'), permission: 'endpoint-security.read', icon: <HddOutlined /> },
      { path: '/patch-status', label: (t) => t('endpoint.navPatchStatus'), permission: 'endpoint-security.read', icon: <WarningOutlined /> },
    ],
  },
  {
    key: 'admin',
    label: (t) => t('nav.admin'),
    entries: [
      { path: '/users', label: (t) => t('nav.users'), permission: 'user.read', icon: <UserOutlined /> },
      { path: '/roles', label: (t) => t('nav.roles'), permission: 'role.read', icon: <SafetyCertificateOutlined /> },
      { path: '/api-tokens', label: (t) => t('nav.apiTokens'), permission: 'api-token.manage', icon: <KeyOutlined /> },
      { path: '/agent-tokens', label: (t) => t('nav.agentTokens'), permission: 'agent-token.manage', icon: <CloudServerOutlined /> },
      { path: '/audit', label: (t) => t('nav.audit'), permission: 'audit.read', icon: <AuditOutlined /> },
      { path: '/jobs', label: (t) => t('nav.jobs'), permission: 'job.read', icon: <ScheduleOutlined /> },
      { path: '/mail', label: (t) => t('nav.mail'), permission: 'mail.read', icon: <MailOutlined /> },
    ],
  },
];

export function navMenuItems(me: MeDto, t: TFunction): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [];
  for (const group of navGroups) {
    const children = group.entries
      .filter((e) => meetsRequirement(me, e.permission) && !(e.hiddenWith && hasPermission(me, e.hiddenWith)))
      .map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label(t)}</Link> }));
    if (children.length === 0) continue;
    if (group.label) items.push({ type: 'group', key: group.key, label: group.label(t), children });
    else items.push(...children);
  }
  return items;
}

/** The menu key for a location: the longest entry path that prefixes it. */
export function selectedNavKey(pathname: string): string {
  let best = '/';
  for (const g of navGroups) {
    for (const e of g.entries) {
      if (e.path !== '/' && (pathname === e.path || pathname.startsWith(`${e.path}/`)) && e.path.length > best.length) {
        best = e.path;
      }
    }
  }
  return best;
}
