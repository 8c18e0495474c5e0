import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssetSearch } from '../assets/assets.api.ts';
import { useLicenseSearch, useMediaSearch, useProductLookup } from './software.api.ts';

type SearchSelectProps = Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'> & {
  /** Label of the current value, shown before any search result arrives. */
  initialLabel?: string;
};

/** The typed search text, settled after 300 ms (the ledgers are searched on the server). */
function useTypedSearch() {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  return [q, setTyped] as const;
}

function withInitial(options: { value: string; label: string }[], value: unknown, initialLabel: string | undefined) {
  if (typeof value === 'string' && value && initialLabel && !options.some((o) => o.value === value)) return [{ value, label: initialLabel }, ...options];
  return options;
}

type Option = { value: string; label: string };

/**
 * A select searched on the server as the user types: `useSearch` is one ledger's search hook, `toOption` turns a
 * result into an option (null leaves it out).
 */
function ServerSearchSelect<T>({
  useSearch,
  toOption,
  placeholder,
  initialLabel,
  value,
  ...props
}: SearchSelectProps & { useSearch: (q: string) => { data?: T[]; isFetching: boolean }; toOption: (item: T) => Option | null; placeholder: string }) {
  const [q, setTyped] = useTypedSearch();
  const { data, isFetching } = useSearch(q);
  const options = (data ?? []).flatMap((item) => toOption(item) ?? []);
  return (
    <Select<string | null>
      allowClear
      placeholder={placeholder}
      {...props}
      value={value}
      options={withInitial(options, value, initialLabel)}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
    />
  );
}

type LicenseSelectProps = SearchSelectProps & {
  /** What the select's value is: the licence id (usage rows) or its asset number (the upgrade link). */
  valueKey?: 'id' | 'assetNumber';
  /** A licence that cannot be chosen (a licence does not upgrade itself). */
  excludeId?: string;
};

/** Picks a licence of the owned-licence ledger by asset number or software name. */
export function LicenseSelect({ valueKey = 'id', excludeId, ...props }: LicenseSelectProps) {
  const { t } = useTranslation();
  return (
    <ServerSearchSelect
      {...props}
      useSearch={useLicenseSearch}
      toOption={(l) => (l.id === excludeId ? null : { value: l[valueKey], label: `${l.assetNumber} ${l.softwareName}` })}
      placeholder={t('software.licenseSearch')}
    />
  );
}

/** Picks a hardware asset; the value is its asset number (the OEM binding is stored that way). */
export function DeviceNumberSelect(props: SearchSelectProps) {
  const { t } = useTranslation();
  return (
    <ServerSearchSelect
      {...props}
      useSearch={useAssetSearch}
      toOption={(a) => ({ value: a.assetNumber, label: `${a.assetNumber} ${a.name}` })}
      placeholder={t('software.deviceSearch')}
    />
  );
}

/** Picks an item of the media and documents register (value: its id). */
export function MediaSelect(props: SearchSelectProps) {
  const { t } = useTranslation();
  return (
    <ServerSearchSelect
      {...props}
      useSearch={useMediaSearch}
      toOption={(m) => ({ value: m.id, label: `${m.itemNumber} ${m.title}` })}
      placeholder={t('software.mediaSearch')}
    />
  );
}

type ProductSelectProps = Omit<SelectProps, 'options' | 'loading' | 'showSearch'>;

/** Searchable select of catalogue products (value: product id); `mode="multiple"` for a licence's products. */
export function ProductSelect(props: ProductSelectProps) {
  const { t } = useTranslation();
  const { data, isPending } = useProductLookup();
  const options = (data ?? []).map((p) => ({ value: p.id, label: p.publisher ? `${p.publisher} ${p.name}` : p.name }));
  return <Select placeholder={t('software.productSearch')} {...props} options={options} loading={isPending} showSearch={{ optionFilterProp: 'label' }} />;
}
