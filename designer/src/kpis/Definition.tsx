import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A metric's name with its definition on hover (or keyboard focus): how the number is counted is
 * part of reading it, so every figure on the board carries one.
 */
export function Definition({ id, name, text, children }: { id: string; name: string; text: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const tipId = useId();
  return (
    <span className="definition" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)} data-testid={`definition-${id}`}>
      <span className="definition-name">{children ?? name}</span>
      <button
        type="button"
        className="definition-icon"
        aria-label={t('kpi.definition', { name })}
        aria-describedby={open ? tipId : undefined}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      {open && (
        <span role="tooltip" id={tipId} className="definition-tip" data-testid={`definition-${id}-text`}>
          {text}
        </span>
      )}
    </span>
  );
}
