import { Fragment, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { isMac, SHORTCUT_LIST } from './shortcuts';

/** The "?" overlay: every shortcut of the editor, in the UI's language. Esc or a click outside closes it. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const keyName = (k: string) => (k === 'mod' ? (isMac ? '⌘' : 'Ctrl') : k === 'drag' || k === 'click' ? t(`editing.keyNames.${k}`) : k);
  // Portalled to the page: inside the canvas it would pan and zoom with React Flow's pane events.
  return createPortal(
    <div className="shortcut-backdrop" onClick={onClose}>
      <div
        className="shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        data-shortcuts
        data-testid="shortcut-help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="shortcut-title">{t('editing.helpTitle')}</h2>
        <dl>
          {SHORTCUT_LIST.map(({ id, keys }) => (
            <Fragment key={id}>
              <dt>
                {keys.map((chord, i) => (
                  <Fragment key={i}>
                    {i > 0 && <span className="muted"> {t('editing.keyNames.or')} </span>}
                    {chord.map((k, j) => (
                      <Fragment key={j}>
                        {j > 0 && '+'}
                        <kbd>{keyName(k)}</kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </dt>
              <dd>{t(`editing.keys.${id}`)}</dd>
            </Fragment>
          ))}
        </dl>
        <div className="shortcut-actions">
          <button type="button" className="btn" ref={close} onClick={onClose} data-testid="shortcut-help-close">
            {t('editing.close')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
