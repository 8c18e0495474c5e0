import { z } from 'zod';

export const Id = z.uuid();

/** A choice set: stored value, labels in both languages and a display colour (NetBox style). */
export type Choice<V extends string = string> = { value: V; ja: string; en: string; color: string };

export function choiceSet<const V extends string>(items: readonly Choice<V>[]) {
  const values = items.map((i) => i.value) as [V, ...V[]];
  return { items, values, schema: z.enum(values) };
}

/**
 * Cursor-paged list envelope: `{ items, nextCursor, total }`. Large ledgers count at most a cap of
 * matching rows; then `totalExact` is false and `total` is a lower bound ("10,000 件以上").
 */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int(), totalExact: z.boolean().optional() });
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** Abilities the server computed for the current actor on one record. */
export const Abilities = z.record(z.string(), z.boolean());

export const ProblemField = z.object({ path: z.string(), message: z.string() });
/** RFC 9457 problem details, with field errors. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ProblemField).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Locale = z.enum(['ja', 'en']);
export type Locale = z.infer<typeof Locale>;

/** A stored choice value as people read it in one language; unknown values show as they are, null as ''. */
export function choiceLabel(items: readonly Choice[], value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  return items.find((c) => c.value === value)?.[locale] ?? String(value);
}

export const IdParams = z.object({ id: Id });

/** Trimmed text; empty strings become null so optional columns stay clean. */
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

/** A calendar month, `YYYY-MM` (monthly reports and metrics). */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'error.invalid' });
