import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { TableColumnsType, TableProps } from 'antd';
import { Button, Flex, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageOf } from '../lib/api.ts';
import { ProblemAlert } from './problem-alert.tsx';

export type SortState = { key: string; order: 'asc' | 'desc' };

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
  /** Total width of the columns; enables horizontal scrolling on narrow screens. */
  scrollX?: number;
  /** Poll while, for example, a job is running. */
  refetchInterval?: number | false;
  size?: 'small' | 'middle' | 'large';
};

/**
 * antd Table over a cursor-paged endpoint (`{ items, nextCursor, total }`): pages are appended
 * with "load more", sorting and filtering are done by the server.
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
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new filter loads, keep showing the previous rows under the loading overlay.
    placeholderData: keepPreviousData,
    refetchInterval,
  });

  const pages = query.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.items);
  const total = pages.length ? pages[pages.length - 1].total : 0;

  const sortedColumns: TableColumnsType<T> = columns.map((c) => {
    if (!c.sorter || c.key === undefined) return c;
    const active = sort && sort.key === c.key;
    return { ...c, sortOrder: active ? (sort.order === 'asc' ? 'ascend' : 'descend') : null };
  });

  const handleChange: TableProps<T>['onChange'] = (_pagination, _filters, sorter) => {
    if (!onSortChange) return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s?.order || s.columnKey === undefined) onSortChange(undefined);
    else onSortChange({ key: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' });
  };

  return (
    <div>
      {toolbar && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          {toolbar}
        </Flex>
      )}
      {query.isError && <ProblemAlert error={query.error} />}
      <Table<T>
        rowKey={rowKey}
        columns={sortedColumns}
        dataSource={rows}
        loading={query.isPending || query.isPlaceholderData}
        pagination={false}
        size={size}
        onChange={handleChange}
        expandable={expandable}
        scroll={scrollX ? { x: scrollX } : undefined}
        sortDirections={['ascend', 'descend']}
        showSorterTooltip={false}
      />
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" data-testid="list-total">
          {query.isSuccess ? t('common.shown', { shown: rows.length, total }) : ''}
        </Typography.Text>
        {query.hasNextPage && (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
    </div>
  );
}
