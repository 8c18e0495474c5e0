import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { SavedViewDto } from '@unyo/contracts';
import type { TableColumnsType, TableProps } from 'antd';
import { Button, Flex, Table } from 'antd';
import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageOf } from '../lib/api.ts';
import { useSavedViews } from '../lib/views.api.ts';
import { ColumnChooser } from './data-table/column-chooser.tsx';
import { arrangeColumns, columnKey, emptyLayout, isMovable, totalWidth, useColumnLayout } from './data-table/column-layout.ts';
import { ExportMenu, type ExportTarget } from './data-table/export-menu.tsx';
import { ListTotal } from './data-table/list-total.tsx';
import { ResizableHeaderCell, type ResizeProps } from './data-table/resizable-header.tsx';
import { SavedViewsMenu } from './data-table/saved-views-menu.tsx';
import { type ListBinding, layoutOfView, paramsOfView, viewStateOf } from './data-table/view-state.ts';
import { ProblemAlert } from './problem-alert.tsx';

export type SortState = { key: string; order: 'asc' | 'desc' };
export type { ExportTarget, ListBinding };

type DataTableProps<T> = {
  /** Must include every filter, so a filter change starts a fresh list. */
  queryKey: readonly unknown[];
  /** Loads one page; `cursor` is undefined for the first page. */
  fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>;
  columns: TableColumnsType<T>;
  rowKey: Extract<keyof T, string> | ((row: T) => string);
  /** Server-side sort: columns whose `key` equals `sort.key` show the sort arrow. */
  sort?: SortState;
  onSortChange?: (sort: SortState | undefined) => void;
  /** Search box and filter selects, shown above the table. */
  toolbar?: ReactNode;
  expandable?: TableProps<T>['expandable'];
  /** Total width of the columns; computed from the column widths when the list has a `ledger`. */
  scrollX?: number;
  /** Poll while, for example, a job is running. */
  refetchInterval?: number | false;
  size?: 'small' | 'middle' | 'large';
  /** The list's name ('people'): enables the column chooser, resizable columns and, with `list`, saved views. */
  ledger?: string;
  /** The list's URL params; saved views store and restore them. */
  list?: ListBinding;
  /** Offers CSV / Excel downloads of the list's current filters (when the user has the permission). */
  exportTo?: ExportTarget;
  /** Enter (or double click) on a row, e.g. to open its edit drawer. */
  onRowOpen?: (row: T) => void;
  /** The exact number of rows of the current filters, offered when the total is capped ("1,000 件以上"). */
  countAll?: () => Promise<number>;
};

/** Focuses the search box of the list on "/" unless the user is typing somewhere. */
function useSlashToSearch(container: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      const input = container.current?.querySelector<HTMLInputElement>('input[data-list-search]');
      if (!input) return;
      e.preventDefault();
      input.focus();
      input.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [container]);
}

/**
 * antd Table over a cursor-paged endpoint (`{ items, nextCursor, total }`): pages are appended
 * with "load more", sorting and filtering are done by the server. With a `ledger` it adds the
 * column chooser, resizable columns, saved views and export; rows are keyboard-navigable
 * (↑ ↓ Home End, Enter opens) and "/" jumps to the search box.
 */
export function DataTable<T extends object>({
  queryKey,
  fetchPage,
  columns,
  rowKey,
  sort,
  onSortChange,
  toolbar,
  expandable,
  scrollX,
  refetchInterval,
  size = 'middle',
  ledger,
  list,
  exportTo,
  onRowOpen,
  countAll,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useColumnLayout(ledger);
  const [activeViewId, setActiveViewId] = useState<string | null>(null);
  const [activeRow, setActiveRow] = useState(0);

  // The default view applies when the list opens without filters in its URL (a link with filters wins).
  const viewsEnabled = !!ledger && !!list;
  const views = useSavedViews(ledger ?? '', viewsEnabled);
  const openedPlain = useRef(!!list && Object.values(list.values).every((v) => !v));
  const [defaultSettled, setDefaultSettled] = useState(!viewsEnabled || !openedPlain.current);

  const applyView = (view: SavedViewDto | null) => {
    if (list) list.update(paramsOfView(list, view?.state ?? null));
    setLayout(layoutOfView(view?.state ?? null));
    setActiveViewId(view?.id ?? null);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the views have loaded.
  useEffect(() => {
    if (defaultSettled || views.isPending) return;
    const preferred = views.data?.find((v) => v.isDefault);
    if (preferred) applyView(preferred);
    setDefaultSettled(true);
  }, [defaultSettled, views.isPending]);

  useSlashToSearch(container);

  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new filter loads, keep showing the previous rows under the loading overlay.
    placeholderData: keepPreviousData,
    refetchInterval,
    enabled: defaultSettled,
  });

  const pages = query.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.items);
  const total = pages.length ? pages[pages.length - 1].total : 0;
  const totalExact = pages.length ? pages[pages.length - 1].totalExact !== false : true;
  const focusIndex = Math.min(activeRow, Math.max(rows.length - 1, 0));

  const arranged = arrangeColumns(columns, ledger ? layout : emptyLayout);
  const shownColumns: TableColumnsType<T> = arranged.map((c) => {
    let out = c;
    if (c.sorter && c.key !== undefined) {
      const active = sort && sort.key === c.key;
      out = { ...out, sortOrder: active ? (sort.order === 'asc' ? 'ascend' : 'descend') : null };
    }
    if (ledger && isMovable(c) && typeof c.width === 'number') {
      const key = columnKey(c);
      const resize: ResizeProps = {
        resizeWidth: c.width,
        onResize: (width, done) => setLayout({ ...layout, columnWidths: { ...layout.columnWidths, [key]: width } }, done),
      };
      out = { ...out, onHeaderCell: () => resize as object };
    }
    return out;
  });
  const allWidthsKnown = arranged.every((c) => typeof c.width === 'number');
  const scrollWidth = scrollX ?? (ledger && allWidthsKnown ? totalWidth(arranged) + (expandable ? 48 : 0) : undefined);

  const handleChange: TableProps<T>['onChange'] = (_pagination, _filters, sorter) => {
    if (!onSortChange) return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s?.order || s.columnKey === undefined) onSortChange(undefined);
    else onSortChange({ key: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' });
  };

  const focusRow = (index: number) => {
    const trs = container.current?.querySelectorAll<HTMLTableRowElement>('tbody tr.ant-table-row');
    if (!trs?.length) return;
    const i = Math.max(0, Math.min(trs.length - 1, index));
    setActiveRow(i);
    trs[i].focus();
  };

  const onRowKeyDown = (e: KeyboardEvent<HTMLElement>, row: T, index: number) => {
    // Keys pressed on a button inside the row belong to the button.
    if (e.target !== e.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1, PageDown: index + 10, PageUp: index - 10 };
    if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]);
    } else if (e.key === 'Enter' && onRowOpen) {
      e.preventDefault();
      onRowOpen(row);
    }
  };

  const tools = ledger && (
    <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
      {viewsEnabled && (
        <SavedViewsMenu
          ledger={ledger}
          views={views.data ?? []}
          current={viewStateOf(list, layout)}
          activeId={activeViewId}
          onApply={applyView}
          onActiveChange={setActiveViewId}
        />
      )}
      <ColumnChooser columns={columns} layout={layout} onChange={(next) => setLayout(next)} />
      {exportTo && <ExportMenu target={exportTo} />}
    </Flex>
  );

  return (
    <div ref={container}>
      {(toolbar || tools) && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          {toolbar}
          {tools}
        </Flex>
      )}
      {query.isError && <ProblemAlert error={query.error} />}
      <Table<T>
        className="unyo-table"
        rowKey={rowKey}
        columns={shownColumns}
        dataSource={rows}
        loading={query.isPending || query.isPlaceholderData}
        pagination={false}
        size={size}
        onChange={handleChange}
        expandable={expandable}
        scroll={scrollWidth ? { x: scrollWidth } : undefined}
        sortDirections={['ascend', 'descend']}
        showSorterTooltip={false}
        components={ledger ? { header: { cell: ResizableHeaderCell } } : undefined}
        onRow={(row, index = 0) => ({
          // One tab stop for the whole table (roving tabindex); arrow keys move between rows.
          tabIndex: index === focusIndex ? 0 : -1,
          onFocus: (e) => e.target === e.currentTarget && setActiveRow(index),
          onKeyDown: (e) => onRowKeyDown(e, row, index),
          onDoubleClick: onRowOpen ? () => onRowOpen(row) : undefined,
        })}
      />
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <ListTotal queryKey={queryKey} shown={rows.length} total={total} totalExact={totalExact} ready={query.isSuccess} countAll={countAll} />
        {query.hasNextPage && (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
    </div>
  );
}
