import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { useBusinessSystemLookup } from './business-systems.api.ts';

/** A business system with its responsible department (value: id); inactive systems stay shown when already chosen. */
export function BusinessSystemSelect(props: Omit<SelectProps<string | null>, 'options' | 'loading' | 'showSearch'>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isFetching } = useBusinessSystemLookup();
  const options = (data ?? [])
    .filter((s) => s.active || s.id === props.value)
    .map((s) => {
      const name = locale === 'en' && s.nameEn ? s.nameEn : s.name;
      const department = locale === 'en' ? s.department.nameEn : s.department.nameJa;
      return { value: s.id, label: `${s.code} ${name}（${department}）` };
    });
  return (
    <Select<string | null>
      allowClear
      placeholder={t('businessSystem.selectPlaceholder')}
      data-testid="incident-business-system"
      {...props}
      options={options}
      loading={isFetching}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
