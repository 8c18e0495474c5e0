import { z } from 'zod';
import { choiceSet, Id, Page, PageQuery } from './common.ts';

/** Service-desk mail channel (issue #6 item 4, decision 0013): what became of each inbound mail. */

export const mailInboundOutcomes = choiceSet([
  { value: 'created', ja: '新規受付', en: 'New ticket', color: 'blue' },
  { value: 'appended', ja: '既存に追記', en: 'Added to ticket', color: 'green' },
  { value: 'dropped', ja: '破棄', en: 'Dropped', color: 'default' },
  { value: 'failed', ja: '取込失敗', en: 'Failed', color: 'red' },
  { value: 'backup_result', ja: 'バックアップ結果として記録', en: 'Recorded as a backup result', color: 'purple' },
]);
export type MailInboundOutcome = (typeof mailInboundOutcomes.values)[number];

/** Why a mail was not filed: it would have started a mail loop or filed a machine's message as an inquiry. */
export const mailDropReasons = choiceSet([
  { value: 'auto_submitted', ja: '自動送信（Auto-Submitted）', en: 'Automatic (Auto-Submitted)', color: 'default' },
  { value: 'precedence', ja: '一斉配信（Precedence）', en: 'Bulk or list (Precedence)', color: 'default' },
  { value: 'autoreply_header', ja: '自動応答', en: 'Auto-reply', color: 'default' },
  { value: 'bounce', ja: 'エラーメール', en: 'Bounce', color: 'orange' },
  { value: 'delivery_report', ja: '配送状況通知', en: 'Delivery report', color: 'orange' },
  { value: 'own_message', ja: '自システム送信メールの戻り', en: 'Our own mail looped back', color: 'red' },
  { value: 'own_address', ja: '自システムのアドレスから', en: 'From our own address', color: 'red' },
  { value: 'no_sender', ja: '差出人なし', en: 'No sender', color: 'default' },
  { value: 'spam', ja: '迷惑メール判定', en: 'Flagged as spam', color: 'orange' },
  { value: 'too_large', ja: 'サイズ超過', en: 'Too large', color: 'orange' },
]);
export type MailDropReason = (typeof mailDropReasons.values)[number];

export const MailInboundDto = z.object({
  id: Id,
  messageId: z.string(),
  source: z.enum(['smtp', 'imap']),
  fromAddress: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number().int(),
  outcome: mailInboundOutcomes.schema,
  /**
   * The drop reason (a mailDropReasons value), how it was matched (`thread:HD-…` / `subject:HD-…`; `cited:HD-…` = a
   * non-requester cited that number and got a new ticket), or for a mail
   * the IMAP poll gave up on (outcome failed) the last error.
   */
  reason: z.string().nullable(),
  ticketId: Id.nullable(),
  ticketNumber: z.string().nullable(),
  receivedAt: z.string(),
});
export type MailInboundDto = z.infer<typeof MailInboundDto>;
export const MailInboundPage = Page(MailInboundDto);
export const MailInboundListQuery = PageQuery.extend({ outcome: mailInboundOutcomes.schema.optional() });
export type MailInboundListQuery = z.infer<typeof MailInboundListQuery>;
