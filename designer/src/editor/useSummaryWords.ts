import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale, fieldTexts } from '../i18n';
import type { SummaryWords } from '../model/summary';
import { useStore } from '../store';

/** The words config summaries use, in the current language; stable until the language changes. */
export function useSummaryWords(): SummaryWords {
  const { t, i18n } = useTranslation();
  const facts = useStore((s) => s.facts);
  const language = i18n.language;
  return useMemo(() => {
    const locale = currentLocale();
    const fields = fieldTexts(locale);
    return {
      locale,
      facts,
      operator: (name) => t(`operators.${name}`, { defaultValue: name }),
      enumValue: (field, value) => fields[field]?.enum?.[value] ?? value,
      joiner: (mode) => t(`joiner.${mode}`),
    };
    // `language` changes the field texts as well as t.
  }, [facts, language, t]);
}
