import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale } from '../i18n';

/** One button: shows the other language's name and switches to it. */
export function LanguageToggle() {
  const { t } = useTranslation();
  const next = currentLocale() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="btn btn-ghost lang-toggle"
      aria-label={t('language.label')}
      data-testid="language-toggle"
      data-locale={currentLocale()}
      onClick={() => void setLocale(next)}
    >
      {t('language.switchTo')}
    </button>
  );
}
