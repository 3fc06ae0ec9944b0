import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../engine/nodes/define';
import { en } from './en';
import { zhCN } from './zh-CN';

const STORAGE_KEY = 'huitou.locale';

function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en';
}

/** The saved choice, else the browser's language: Chinese for any zh-*, English otherwise. */
function initialLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    /* storage disabled */
  }
  if (isLocale(stored)) return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : 'en';
}

export async function setLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* the choice lasts for this page only */
  }
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

const lng = initialLocale();
document.documentElement.lang = lng;

// Resources are bundled, so initialisation is synchronous and the first render is translated.
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng,
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnObjects: false,
});

export { i18next };
