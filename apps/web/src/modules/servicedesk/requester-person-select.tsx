import type { PersonDto } from '@unyo/contracts';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { localName } from '../../lib/format.ts';
import { usePersonSearch } from '../access/access.api.ts';

type Props = Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading' | 'onChange'> & {
  onChange?: (id: string | null) => void;
  /** The picked person (with their site), so the form can default the ticket's site. */
  onPicked?: (person: PersonDto | null) => void;
};

/** Searches the people ledger for the requester (by name, kana, employee number, extension…). */
export function RequesterPersonSelect({ onChange, onPicked, ...props }: Props) {
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
    label: `${p.employeeNumber} ${p.nameKanji}（${localName(p.site, locale)}${p.extension ? ` ${p.extension}` : ''}）`,
  }));
  return (
    <Select<string | null>
      allowClear
      placeholder={t('ticket.requesterSearch')}
      {...props}
      options={options}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
      onChange={(id) => {
        onChange?.(id ?? null);
        onPicked?.((data ?? []).find((p) => p.id === id) ?? null);
      }}
    />
  );
}
