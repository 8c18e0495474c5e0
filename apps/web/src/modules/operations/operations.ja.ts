/** Japanese text of the operations dashboard; spread into `app/ja.ts`. */
export const operationsJa = {
  operations: {
    nav: '運用ダッシュボード',
    title: '運用ダッシュボード',
    description: '対応中の障害・セキュリティ事案、バックアップの失敗、監視アラート、ウイルス定義の未更新を一覧します。各カードから詳しい一覧へ移動できます。',
    showAll: '一覧へ',
    none: '該当なし',
    openIncidents: '対応中の障害',
    noClock: '計測中の目標なし',
    openSecurityCases: '対応中のセキュリティ事案',
    failedBackups: 'バックアップの失敗・未実行（昨日・今日）',
    firingAlerts: '発報中の監視アラート',
    outdatedAntivirus: 'ウイルス定義が古い端末',
    ageDays: '{{days}} 日前の定義',
    versionsBehind: '{{count}} 版遅れ',
    chartTitle: '障害の発生件数（過去30日）',
    chartTotal: '合計 {{count}} 件',
    chartDay: '{{day}}：{{count}} 件',
    refreshed: '最終更新 {{at}}',
  },
};
