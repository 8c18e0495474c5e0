import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type SearchBoxProps = {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
  width?: number;
  /** Stable selector for browser tests; the main search of a list keeps the default. */
  testId?: string;
};

/** The list's free-text search (`q`); typing is debounced, Enter searches at once. */
export function SearchBox({ value, onChange, placeholder, width = 280, testId = 'list-search' }: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (next: string) => {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    if (trimmed !== (value ?? '')) onChange(trimmed || undefined);
  };

  return (
    <Input
      data-testid={testId}
      // The list's "/" shortcut looks for this.
      data-list-search=""
      aria-keyshortcuts="/"
      allowClear
      prefix={<SearchOutlined />}
      placeholder={placeholder ?? t('common.searchPlaceholder')}
      aria-label={placeholder ?? t('common.search')}
      value={text}
      style={{ width }}
      maxLength={100}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), 350);
      }}
      onPressEnter={() => commit(text)}
    />
  );
}
