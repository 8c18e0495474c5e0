import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { SiteRef } from './org.ts';

// ---------------------------------------------------------------- choice sets (6.a–6.c, 6.h)

export const monitoringTargetKinds = choiceSet([
  { value: 'server', ja: 'サーバ', en: 'Server', color: 'blue' },
  { value: 'network_device', ja: 'ネットワーク機器', en: 'Network device', color: 'cyan' },
  { value: 'ip_phone', ja: 'IP電話設備', en: 'IP-phone equipment', color: 'purple' },
  { value: 'storage', ja: 'ストレージ', en: 'Storage', color: 'geekblue' },
  { value: 'service', ja: 'サービス・URL', en: 'Service / URL', color: 'green' },
  { value: 'cloud', ja: 'クラウドサービス', en: 'Cloud service', color: 'gold' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export type MonitoringTargetKind = (typeof monitoringTargetKinds.values)[number];

export const monitoringSources = choiceSet([
  { value: 'alertmanager', ja: 'Alertmanager', en: 'Alertmanager', color: 'orange' },
  { value: 'zabbix', ja: 'Zabbix', en: 'Zabbix', color: 'red' },
  { value: 'generic', ja: '汎用 (JSON)', en: 'Generic (JSON)', color: 'blue' },
]);
export type MonitoringSource = (typeof monitoringSources.values)[number];

/** One scale for every source, lowest first (Zabbix 0–5 and Alertmanager `severity` labels map onto it). */
export const monitoringSeverities = choiceSet([
  { value: 'info', ja: '情報', en: 'Information', color: 'default' },
  { value: 'warning', ja: '警告', en: 'Warning', color: 'gold' },
  { value: 'minor', ja: '軽度', en: 'Minor', color: 'orange' },
  { value: 'major', ja: '重度', en: 'Major', color: 'volcano' },
  { value: 'critical', ja: '致命的', en: 'Critical', color: 'red' },
]);
export type MonitoringSeverity = (typeof monitoringSeverities.values)[number];
export const severityRank = (s: MonitoringSeverity): number => monitoringSeverities.values.indexOf(s);

export const monitoringEventStatuses = choiceSet([
  { value: 'firing', ja: '発生中', en: 'Firing', color: 'red' },
  { value: 'resolved', ja: '復旧', en: 'Resolved', color: 'green' },
]);

export const monitoringRuleActions = choiceSet([
  { value: 'record', ja: '記録のみ', en: 'Record only', color: 'default' },
  { value: 'incident', ja: '障害を起票', en: 'Open an incident', color: 'red' },
]);

/** The incident kinds the incidents module accepts (openIncidentFromAlert). */
export const alertIncidentKinds = ['hardware', 'software', 'network', 'phone', 'cloud', 'business_system'] as const;

/** Label name → exact value. Keys and values as the monitoring tool sends them. */
export const MatchLabels = z.record(z.string().trim().min(1).max(100), z.string().max(500));
export type MatchLabels = z.infer<typeof MatchLabels>;

// ---------------------------------------------------------------- monitored targets (6.a)

const TargetBase = {
  name: z.string().trim().min(1).max(200),
  kind: monitoringTargetKinds.schema,
  /** The hardware asset monitored; the target takes its site unless siteId is given. */
  assetId: Id.nullable().optional(),
  siteId: Id.nullable().optional(),
  /** All of these labels must be on an alert for it to belong to this target (e.g. instance, job; Zabbix host). */
  matchLabels: MatchLabels.default({}),
  /** Disk-report thresholds (6.d/6.e): { diskWarnPct, diskCritPct, diskMounts: { "/var": { warnPct, critPct } } }, default 85 / 95 %. */
  thresholds: z.record(z.string().max(100), z.unknown()).nullable().optional(),
  monitoredItems: OptionalText(2000),
  active: z.boolean().default(true),
  /** 6.a: changes happen on request of the staff in charge. */
  requestedBy: OptionalText(200),
  requestRef: OptionalText(100),
  note: OptionalText(2000),
};
export const MonitoringTargetCreateInput = z.object(TargetBase);
export type MonitoringTargetCreateInput = z.infer<typeof MonitoringTargetCreateInput>;
export const MonitoringTargetUpdateInput = z.object({
  ...TargetBase,
  name: TargetBase.name.optional(),
  kind: monitoringTargetKinds.schema.optional(),
  matchLabels: MatchLabels.optional(),
  active: z.boolean().optional(),
});
export type MonitoringTargetUpdateInput = z.infer<typeof MonitoringTargetUpdateInput>;
/** The request behind a removal (6.a: delete on request). */
export const MonitoringTargetRemoveInput = z.object({ requestedBy: OptionalText(200), requestRef: OptionalText(100) });
export type MonitoringTargetRemoveInput = z.infer<typeof MonitoringTargetRemoveInput>;

export const MonitoringTargetDto = z.object({
  id: Id,
  name: z.string(),
  kind: monitoringTargetKinds.schema,
  asset: AssetRef.nullable(),
  site: SiteRef,
  matchLabels: MatchLabels,
  thresholds: z.record(z.string(), z.unknown()).nullable(),
  monitoredItems: z.string().nullable(),
  active: z.boolean(),
  requestedBy: z.string().nullable(),
  requestRef: z.string().nullable(),
  note: z.string().nullable(),
  firingCount: z.number().int(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
  version: z.number().int(),
  abilities: Abilities,
});
export type MonitoringTargetDto = z.infer<typeof MonitoringTargetDto>;
export const MonitoringTargetListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  kind: monitoringTargetKinds.schema.optional(),
  siteId: Id.optional(),
  active: z.enum(['true', 'false']).optional(),
  includeRemoved: z.enum(['true', 'false']).optional(),
});
export type MonitoringTargetListQuery = z.infer<typeof MonitoringTargetListQuery>;
export const MonitoringTargetPage = Page(MonitoringTargetDto);
export const MonitoringTargetRef = z.object({ id: Id, name: z.string(), kind: monitoringTargetKinds.schema });

// ---------------------------------------------------------------- events

export const MonitoringEventDto = z.object({
  id: Id,
  source: monitoringSources.schema,
  fingerprint: z.string(),
  status: monitoringEventStatuses.schema,
  severity: monitoringSeverities.schema,
  title: z.string(),
  description: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  target: MonitoringTargetRef.nullable(),
  site: SiteRef.nullable(),
  startsAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Notifications received for this event (firing repeats and resolutions). */
  notificationCount: z.number().int(),
  /** Times the event re-fired soon after its resolution and was re-opened. */
  flapCount: z.number().int(),
  flapping: z.boolean(),
  rule: z.object({ id: Id, name: z.string() }).nullable(),
  action: monitoringRuleActions.schema,
  incidentId: Id.nullable(),
  generatorUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type MonitoringEventDto = z.infer<typeof MonitoringEventDto>;
export const MonitoringEventListQuery = PageQuery.extend({
  status: monitoringEventStatuses.schema.optional(),
  source: monitoringSources.schema.optional(),
  severity: monitoringSeverities.schema.optional(),
  targetId: Id.optional(),
  siteId: Id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(200).optional(),
});
export type MonitoringEventListQuery = z.infer<typeof MonitoringEventListQuery>;
export const MonitoringEventPage = Page(MonitoringEventDto);

// ---------------------------------------------------------------- rules

const RuleBase = {
  name: z.string().trim().min(1).max(200),
  /** Lower first; the first enabled rule that matches decides the action. */
  position: z.number().int().min(0).max(100_000).default(100),
  enabled: z.boolean().default(true),
  source: monitoringSources.schema.nullable().optional(),
  minSeverity: monitoringSeverities.schema.nullable().optional(),
  labelMatchers: MatchLabels.default({}),
  targetId: Id.nullable().optional(),
  targetKind: monitoringTargetKinds.schema.nullable().optional(),
  action: monitoringRuleActions.schema,
  /** Kind of the incident opened; by default derived from the target kind. */
  incidentKind: z.enum(alertIncidentKinds).nullable().optional(),
};
export const MonitoringRuleCreateInput = z.object(RuleBase);
export type MonitoringRuleCreateInput = z.infer<typeof MonitoringRuleCreateInput>;
export const MonitoringRuleUpdateInput = z.object({
  ...RuleBase,
  name: RuleBase.name.optional(),
  position: RuleBase.position.optional(),
  enabled: z.boolean().optional(),
  labelMatchers: MatchLabels.optional(),
  action: monitoringRuleActions.schema.optional(),
});
export type MonitoringRuleUpdateInput = z.infer<typeof MonitoringRuleUpdateInput>;
export const MonitoringRuleDto = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  source: monitoringSources.schema.nullable(),
  minSeverity: monitoringSeverities.schema.nullable(),
  labelMatchers: MatchLabels,
  target: MonitoringTargetRef.nullable(),
  targetKind: monitoringTargetKinds.schema.nullable(),
  action: monitoringRuleActions.schema,
  incidentKind: z.enum(alertIncidentKinds).nullable(),
  version: z.number().int(),
  abilities: Abilities,
});
export type MonitoringRuleDto = z.infer<typeof MonitoringRuleDto>;
export const MonitoringRuleList = z.object({ items: z.array(MonitoringRuleDto) });

// ---------------------------------------------------------------- hook tokens

export const HookTokenCreateInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** The hooks this token may post to (per-token scope). */
  sources: z.array(monitoringSources.schema).min(1).max(3),
});
export type HookTokenCreateInput = z.infer<typeof HookTokenCreateInput>;
export const HookTokenDto = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string(),
  sources: z.array(monitoringSources.schema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type HookTokenDto = z.infer<typeof HookTokenDto>;
export const HookTokenCreated = HookTokenDto.extend({ token: z.string() });
export type HookTokenCreated = z.infer<typeof HookTokenCreated>;
export const HookTokenList = z.object({ items: z.array(HookTokenDto) });

// ---------------------------------------------------------------- webhook bodies

const Timestamp = z.iso.datetime({ offset: true });

/** Alertmanager webhook payload, version 4 (only the fields we read are required). */
export const AlertmanagerWebhook = z.object({
  version: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  externalURL: z.string().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: z.record(z.string(), z.string()),
        annotations: z.record(z.string(), z.string()).default({}),
        startsAt: Timestamp,
        endsAt: Timestamp.optional(),
        generatorURL: z.string().max(2000).optional(),
        fingerprint: z.string().min(1).max(200).optional(),
      }),
    )
    .max(1000),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhook>;

/**
 * What our Zabbix webhook media type sends (docs/monitoring-hooks.md). Zabbix macros expand to strings, so
 * numbers are accepted as strings too. eventTime: ISO 8601 with offset, or `{EVENT.DATE} {EVENT.TIME}`
 * ("2026.11.27 10:15:00") read in `timezone`.
 */
export const ZabbixWebhook = z.object({
  eventId: z.union([z.string().trim().min(1).max(100), z.number().int()]).transform(String),
  eventValue: z.union([z.enum(['0', '1']), z.literal(0), z.literal(1)]).transform((v) => (String(v) === '1' ? 'firing' : 'resolved') as 'firing' | 'resolved'),
  severity: z.union([z.string().trim().min(1).max(50), z.number().int().min(0).max(5)]),
  host: z.string().trim().min(1).max(300),
  trigger: z.string().trim().min(1).max(1000),
  eventTime: z.string().trim().min(1).max(40),
  timezone: z
    .string()
    .regex(/^[+-]\d{2}:\d{2}$/)
    .optional(),
  message: z.string().max(10_000).optional(),
  url: z.string().max(2000).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type ZabbixWebhook = z.infer<typeof ZabbixWebhook>;

/** Our own JSON for scripts and other tools (docs/monitoring-hooks.md). */
export const GenericWebhook = z.object({
  source: z.string().trim().min(1).max(100),
  key: z.string().trim().min(1).max(300),
  status: z.enum(['firing', 'resolved']),
  severity: monitoringSeverities.schema.default('warning'),
  title: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).optional(),
  target: z.string().trim().min(1).max(300).optional(),
  labels: z.record(z.string(), z.string()).default({}),
  at: Timestamp.optional(),
});
export type GenericWebhook = z.infer<typeof GenericWebhook>;

export const HookResult = z.object({
  received: z.number().int(),
  events: z.array(z.object({ id: Id.nullable(), outcome: z.enum(['created', 'updated', 'reopened', 'resolved', 'ignored']) })),
});
export type HookResult = z.infer<typeof HookResult>;
