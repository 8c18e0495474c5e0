import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SortState } from '../components/data-table.tsx';

export type ListParams<K extends string> = Partial<Record<K, string>>;

/**
 * List filters kept in the URL query, so a filtered list survives reload and can be linked to
 * (e.g. the dashboard links to `/jobs?status=failed`).
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const serialized = searchParams.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the query string changes.
  const values = useMemo(() => {
    const out: ListParams<K> = {};
    for (const k of keys) {
      const v = searchParams.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [serialized]);

  const update = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [K, string | null | undefined][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  return [values, update] as const;
}

/** Reads `sort`/`order` list params as the DataTable's sort state. */
export function sortFromParams(sort: string | undefined, order: string | undefined, fallback: SortState): SortState {
  if (!sort) return fallback;
  return { key: sort, order: order === 'desc' ? 'desc' : 'asc' };
}
