import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssetSearch } from '../assets/assets.api.ts';

type AssetsSelectProps = Omit<SelectProps<string[]>, 'options' | 'showSearch' | 'loading' | 'mode'> & {
  /** Labels of the assets already chosen (an edited record), shown before any search result arrives. */
  known?: { id: string; assetNumber: string; name: string | null }[];
};

/** Several hardware assets searched on the server as the user types (value: asset ids). */
export function AssetsSelect({ known = [], ...props }: AssetsSelectProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isFetching } = useAssetSearch(q);
  // Chosen assets keep their label when a later search no longer lists them.
  const [labels, setLabels] = useState<Record<string, string>>(() => Object.fromEntries(known.map((a) => [a.id, `${a.assetNumber} ${a.name ?? ''}`.trim()])));
  const found = (data ?? []).map((a) => ({ value: a.id, label: `${a.assetNumber} ${a.name}` }));
  const chosen = (props.value ?? []).filter((id) => !found.some((o) => o.value === id)).map((id) => ({ value: id, label: labels[id] ?? id }));
  return (
    <Select<string[]>
      placeholder={t('software.deviceSearch')}
      {...props}
      mode="multiple"
      options={[...chosen, ...found]}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
      onChange={(ids, options) => {
        const picked = (Array.isArray(options) ? options : [options]).filter(Boolean) as { value: string; label: string }[];
        setLabels((prev) => ({ ...prev, ...Object.fromEntries(picked.map((o) => [o.value, o.label])) }));
        props.onChange?.(ids, options);
      }}
    />
  );
}
