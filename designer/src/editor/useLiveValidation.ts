import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { validateJourney } from '../../../engine/journey/validate';
import { currentLocale } from '../i18n';
import { flowToJourney } from '../model/convert';
import { registry } from '../model/registry';
import { useStore, type Store } from '../store';

const DEBOUNCE_MS = 150;

/**
 * Validates the open journey with the engine's validateJourney as it is drawn: once on open, on
 * a language change (messages are translated), and shortly after each edit, so typing or
 * dragging does not validate on every keystroke or frame.
 */
/** True when only positions (or sizes, selection) changed: same edges, meta and step data. */
function onlyMoved(prev: Store, s: Store): boolean {
  if (s.edges !== prev.edges || s.meta !== prev.meta || s.nodes.length !== prev.nodes.length) return false;
  return s.nodes.every((n, i) => n.id === prev.nodes[i]!.id && n.data === prev.nodes[i]!.data);
}

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
      // Moving steps changes nothing validation looks at; a large journey would be validated
      // again after every pause in a drag.
      if (s.opened === prev.opened && onlyMoved(prev, s)) return;
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [language]);
}
