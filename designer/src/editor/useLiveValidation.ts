import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { validateJourney } from '../../../engine/journey/validate';
import { currentLocale } from '../i18n';
import { flowToJourney } from '../model/convert';
import { registry } from '../model/registry';
import { useStore } from '../store';

const DEBOUNCE_MS = 150;

/**
 * Validates the open journey with the engine's validateJourney as it is drawn: once on open, on
 * a language change (messages are translated), and shortly after each edit, so typing or
 * dragging does not validate on every keystroke or frame.
 */
export function useLiveValidation(): void {
  const { i18n } = useTranslation();
  const language = i18n.language;
  useEffect(() => {
    const run = () => {
      const s = useStore.getState();
      if (!s.meta) return;
      s.setProblems(validateJourney(flowToJourney(s.meta, s.nodes, s.edges), registry, currentLocale()).problems);
    };
    run();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.revision === prev.revision && s.opened === prev.opened) return;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [language]);
}
