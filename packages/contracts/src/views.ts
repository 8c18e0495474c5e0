import { z } from 'zod';
import { Id } from './common.ts';

/**
 * Saved views: a user's named list layouts (filters, sort, columns) per ledger. Views are private
 * to their owner; there is no sharing.
 */

/** The list a view belongs to: its URL segment ('people', 'sites', 'assets' …). */
export const ViewLedger = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,49}$/)
  .max(50);

const Key = z.string().min(1).max(50);
const limited = <T extends z.ZodType>(record: T, max: number) => record.refine((o) => Object.keys(o as object).length <= max, { message: 'error.invalid' });

export const SavedViewState = z.object({
  /** The list's filter params as they appear in its URL (`siteId`, `status`, `q` …). */
  filters: limited(z.record(Key, z.string().max(500)), 50).default({}),
  /** Server-side sort; null keeps the list's default. */
  sort: z
    .object({ key: Key, order: z.enum(['asc', 'desc']) })
    .nullable()
    .default(null),
  /** Column keys in display order; columns missing here keep their place after the listed ones. */
  columnOrder: z.array(Key).max(100).default([]),
  /** Hidden rather than visible columns, so a column added to the page later shows up in old views. */
  hiddenColumns: z.array(Key).max(100).default([]),
  /** Widths in pixels the user dragged columns to. */
  columnWidths: limited(z.record(Key, z.number().int().min(40).max(2000)), 100).default({}),
});
export type SavedViewState = z.infer<typeof SavedViewState>;

const ViewName = z.string().trim().min(1).max(100);

export const SavedViewListQuery = z.object({ ledger: ViewLedger });
export type SavedViewListQuery = z.infer<typeof SavedViewListQuery>;

export const SavedViewCreateInput = z.object({
  ledger: ViewLedger,
  name: ViewName,
  state: SavedViewState,
  /** The view applied when the user opens the list; at most one per ledger (setting one clears the other). */
  isDefault: z.boolean().default(false),
});
export type SavedViewCreateInput = z.infer<typeof SavedViewCreateInput>;

export const SavedViewUpdateInput = z.object({
  name: ViewName.optional(),
  state: SavedViewState.optional(),
  isDefault: z.boolean().optional(),
});
export type SavedViewUpdateInput = z.infer<typeof SavedViewUpdateInput>;

export const SavedViewDto = z.object({
  id: Id,
  ledger: z.string(),
  name: z.string(),
  state: SavedViewState,
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedViewDto = z.infer<typeof SavedViewDto>;

export const SavedViewList = z.object({ items: z.array(SavedViewDto) });
export type SavedViewList = z.infer<typeof SavedViewList>;
