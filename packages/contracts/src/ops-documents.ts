import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText } from './common.ts';

const DateOnly = z.iso.date();

// ---------------------------------------------------------------- operations documents with periodic review (1.1.d, 1.1.e)

export const opsDocumentKinds = choiceSet([
  { value: 'malware_response_plan', ja: 'マルウェア感染時対応計画表', en: 'Malware response plan', color: 'red' },
  { value: 'malware_checklist', ja: 'マルウェア感染時対応チェックリスト', en: 'Malware response checklist', color: 'volcano' },
  { value: 'restore_plan', ja: 'バックアップからの復旧計画・手順書', en: 'Restore-from-backup plan and procedure', color: 'blue' },
  { value: 'restore_checklist', ja: 'バックアップからの復旧チェックリスト', en: 'Restore-from-backup checklist', color: 'cyan' },
  { value: 'backup_schedule', ja: 'バックアップスケジュール', en: 'Backup schedule', color: 'geekblue' },
  { value: 'patch_procedure', ja: 'セキュリティパッチ適用手順', en: 'Security patch procedure', color: 'purple' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);

export const OpsDocumentInput = z.object({
  kind: opsDocumentKinds.schema,
  title: z.string().trim().min(1).max(300),
  docVersion: z.string().trim().min(1).max(50),
  /** The current file (uploaded through /files). */
  fileId: Id.nullable().optional(),
  owner: OptionalText(100),
  /** Months between verifications (the spec: at least once a year). */
  reviewIntervalMonths: z.number().int().min(1).max(60).default(12),
  lastVerifiedOn: DateOnly.nullable().optional(),
  note: OptionalText(2000),
});
export type OpsDocumentInput = z.infer<typeof OpsDocumentInput>;
export const OpsDocumentUpdateInput = OpsDocumentInput.partial();
export type OpsDocumentUpdateInput = z.infer<typeof OpsDocumentUpdateInput>;

/** A verification against actual operating conditions; may bring a new version of the document. */
export const OpsDocumentReviewInput = z.object({
  verifiedOn: DateOnly,
  result: z.enum(['no_change', 'updated']),
  newVersion: OptionalText(50),
  fileId: Id.nullable().optional(),
  note: OptionalText(2000),
});
export type OpsDocumentReviewInput = z.infer<typeof OpsDocumentReviewInput>;

export const OpsDocumentReviewDto = z.object({
  id: Id,
  verifiedOn: z.string(),
  verifiedBy: z.string(),
  result: z.enum(['no_change', 'updated']),
  fromVersion: z.string(),
  toVersion: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const OpsDocumentDto = z.object({
  id: Id,
  kind: opsDocumentKinds.schema,
  title: z.string(),
  docVersion: z.string(),
  fileId: Id.nullable(),
  owner: z.string().nullable(),
  reviewIntervalMonths: z.number().int(),
  lastVerifiedOn: z.string().nullable(),
  /** lastVerifiedOn + interval (month-end clamped); null = never verified, due now. */
  nextReviewOn: z.string().nullable(),
  reviewState: z.enum(['ok', 'due_soon', 'overdue']),
  note: z.string().nullable(),
  reviews: z.array(OpsDocumentReviewDto),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type OpsDocumentDto = z.infer<typeof OpsDocumentDto>;
export const OpsDocumentList = z.object({ items: z.array(OpsDocumentDto) });
