import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery, YearMonth } from './common.ts';
import { SiteRef } from './org.ts';

const Instant = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------- security cases (4.2; SLA S-4-5-4-1, S-3)

export const securityCaseKinds = choiceSet([
  { value: 'malware', ja: 'マルウェア感染（疑い含む）', en: 'Malware infection (or suspected)', color: 'red' },
  { value: 'quarantine_alert', ja: 'PC検疫アラート', en: 'PC quarantine alert', color: 'orange' },
  { value: 'suspicious_mail', ja: '不審メール（標的型）', en: 'Suspicious mail campaign', color: 'purple' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export type SecurityCaseKind = (typeof securityCaseKinds.values)[number];

/**
 * The response checklist of each kind (4.2.a–d, 1.1.d). `required` steps must be done or marked not applicable
 * (with a reason) before the case closes.
 */
export const securityChecklists: Record<SecurityCaseKind, readonly { step: string; required: boolean; ja: string; en: string }[]> = {
  malware: [
    { step: 'consult_staff', required: true, ja: '担当職員への相談', en: 'Consult the staff in charge' },
    { step: 'interview', required: true, ja: '使用者・関係者への聞き取り', en: 'Interview the user and people involved' },
    { step: 'confirmed', required: false, ja: '感染の確認', en: 'Infection confirmed' },
    { step: 'isolate', required: true, ja: 'ネットワークからの隔離（物理・論理）', en: 'Isolate from the network (physical or logical)' },
    { step: 'remove', required: true, ja: 'マルウェアの駆除・削除', en: 'Remove the malware' },
    { step: 'clean_install', required: false, ja: 'クリーンインストール', en: 'Clean install' },
    { step: 'collect_sample', required: false, ja: '検体の特定・採取', en: 'Identify and collect a sample' },
    {
      step: 'submit_sample',
      required: false,
      ja: '保守業者経由でウイルス対策ベンダへ検体提出',
      en: 'Submit the sample to the antivirus vendor via the contractor',
    },
    { step: 'emergency_definitions', required: false, ja: '緊急定義ファイルの適用', en: 'Apply the emergency definition file' },
    { step: 'removal_confirmed', required: true, ja: '駆除完了の確認', en: 'Removal confirmed' },
  ],
  quarantine_alert: [
    { step: 'contact_staff', required: true, ja: '担当職員への連絡', en: 'Contact the staff in charge' },
    { step: 'review_audit_log', required: true, ja: 'クライアント監査ログの確認', en: 'Review the client audit log' },
    { step: 'export_audit_log', required: false, ja: '監査ログの出力', en: 'Export the audit log' },
    { step: 'check_agent', required: false, ja: 'エージェント稼働確認', en: 'Check the agent is running' },
    { step: 'action', required: true, ja: '対処', en: 'Action taken' },
  ],
  suspicious_mail: [
    { step: 'contact_staff', required: true, ja: '担当職員への連絡', en: 'Contact the staff in charge' },
    { step: 'contact_contractor', required: true, ja: 'システム保守業者への連絡', en: 'Contact the system maintenance contractor' },
    { step: 'announcement', required: true, ja: '注意喚起（館内放送・メール・掲示板）', en: 'Announcement (PA, mail, bulletin board)' },
    { step: 'manual_distributed', required: false, ja: '緊急対策マニュアルの作成・配布', en: 'Emergency countermeasure manual written and distributed' },
    { step: 'notice_published', required: false, ja: 'お知らせ（日英）の掲載', en: 'Bilingual notice published' },
  ],
  other: [
    { step: 'contact_staff', required: true, ja: '担当職員への連絡', en: 'Contact the staff in charge' },
    { step: 'action', required: true, ja: '対処', en: 'Action taken' },
  ],
};

export const SecurityCaseCreateInput = z.object({
  kind: securityCaseKinds.schema,
  title: z.string().trim().min(1).max(300),
  description: OptionalText(10_000),
  siteIds: z.array(Id).max(300).default([]),
  assetIds: z.array(Id).max(500).default([]),
  detectedAt: Instant,
  /** manual | quarantine (an alert from the PC quarantine system) | mail */
  source: z.enum(['manual', 'quarantine', 'mail']).default('manual'),
  sourceRef: OptionalText(300),
  spreadOverLan: z.boolean().default(false),
  /** A serious security failure (S-3): opens a linked incident flagged major. */
  major: z.boolean().default(false),
});
export type SecurityCaseCreateInput = z.infer<typeof SecurityCaseCreateInput>;

export const SecurityCaseUpdateInput = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  description: OptionalText(10_000),
  siteIds: z.array(Id).max(300).optional(),
  assetIds: z.array(Id).max(500).optional(),
  spreadOverLan: z.boolean().optional(),
});
export type SecurityCaseUpdateInput = z.infer<typeof SecurityCaseUpdateInput>;

/** One checklist step done (or not applicable), timestamped, with who and the details it needs. */
export const SecurityStepInput = z.object({
  step: z.string().trim().min(1).max(50),
  at: Instant.optional(),
  notApplicable: z.boolean().default(false),
  note: OptionalText(5000),
  /** Step details: isolation method, sample hash and storage, vendor reference, announcement channel… */
  details: z.record(z.string(), z.string().max(1000)).default({}),
});
export type SecurityStepInput = z.infer<typeof SecurityStepInput>;

export const SecurityStepDto = z.object({
  step: z.string(),
  label: z.string(),
  required: z.boolean(),
  done: z.boolean(),
  notApplicable: z.boolean(),
  at: z.string().nullable(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.string()),
});

export const SecurityCaseDto = z.object({
  id: Id,
  number: z.string(),
  kind: securityCaseKinds.schema,
  title: z.string(),
  description: z.string().nullable(),
  sites: z.array(SiteRef),
  assets: z.array(z.object({ id: Id, assetNumber: z.string(), name: z.string().nullable() })),
  detectedAt: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  spreadOverLan: z.boolean(),
  major: z.boolean(),
  incidentId: Id.nullable(),
  noticeId: Id.nullable(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  steps: z.array(SecurityStepDto),
  /** S-4-5-4-1 (malware): detection → interview and, once confirmed, isolation, within the target. */
  response: z
    .object({
      targetMinutes: z.number().int(),
      completedAt: z.string().nullable(),
      elapsedMs: z.number().int(),
      state: z.enum(['running', 'met', 'breached']),
    })
    .nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: Abilities,
});
export type SecurityCaseDto = z.infer<typeof SecurityCaseDto>;

export const SecurityCaseListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  kind: securityCaseKinds.schema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  siteId: Id.optional(),
});
export type SecurityCaseListQuery = z.infer<typeof SecurityCaseListQuery>;
export const SecurityCasePage = Page(SecurityCaseDto);

/** 4.2.b: the bilingual notice of a suspicious-mail campaign (both languages required). */
const NoticeText = z.object({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(50_000) });
export const SecurityNoticeInput = z.object({
  ja: NoticeText,
  en: NoticeText,
  targetAll: z.boolean().default(true),
  siteIds: z.array(Id).max(300).default([]),
  publish: z.boolean().default(true),
});
export type SecurityNoticeInput = z.infer<typeof SecurityNoticeInput>;

export const SecurityMetricsQuery = z.object({ month: YearMonth });
export const SecurityMetrics = z.object({
  month: z.string(),
  sla: z.literal('S-4-5-4-1'),
  targetMinutes: z.number().int(),
  target: z.number(),
  counted: z.number().int(),
  met: z.number().int(),
  missed: z.number().int(),
  pending: z.number().int(),
  value: z.number().nullable(),
  achieved: z.boolean().nullable(),
  drill: z.object({ met: z.array(Id), missed: z.array(Id), pending: z.array(Id) }),
});
export type SecurityMetrics = z.infer<typeof SecurityMetrics>;
