import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ThemeConfig } from 'antd';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import jaJP from 'antd/es/locale/ja_JP';
import { type ReactNode, useSyncExternalStore } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { configureApi, isApiError } from '../lib/api.ts';
import { meKey } from '../lib/session.ts';
import { currentLocale, i18n, useLocale } from './i18n.ts';

export const fontFamily = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", Meiryo, -apple-system, "Segoe UI", sans-serif';

const theme: ThemeConfig = {
  token: {
    fontFamily,
    colorPrimary: '#1f4e8c',
    borderRadius: 6,
  },
  components: {
    Layout: { siderBg: '#0f2a4a', headerBg: '#ffffff', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0f2a4a', darkSubMenuItemBg: '#0b2240', darkItemSelectedBg: '#1f4e8c' },
  },
};

// Users who ask their system for less motion (an accessibility setting) get dialogs, drawers and menus without
// animation. Browser tests set it too, so a click never lands on a dialog that is still moving in.
const reducedMotionQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
const reducedTheme: ThemeConfig = { ...theme, token: { ...theme.token, motion: false } };

function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (notify) => {
      reducedMotionQuery?.addEventListener('change', notify);
      return () => reducedMotionQuery?.removeEventListener('change', notify);
    },
    () => reducedMotionQuery?.matches ?? false,
  );
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 10_000,
      // Client errors (403, 404, 422 ...) will not go away by retrying.
      retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

configureApi({
  locale: currentLocale,
  networkErrorTitle: () => i18n.t('common.networkError'),
  // The session ended (expired, logged out elsewhere): the layout sends the user to the login page.
  onUnauthorized: () => queryClient.setQueryData(meKey, null),
});

function LocalizedAntd({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const reducedMotion = useReducedMotion();
  useTranslation();
  return (
    // antd puts a space between two CJK characters in buttons (削 除); wrong for Japanese.
    <ConfigProvider locale={locale === 'en' ? enUS : jaJP} theme={reducedMotion ? reducedTheme : theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalizedAntd>{children}</LocalizedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
