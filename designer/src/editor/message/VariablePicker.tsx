import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { templateVariableList, type TemplateVariable } from '../../model/template-edit';

const groups: TemplateVariable['group'][] = ['customer', 'order', 'coupon', 'event'];

/** A menu of the variables a message can use, by group, named in the UI language. */
export function VariablePicker({ onPick, disabled }: { onPick: (path: string) => void; disabled?: boolean | undefined }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [open, setOpen] = useState(false);
  return (
    <div
      className="variable-picker"
      // Closes when focus leaves the picker (a click in the text, Tab away) or on Escape.
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button
        type="button"
        className="btn btn-small"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        data-testid="variable-picker"
        onClick={() => setOpen((o) => !o)}
      >
        {'{{ }}'} {t('messageEditor.variables')}
      </button>
      {open && (
        <div className="variable-menu" role="menu" aria-label={t('messageEditor.variablesLabel')}>
          {groups.map((g) => (
            <div key={g} className="variable-group" role="group" aria-label={t(`messageEditor.group.${g}`)}>
              <div className="variable-group-title muted small">{t(`messageEditor.group.${g}`)}</div>
              {templateVariableList
                .filter((v) => v.group === g)
                .map((v) => (
                  <button
                    key={v.path}
                    type="button"
                    role="menuitem"
                    className="variable-item"
                    data-testid={`variable-${v.path}`}
                    // Keeps the caret where it was in the text while the menu is clicked.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => {
                      onPick(v.path);
                      setOpen(false);
                    }}
                  >
                    <span>{v.labels[locale]}</span>
                    <code className="muted small">{`{{${v.path}}}`}</code>
                  </button>
                ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
