import type { Locale } from '@unyo/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/ja';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { ja } from './ja.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ja };
  }
}

const storageKey = 'unyo.locale';

function isLocale(v: unknown): v is Locale {
  return v === 'ja' || v === 'en';
}

/** Japanese unless this browser chose English before; the server-side preference wins after login. */
function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); fall back to the default
  }
  return 'ja';
}

function applyDocumentLocale(locale: Locale) {
  dayjs.locale(locale);
  document.documentElement.lang = locale;
}

const startLocale = initialLocale();

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: startLocale,
  fallbackLng: 'ja',
  supportedLngs: ['ja', 'en'],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLocale(startLocale);

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'ja';
}

/** Switches UI, antd and dayjs to `locale` and remembers it for the login page. */
export async function changeLocale(locale: Locale) {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // not remembered; the session preference still applies
  }
  applyDocumentLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/** The current UI language as a contracts Locale; re-renders on change. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : 'ja';
}

export { i18n };
