import type { SiteKind } from '@unyo/contracts';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n.ts';
import { localName } from '../../lib/format.ts';
import { useDepartmentLookup, useSiteLookup } from './org.api.ts';

type LookupSelectProps = Omit<SelectProps, 'options' | 'loading' | 'showSearch'>;
type SiteSelectProps = LookupSelectProps & {
  /** Only sites of these kinds (e.g. overseas offices); the current value stays listed. */
  kinds?: readonly SiteKind[];
};

const searchable = { optionFilterProp: 'label' } as const;

/** Searchable select of the sites the user may see (value: site id). Works as a Form.Item control. */
export function SiteSelect({ kinds, ...props }: SiteSelectProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data, isPending } = useSiteLookup();
  const sites = kinds ? (data ?? []).filter((s) => kinds.includes(s.kind) || isSelected(props.value, s.id)) : (data ?? []);
  const options = sites.map((s) => ({
    value: s.id,
    label: `${s.code} ${localName(s, locale)}`,
    disabled: !s.active && !isSelected(props.value, s.id),
  }));
  return <Select placeholder={t('department.site')} {...props} options={options} loading={isPending} showSearch={searchable} />;
}

type DepartmentSelectProps = LookupSelectProps & {
  /** Only departments of this site; without it the select is disabled when `requireSite` is set. */
  siteId: string | undefined;
  requireSite?: boolean;
  /** A department to leave out (a department cannot be its own parent). */
  excludeId?: string;
};

export function DepartmentSelect({ siteId, requireSite = false, excludeId, ...props }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const enabled = !requireSite || !!siteId;
  const { data, isFetching } = useDepartmentLookup(siteId, enabled);
  const options = (enabled ? (data ?? []) : [])
    .filter((d) => d.id !== excludeId)
    .map((d) => ({
      value: d.id,
      label: `${d.code} ${localName(d, locale)}`,
      disabled: !d.active && !isSelected(props.value, d.id),
    }));
  return (
    <Select
      placeholder={enabled ? t('department.title') : t('department.selectSiteFirst')}
      {...props}
      disabled={props.disabled || !enabled}
      options={options}
      loading={isFetching}
      showSearch={searchable}
    />
  );
}

function isSelected(value: unknown, id: string): boolean {
  return Array.isArray(value) ? value.includes(id) : value === id;
}
