import type { SavedViewState } from '@unyo/contracts';
import { type ColumnLayout, emptyLayout } from './column-layout.ts';

/** A list's URL params (from useListParams) as the DataTable sees them. */
export type ListBinding = {
  keys: readonly string[];
  values: Partial<Record<string, string>>;
  update: (patch: Record<string, string | null | undefined>) => void;
};

/** The list's current filters and sort (from its URL) with the column layout, as a view stores them. */
export function viewStateOf(list: ListBinding | undefined, layout: ColumnLayout): SavedViewState {
  const { sort, order, ...rest } = list?.values ?? {};
  const filters: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) if (v) filters[k] = v;
  return {
    filters,
    sort: sort ? { key: sort, order: order === 'desc' ? 'desc' : 'asc' } : null,
    columnOrder: layout.columnOrder,
    hiddenColumns: layout.hiddenColumns,
    columnWidths: layout.columnWidths,
  };
}

/** URL params that replace the list's with a view's (null: the standard, unfiltered list). */
export function paramsOfView(list: ListBinding, state: SavedViewState | null): Record<string, string | undefined> {
  const patch: Record<string, string | undefined> = {};
  for (const k of list.keys) patch[k] = undefined;
  if (!state) return patch;
  for (const [k, v] of Object.entries(state.filters)) if (list.keys.includes(k)) patch[k] = v;
  if (state.sort && list.keys.includes('sort')) {
    patch.sort = state.sort.key;
    if (list.keys.includes('order')) patch.order = state.sort.order;
  }
  return patch;
}

export function layoutOfView(state: SavedViewState | null): ColumnLayout {
  if (!state) return emptyLayout;
  return { columnOrder: state.columnOrder, hiddenColumns: state.hiddenColumns, columnWidths: state.columnWidths };
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Whether the list shows exactly what a view saved (hidden columns compared as a set). */
export function sameViewState(a: SavedViewState, b: SavedViewState): boolean {
  const norm = (s: SavedViewState) => canonical({ ...s, hiddenColumns: [...s.hiddenColumns].sort() });
  return norm(a) === norm(b);
}
