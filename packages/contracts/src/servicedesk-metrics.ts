import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { ImportResult } from './io.ts';
import { SiteRef } from './org.ts';
import { ticketChannels } from './servicedesk.ts';

/** Call records (5.1.a; S-4-6-1-4, -5) and the monthly service-desk metrics (S-4-6-1-1, -3, -4, -5, -6, -7). */

export const callDirections = choiceSet([
  { value: 'inbound', ja: '着信', en: 'Inbound', color: 'blue' },
  { value: 'outbound', ja: '発信', en: 'Outbound', color: 'green' },
]);
export type CallDirection = (typeof callDirections.values)[number];

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const Instant = z.iso.datetime({ offset: true });

export const CallRecordListQuery = PageQuery.extend({
  month: Month.optional(),
  siteId: Id.optional(),
  ticketId: Id.optional(),
  operator: z.string().trim().max(200).optional(),
});
export type CallRecordListQuery = z.infer<typeof CallRecordListQuery>;

/** A call taken (or made) for a ticket, entered on the ticket; it also appends a `call` event to the ticket. */
export const CallRecordCreateInput = z
  .object({
    ticketId: Id,
    direction: callDirections.schema.default('inbound'),
    callerNumber: OptionalText(50),
    queuedAt: Instant,
    answeredAt: Instant.nullable().optional(),
    endedAt: Instant.nullable().optional(),
    /** Defaults to the user entering it. */
    operatorUserId: Id.nullable().optional(),
    operatorLabel: OptionalText(200),
    /** S-4-6-1-4: answered by the voice system (request recorded) and called back. */
    voiceCallback: z.boolean().default(false),
    callbackAt: Instant.nullable().optional(),
  })
  .superRefine((v, c) => {
    const q = Date.parse(v.queuedAt);
    if (v.answeredAt && Date.parse(v.answeredAt) < q) c.addIssue({ code: 'custom', path: ['answeredAt'], message: 'error.call_time_order' });
    const from = v.answeredAt ? Date.parse(v.answeredAt) : q;
    if (v.endedAt && Date.parse(v.endedAt) < from) c.addIssue({ code: 'custom', path: ['endedAt'], message: 'error.call_time_order' });
    if (v.callbackAt && !v.voiceCallback) c.addIssue({ code: 'custom', path: ['callbackAt'], message: 'error.callback_needs_voice' });
    if (v.callbackAt && Date.parse(v.callbackAt) < q) c.addIssue({ code: 'custom', path: ['callbackAt'], message: 'error.call_time_order' });
  });
export type CallRecordCreateInput = z.infer<typeof CallRecordCreateInput>;

export const CallRecordDto = z.object({
  id: Id,
  externalId: z.string().nullable(),
  ticket: z.object({ id: Id, number: z.string() }).nullable(),
  site: SiteRef.nullable(),
  direction: callDirections.schema,
  callerNumber: z.string().nullable(),
  calledNumber: z.string().nullable(),
  queuedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  operatorLabel: z.string().nullable(),
  voiceCallback: z.boolean(),
  callbackAt: z.string().nullable(),
  waitSeconds: z.number().int().nullable(),
  talkSeconds: z.number().int().nullable(),
  imported: z.boolean(),
  createdAt: z.string(),
  abilities: Abilities,
});
export type CallRecordDto = z.infer<typeof CallRecordDto>;
export const CallRecordPage = Page(CallRecordDto);
export type CallRecordPage = z.infer<typeof CallRecordPage>;

/**
 * CDR fields a file column can feed. The default mapping reads a Cisco CUCM CDR export
 * (epoch seconds, 0 = never connected); other call managers map their headings once and save it.
 */
export const cdrFields = [
  { key: 'callManagerId', ja: 'コールマネージャID', en: 'Call manager id', required: false },
  { key: 'callId', ja: '通話ID', en: 'Call id', required: true },
  { key: 'queuedAt', ja: '着信日時', en: 'Call start (queued)', required: true },
  { key: 'answeredAt', ja: '応答日時', en: 'Answered at', required: false },
  { key: 'endedAt', ja: '終了日時', en: 'Ended at', required: false },
  { key: 'duration', ja: '通話時間（秒）', en: 'Duration (s)', required: false },
  { key: 'callerNumber', ja: '発信者番号', en: 'Calling number', required: false },
  { key: 'calledNumber', ja: '着信番号', en: 'Called number', required: false },
  { key: 'finalCalledNumber', ja: '最終着信番号', en: 'Final called number', required: false },
  { key: 'operator', ja: 'オペレーター', en: 'Operator', required: false },
  { key: 'callerDevice', ja: '発信元端末', en: 'Calling device', required: false },
  { key: 'direction', ja: '発着区分', en: 'Direction', required: false },
  { key: 'voiceCallback', ja: '音声応答・折り返し', en: 'Voice callback', required: false },
  { key: 'callbackAt', ja: '折り返し日時', en: 'Called back at', required: false },
  { key: 'ticketNumber', ja: '問合せ番号', en: 'Ticket number', required: false },
] as const;
export type CdrField = (typeof cdrFields)[number]['key'];

/** The built-in mapping: CUCM CDR headings → fields. */
export const cucmCdrMapping: Record<string, CdrField> = {
  globalCallID_callManagerId: 'callManagerId',
  globalCallID_callId: 'callId',
  dateTimeOrigination: 'queuedAt',
  dateTimeConnect: 'answeredAt',
  dateTimeDisconnect: 'endedAt',
  duration: 'duration',
  callingPartyNumber: 'callerNumber',
  originalCalledPartyNumber: 'calledNumber',
  finalCalledPartyNumber: 'finalCalledNumber',
  destDeviceName: 'operator',
  origDeviceName: 'callerDevice',
};

/** A saved CDR mapping (call_import_mappings). */
export const CallImportMappingInput = z.object({
  name: z.string().trim().min(1).max(100),
  mapping: z.record(z.string().max(200), z.string().max(100).nullable()),
});
export type CallImportMappingInput = z.infer<typeof CallImportMappingInput>;
export const CallImportMappingDto = CallImportMappingInput.extend({ id: Id, createdAt: z.string() });
export type CallImportMappingDto = z.infer<typeof CallImportMappingDto>;

/** Query of POST /call-records/import. Commits unless dryRun=true: a re-import never double-counts (decision 0012). */
export const CallRecordImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** A saved mapping; else the multipart field `mapping` (JSON), else the CUCM default. */
  mappingId: Id.optional(),
});
export type CallRecordImportQuery = z.infer<typeof CallRecordImportQuery>;

/** The ledger import result plus what the help-desk filter did (a CUCM export holds every call of the cluster). */
export const CallRecordImportResult = ImportResult.extend({
  /** False when no help-desk numbers are set: every row was taken as an inbound desk call. */
  deskFilter: z.boolean(),
  /** Calls neither to a help-desk number nor from an operator: skipped, not errors. */
  notDeskCalls: z.number().int(),
});
export type CallRecordImportResult = z.infer<typeof CallRecordImportResult>;

// ---------------------------------------------------------------------------------------------
// Metrics

export const metricIds = ['S-4-6-1-1', 'S-4-6-1-3', 'S-4-6-1-4', 'S-4-6-1-5', 'S-4-6-1-6', 'S-4-6-1-7'] as const;
export const MetricId = z.enum(metricIds);
export type MetricId = z.infer<typeof MetricId>;
export const metricOutcomes = ['met', 'missed', 'excluded', 'pending'] as const;
export const MetricOutcome = z.enum(metricOutcomes);
export type MetricOutcome = z.infer<typeof MetricOutcome>;

/** Targets and definitions an administrator may change (defaults from the SLA). */
export const ServicedeskSettings = z.object({
  /** S-4-6-1-1: first answer within this many business hours… */
  firstAnswerHours: z.number().positive().max(240),
  /** …for at least this share of inquiries (%). */
  firstAnswerRate: z.number().min(0).max(100),
  /** S-4-6-1-3 (%). */
  responseRate: z.number().min(0).max(100),
  /** S-4-6-1-4 average answer wait (s). */
  answerWaitSeconds: z.number().positive().max(3600),
  /** S-4-6-1-5 average handling time (s). */
  handlingSeconds: z.number().positive().max(86_400),
  /** S-4-6-1-6 average mail answer time (h), on the site's business calendar or in calendar hours. */
  mailAnswerHours: z.number().positive().max(720),
  mailAnswerClock: z.enum(['business', 'calendar']),
  /** Channels that count as "mail (including other tools)". */
  mailChannels: z.array(ticketChannels.schema).min(1),
  /** S-4-6-1-7 (%). */
  fcrRate: z.number().min(0).max(100),
  /** Final called numbers of the voice system (IVR / recorded request): such CDR rows are voice-callback calls. */
  voiceSystemNumbers: z.array(z.string().trim().min(1).max(50)).max(50),
  /**
   * Help-desk numbers requesters call (hunt pilots, queues). When set, a CDR import keeps only desk calls: called
   * (original or final) a desk number → inbound; made by an operator → outbound (call-back); others are skipped.
   */
  deskNumbers: z.array(z.string().trim().min(1).max(50)).max(100),
  /** Operators' extensions (calling party number of their call-backs). */
  operatorExtensions: z.array(z.string().trim().min(1).max(50)).max(500),
  /** Operators' device-name prefixes (CUCM origDeviceName, e.g. SEP… of the desk phones). */
  operatorDevicePrefixes: z.array(z.string().trim().min(1).max(50)).max(100),
});
export type ServicedeskSettings = z.infer<typeof ServicedeskSettings>;
/** PATCH /servicedesk/metrics/settings: the settings to change. */
export const ServicedeskSettingsUpdateInput = ServicedeskSettings.partial();
export type ServicedeskSettingsUpdateInput = z.infer<typeof ServicedeskSettingsUpdateInput>;
export const ServicedeskSettingsDto = ServicedeskSettings.extend({ version: z.number().int(), updatedAt: z.string().nullable() });
export type ServicedeskSettingsDto = z.infer<typeof ServicedeskSettingsDto>;

export const defaultServicedeskSettings: ServicedeskSettings = {
  firstAnswerHours: 2,
  firstAnswerRate: 95,
  responseRate: 100,
  answerWaitSeconds: 10,
  handlingSeconds: 600,
  mailAnswerHours: 12,
  mailAnswerClock: 'business',
  mailChannels: ['mail', 'portal', 'chat'],
  fcrRate: 80,
  voiceSystemNumbers: [],
  deskNumbers: [],
  operatorExtensions: [],
  operatorDevicePrefixes: [],
};

export const MetricsQuery = z.object({ month: Month, siteId: Id.optional() });
export type MetricsQuery = z.infer<typeof MetricsQuery>;

export const MetricCounts = z.object({
  /** In the value: met + missed. */
  counted: z.number().int(),
  met: z.number().int(),
  missed: z.number().int(),
  excluded: z.number().int(),
  pending: z.number().int(),
  /** Of missed: still unanswered past the target at computedAt (S-4-6-1-1, -3, -6), shown beside the value. */
  unanswered: z.number().int(),
});

export const MetricDto = z.object({
  id: MetricId,
  /** percent: share of counted that met; seconds / hours: an average over counted. */
  unit: z.enum(['percent', 'seconds', 'hours']),
  /** Rounded to 2 decimals; null when nothing was counted. */
  value: z.number().nullable(),
  target: z.number(),
  /** 'min': value ≥ target is met (rates); 'max': value ≤ target (averages). */
  direction: z.enum(['min', 'max']),
  met: z.boolean().nullable(),
  counts: MetricCounts,
});
export type MetricDto = z.infer<typeof MetricDto>;

export const MetricsReport = z.object({
  month: z.string(),
  siteId: Id.nullable(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  /** When it was computed: pending items depend on it. */
  computedAt: z.string(),
  metrics: z.array(MetricDto),
});
export type MetricsReport = z.infer<typeof MetricsReport>;

export const MetricDrillParams = z.object({ metricId: MetricId });
export const MetricDrillQuery = MetricsQuery.extend({ outcome: MetricOutcome.optional() }).extend(PageQuery.shape);
export type MetricDrillQuery = z.infer<typeof MetricDrillQuery>;

/** Why an item was counted the way it was. */
export const metricReasons = choiceSet([
  { value: 'within_target', ja: '目標内', en: 'Within target', color: 'green' },
  { value: 'over_target', ja: '目標超過', en: 'Over target', color: 'red' },
  { value: 'not_answered', ja: '未回答（期限超過）', en: 'Not answered (overdue)', color: 'red' },
  { value: 'awaiting_answer', ja: '回答待ち', en: 'Awaiting first answer', color: 'gold' },
  { value: 'install_request', ja: 'インストール申請', en: 'Install request', color: 'default' },
  { value: 'no_response', ja: 'やむを得ず対応不可', en: 'Unavoidable no-response', color: 'default' },
  { value: 'responded', ja: '対応済み', en: 'Responded', color: 'green' },
  { value: 'unresponded', ja: '未対応', en: 'Not responded', color: 'red' },
  { value: 'open', ja: '未解決', en: 'Not resolved yet', color: 'gold' },
  { value: 'fcr', ja: '一次回答で解決', en: 'Resolved at first answer', color: 'green' },
  { value: 'escalated', ja: 'エスカレーション', en: 'Escalated', color: 'orange' },
  { value: 'reopened', ja: '再開あり', en: 'Reopened', color: 'orange' },
  { value: 'more_contacts', ja: '追加のやり取りあり', en: 'Further contact needed', color: 'orange' },
  { value: 'closed_unanswered', ja: '回答なしで完了', en: 'Closed without answer', color: 'default' },
  { value: 'abandoned', ja: '放棄呼', en: 'Abandoned', color: 'default' },
  { value: 'awaiting_callback', ja: '折り返し待ち', en: 'Awaiting callback', color: 'gold' },
  { value: 'voice_system', ja: '音声応答（対応時間に含めず）', en: 'Voice system (not handling)', color: 'default' },
  { value: 'not_connected', ja: '未接続', en: 'Not connected', color: 'default' },
  { value: 'no_end_time', ja: '終了時刻なし', en: 'No end time yet', color: 'gold' },
]);
export type MetricReason = (typeof metricReasons.values)[number];

export const MetricItemDto = z.object({
  kind: z.enum(['ticket', 'call']),
  id: Id,
  /** The ticket of a call item (or the ticket itself). */
  ticketId: Id.nullable(),
  label: z.string(),
  siteId: Id.nullable(),
  channel: z.string().nullable(),
  at: z.string(),
  answeredAt: z.string().nullable(),
  /** Seconds the item contributes (answer time, wait, talk); null for rate metrics' unanswered items. */
  seconds: z.number().nullable(),
  outcome: MetricOutcome,
  reason: metricReasons.schema,
});
export type MetricItemDto = z.infer<typeof MetricItemDto>;
export const MetricItemPage = Page(MetricItemDto);
export type MetricItemPage = z.infer<typeof MetricItemPage>;
