import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** Demo operations documents (1.1.d, 1.1.e): one overdue for its yearly review, one due soon, the rest current. */
export async function seedDemoOpsDocuments(tx: Db, until = '2026-11-26'): Promise<number> {
  await tx.execute(sql`insert into ops_documents (kind, title, doc_version, owner, review_interval_months, last_verified_on) values
    ('malware_response_plan', 'マルウェア感染時対応計画表', '3', '情報システム課', 12, ${until}::date - 400),
    ('malware_checklist', 'マルウェア感染時対応チェックリスト', '3', '情報システム課', 12, ${until}::date - 350),
    ('restore_plan', 'バックアップからのシステム復旧計画・手順書', '2', '運用チーム', 12, ${until}::date - 120),
    ('restore_checklist', 'システム復旧チェックリスト', '2', '運用チーム', 12, ${until}::date - 120),
    ('backup_schedule', 'バックアップスケジュール表', '5', '運用チーム', 12, ${until}::date - 40)`);
  return 5;
}
