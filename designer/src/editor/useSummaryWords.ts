import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { configFieldText } from './fieldTexts';
import type { SummaryWords } from '../model/summary';
import { useStore } from '../store';
import { useSegmentNames } from '../segments/useSegmentNames';

/** The words config summaries use, in the current language; stable until the language changes. */
export function useSummaryWords(): SummaryWords {
  const { t, i18n } = useTranslation();
  const facts = useStore((s) => s.facts);
  const nodeTypes = useStore((s) => s.nodeTypes);
  const language = i18n.language;
  const segments = useSegmentNames();
  return useMemo(() => {
    const locale = currentLocale();
    return {
      locale,
      facts,
      operator: (name) => t(`operators.${name}`, { defaultValue: name }),
      // A segment field names the segment, not its id.
      enumValue: (field, value, type) =>
        configFieldText(nodeTypes, type, field, locale)?.enum?.[value] ?? (isSegmentField(nodeTypes, type, field) ? segments.get(value) : undefined) ?? value,
      joiner: (mode) => t(`joiner.${mode}`),
    };
    // `language` changes the field texts as well as t.
  }, [facts, nodeTypes, language, t, segments]);
}

/** Whether the step type's config field holds a segment's id (its JSON Schema format `segment-id`). */
function isSegmentField(nodeTypes: ReturnType<typeof useStore.getState>['nodeTypes'], type: string | undefined, field: string): boolean {
  const properties = type ? (nodeTypes[type]?.configSchema as { properties?: Record<string, { format?: unknown }> } | undefined)?.properties : undefined;
  return properties?.[field]?.format === 'segment-id';
}
