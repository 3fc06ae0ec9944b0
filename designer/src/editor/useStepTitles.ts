import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { useStore } from '../store';

/** Each step's title in the current language, to name steps in lists; ids alone say little. */
export function useStepTitles(): Map<string, string> {
  const { i18n } = useTranslation();
  const nodes = useStore((s) => s.nodes);
  const catalog = useStore((s) => s.nodeTypes);
  const language = i18n.language;
  return useMemo(() => {
    const locale = currentLocale();
    return new Map(nodes.map((n) => [n.id, catalog[n.data.nodeType]?.labels[locale].title ?? n.data.nodeType]));
    // language: titles follow it.
  }, [nodes, catalog, language]);
}
