import { z } from 'zod';
import { AssetRef } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { SiteRef } from './org.ts';
import { SoftwareLicenseRef } from './software.ts';

const DateOnly = z.iso.date();

// ---------------------------------------------------------------- media, certificates and documents (2.2.r–u)

export const mediaKinds = choiceSet([
  { value: 'certificate', ja: 'ライセンス証書', en: 'Licence certificate', color: 'gold' },
  { value: 'package', ja: 'パッケージ', en: 'Package', color: 'blue' },
  { value: 'install_media', ja: 'インストールメディア', en: 'Installation media', color: 'cyan' },
  { value: 'manual', ja: 'マニュアル', en: 'Manual', color: 'green' },
  { value: 'device', ja: '付属機器', en: 'Device (dongle etc.)', color: 'purple' },
  { value: 'warranty', ja: '保証書', en: 'Warranty card', color: 'orange' },
  { value: 'document', ja: '資料・ドキュメント', en: 'Document', color: 'geekblue' },
  { value: 'other', ja: 'その他', en: 'Other', color: 'default' },
]);
export const mediaStatuses = choiceSet([
  { value: 'stored', ja: '保管中', en: 'In storage', color: 'green' },
  { value: 'lent', ja: '貸出中', en: 'Lent out', color: 'orange' },
  { value: 'disposed', ja: '廃棄', en: 'Disposed', color: 'default' },
]);
export const shipmentMethods = choiceSet([
  { value: 'internal_mail', ja: '社内便', en: 'Internal mail', color: 'blue' },
  { value: 'post', ja: '郵送', en: 'Post', color: 'cyan' },
  { value: 'courier', ja: '宅配便', en: 'Courier', color: 'purple' },
  { value: 'hand', ja: '手渡し', en: 'By hand', color: 'green' },
  { value: 'electronic', ja: '電子送付', en: 'Electronic', color: 'geekblue' },
]);

const MediaBase = {
  itemNumber: z.string().trim().min(1).max(50).nullable().optional(),
  kind: mediaKinds.schema,
  title: z.string().trim().min(1).max(300),
  /** The software asset the item belongs to (its 資産管理番号), or a device for hardware manuals (2.2.u). */
  licenseId: Id.nullable().optional(),
  assetId: Id.nullable().optional(),
  /** Where it is kept: the site (scope) and the place within it. */
  siteId: Id,
  storageLocation: z.string().trim().min(1).max(200),
  documentVersion: OptionalText(50),
  copies: z.number().int().min(1).max(10_000).default(1),
  disposed: z.boolean().default(false),
  note: OptionalText(2000),
};
export const SoftwareMediaCreateInput = z.object(MediaBase);
export type SoftwareMediaCreateInput = z.infer<typeof SoftwareMediaCreateInput>;
export const SoftwareMediaUpdateInput = z.object({
  ...MediaBase,
  kind: mediaKinds.schema.optional(),
  title: MediaBase.title.optional(),
  siteId: Id.optional(),
  storageLocation: MediaBase.storageLocation.optional(),
  copies: MediaBase.copies.optional(),
  disposed: z.boolean().optional(),
});
export type SoftwareMediaUpdateInput = z.infer<typeof SoftwareMediaUpdateInput>;

export const MediaLoanDto = z.object({
  id: Id,
  borrower: z.string(),
  lentAt: z.string(),
  dueOn: z.string().nullable(),
  returnedAt: z.string().nullable(),
  lentBy: z.string(),
  note: z.string().nullable(),
  /** Still out after its due date (today in the reporting time zone). */
  overdue: z.boolean(),
});
export const SoftwareMediaDto = z.object({
  id: Id,
  itemNumber: z.string(),
  kind: mediaKinds.schema,
  title: z.string(),
  license: SoftwareLicenseRef.nullable(),
  asset: AssetRef.nullable(),
  site: SiteRef,
  storageLocation: z.string(),
  documentVersion: z.string().nullable(),
  copies: z.number().int(),
  status: mediaStatuses.schema,
  /** The open loan, when lent out. */
  loan: MediaLoanDto.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  abilities: Abilities,
});
export type SoftwareMediaDto = z.infer<typeof SoftwareMediaDto>;
export const SoftwareMediaListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  kind: mediaKinds.schema.optional(),
  status: mediaStatuses.schema.optional(),
  licenseId: Id.optional(),
  siteId: Id.optional(),
  /** Only items whose open loan is past its due date. */
  overdue: z.enum(['true']).optional(),
});
export type SoftwareMediaListQuery = z.infer<typeof SoftwareMediaListQuery>;
export const SoftwareMediaPage = Page(SoftwareMediaDto);
export const MediaLendInput = z.object({ borrower: z.string().trim().min(1).max(200), dueOn: DateOnly.nullable().optional(), note: OptionalText(500) });
export type MediaLendInput = z.infer<typeof MediaLendInput>;
export const MediaLoanList = z.object({ items: z.array(MediaLoanDto) });

/** 2.2.t: copies of media and manuals sent or received (社内便 etc.). */
export const MediaShipmentCreateInput = z.object({
  mediaId: Id.nullable().optional(),
  item: z.string().trim().min(1).max(300),
  copies: z.number().int().min(1).max(10_000).default(1),
  direction: z.enum(['sent', 'received']).default('sent'),
  sender: z.string().trim().min(1).max(200),
  recipient: z.string().trim().min(1).max(200),
  method: shipmentMethods.schema,
  shippedOn: DateOnly,
  siteId: Id,
  note: OptionalText(1000),
});
export type MediaShipmentCreateInput = z.infer<typeof MediaShipmentCreateInput>;
export const MediaShipmentDto = z.object({
  id: Id,
  media: z.object({ id: Id, itemNumber: z.string(), title: z.string() }).nullable(),
  item: z.string(),
  copies: z.number().int(),
  direction: z.enum(['sent', 'received']),
  sender: z.string(),
  recipient: z.string(),
  method: shipmentMethods.schema,
  shippedOn: z.string(),
  site: SiteRef,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type MediaShipmentDto = z.infer<typeof MediaShipmentDto>;
export const MediaShipmentPage = Page(MediaShipmentDto);
export const MediaShipmentListQuery = PageQuery.extend({ siteId: Id.optional(), mediaId: Id.optional(), q: z.string().trim().max(200).optional() });
export type MediaShipmentListQuery = z.infer<typeof MediaShipmentListQuery>;

// ---------------------------------------------------------------- annual software stock-take (S-4-1-3-1)

export const SoftwareStocktakeCreateInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** 年度 (April–March) the stock-take counts for. */
  fiscalYear: z.number().int().min(2000).max(2100),
  dueOn: DateOnly,
  note: OptionalText(2000),
});
export type SoftwareStocktakeCreateInput = z.infer<typeof SoftwareStocktakeCreateInput>;
export const SoftwareStocktakeCheckInput = z.object({ mediaId: Id, result: z.enum(['present', 'missing']), note: OptionalText(500) });
export type SoftwareStocktakeCheckInput = z.infer<typeof SoftwareStocktakeCheckInput>;

export const StocktakeLicenseLine = z.object({
  product: z.string(),
  entitled: z.number().int(),
  consumed: z.number().int(),
  shortfall: z.number().int(),
  detectedUnrecorded: z.number().int(),
  recordedUndetected: z.number().int(),
  status: z.string(),
});
export const SoftwareStocktakeDto = z.object({
  id: Id,
  name: z.string(),
  fiscalYear: z.number().int(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  note: z.string().nullable(),
  /** Media register check: items in the actor's sites, checked, missing. */
  media: z.object({ total: z.number().int(), checked: z.number().int(), missing: z.number().int() }),
  /** Ledger against inventory: live while open, as frozen at closing afterwards. */
  licenses: z.array(StocktakeLicenseLine),
  version: z.number().int(),
  abilities: Abilities,
});
export type SoftwareStocktakeDto = z.infer<typeof SoftwareStocktakeDto>;
export const SoftwareStocktakeList = z.object({ items: z.array(SoftwareStocktakeDto.omit({ licenses: true })) });
export const StocktakeMediaLine = z.object({
  media: z.object({ id: Id, itemNumber: z.string(), title: z.string(), kind: z.string(), storageLocation: z.string() }),
  site: SiteRef,
  result: z.enum(['present', 'missing']).nullable(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export const StocktakeMediaList = z.object({ items: z.array(StocktakeMediaLine) });
