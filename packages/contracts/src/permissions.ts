/**
 * The permission registry: every permission the server can check, with labels for the roles page.
 * Routes name one of these (or 'public' / 'authenticated'); the route-permission snapshot test
 * turns any change here into a reviewable diff.
 */
export const permissionRegistry = {
  'dashboard.read': { ja: 'ダッシュボード閲覧', en: 'View dashboard' },
  'site.read': { ja: '拠点の閲覧', en: 'View sites' },
  'site.create': { ja: '拠点の登録', en: 'Create sites' },
  'site.update': { ja: '拠点の更新', en: 'Update sites' },
  'site.delete': { ja: '拠点の削除', en: 'Delete sites' },
  'site.import': { ja: '拠点の一括取込', en: 'Import sites' },
  'site.export': { ja: '拠点の出力', en: 'Export sites' },
  'department.read': { ja: '部署の閲覧', en: 'View departments' },
  'department.create': { ja: '部署の登録', en: 'Create departments' },
  'department.update': { ja: '部署の更新', en: 'Update departments' },
  'department.delete': { ja: '部署の削除', en: 'Delete departments' },
  'department.import': { ja: '部署の一括取込', en: 'Import departments' },
  'department.export': { ja: '部署の出力', en: 'Export departments' },
  'person.read': { ja: '職員の閲覧', en: 'View people' },
  'person.create': { ja: '職員の登録', en: 'Create people' },
  'person.update': { ja: '職員の更新', en: 'Update people' },
  'person.delete': { ja: '職員の削除', en: 'Delete people' },
  'person.import': { ja: '職員の一括取込', en: 'Import people' },
  'person.export': { ja: '職員の出力', en: 'Export people' },
  'asset.read': { ja: 'ハードウェア資産の閲覧', en: 'View hardware assets' },
  'asset.create': { ja: 'ハードウェア資産の登録', en: 'Create hardware assets' },
  'asset.update': { ja: 'ハードウェア資産の更新（移動・修理・作業記録を含む）', en: 'Update hardware assets (movements, repairs, work logs)' },
  'asset.delete': { ja: 'ハードウェア資産の削除', en: 'Delete hardware assets' },
  'asset.import': { ja: 'ハードウェア資産の一括取込', en: 'Import hardware assets' },
  'asset.export': { ja: 'ハードウェア資産の出力', en: 'Export hardware assets' },
  'asset-finding.read': { ja: '台帳チェック結果の閲覧', en: 'View ledger data-quality findings' },
  'asset-finding.update': { ja: '台帳チェック結果の対応', en: 'Resolve ledger data-quality findings' },
  'stocktake.read': { ja: '棚卸しの閲覧', en: 'View stock-takes' },
  'stocktake.manage': { ja: '棚卸しの実施', en: 'Run stock-takes' },
  'damage-report.read': { ja: '盗難・破損報告の閲覧', en: 'View theft and damage reports' },
  'damage-report.create': { ja: '盗難・破損報告の登録', en: 'Record theft and damage reports' },
  'damage-report.confirm': { ja: '盗難・破損報告の確認（担当職員）', en: 'Confirm theft and damage reports (staff in charge)' },
  'agent-token.manage': { ja: 'インベントリエージェントのトークン管理', en: 'Manage inventory agent tokens' },
  'ticket.read': { ja: '問合せの閲覧', en: 'View inquiries' },
  'ticket.create': { ja: '問合せの受付', en: 'Record inquiries' },
  'ticket.update': { ja: '問合せの対応（回答・メモ・ステータス・担当）', en: 'Handle inquiries (reply, note, status, assignee)' },
  'ticket.import': { ja: '問合せ履歴の一括取込', en: 'Import inquiry history' },
  'ticket.export': { ja: '問合せの出力', en: 'Export inquiries' },
  'ticket-category.manage': { ja: '問合せ分類の管理', en: 'Manage inquiry categories' },
  'call-record.read': { ja: '通話記録の閲覧', en: 'View call records' },
  'call-record.manage': { ja: '通話記録の登録・取込', en: 'Record and import call records' },
  'servicedesk-metrics.read': { ja: 'ヘルプデスクSLA指標の閲覧', en: 'View service-desk SLA metrics' },
  'servicedesk-metrics.manage': { ja: 'ヘルプデスクSLA目標値・設定の変更', en: 'Change service-desk SLA targets and settings' },
  'kb.read': { ja: 'ナレッジ（内部記事を含む）の閲覧', en: 'View knowledge base (including internal articles)' },
  'kb.manage': { ja: 'ナレッジの編集・公開', en: 'Write and publish knowledge articles' },
  'notice.read': { ja: 'お知らせの閲覧（全件）', en: 'View all notices' },
  'notice.manage': { ja: 'お知らせの作成・配信', en: 'Write and broadcast notices' },
  'survey.read': { ja: '満足度調査の閲覧', en: 'View satisfaction surveys' },
  'survey.manage': { ja: '満足度調査の実施', en: 'Run satisfaction surveys' },
  'guidance-log.read': { ja: '技術指導記録の閲覧', en: 'View technical-guidance log' },
  'guidance-log.manage': { ja: '技術指導記録の登録', en: 'Record technical guidance' },
  'user.read': { ja: 'ユーザーの閲覧', en: 'View users' },
  'user.create': { ja: 'ユーザーの登録', en: 'Create users' },
  'user.update': { ja: 'ユーザーの更新', en: 'Update users' },
  'role.read': { ja: 'ロールの閲覧', en: 'View roles' },
  'api-token.manage': { ja: '自分のAPIトークンの管理', en: 'Manage own API tokens' },
  'audit.read': { ja: '監査ログの閲覧', en: 'View audit log' },
  'job.read': { ja: 'ジョブ実行履歴の閲覧', en: 'View job runs' },
  'job.run': { ja: 'ジョブの手動実行', en: 'Run jobs manually' },
  'mail.read': { ja: '送受信メールの閲覧', en: 'View sent and received mail' },
  'file.create': { ja: 'ファイルのアップロード', en: 'Upload files' },
  'file.read': { ja: 'ファイルの取得', en: 'Download files' },
  'calendar.read': { ja: '業務カレンダーの閲覧', en: 'View business calendars' },
  'calendar.update': { ja: '業務カレンダーの管理', en: 'Manage business calendars' },
  'portal.use': { ja: 'ポータルの利用', en: 'Use the portal' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type Permission = keyof typeof permissionRegistry;
export const permissions = Object.keys(permissionRegistry) as Permission[];

/** What a route requires: a permission, any signed-in user, or nothing. */
export type RouteGuard = Permission | 'authenticated' | 'public';

export const roleNames = ['admin', 'operator', 'supervisor', 'auditor', 'requester'] as const;
export type Role = (typeof roleNames)[number];

const readAll = permissions.filter((p) => p.endsWith('.read'));
/** Exports show no more than the lists do, so every reader of a ledger may download it. */
const exportAll: Permission[] = ['site.export', 'department.export', 'person.export', 'asset.export', 'ticket.export'];

/** Role → permissions. Fixed in code (decision 0004): roles are contract terms, not user data. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  operator: [
    'dashboard.read',
    'site.read',
    'department.read',
    'department.create',
    'department.update',
    'department.import',
    'department.export',
    'person.read',
    'person.create',
    'person.update',
    'person.import',
    'person.export',
    'asset.read',
    'asset.create',
    'asset.update',
    'asset.import',
    'asset.export',
    'asset-finding.read',
    'asset-finding.update',
    'stocktake.read',
    'stocktake.manage',
    'damage-report.read',
    'damage-report.create',
    'ticket.read',
    'ticket.create',
    'ticket.update',
    'ticket.import',
    'ticket.export',
    'call-record.read',
    'call-record.manage',
    'servicedesk-metrics.read',
    'kb.read',
    'kb.manage',
    'notice.read',
    'notice.manage',
    'survey.read',
    'survey.manage',
    'guidance-log.read',
    'guidance-log.manage',
    'role.read',
    'api-token.manage',
    'file.create',
    'file.read',
    'calendar.read',
    'portal.use',
  ],
  supervisor: [...readAll, ...exportAll, 'damage-report.confirm', 'api-token.manage', 'portal.use'],
  auditor: [...readAll, ...exportAll],
  requester: ['portal.use'],
};

export const roleLabels: Record<Role, { ja: string; en: string }> = {
  admin: { ja: 'システム管理者', en: 'Administrator' },
  operator: { ja: '運用担当者', en: 'Operator' },
  supervisor: { ja: '担当職員', en: 'Staff in charge' },
  auditor: { ja: '監査', en: 'Auditor' },
  requester: { ja: '利用者', en: 'Requester' },
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of rolePermissions[r] ?? []) out.add(p);
  return out;
}
