import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/**
 * Opens and closes the simulate drawer. It sits on the canvas's top-right corner rather than in the
 * toolbar, which a live journey already fills (save, versions, stats, publish, pause, stop).
 */
export function SimulateToggle() {
  const { t } = useTranslation();
  const open = useStore((s) => s.simulateOpen);
  const setOpen = useStore((s) => s.setSimulateOpen);
  return (
    <button
      type="button"
      className={`btn sim-toggle ${open ? 'is-active' : ''}`}
      aria-pressed={open}
      onClick={() => setOpen(!open)}
      data-testid="simulate-toggle"
    >
      ▶ {t('simulate.open')}
    </button>
  );
}
