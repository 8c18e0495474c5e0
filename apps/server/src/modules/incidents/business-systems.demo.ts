import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { businessSystems } from './business-systems.table.ts';

/** Demo business systems (4.1.3.a), each with its responsible department from the demo agency and a contractor. */
const demoSystems = [
  {
    code: 'HR-PAY',
    name: '人事給与システム',
    nameEn: 'HR and payroll system',
    department: 'TKY-HR',
    contactName: '人事課 給与担当',
    contactPhone: '03-3582-5101',
    contactEmail: 'jinji@demo.example.jp',
    contractor: '日本ビジネスシステムズ（デモ）',
    contractorContact: '保守窓口 0120-000-101（平日 9:00–18:00）',
  },
  {
    code: 'ACC',
    name: '会計システム',
    nameEn: 'Accounting system',
    department: 'TKY-ACC',
    contactName: '経理課 システム担当',
    contactPhone: '03-3582-5102',
    contactEmail: 'keiri@demo.example.jp',
    contractor: '会計パッケージ保守（デモ）',
    contractorContact: 'support@acc-vendor.example.jp',
  },
  {
    code: 'DOC',
    name: '文書管理システム',
    nameEn: 'Document management system',
    department: 'TKY-GA',
    contactName: '総務課 文書担当',
    contactPhone: '03-3582-5103',
    contactEmail: 'soumu@demo.example.jp',
    contractor: null,
    contractorContact: null,
  },
  {
    code: 'RDP',
    name: '研究データ基盤',
    nameEn: 'Research data platform',
    department: 'IDE-RPD',
    contactName: '研究企画課 データ基盤担当',
    contactPhone: '043-299-9500',
    contactEmail: 'ide-kikaku@demo.example.jp',
    contractor: '研究基盤サービス（デモ）',
    contractorContact: '保守窓口 043-000-0000',
  },
];

/** Titles of demo incidents per system. */
export const demoSystemTitles: Record<string, string[]> = {
  'HR-PAY': ['人事給与システムへの接続不可', '給与計算バッチの異常終了'],
  ACC: ['会計システムの帳票出力エラー', '仕訳入力画面の応答遅延'],
  DOC: ['文書管理システムの検索不可'],
  RDP: ['研究データ基盤へのアップロード失敗'],
};

/** Inserts the demo systems whose departments exist; returns code → id and the department name (the snapshot). */
export async function seedDemoBusinessSystems(tx: Db): Promise<Map<string, { id: string; departmentName: string }>> {
  const depts = await queryRows<{ id: string; code: string; name_ja: string }>(tx, sql`select id, code, name_ja from departments`);
  const byCode = new Map(depts.map((d) => [d.code, d]));
  const out = new Map<string, { id: string; departmentName: string }>();
  for (const { department, ...s } of demoSystems) {
    const dept = byCode.get(department);
    if (!dept) continue;
    const [row] = await tx
      .insert(businessSystems)
      .values({ ...s, departmentId: dept.id })
      .returning({ id: businessSystems.id });
    out.set(s.code, { id: row.id, departmentName: dept.name_ja });
  }
  return out;
}
