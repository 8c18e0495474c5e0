import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery, YearMonth } from './common.ts';
import { ExportQuery } from './io.ts';
import { DepartmentRef, SiteRef, staffTypes } from './org.ts';

/**
 * Software asset management (issue #5, spec 2.2.j–u): the owned-licence ledger, the domestic usage ledger, the
 * overseas distribution ledger, the product catalogue with normalization rules, and compliance per product.
 */

export const licenseTypes = choiceSet([
  { value: 'volume', ja: 'ボリュームライセンス', en: 'Volume licence', color: 'blue' },
  { value: 'package', ja: 'パッケージ', en: 'Package', color: 'cyan' },
  { value: 'oem', ja: 'OEM', en: 'OEM', color: 'purple' },
  { value: 'subscription', ja: 'サブスクリプション', en: 'Subscription', color: 'geekblue' },
  { value: 'site', ja: 'サイトライセンス', en: 'Site licence', color: 'green' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export type LicenseType = (typeof licenseTypes.values)[number];

export const licenseForms = choiceSet([
  { value: 'full', ja: 'フルライセンス', en: 'Full licence', color: 'blue' },
  { value: 'upgrade', ja: 'アップグレードライセンス', en: 'Upgrade licence', color: 'orange' },
]);
export type LicenseForm = (typeof licenseForms.values)[number];

export const installationStatuses = choiceSet([
  { value: 'approved', ja: '申請承認済', en: 'Application approved', color: 'gold' },
  { value: 'installed', ja: 'インストール済', en: 'Installed', color: 'green' },
  { value: 'uninstalled', ja: 'アンインストール済', en: 'Uninstalled', color: 'default' },
  { value: 'upgraded', ja: 'バージョンアップ済', en: 'Upgraded', color: 'blue' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'purple' },
]);
export type InstallationStatus = (typeof installationStatuses.values)[number];
/** Usage-ledger statuses that hold a licence on the device. */
export const consumingInstallationStatuses: readonly InstallationStatus[] = ['installed', 'upgraded'];

export const expenseTransferStatuses = choiceSet([
  { value: 'not_needed', ja: '不要', en: 'Not needed', color: 'default' },
  { value: 'pending', ja: '未振替', en: 'Not yet transferred', color: 'orange' },
  { value: 'transferred', ja: '振替済', en: 'Transferred', color: 'green' },
]);

export const distributionOrigins = choiceSet([
  { value: 'hq', ja: '本部配布', en: 'Distributed by HQ', color: 'blue' },
  { value: 'local', ja: '現地調達', en: 'Procured locally', color: 'purple' },
]);

export const complianceStatuses = choiceSet([
  { value: 'ok', ja: '適正', en: 'OK', color: 'green' },
  { value: 'near', ja: '上限間近', en: 'Near limit', color: 'orange' },
  { value: 'over', ja: '超過', en: 'Over', color: 'red' },
]);
export type ComplianceStatus = (typeof complianceStatuses.values)[number];

const AssetNumber = z.string().trim().min(1).max(50);
const Yen = z.number().int().min(0).max(1_000_000_000_000);
const DateOnly = z.iso.date();
const Version = z.string().trim().max(50);

export const SoftwareProductRef = z.object({ id: Id, publisher: z.string().nullable(), name: z.string() });
export type SoftwareProductRef = z.infer<typeof SoftwareProductRef>;
export const SoftwareLicenseRef = z.object({ id: Id, assetNumber: z.string(), softwareName: z.string() });
export type SoftwareLicenseRef = z.infer<typeof SoftwareLicenseRef>;

// ---------------------------------------------------------------- owned-licence ledger (2.2.j, o, s)

const LicenseBase = {
  assetNumber: AssetNumber,
  licenseType: licenseTypes.schema,
  licenseForm: licenseForms.schema.default('full'),
  softwareName: z.string().trim().min(1).max(200),
  /** The catalogue products this licence entitles (a suite entitles each of its products). */
  productIds: z.array(Id).max(20).default([]),
  usableEditions: OptionalText(200),
  usableVersions: OptionalText(200),
  usableLanguages: OptionalText(200),
  /** The version the licence is for, compared with installed versions (downgrade rights cover older ones). */
  licensedVersion: Version.transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
  downgradeAllowed: z.boolean().default(false),
  ownedCount: z.number().int().min(0).max(10_000_000),
  manufacturer: OptionalText(200),
  certificateNumber: OptionalText(200),
  storageLocation: OptionalText(200),
  acquiredOn: DateOnly.nullable().optional(),
  approvalDocument: OptionalText(200),
  unitPrice: Yen.nullable().optional(),
  totalCost: Yen.nullable().optional(),
  /** Contract amount (yen) that decides the renewal notice lead time (2.2.o): < ¥10,000,000 → 3 months, else 6. */
  contractAmount: Yen.nullable().optional(),
  conditions: OptionalText(2000),
  upgradeValidUntil: DateOnly.nullable().optional(),
  renewalDate: DateOnly.nullable().optional(),
  /** The licence this one upgrades or renews (its 資産管理番号); the destination is the inverse of this link. */
  upgradeFromAssetNumber: AssetNumber.nullable().optional(),
  /** OEM: the device (hardware asset number) the licence came with; it covers only that device. */
  boundDeviceAssetNumber: AssetNumber.nullable().optional(),
  procuredBy: OptionalText(100),
  /** 2.2.s: user registration with the vendor. */
  vendorRegisteredOn: DateOnly.nullable().optional(),
  note: OptionalText(2000),
};

export const SoftwareLicenseCreateInput = z.object(LicenseBase);
export type SoftwareLicenseCreateInput = z.infer<typeof SoftwareLicenseCreateInput>;
export const SoftwareLicenseUpdateInput = z.object({
  ...LicenseBase,
  assetNumber: AssetNumber.optional(),
  licenseType: licenseTypes.schema.optional(),
  licenseForm: licenseForms.schema.optional(),
  softwareName: LicenseBase.softwareName.optional(),
  productIds: z.array(Id).max(20).optional(),
  downgradeAllowed: z.boolean().optional(),
  ownedCount: LicenseBase.ownedCount.optional(),
});
export type SoftwareLicenseUpdateInput = z.infer<typeof SoftwareLicenseUpdateInput>;

export const SoftwareLicenseDto = z.object({
  id: Id,
  assetNumber: z.string(),
  licenseType: licenseTypes.schema,
  licenseForm: licenseForms.schema,
  softwareName: z.string(),
  products: z.array(SoftwareProductRef),
  usableEditions: z.string().nullable(),
  usableVersions: z.string().nullable(),
  usableLanguages: z.string().nullable(),
  licensedVersion: z.string().nullable(),
  downgradeAllowed: z.boolean(),
  ownedCount: z.number().int(),
  manufacturer: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  storageLocation: z.string().nullable(),
  acquiredOn: z.string().nullable(),
  approvalDocument: z.string().nullable(),
  unitPrice: z.number().int().nullable(),
  totalCost: z.number().int().nullable(),
  contractAmount: z.number().int().nullable(),
  conditions: z.string().nullable(),
  upgradeValidUntil: z.string().nullable(),
  renewalDate: z.string().nullable(),
  /** renewalDate − 3 or 6 calendar months (clamped to the month's last day); null without a renewal date. */
  renewalNoticeDate: z.string().nullable(),
  renewalNoticeMonths: z.union([z.literal(3), z.literal(6)]).nullable(),
  renewalNoticeSentAt: z.string().nullable(),
  upgradeFrom: SoftwareLicenseRef.nullable(),
  upgradeTo: z.array(SoftwareLicenseRef),
  boundDevice: AssetRef.nullable(),
  procuredBy: z.string().nullable(),
  vendorRegisteredOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type SoftwareLicenseDto = z.infer<typeof SoftwareLicenseDto>;

export const SoftwareLicenseListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  licenseType: licenseTypes.schema.optional(),
  productId: Id.optional(),
  /** Licences whose renewal date falls on or before this date (upcoming renewals). */
  renewalBefore: DateOnly.optional(),
  sort: z.enum(['assetNumber', 'renewalDate']).default('assetNumber'),
});
export type SoftwareLicenseListQuery = z.infer<typeof SoftwareLicenseListQuery>;
export const SoftwareLicensePage = Page(SoftwareLicenseDto);
export const SoftwareLicenseExportQuery = ExportQuery.extend(SoftwareLicenseListQuery.pick({ q: true, licenseType: true, productId: true }).shape);
export type SoftwareLicenseExportQuery = z.infer<typeof SoftwareLicenseExportQuery>;

// ---------------------------------------------------------------- usage ledger (2.2.k, 3.3.1.n)

/** 管理番号 of a usage or distribution row; assigned (SU-/SD-000123) when not given, e.g. an old system's number. */
const EntryNumber = z.string().trim().min(1).max(50).nullable().optional();

const InstallationBase = {
  entryNumber: EntryNumber,
  appliedOn: DateOnly.nullable().optional(),
  departmentId: Id.nullable().optional(),
  applicant: OptionalText(100),
  workedOn: DateOnly.nullable().optional(),
  operator: OptionalText(100),
  licenseId: Id,
  edition: OptionalText(100),
  usedVersion: OptionalText(50),
  language: OptionalText(50),
  deviceId: Id,
  status: installationStatuses.schema,
  /** Required text when the status is "other". */
  statusNote: OptionalText(500),
  note: OptionalText(2000),
};
const otherNeedsText = (v: { status?: string; statusNote?: string | null }) => v.status !== 'other' || !!v.statusNote;
export const SoftwareInstallationCreateInput = z.object(InstallationBase).refine(otherNeedsText, { path: ['statusNote'], message: 'error.required' });
export type SoftwareInstallationCreateInput = z.infer<typeof SoftwareInstallationCreateInput>;
export const SoftwareInstallationUpdateInput = z
  .object({ ...InstallationBase, licenseId: Id.optional(), deviceId: Id.optional(), status: installationStatuses.schema.optional() })
  .refine(otherNeedsText, { path: ['statusNote'], message: 'error.required' });
export type SoftwareInstallationUpdateInput = z.infer<typeof SoftwareInstallationUpdateInput>;

export const SoftwareInstallationDto = z.object({
  id: Id,
  entryNumber: z.string(),
  appliedOn: z.string().nullable(),
  department: DepartmentRef.nullable(),
  applicant: z.string().nullable(),
  workedOn: z.string().nullable(),
  operator: z.string().nullable(),
  license: SoftwareLicenseRef,
  /** From the owned-licence ledger (2.2.k: ソフトウェア名は保有資産台帳より取得). */
  softwareName: z.string(),
  edition: z.string().nullable(),
  usedVersion: z.string().nullable(),
  language: z.string().nullable(),
  device: AssetRef,
  site: SiteRef,
  status: installationStatuses.schema,
  statusNote: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type SoftwareInstallationDto = z.infer<typeof SoftwareInstallationDto>;
export const SoftwareInstallationListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  licenseId: Id.optional(),
  deviceId: Id.optional(),
  siteId: Id.optional(),
  status: installationStatuses.schema.optional(),
});
export type SoftwareInstallationListQuery = z.infer<typeof SoftwareInstallationListQuery>;
export const SoftwareInstallationPage = Page(SoftwareInstallationDto);
export const SoftwareInstallationExportQuery = ExportQuery.extend(
  SoftwareInstallationListQuery.pick({ q: true, licenseId: true, siteId: true, status: true }).shape,
);
export type SoftwareInstallationExportQuery = z.infer<typeof SoftwareInstallationExportQuery>;

// ---------------------------------------------------------------- overseas distribution ledger (2.2.l, n; 3.3.1.o)

const DistributionBase = {
  entryNumber: EntryNumber,
  distributedOn: DateOnly,
  /** The destination office; its name and office code come from the site master. */
  siteId: Id,
  /** 3.3.1.o: an overseas researcher can be the recipient instead of the office itself. */
  recipient: OptionalText(100),
  origin: distributionOrigins.schema.default('hq'),
  /** Required for HQ distributions; a local purchase names its software in softwareName. */
  licenseId: Id.nullable().optional(),
  softwareName: OptionalText(200),
  edition: OptionalText(100),
  usedVersion: OptionalText(50),
  language: OptionalText(50),
  licenseCount: z.number().int().min(0).max(100_000),
  mediaCount: z.number().int().min(0).max(10_000).default(0),
  expenseTransfer: expenseTransferStatuses.schema.default('not_needed'),
  accountCode: OptionalText(50),
  distributor: OptionalText(100),
  /** 2.2.n: the category of staff who use these licences. */
  staffType: staffTypes.schema.nullable().optional(),
  note: OptionalText(2000),
};
const originNeeds = (v: { origin?: string; licenseId?: string | null; softwareName?: string | null }) =>
  v.origin === 'local' ? true : v.origin === undefined || !!v.licenseId;
export const SoftwareDistributionCreateInput = z
  .object(DistributionBase)
  .refine(originNeeds, { path: ['licenseId'], message: 'error.required' })
  .refine((v) => v.origin !== 'local' || !!v.softwareName, { path: ['softwareName'], message: 'error.required' });
export type SoftwareDistributionCreateInput = z.infer<typeof SoftwareDistributionCreateInput>;
export const SoftwareDistributionUpdateInput = z.object({
  ...DistributionBase,
  distributedOn: DateOnly.optional(),
  siteId: Id.optional(),
  origin: distributionOrigins.schema.optional(),
  licenseCount: DistributionBase.licenseCount.optional(),
  mediaCount: DistributionBase.mediaCount.optional(),
  expenseTransfer: expenseTransferStatuses.schema.optional(),
});
export type SoftwareDistributionUpdateInput = z.infer<typeof SoftwareDistributionUpdateInput>;

export const SoftwareDistributionDto = z.object({
  id: Id,
  entryNumber: z.string(),
  distributedOn: z.string(),
  site: SiteRef,
  officeCode: z.string().nullable(),
  recipient: z.string().nullable(),
  origin: distributionOrigins.schema,
  license: SoftwareLicenseRef.nullable(),
  softwareName: z.string(),
  edition: z.string().nullable(),
  usedVersion: z.string().nullable(),
  language: z.string().nullable(),
  licenseCount: z.number().int(),
  mediaCount: z.number().int(),
  expenseTransfer: expenseTransferStatuses.schema,
  accountCode: z.string().nullable(),
  distributor: z.string().nullable(),
  staffType: staffTypes.schema.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
});
export type SoftwareDistributionDto = z.infer<typeof SoftwareDistributionDto>;
export const SoftwareDistributionListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  siteId: Id.optional(),
  licenseId: Id.optional(),
  origin: distributionOrigins.schema.optional(),
  expenseTransfer: expenseTransferStatuses.schema.optional(),
});
export type SoftwareDistributionListQuery = z.infer<typeof SoftwareDistributionListQuery>;
export const SoftwareDistributionPage = Page(SoftwareDistributionDto);
export const SoftwareDistributionExportQuery = ExportQuery.extend(
  SoftwareDistributionListQuery.pick({ q: true, siteId: true, origin: true, expenseTransfer: true }).shape,
);
export type SoftwareDistributionExportQuery = z.infer<typeof SoftwareDistributionExportQuery>;

/** 2.2.n: licences distributed overseas by staff category × software. */
export const DistributionByStaffTypeRow = z.object({ staffType: z.string().nullable(), softwareName: z.string(), licenseCount: z.number().int() });
export const DistributionByStaffType = z.object({ items: z.array(DistributionByStaffTypeRow) });

/** S-4-1-3-2: the month (YYYY-MM) of the upcoming-renewals list for the regular meeting. */
export const SoftwareRenewalsQuery = z.object({ month: YearMonth });
