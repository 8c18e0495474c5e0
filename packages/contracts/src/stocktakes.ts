import { z } from 'zod';
import { assetCategories } from './assets.ts';
import { Abilities, choiceSet, Id, OptionalText, Page, PageQuery } from './common.ts';
import { SiteRef } from './org.ts';

/** Stock-takes (棚卸し): 2.1.c quarterly visual check, 2.1.d remote check by phone/mail; SLA S-4-1-3-2#2. */
export const stocktakeModes = choiceSet([
  { value: 'visual', ja: '目視', en: 'Visual', color: 'blue' },
  { value: 'remote', ja: '遠隔（電話・メール）', en: 'Remote (phone / mail)', color: 'purple' },
]);
export type StocktakeMode = (typeof stocktakeModes.values)[number];

export const stocktakeStatuses = choiceSet([
  { value: 'open', ja: '実施中', en: 'Open', color: 'processing' },
  { value: 'closed', ja: '完了', en: 'Closed', color: 'success' },
  { value: 'cancelled', ja: '中止', en: 'Cancelled', color: 'default' },
]);
export type StocktakeStatus = (typeof stocktakeStatuses.values)[number];

export const stocktakeResults = choiceSet([
  { value: 'pending', ja: '未確認', en: 'Not checked', color: 'default' },
  { value: 'found', ja: '確認済', en: 'Found', color: 'green' },
  { value: 'found_elsewhere', ja: '別の場所で確認', en: 'Found elsewhere', color: 'orange' },
  { value: 'missing', ja: '所在不明', en: 'Missing', color: 'red' },
  { value: 'unexpected', ja: '台帳外', en: 'Not in ledger', color: 'magenta' },
]);
export type StocktakeResult = (typeof stocktakeResults.values)[number];

export const stocktakeMethods = choiceSet([
  { value: 'scan', ja: 'QR読取', en: 'QR scan', color: 'blue' },
  { value: 'typed', ja: '番号入力', en: 'Typed', color: 'cyan' },
  { value: 'phone', ja: '電話', en: 'Phone', color: 'gold' },
  { value: 'mail', ja: 'メール', en: 'Mail', color: 'purple' },
  { value: 'remote', ja: '遠隔', en: 'Remote', color: 'default' },
]);
export type StocktakeMethod = (typeof stocktakeMethods.values)[number];

/** Where an asset is (or was expected) inside its site. */
export const StocktakeLocation = z.object({
  building: OptionalText(100),
  floor: OptionalText(40),
  room: OptionalText(100),
  rack: OptionalText(40),
});
export type StocktakeLocation = z.infer<typeof StocktakeLocation>;
export const StocktakeLocationDto = z.object({
  building: z.string().nullable(),
  floor: z.string().nullable(),
  room: z.string().nullable(),
  rack: z.string().nullable(),
});
export type StocktakeLocationDto = z.infer<typeof StocktakeLocationDto>;

const isoDate = z.iso.date();
const Email = z.string().trim().toLowerCase().pipe(z.email());

export const StocktakeCreateInput = z.object({
  name: z.string().trim().min(1).max(200),
  mode: stocktakeModes.schema,
  dueOn: isoDate,
  siteIds: z
    .array(Id)
    .min(1)
    .max(300)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'error.duplicate' }),
  /** Limit the frozen list to these categories; empty or absent means every category. */
  categories: z.array(assetCategories.schema).max(30).optional(),
  /** Include spare equipment in storage (status stock); 2.1.c checks both installed and spare. */
  includeStock: z.boolean().default(true),
  note: OptionalText(2000),
  /**
   * Remote mode: who receives each site's checklist link (site id → addresses). A site without an
   * entry is mailed at the addresses of its active departments (departments.mail).
   */
  recipients: z.record(Id, z.array(Email).min(1).max(10)).optional(),
});
export type StocktakeCreateInput = z.infer<typeof StocktakeCreateInput>;

/** (Re)send the remote checklist links; a new link invalidates the previous one of that site. */
export const StocktakeSendInput = z.object({
  siteIds: z.array(Id).min(1).max(300).optional(),
  recipients: z.record(Id, z.array(Email).min(1).max(10)).optional(),
});
export type StocktakeSendInput = z.infer<typeof StocktakeSendInput>;

export const StocktakeCheckInput = StocktakeLocation.extend({
  /** The asset number, or the asset URL encoded in its QR label (…/assets/<uuid>). */
  code: z.string().trim().min(1).max(500),
  /** The site where the check happens (where the asset actually is). */
  siteId: Id,
  method: z.enum(['scan', 'typed', 'phone', 'mail']),
  note: OptionalText(1000),
});
export type StocktakeCheckInput = z.infer<typeof StocktakeCheckInput>;

/** Manual marking of one item (e.g. missing after a search, or a correction). */
export const StocktakeItemUpdateInput = z.object({
  result: z.enum(['pending', 'found', 'found_elsewhere', 'missing']),
  note: OptionalText(1000),
  /** For found_elsewhere: where the asset actually is. */
  location: StocktakeLocation.extend({ siteId: Id }).optional(),
  method: z.enum(['typed', 'phone', 'mail']).optional(),
});
export type StocktakeItemUpdateInput = z.infer<typeof StocktakeItemUpdateInput>;

export const StocktakeProgress = z.object({
  /** Items to account for: the frozen list plus ledger assets found that were not on it. */
  expected: z.number().int(),
  checked: z.number().int(),
  pending: z.number().int(),
  found: z.number().int(),
  foundElsewhere: z.number().int(),
  missing: z.number().int(),
  unexpected: z.number().int(),
  /** Share of expected items with a result (0–100). */
  percent: z.number().int(),
});
export type StocktakeProgress = z.infer<typeof StocktakeProgress>;

export const StocktakeSiteDto = z.object({
  site: SiteRef,
  mailedTo: z.string().nullable(),
  mailedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  progress: StocktakeProgress,
});
export type StocktakeSiteDto = z.infer<typeof StocktakeSiteDto>;

export const StocktakeDto = z.object({
  id: Id,
  name: z.string(),
  mode: stocktakeModes.schema,
  status: stocktakeStatuses.schema,
  dueOn: z.string(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  note: z.string().nullable(),
  sites: z.array(StocktakeSiteDto),
  progress: StocktakeProgress,
  version: z.number().int(),
  abilities: Abilities,
});
export type StocktakeDto = z.infer<typeof StocktakeDto>;

export const StocktakeListQuery = PageQuery.extend({
  status: stocktakeStatuses.schema.optional(),
  siteId: Id.optional(),
});
export type StocktakeListQuery = z.infer<typeof StocktakeListQuery>;
export const StocktakePage = Page(StocktakeDto);

export const StocktakeItemDto = z.object({
  id: Id,
  assetId: Id.nullable(),
  assetNumber: z.string(),
  expectedName: z.string().nullable(),
  expectedSite: SiteRef.nullable(),
  expectedLocation: StocktakeLocationDto.nullable(),
  result: stocktakeResults.schema,
  actualSite: SiteRef.nullable(),
  actualLocation: StocktakeLocationDto.nullable(),
  method: stocktakeMethods.schema.nullable(),
  note: z.string().nullable(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
  /** When closing moved the asset in the ledger to the actual location. */
  appliedAt: z.string().nullable(),
  /** The ledger asset is a draft created for unexpected equipment. */
  draft: z.boolean(),
});
export type StocktakeItemDto = z.infer<typeof StocktakeItemDto>;

export const StocktakeItemListQuery = PageQuery.extend({
  result: stocktakeResults.schema.optional(),
  siteId: Id.optional(),
  q: z.string().trim().max(100).optional(),
});
export type StocktakeItemListQuery = z.infer<typeof StocktakeItemListQuery>;
export const StocktakeItemPage = Page(StocktakeItemDto);

export const StocktakeItemParams = z.object({ id: Id, itemId: Id });

export const StocktakeCheckResult = z.object({ item: StocktakeItemDto, progress: StocktakeProgress });
export type StocktakeCheckResult = z.infer<typeof StocktakeCheckResult>;

export const StocktakeCloseResult = z.object({
  stocktake: StocktakeDto,
  /** Assets whose site/location the close corrected. */
  corrected: z.number().int(),
  /** Items that were still unchecked and became missing (the assets are not retired automatically). */
  missing: z.number().int(),
  /**
   * Found-elsewhere items whose correction was not applied: the asset changed in the ledger after
   * it was checked (`changed`: a later move wins), or the closer cannot see the asset's site or the
   * site where it was found (`out_of_scope`).
   */
  skipped: z.number().int(),
  skippedItems: z.array(z.object({ itemId: Id, assetNumber: z.string(), reason: z.enum(['changed', 'out_of_scope']) })),
});
export type StocktakeCloseResult = z.infer<typeof StocktakeCloseResult>;

// Public remote checklist (token in the URL, no login)

export const ChecklistParams = z.object({ token: z.string().min(20).max(200) });
export const ChecklistQuery = z.object({ lang: z.enum(['ja', 'en']).optional() });

export const ChecklistItemDto = z.object({
  itemId: Id,
  assetNumber: z.string(),
  name: z.string().nullable(),
  category: assetCategories.schema.nullable(),
  location: StocktakeLocationDto.nullable(),
});
export const ChecklistDto = z.object({
  stocktakeName: z.string(),
  dueOn: z.string(),
  site: SiteRef,
  items: z.array(ChecklistItemDto),
});
export type ChecklistDto = z.infer<typeof ChecklistDto>;

export const ChecklistAnswerInput = z.object({
  answeredBy: z.string().trim().min(1).max(100),
  answers: z
    .array(
      z.object({
        itemId: Id,
        present: z.boolean(),
        location: StocktakeLocation.optional(),
        note: OptionalText(1000),
      }),
    )
    .max(5000),
  /** Equipment on site that the list does not show. */
  extra: z
    .array(
      z.object({
        code: z.string().trim().min(1).max(40),
        name: z.string().trim().min(1).max(200),
        location: StocktakeLocation.optional(),
      }),
    )
    .max(500)
    .optional(),
});
export type ChecklistAnswerInput = z.infer<typeof ChecklistAnswerInput>;
export const ChecklistAnswerResult = z.object({ recorded: z.number().int() });
