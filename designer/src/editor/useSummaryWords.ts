import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { configFieldText } from './fieldTexts';
import type { SummaryWords } from '../model/summary';
import { useStore } from '../store';

/** The words config summaries use, in the current language; stable until the language changes. */
export function useSummaryWords(): SummaryWords {
  const { t, i18n } = useTranslation();
  const facts = useStore((s) => s.facts);
  const nodeTypes = useStore((s) => s.nodeTypes);
  const language = i18n.language;
  return useMemo(() => {
    const locale = currentLocale();
    return {
      locale,
      facts,
      operator: (name) => t(`operators.${name}`, { defaultValue: name }),
      enumValue: (field, value, type) => configFieldText(nodeTypes, type, field, locale)?.enum?.[value] ?? value,
      joiner: (mode) => t(`joiner.${mode}`),
    };
    // `language` changes the field texts as well as t.
  }, [facts, nodeTypes, language, t]);
}
