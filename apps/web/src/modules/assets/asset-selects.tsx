import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssetSearch } from './assets.api.ts';

type AssetSelectProps = Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'> & {
  /** Label of the current value, shown before any search result arrives. */
  initialLabel?: string;
  /** An asset that cannot be chosen (an asset is not its own parent). */
  excludeId?: string;
};

/** Picks an asset by number or name; searches the server (the ledger is large). */
export function AssetSelect({ initialLabel, excludeId, value, ...props }: AssetSelectProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isFetching } = useAssetSearch(q);

  const options = (data ?? []).filter((a) => a.id !== excludeId).map((a) => ({ value: a.id, label: `${a.assetNumber} ${a.name}` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });

  return (
    <Select<string | null>
      allowClear
      placeholder={t('asset.assetSearch')}
      {...props}
      value={value}
      options={options}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
    />
  );
}
