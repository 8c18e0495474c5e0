import { z } from 'zod';
import { Abilities, choiceSet, Id, OptionalText } from './common.ts';

/**
 * Clone-image register (3.3.1.k): master disks for clean installs of domestic and virtual PCs, one per model × OS ×
 * software set, updated after each month's patches; the evidence for SLA S-4-5-1-1.
 */

const IsoDate = z.iso.date();
const BoolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const cloneImageKinds = choiceSet([
  { value: 'physical', ja: '物理PC', en: 'Physical PC', color: 'blue' },
  { value: 'virtual', ja: '仮想PC', en: 'Virtual PC', color: 'purple' },
]);
export type CloneImageKind = (typeof cloneImageKinds.values)[number];

const Name = z.string().trim().min(1).max(200);

const ImageBase = {
  code: z.string().trim().min(1).max(60),
  model: Name,
  os: Name,
  softwareSet: Name,
  kind: cloneImageKinds.schema,
  /** Where the master disk is kept; null = organization-wide. */
  siteId: Id.nullable().optional(),
  storageLocation: OptionalText(200),
  active: z.boolean().default(true),
  note: OptionalText(4000),
};

export const CloneImageCreateInput = z.object({
  ...ImageBase,
  /** The version of the image as first registered; later versions come from recorded updates. */
  currentVersion: OptionalText(100),
  lastUpdatedOn: IsoDate.nullable().optional(),
});
export type CloneImageCreateInput = z.infer<typeof CloneImageCreateInput>;

export const CloneImageUpdateInput = z.object({
  code: ImageBase.code.optional(),
  model: Name.optional(),
  os: Name.optional(),
  softwareSet: Name.optional(),
  kind: cloneImageKinds.schema.optional(),
  siteId: Id.nullable().optional(),
  storageLocation: OptionalText(200),
  active: z.boolean().optional(),
  note: OptionalText(4000),
});
export type CloneImageUpdateInput = z.infer<typeof CloneImageUpdateInput>;

/** Recording an update: the image's current version and last-updated date move with it. */
export const CloneImageUpdateRecordInput = z.object({
  updatedOn: IsoDate,
  imageVersion: z.string().trim().min(1).max(100),
  /** KB numbers or free lines. */
  patches: z.array(z.string().trim().min(1).max(200)).max(500).default([]),
  patchPlanId: Id.nullable().optional(),
  tested: z.boolean().default(false),
  note: OptionalText(4000),
});
export type CloneImageUpdateRecordInput = z.infer<typeof CloneImageUpdateRecordInput>;

export const CloneImageUpdateDto = z.object({
  id: Id,
  updatedOn: z.string(),
  imageVersion: z.string(),
  patches: z.array(z.string()),
  patchPlan: z.object({ id: Id, title: z.string() }).nullable(),
  operator: z.object({ id: Id, name: z.string() }).nullable(),
  tested: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type CloneImageUpdateDto = z.infer<typeof CloneImageUpdateDto>;

export const CloneImageDto = z.object({
  id: Id,
  code: z.string(),
  model: z.string(),
  os: z.string(),
  softwareSet: z.string(),
  kind: cloneImageKinds.schema,
  site: z.object({ id: Id, code: z.string(), nameJa: z.string(), nameEn: z.string() }).nullable(),
  storageLocation: z.string().nullable(),
  currentVersion: z.string().nullable(),
  lastUpdatedOn: z.string().nullable(),
  /** Not updated since the latest patch plan was presented (active images only). */
  stale: z.boolean(),
  active: z.boolean(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
  /** Newest first; on the single-image response only. */
  updates: z.array(CloneImageUpdateDto).optional(),
});
export type CloneImageDto = z.infer<typeof CloneImageDto>;

export const CloneImageListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: cloneImageKinds.schema.optional(),
  siteId: Id.optional(),
  active: BoolQuery,
  /** true: images not updated since the latest patch plan's presentation date. */
  stale: BoolQuery,
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type CloneImageListQuery = z.infer<typeof CloneImageListQuery>;
export const CloneImageList = z.object({
  items: z.array(CloneImageDto),
  total: z.number().int(),
  /** Presentation date of the latest presented patch plan: the date an image must be updated after. */
  latestPlanPresentedOn: z.string().nullable(),
});
export type CloneImageList = z.infer<typeof CloneImageList>;
