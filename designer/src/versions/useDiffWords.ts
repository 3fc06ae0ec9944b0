import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { configFieldText } from '../editor/fieldTexts';
import { useSummaryWords } from '../editor/useSummaryWords';
import { plainTitle, type DiffWords } from '../model/diff-words';
import { portLabelsOf } from '../model/registry';
import { useStore } from '../store';

/** The diff's words in the current language: step titles and field titles from the catalog. */
export function useDiffWords(): DiffWords {
  const { t } = useTranslation();
  const summary = useSummaryWords();
  const catalog = useStore((s) => s.nodeTypes);
  return useMemo(() => {
    const locale = summary.locale;
    const properties = (type: string) => (catalog[type]?.configSchema as { properties?: Record<string, { title?: string }> } | undefined)?.properties ?? {};
    return {
      ...summary,
      t: (key, params) => t(key, params ?? {}),
      nodeTitle: (type) => catalog[type]?.labels[locale].title ?? type,
      fieldTitle: (type, field) => {
        if (type === null) return t(`versions.settings.${field}`, { defaultValue: field });
        return plainTitle(configFieldText(catalog, type, field, locale)?.title ?? properties(type)[field]?.title ?? field);
      },
      fieldOrder: (type) => Object.keys(properties(type)),
      portLabel: (type, config, port) => portLabelsOf(type, config)[port] ?? catalog[type]?.labels[locale].ports?.[port] ?? port,
    };
  }, [summary, catalog, t]);
}
