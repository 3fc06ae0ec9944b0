import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { useAutosaveStatus } from './autosave';

/** The toolbar's word on saving: unsaved, autosave coming, autosaving, autosaved at a time, saved. */
export function SaveState() {
  const { t, i18n } = useTranslation();
  const dirty = useStore((s) => s.dirty);
  const isNew = useStore((s) => s.isNew);
  const { phase, at } = useAutosaveStatus();
  let text: string;
  // The header is crowded: an autosave on its way is said in the tooltip, not in more words.
  const title = dirty && phase === 'pending' && !isNew ? t('editing.autosaveSoon') : undefined;
  if (phase === 'saving') text = t('editing.autosaving');
  else if (dirty) text = t('toolbar.unsaved');
  else if (phase === 'saved' && at !== null)
    text = t('editing.autosaved', { time: new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) });
  else text = t('toolbar.saved');
  return (
    <span
      className={`save-state ${dirty ? 'is-dirty' : ''} ${phase === 'saved' && !dirty ? 'is-auto' : ''}`}
      data-testid="save-state"
      data-dirty={dirty}
      data-autosave={phase}
      title={title}
    >
      {text}
    </span>
  );
}
