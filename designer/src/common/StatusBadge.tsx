import { useTranslation } from 'react-i18next';
import type { JourneyStatus } from '../../../engine/journey/schema';

/** Status and published version; `data-status`/`data-version` are for tests and styling. */
export function StatusBadge({ status, version, testId }: { status: JourneyStatus; version: number; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-testid={testId} data-status={status} data-version={version}>
      {t(`status.${status}`)} · {version > 0 ? t('status.version', { version }) : t('status.unpublished')}
    </span>
  );
}
