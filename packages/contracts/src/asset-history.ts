import { z } from 'zod';
import { AssetRef, PersonRef } from './assets.ts';
import { choiceSet, Id, OptionalText } from './common.ts';
import { SiteRef } from './org.ts';

const isoDate = z.iso.date();

// Hardware asset history: movements (2.1.h), repairs (2.1.a 修理履歴), work logs (3.1.1.i, 3.4.1.c), ports (3.4.1.a), timeline and installed software.

export const movementKinds = choiceSet([
  { value: 'install', ja: '設置', en: 'Install', color: 'green' },
  { value: 'move', ja: '移設', en: 'Move', color: 'blue' },
  { value: 'collect', ja: '回収', en: 'Collect', color: 'orange' },
  { value: 'return_to_stock', ja: '在庫戻し', en: 'Return to stock', color: 'cyan' },
  { value: 'ship_overseas', ja: '海外事務所へ発送', en: 'Ship to overseas office', color: 'purple' },
]);
export type MovementKind = (typeof movementKinds.values)[number];

export const AssetLocation = z.object({
  siteId: Id,
  building: OptionalText(100),
  floor: OptionalText(40),
  room: OptionalText(100),
  rack: OptionalText(40),
});

export const MovementCreateInput = z.object({
  kind: movementKinds.schema,
  movedOn: isoDate,
  /** Where the asset goes; omitted for collect/return-to-stock keeps the site and clears the room. */
  to: AssetLocation.optional(),
  /** The new user (null clears it); omitted keeps the current user. */
  toUserId: Id.nullable().optional(),
  toDepartmentId: Id.nullable().optional(),
  requestRef: OptionalText(100),
  note: OptionalText(2000),
});
export type MovementCreateInput = z.infer<typeof MovementCreateInput>;

const LocationDto = z.object({
  site: SiteRef.nullable(),
  building: z.string().nullable(),
  floor: z.string().nullable(),
  room: z.string().nullable(),
  rack: z.string().nullable(),
});
export const MovementDto = z.object({
  id: Id,
  kind: movementKinds.schema,
  movedOn: z.string(),
  from: LocationDto,
  to: LocationDto,
  fromUser: PersonRef.nullable(),
  toUser: PersonRef.nullable(),
  requestRef: z.string().nullable(),
  note: z.string().nullable(),
  operator: z.string(),
  createdAt: z.string(),
});
export type MovementDto = z.infer<typeof MovementDto>;
export const MovementList = z.object({ items: z.array(MovementDto), total: z.number().int() });

const RepairFields = z.object({
  reportedOn: isoDate,
  symptom: z.string().trim().min(1).max(2000),
  vendor: OptionalText(200),
  action: OptionalText(2000),
  costYen: z.number().int().min(0).max(1e10).nullable().optional(),
  sentOn: isoDate.nullable().optional(),
  returnedOn: isoDate.nullable().optional(),
});
export const RepairCreateInput = RepairFields;
export type RepairCreateInput = z.infer<typeof RepairCreateInput>;
export const RepairUpdateInput = RepairFields.partial();
export type RepairUpdateInput = z.infer<typeof RepairUpdateInput>;
export const RepairDto = z.object({
  id: Id,
  reportedOn: z.string(),
  symptom: z.string(),
  vendor: z.string().nullable(),
  action: z.string().nullable(),
  costYen: z.number().nullable(),
  sentOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type RepairDto = z.infer<typeof RepairDto>;
export const RepairList = z.object({ items: z.array(RepairDto), total: z.number().int() });

export const WorkLogCreateInput = z.object({
  performedAt: z.iso.datetime({ offset: true }),
  content: z.string().trim().min(1).max(4000),
  /** Who did the work, as written in the work record; defaults to the signed-in user. */
  worker: OptionalText(100),
  requestRef: OptionalText(100),
});
export type WorkLogCreateInput = z.infer<typeof WorkLogCreateInput>;
export const WorkLogDto = z.object({
  id: Id,
  performedAt: z.string(),
  content: z.string(),
  worker: z.string(),
  requestRef: z.string().nullable(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type WorkLogDto = z.infer<typeof WorkLogDto>;
export const WorkLogList = z.object({ items: z.array(WorkLogDto), total: z.number().int() });

/** Switch-port configuration of network equipment (3.4.1.a). */
const PortFields = z.object({
  port: z.string().trim().min(1).max(60),
  vlan: OptionalText(60),
  connectedAssetId: Id.nullable().optional(),
  description: OptionalText(500),
});
export const PortCreateInput = PortFields;
export type PortCreateInput = z.infer<typeof PortCreateInput>;
export const PortUpdateInput = PortFields.partial();
export type PortUpdateInput = z.infer<typeof PortUpdateInput>;
export const PortDto = z.object({
  id: Id,
  port: z.string(),
  vlan: z.string().nullable(),
  connectedAsset: AssetRef.nullable(),
  description: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type PortDto = z.infer<typeof PortDto>;
export const PortList = z.object({ items: z.array(PortDto), total: z.number().int() });

/** One line of an asset's timeline: movements, repairs, work logs, findings and audited field changes, newest first. */
export const TimelineEntry = z.object({
  at: z.string(),
  kind: z.enum(['created', 'updated', 'movement', 'repair', 'work_log', 'finding', 'stocktake', 'damage_report', 'inventory', 'other']),
  action: z.string(),
  actor: z.string(),
  summary: z.string(),
  /** For field changes: field → [before, after]. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const TimelineList = z.object({ items: z.array(TimelineEntry) });

/** Installed software the agent saw on a device (3.1.1.d, 3.3.1.a). */
export const InstalledSoftwareDto = z.object({
  name: z.string(),
  version: z.string().nullable(),
  publisher: z.string().nullable(),
  arch: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type InstalledSoftwareDto = z.infer<typeof InstalledSoftwareDto>;
export const InstalledSoftwareList = z.object({ items: z.array(InstalledSoftwareDto), total: z.number().int() });
export const InstalledSoftwareQuery = z.object({ q: z.string().trim().max(100).optional() });
