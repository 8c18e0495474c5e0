import type { Locale } from '@unyo/contracts';
import { Segmented } from 'antd';
import { changeLocale, useLocale } from '../app/i18n.ts';

type LanguageSwitchProps = {
  /** Called after the UI switched, e.g. to save the preference on the server. */
  onChange?: (locale: Locale) => void;
  size?: 'small' | 'middle' | 'large';
};

// Language names are shown in their own language, so they are not translated.
const options = [
  { label: '日本語', value: 'ja' },
  { label: 'English', value: 'en' },
] satisfies { label: string; value: Locale }[];

export function LanguageSwitch({ onChange, size = 'small' }: LanguageSwitchProps) {
  const locale = useLocale();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      size={size}
      options={options}
      value={locale}
      onChange={(next) => {
        void changeLocale(next);
        onChange?.(next);
      }}
    />
  );
}
