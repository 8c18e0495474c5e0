import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { complianceStatuses, SoftwareLicenseRef, SoftwareProductRef } from './software.ts';

/**
 * The software product catalogue (what licences entitle) and the normalization rules that map the names the
 * inventory agent reports onto products, plus compliance per product (2.2.m, 3.3.1.e).
 */

export const SoftwareProductCreateInput = z.object({
  publisher: OptionalText(200),
  name: z.string().trim().min(1).max(200),
  /** Edition family, e.g. "Professional Plus" (informational). */
  editionFamily: OptionalText(100),
  note: OptionalText(2000),
});
export type SoftwareProductCreateInput = z.infer<typeof SoftwareProductCreateInput>;
export const SoftwareProductUpdateInput = SoftwareProductCreateInput.partial();
export type SoftwareProductUpdateInput = z.infer<typeof SoftwareProductUpdateInput>;

/**
 * Glob patterns (`*` any text, `?` one character, case-insensitive) on the name and publisher the agent reports;
 * an optional version range on the reported version; `productVersion` names the product version a match counts as
 * (e.g. "2019" for "Microsoft Office Professional Plus 2019", whose agent version is 16.0.x).
 */
const Glob = z.string().trim().min(1).max(200);
export const SoftwareRuleInput = z.object({
  namePattern: Glob,
  publisherPattern: Glob.nullable().optional(),
  versionMin: OptionalText(50),
  versionMax: OptionalText(50),
  productVersion: OptionalText(50),
  /** Lower runs first; the first matching rule wins. */
  priority: z.number().int().min(0).max(10000).default(100),
});
export type SoftwareRuleInput = z.infer<typeof SoftwareRuleInput>;
export const SoftwareRuleDto = z.object({
  id: Id,
  productId: Id,
  namePattern: z.string(),
  publisherPattern: z.string().nullable(),
  versionMin: z.string().nullable(),
  versionMax: z.string().nullable(),
  productVersion: z.string().nullable(),
  priority: z.number().int(),
});
export type SoftwareRuleDto = z.infer<typeof SoftwareRuleDto>;

export const SoftwareProductDto = z.object({
  id: Id,
  publisher: z.string().nullable(),
  name: z.string(),
  editionFamily: z.string().nullable(),
  note: z.string().nullable(),
  rules: z.array(SoftwareRuleDto),
  version: z.number().int(),
  abilities: Abilities,
});
export type SoftwareProductDto = z.infer<typeof SoftwareProductDto>;
export const SoftwareProductListQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });
export type SoftwareProductListQuery = z.infer<typeof SoftwareProductListQuery>;
export const SoftwareProductPage = Page(SoftwareProductDto);

/** Inventory names no rule maps, most installed first: the normalization work queue. */
export const UnmappedSoftwareItem = z.object({ name: z.string(), publisher: z.string().nullable(), installs: z.number().int(), versions: z.number().int() });
export const UnmappedSoftwarePage = z.object({ items: z.array(UnmappedSoftwareItem), total: z.number().int() });
export const UnmappedSoftwareQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type UnmappedSoftwareQuery = z.infer<typeof UnmappedSoftwareQuery>;

// ---------------------------------------------------------------- compliance

export const SoftwareComplianceItem = z.object({
  product: SoftwareProductRef,
  /** Licences usable after upgrade chains consumed their base licences. */
  entitled: z.number().int(),
  /** Devices using the product (recorded or detected) plus licences distributed overseas by HQ. */
  consumed: z.number().int(),
  /** Installations no licence covers (version or OEM binding included); > 0 means over. */
  shortfall: z.number().int(),
  recorded: z.number().int(),
  detected: z.number().int(),
  distributed: z.number().int(),
  detectedUnrecorded: z.number().int(),
  recordedUndetected: z.number().int(),
  /** consumed ÷ entitled in percent (null with no entitlement). */
  utilization: z.number().nullable(),
  status: complianceStatuses.schema,
});
export type SoftwareComplianceItem = z.infer<typeof SoftwareComplianceItem>;
export const SoftwareCompliance = z.object({
  items: z.array(SoftwareComplianceItem),
  nearPercent: z.number().int(),
  computedAt: z.string(),
  summary: z.object({ ok: z.number().int(), near: z.number().int(), over: z.number().int() }),
});
export type SoftwareCompliance = z.infer<typeof SoftwareCompliance>;
export const SoftwareComplianceQuery = z.object({ status: complianceStatuses.schema.optional() });

export const ComplianceLicenseLine = z.object({
  license: SoftwareLicenseRef,
  licenseType: z.string(),
  licenseForm: z.string(),
  licensedVersion: z.string().nullable(),
  downgradeAllowed: z.boolean(),
  ownedCount: z.number().int(),
  /** What the upgrade chain left of this licence. */
  effectiveCount: z.number().int(),
  used: z.number().int(),
  boundDevice: AssetRef.nullable(),
});
export const ComplianceDeviceLine = z.object({
  device: AssetRef,
  version: z.string().nullable(),
  recorded: z.boolean(),
  detected: z.boolean(),
  covered: z.boolean(),
});
export const SoftwareComplianceDetail = SoftwareComplianceItem.extend({
  licenses: z.array(ComplianceLicenseLine),
  devices: z.array(ComplianceDeviceLine),
});
export type SoftwareComplianceDetail = z.infer<typeof SoftwareComplianceDetail>;

export const SoftwareSettingsDto = z.object({ nearPercent: z.number().int().min(1).max(100), version: z.number().int() });
export const SoftwareSettingsInput = z.object({ nearPercent: z.number().int().min(1).max(100) });

// ---------------------------------------------------------------- unauthorized software (2.2.p, q)

export const softwareListKinds = choiceSet([
  { value: 'allow', ja: '許可', en: 'Allowed', color: 'green' },
  { value: 'deny', ja: '禁止', en: 'Denied', color: 'red' },
]);
export const softwareFindingStatuses = choiceSet([
  { value: 'open', ja: '未確認', en: 'Open', color: 'red' },
  { value: 'confirmed', ja: '確認済（削除依頼中）', en: 'Confirmed (removal requested)', color: 'orange' },
  { value: 'removed', ja: '削除済', en: 'Removed', color: 'default' },
  { value: 'exception', ja: '例外承認', en: 'Approved exception', color: 'blue' },
]);
export type SoftwareFindingStatus = (typeof softwareFindingStatuses.values)[number];
export const softwareFindingReasons = choiceSet([
  { value: 'denied', ja: '禁止ソフトウェア', en: 'On the deny list', color: 'red' },
  { value: 'not_allowed', ja: '未許可ソフトウェア', en: 'Not on the allow list', color: 'orange' },
  { value: 'reported', ja: '利用者対応中に発見', en: 'Found during user support', color: 'purple' },
]);

/** A list rule names a product, or glob patterns on the reported name and/or publisher. */
export const SoftwareListRuleInput = z
  .object({
    kind: softwareListKinds.schema,
    productId: Id.nullable().optional(),
    namePattern: OptionalText(200),
    publisherPattern: OptionalText(200),
    note: OptionalText(500),
  })
  .refine((v) => !!(v.productId || v.namePattern || v.publisherPattern), { path: ['namePattern'], message: 'error.required' });
export type SoftwareListRuleInput = z.infer<typeof SoftwareListRuleInput>;
export const SoftwareListRuleDto = z.object({
  id: Id,
  kind: softwareListKinds.schema,
  product: SoftwareProductRef.nullable(),
  namePattern: z.string().nullable(),
  publisherPattern: z.string().nullable(),
  note: z.string().nullable(),
});
export const SoftwareListRules = z.object({
  /** deny: only deny-listed software is a finding; allow: everything not allow-listed is (deny rules still apply). */
  mode: z.enum(['deny', 'allow']),
  items: z.array(SoftwareListRuleDto),
});
export const SoftwareListModeInput = z.object({ mode: z.enum(['deny', 'allow']) });

export const SoftwareFindingDto = z.object({
  id: Id,
  asset: AssetRef,
  siteId: Id,
  name: z.string(),
  publisher: z.string().nullable(),
  version: z.string().nullable(),
  reason: softwareFindingReasons.schema,
  status: softwareFindingStatuses.schema,
  ticketId: Id.nullable(),
  note: z.string().nullable(),
  firstFoundAt: z.string(),
  lastFoundAt: z.string(),
  notifiedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** Row version for If-Match (the finding's own, not the software's). */
  rowVersion: z.number().int(),
  abilities: Abilities,
});
export type SoftwareFindingDto = z.infer<typeof SoftwareFindingDto>;
export const SoftwareFindingPage = Page(SoftwareFindingDto);
export const SoftwareFindingListQuery = PageQuery.extend({
  status: softwareFindingStatuses.schema.optional(),
  assetId: Id.optional(),
  q: z.string().trim().max(200).optional(),
});
export type SoftwareFindingListQuery = z.infer<typeof SoftwareFindingListQuery>;
/** 2.2.q: unpermitted software an operator found while helping a user (optionally from the inquiry). */
export const SoftwareFindingReportInput = z.object({
  assetId: Id,
  name: z.string().trim().min(1).max(300),
  publisher: OptionalText(200),
  version: OptionalText(100),
  ticketId: Id.nullable().optional(),
  note: OptionalText(2000),
});
export type SoftwareFindingReportInput = z.infer<typeof SoftwareFindingReportInput>;
export const SoftwareFindingUpdateInput = z
  .object({ status: softwareFindingStatuses.schema.exclude(['open']), note: OptionalText(2000) })
  .refine((v) => v.status !== 'exception' || !!v.note, { path: ['note'], message: 'error.required' });
export type SoftwareFindingUpdateInput = z.infer<typeof SoftwareFindingUpdateInput>;
export const SoftwareFindingRunResult = z.object({ opened: z.number().int(), removed: z.number().int(), notified: z.number().int() });

/** 3.3.1.e: licences available and in use, for every member of staff (portal / intranet page). */
export const SoftwareAvailability = z.object({
  items: z.array(
    z.object({
      product: SoftwareProductRef,
      entitled: z.number().int(),
      inUse: z.number().int(),
      available: z.number().int(),
      status: complianceStatuses.schema,
    }),
  ),
  computedAt: z.string(),
});
export type SoftwareAvailability = z.infer<typeof SoftwareAvailability>;
