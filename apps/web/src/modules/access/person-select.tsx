import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { localName } from '../../lib/format.ts';
import { usePersonSearch } from './access.api.ts';

type PersonSelectProps = Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'> & {
  /** Label of the currently linked person, shown before any search result arrives. */
  initialLabel?: string;
};

/** Links a user to a person; searches the server (people lists can be large). */
export function PersonSelect({ initialLabel, value, ...props }: PersonSelectProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isFetching } = usePersonSearch(q);

  const options = (data ?? []).map((p) => ({
    value: p.id,
    label: `${p.employeeNumber} ${p.nameKanji}（${localName(p.site, locale)}）`,
  }));
  if (value && initialLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialLabel });
  }

  return (
    <Select<string | null>
      allowClear
      placeholder={t('user.personSearch')}
      {...props}
      value={value}
      options={options}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
    />
  );
}
