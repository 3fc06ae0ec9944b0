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
  if (phase === 'saving') text = t('editing.autosaving');
  else if (dirty) text = phase === 'pending' && !isNew ? t('editing.autosaveSoon') : t('toolbar.unsaved');
  else if (phase === 'saved' && at !== null) text = t('editing.autosaved', { time: new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) });
  else text = t('toolbar.saved');
  return (
    <span className={`save-state ${dirty ? 'is-dirty' : ''} ${phase === 'saved' && !dirty ? 'is-auto' : ''}`} data-testid="save-state" data-dirty={dirty} data-autosave={phase}>
      {text}
    </span>
  );
}
