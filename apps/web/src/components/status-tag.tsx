import type { Choice } from '@unyo/contracts';
import { Tag } from 'antd';
import { useLocale } from '../app/i18n.ts';

type StatusTagProps = {
  /** A contracts choice set's items (e.g. `staffTypes.items`). */
  items: readonly Choice[];
  value: string | null | undefined;
};

/** A choice set value with its label in the current language and its colour (NetBox style). */
export function StatusTag({ items, value }: StatusTagProps) {
  const locale = useLocale();
  if (value === null || value === undefined) return null;
  const choice = items.find((c) => c.value === value);
  if (!choice) return <Tag>{value}</Tag>;
  return (
    <Tag color={choice.color === 'default' ? undefined : choice.color} data-value={value}>
      {choice[locale]}
    </Tag>
  );
}
