import type { SavedViewState } from '@unyo/contracts';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useMe } from '../../lib/session.ts';

/** The column part of a saved view: order, hidden columns and dragged widths. */
export type ColumnLayout = Pick<SavedViewState, 'columnOrder' | 'hiddenColumns' | 'columnWidths'>;
export const emptyLayout: ColumnLayout = { columnOrder: [], hiddenColumns: [], columnWidths: {} };

type Column<T> = TableColumnsType<T>[number];

export const columnKey = <T>(c: Column<T>): string => (c.key === undefined ? '' : String(c.key));
/** Fixed columns (row actions) stay where the page put them and cannot be hidden. */
export const isMovable = <T>(c: Column<T>) => !c.fixed && columnKey(c) !== '';

const fontPx = 14;
const cellPaddingPx = 32;
const sorterPx = 26;

/**
 * The width a heading needs on one line. Japanese headings would otherwise wrap after any
 * character (職員番 / 号), which is harder to read than a slightly wider column.
 */
export function headingWidth(title: unknown, sortable: boolean): number {
  if (typeof title !== 'string') return 0;
  let em = 0;
  for (const ch of title) {
    const code = ch.codePointAt(0) ?? 0;
    // Latin and half-width katakana are about 0.6 em; kanji, kana and full-width forms 1 em.
    em += code < 0x100 || (code >= 0xff61 && code <= 0xff9f) ? 0.6 : 1;
  }
  return Math.ceil(em * fontPx) + cellPaddingPx + (sortable ? sorterPx : 0);
}

/** Page columns in the layout's order, without hidden ones, at their chosen or minimum width. */
export function arrangeColumns<T>(columns: TableColumnsType<T>, layout: ColumnLayout): TableColumnsType<T> {
  const left = columns.filter((c) => c.fixed === 'left' || c.fixed === true);
  const right = columns.filter((c) => c.fixed === 'right');
  const movable = columns.filter(isMovable);
  const rank = new Map(layout.columnOrder.map((k, i) => [k, i]));
  const ordered = [...movable].sort((a, b) => (rank.get(columnKey(a)) ?? Number.MAX_SAFE_INTEGER) - (rank.get(columnKey(b)) ?? Number.MAX_SAFE_INTEGER));
  const hidden = new Set(layout.hiddenColumns);
  let visible = ordered.filter((c) => !hidden.has(columnKey(c)));
  if (visible.length === 0) visible = ordered;
  return [...left, ...visible, ...right].map((c) => {
    const chosen = layout.columnWidths[columnKey(c)];
    const base = typeof c.width === 'number' ? c.width : 120;
    return { ...c, width: chosen ?? Math.max(base, headingWidth(c.title, !!c.sorter)) };
  });
}

export const totalWidth = <T>(columns: TableColumnsType<T>) => columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

function read(key: string | null): ColumnLayout {
  if (!key) return emptyLayout;
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...emptyLayout, ...(JSON.parse(raw) as Partial<ColumnLayout>) } : emptyLayout;
  } catch {
    return emptyLayout;
  }
}

/**
 * The column layout of one list, kept in this browser per user (shared office PCs) until a saved
 * view replaces it.
 */
export function useColumnLayout(ledger: string | undefined) {
  const { data: me } = useMe();
  const storageKey = ledger && me ? `unyo.columns.${me.id}.${ledger}` : null;
  const [layout, setLayoutState] = useState<ColumnLayout>(() => read(storageKey));

  useEffect(() => setLayoutState(read(storageKey)), [storageKey]);

  const setLayout = useCallback(
    (next: ColumnLayout, persist = true) => {
      setLayoutState(next);
      if (!storageKey || !persist) return;
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // not remembered after reload; the layout still applies now
      }
    },
    [storageKey],
  );

  return [layout, setLayout] as const;
}
