import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../common/StatusBadge';
import { SaveState } from './SaveState';
import { useStore } from '../store';
import { VersionsButton } from '../versions/VersionsButton';
import { StatsControls } from '../stats/StatsControls';
import { StopButton } from '../stats/StopButton';
import { closeJourney, saveJourney, setPaused } from './actions';
import { PublishDialog } from './PublishDialog';

/** Back to the list, the journey's name, its status and version, and what can be done with it. */
export function EditorToolbar() {
  const { t } = useTranslation();
  const meta = useStore((s) => s.meta);
  const busy = useStore((s) => s.busy);
  const rename = useStore((s) => s.rename);
  // Publishing asks first: the dialog shows the problems or the worst case for one customer.
  const [confirming, setConfirming] = useState(false);

  // Ctrl/Cmd+S saves, as in every editor, instead of saving the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveJourney();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!meta) return null;
  return (
    <div className="toolbar">
      <button type="button" className="btn btn-ghost" onClick={closeJourney} data-testid="back">
        ← {t('toolbar.back')}
      </button>
      <input
        className="journey-name-input"
        aria-label={t('toolbar.name')}
        value={meta.name}
        maxLength={200}
        onChange={(e) => rename(e.target.value)}
        data-testid="journey-name"
      />
      <StatusBadge status={meta.status} version={meta.version} testId="status-badge" />
      <SaveState />
      <span className="toolbar-spacer" />
      <StatsControls />
      <VersionsButton />
      <button type="button" className="btn" disabled={busy !== null} onClick={() => void saveJourney()} data-testid="save">
        {busy === 'saving' ? t('toolbar.saving') : t('toolbar.save')}
      </button>
      <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => setConfirming(true)} data-testid="publish">
        {busy === 'publishing' ? t('toolbar.publishing') : t('toolbar.publish')}
      </button>
      {confirming && <PublishDialog onClose={() => setConfirming(false)} />}
      {meta.status === 'live' && (
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void setPaused(true)} data-testid="pause">
          {t('toolbar.pause')}
        </button>
      )}
      {meta.status === 'paused' && (
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void setPaused(false)} data-testid="resume">
          {t('toolbar.resume')}
        </button>
      )}
      <StopButton />
    </div>
  );
}
