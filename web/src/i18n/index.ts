import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import type { Language } from './format.ts';
import { vi } from './vi.ts';

export type { Language } from './format.ts';

const KEY = 'toandan.language';

function storedLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** i18next with Vietnamese first and English beside it; the choice is kept in the browser. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: ['vi', 'en'],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  initAsync: false,
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
  try {
    globalThis.localStorage?.setItem(KEY, language);
  } catch {
    // Not kept: the next load starts in Vietnamese.
  }
});

if (typeof document !== 'undefined') document.title = i18n.t('app.title');

export function setLanguage(language: Language): Promise<unknown> {
  return i18n.changeLanguage(language);
}

/** The current language, for the formatting helpers. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'vi';
}
