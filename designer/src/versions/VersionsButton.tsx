import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { VersionsPanel } from './VersionsPanel';

/** The toolbar's 版本/Versions button; the history opens over the editor. */
export function VersionsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="open-versions">
        {t('versions.open')}
      </button>
      {open && createPortal(<VersionsPanel onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}
