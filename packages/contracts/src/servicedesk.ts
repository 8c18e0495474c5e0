import { z } from 'zod';
import { choiceSet, OptionalText } from './common.ts';

/** Service desk (5.1–5.6, SLA S-4-6-1-x): inquiries (tickets) and their immutable event log. */

export const ticketChannels = choiceSet([
  { value: 'phone', ja: '電話', en: 'Phone', color: 'gold' },
  { value: 'mail', ja: 'メール', en: 'Mail', color: 'purple' },
  { value: 'portal', ja: 'ポータル', en: 'Portal', color: 'blue' },
  { value: 'walk_in', ja: '来訪', en: 'Walk-in', color: 'green' },
  { value: 'remote', ja: 'リモート', en: 'Remote', color: 'cyan' },
  { value: 'chat', ja: 'チャット', en: 'Chat', color: 'geekblue' },
]);
export type TicketChannel = (typeof ticketChannels.values)[number];

export const ticketLanguages = choiceSet([
  { value: 'ja', ja: '日本語', en: 'Japanese', color: 'default' },
  { value: 'en', ja: '英語', en: 'English', color: 'blue' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export type TicketLanguage = (typeof ticketLanguages.values)[number];

export const ticketStatuses = choiceSet([
  { value: 'new', ja: '新規', en: 'New', color: 'blue' },
  { value: 'in_progress', ja: '対応中', en: 'In progress', color: 'processing' },
  { value: 'waiting', ja: '回答待ち', en: 'Waiting for requester', color: 'gold' },
  { value: 'escalated', ja: 'ベンダー対応中', en: 'Escalated to vendor', color: 'purple' },
  { value: 'resolved', ja: '解決', en: 'Resolved', color: 'green' },
  { value: 'closed', ja: '完了', en: 'Closed', color: 'default' },
  { value: 'reopened', ja: '再開', en: 'Reopened', color: 'orange' },
]);
export type TicketStatus = (typeof ticketStatuses.values)[number];
/** Statuses in which the ticket still needs work. */
export const openTicketStatuses: readonly TicketStatus[] = ['new', 'in_progress', 'waiting', 'escalated', 'reopened'];

export const ticketPriorities = choiceSet([
  { value: 'low', ja: '低', en: 'Low', color: 'default' },
  { value: 'normal', ja: '中', en: 'Normal', color: 'blue' },
  { value: 'high', ja: '高', en: 'High', color: 'orange' },
  { value: 'urgent', ja: '緊急', en: 'Urgent', color: 'red' },
]);
export type TicketPriority = (typeof ticketPriorities.values)[number];

export const ticketTeams = choiceSet([
  { value: 'helpdesk', ja: 'ヘルプデスク', en: 'Helpdesk', color: 'blue' },
  { value: 'pc', ja: 'PC担当', en: 'PC team', color: 'cyan' },
  { value: 'server', ja: 'サーバ担当', en: 'Server team', color: 'purple' },
  { value: 'network', ja: 'ネットワーク担当', en: 'Network team', color: 'geekblue' },
  { value: 'overseas', ja: '海外拠点担当', en: 'Overseas team', color: 'green' },
]);
export type TicketTeam = (typeof ticketTeams.values)[number];

/** Why an inquiry could unavoidably not be handled (S-4-6-1-3 exclusion). */
export const noResponseReasons = choiceSet([
  { value: 'call_fault', ja: '着信の不具合', en: 'Incoming-call fault', color: 'default' },
  { value: 'tool_failure', ja: '管理ツールの障害', en: 'Management tool failure', color: 'default' },
  { value: 'local_circumstance', ja: '現地固有の事情', en: 'Local circumstance', color: 'default' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export type NoResponseReason = (typeof noResponseReasons.values)[number];

/** Who is asking (5.1.c IBSC, 5.2.b system owners, 5.6.d overseas offices and business travellers). */
export const requesterTypes = choiceSet([
  { value: 'general', ja: '一般職員', en: 'General staff', color: 'default' },
  { value: 'system_owner', ja: 'システム担当者', en: 'System owner / person in charge', color: 'blue' },
  { value: 'ibsc', ja: 'IBSC支援スタッフ', en: 'IBSC support staff', color: 'cyan' },
  { value: 'overseas_office', ja: '海外事務所', en: 'Overseas office', color: 'green' },
  { value: 'traveller', ja: '出張者', en: 'Business traveller', color: 'lime' },
  { value: 'external', ja: '外部', en: 'External', color: 'purple' },
]);
export type RequesterType = (typeof requesterTypes.values)[number];

/**
 * How a resolved inquiry ended. `referred` (5.1.b) names the department whose contact point the requester was given;
 * `out_of_scope` covers e.g. unsupported freeware (5.4.a) and software procurement applications (S-4-6-1-1).
 */
export const resolutionCodes = choiceSet([
  { value: 'answered', ja: '回答済み', en: 'Answered', color: 'green' },
  { value: 'referred', ja: '所管部署へ案内', en: 'Referred to owning department', color: 'blue' },
  { value: 'out_of_scope', ja: '対象外', en: 'Out of scope', color: 'default' },
  { value: 'duplicate', ja: '重複', en: 'Duplicate', color: 'default' },
  { value: 'withdrawn', ja: '取り下げ', en: 'Withdrawn', color: 'default' },
]);
export type ResolutionCode = (typeof resolutionCodes.values)[number];

/** 5.4.a software consultation: only Organization-procured software and freeware are supported. */
export const softwareTypes = choiceSet([
  { value: 'organization', ja: '機構調達ソフトウェア', en: 'Organization-procured', color: 'blue' },
  { value: 'freeware', ja: 'フリーソフト', en: 'Freeware', color: 'cyan' },
  { value: 'other', ja: 'その他（対象外）', en: 'Other (out of scope)', color: 'default' },
]);
export type SoftwareType = (typeof softwareTypes.values)[number];

/** Category-specific task attributes (5.4.a, 5.6.a); validated per category code (ticket-details.ts). */
export const TicketDetailsInput = z.record(z.string(), z.unknown());
export type TicketDetailsInput = z.infer<typeof TicketDetailsInput>;

/**
 * Event types of the ticket timeline. The log is append-only (a trigger rejects UPDATE and DELETE); the ticket's
 * status, first answer, resolution, escalation and first-contact resolution are derived from it.
 */
export const ticketEventTypes = choiceSet([
  { value: 'received', ja: '受付', en: 'Received', color: 'blue' },
  { value: 'public_reply', ja: '回答', en: 'Reply', color: 'green' },
  { value: 'requester_reply', ja: '依頼者からの返信', en: 'Requester reply', color: 'cyan' },
  { value: 'internal_note', ja: '内部メモ', en: 'Internal note', color: 'default' },
  { value: 'status_changed', ja: 'ステータス変更', en: 'Status changed', color: 'processing' },
  { value: 'assigned', ja: '担当者変更', en: 'Assigned', color: 'default' },
  { value: 'fields_changed', ja: '項目変更', en: 'Fields changed', color: 'default' },
  { value: 'escalation_started', ja: 'ベンダーエスカレーション開始', en: 'Vendor escalation started', color: 'purple' },
  { value: 'escalation_ended', ja: 'ベンダーエスカレーション終了', en: 'Vendor escalation ended', color: 'purple' },
  { value: 'mail_in', ja: 'メール受信', en: 'Mail received', color: 'cyan' },
  { value: 'mail_out', ja: 'メール送信', en: 'Mail sent', color: 'green' },
  { value: 'call', ja: '通話', en: 'Call', color: 'gold' },
  { value: 'attachment_added', ja: '添付追加', en: 'Attachment added', color: 'default' },
]);
export type TicketEventType = (typeof ticketEventTypes.values)[number];

const Email = z.string().trim().toLowerCase().pipe(z.email());

/** Who asked: a person from the people ledger, or free contact data (either is enough). */
export const TicketRequesterInput = z.object({
  personId: z.uuid().nullable().optional(),
  name: OptionalText(200),
  email: Email.nullable().optional(),
  phone: OptionalText(50),
  organization: OptionalText(200),
});
export type TicketRequesterInput = z.infer<typeof TicketRequesterInput>;

export const TicketCreateInput = z.object({
  channel: ticketChannels.schema,
  language: ticketLanguages.schema.default('ja'),
  requester: TicketRequesterInput,
  siteId: z.uuid(),
  categoryId: z.uuid().nullable().optional(),
  priority: ticketPriorities.schema.default('normal'),
  subject: z.string().trim().min(1).max(300),
  description: z.string().trim().max(20_000).default(''),
  assigneeId: z.uuid().nullable().optional(),
  team: ticketTeams.schema.default('helpdesk'),
  installRequest: z.boolean().default(false),
  requesterType: requesterTypes.schema.default('general'),
  /** Attributes of the category's task (file conversion formats, software type…); checked against the category. */
  details: TicketDetailsInput.optional(),
  /** When the inquiry arrived, if earlier than now (a call taken before it was typed in). */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type TicketCreateInput = z.infer<typeof TicketCreateInput>;
