import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ColumnLayout, columnKey, emptyLayout, isMovable } from './column-layout.ts';

type ColumnChooserProps<T> = {
  /** The page's columns in their natural order. */
  columns: TableColumnsType<T>;
  layout: ColumnLayout;
  onChange: (layout: ColumnLayout) => void;
};

/** Show, hide and reorder columns (buttons rather than drag and drop, so it works from the keyboard). */
export function ColumnChooser<T>({ columns, layout, onChange }: ColumnChooserProps<T>) {
  const { t } = useTranslation();
  const movable = columns.filter(isMovable);
  const rank = new Map(layout.columnOrder.map((k, i) => [k, i]));
  const ordered = [...movable].sort((a, b) => (rank.get(columnKey(a)) ?? Number.MAX_SAFE_INTEGER) - (rank.get(columnKey(b)) ?? Number.MAX_SAFE_INTEGER));
  const keys = ordered.map(columnKey);
  const hidden = new Set(layout.hiddenColumns);
  const visibleCount = keys.filter((k) => !hidden.has(k)).length;

  const toggle = (key: string, show: boolean) =>
    onChange({ ...layout, hiddenColumns: show ? layout.hiddenColumns.filter((k) => k !== key) : [...layout.hiddenColumns, key] });
  const move = (index: number, delta: number) => {
    const next = [...keys];
    const [k] = next.splice(index, 1);
    next.splice(index + delta, 0, k);
    onChange({ ...layout, columnOrder: next });
  };

  const content = (
    <div style={{ minWidth: 260 }} data-testid="column-chooser-panel">
      {ordered.map((c, i) => {
        const key = columnKey(c);
        const label = c.title as ReactNode;
        const shown = !hidden.has(key);
        return (
          <Flex key={key} align="center" justify="space-between" gap={8} style={{ padding: '2px 0' }}>
            <Checkbox
              checked={shown}
              // The last visible column stays: a table without columns helps nobody.
              disabled={shown && visibleCount === 1}
              onChange={(e) => toggle(key, e.target.checked)}
              data-testid={`column-toggle-${key}`}
            >
              <span style={{ whiteSpace: 'nowrap' }}>{label}</span>
            </Checkbox>
            <span>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('table.moveUp', { column: typeof c.title === 'string' ? c.title : key })}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                disabled={i === ordered.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('table.moveDown', { column: typeof c.title === 'string' ? c.title : key })}
              />
            </span>
          </Flex>
        );
      })}
      <Flex justify="space-between" align="center" style={{ marginTop: 8, borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('table.columnsShown', { shown: visibleCount, total: keys.length })}
        </Typography.Text>
        <Button size="small" type="link" onClick={() => onChange(emptyLayout)} data-testid="column-reset">
          {t('table.resetColumns')}
        </Button>
      </Flex>
    </div>
  );

  return (
    <Popover content={content} title={t('table.columns')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t('table.columns')}
      </Button>
    </Popover>
  );
}
