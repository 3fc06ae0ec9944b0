import { useTranslation } from 'react-i18next';
import type { ShopSettings } from '../../../engine/index';
import type { SettingsPreview } from '../api/settings';
import { count, valueLabel, type Dimension } from './labels';

/** What saving would move (computed by the server on the stored data), with confirm and cancel. */
export function PreviewDialog({
  preview,
  settings,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: SettingsPreview;
  settings: ShopSettings;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const dimensions: Dimension[] = ['stage', 'tier', 'rfmSegment'];
  const moved = dimensions.some((d) => preview[d].length > 0) || preview.tags.length > 0;
  return (
    <div className="settings-preview-backdrop">
      <div className="settings-preview" role="dialog" aria-modal="true" aria-labelledby="settings-preview-title" data-testid="settings-preview">
        <h2 id="settings-preview-title">{t('settingsPage.preview.title')}</h2>
        {preview.snapshotAsOf === null && <p>{t('settingsPage.preview.noSnapshot')}</p>}
        {preview.snapshotAsOf !== null && !moved && <p>{t('settingsPage.preview.nobody')}</p>}
        {dimensions.map(
          (d) =>
            preview[d].length > 0 && (
              <div key={d}>
                <h3>{t(`settingsPage.preview.${d}`)}</h3>
                <ul>
                  {preview[d].map((m) => (
                    <li key={`${m.from}>${m.to}`} data-testid={`move-${d}`}>
                      {t('settingsPage.preview.moves', {
                        count: m.customers,
                        n: count(m.customers),
                        from: valueLabel(t, settings, d, m.from),
                        to: valueLabel(t, settings, d, m.to),
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ),
        )}
        {preview.tags.length > 0 && (
          <div>
            <h3>{t('settingsPage.preview.tags')}</h3>
            <ul>
              {preview.tags.map((tag) => (
                <li key={tag.tag}>{t('settingsPage.preview.tag', { tag: tag.tag, added: count(tag.added), removed: count(tag.removed) })}</li>
              ))}
            </ul>
          </div>
        )}
        {preview.journeys.length > 0 ? (
          <p data-testid="preview-journeys">
            {t('settingsPage.preview.journeys')}
            {preview.journeys.map((j) => t('settingsPage.preview.journey', { name: j.name, n: count(j.customers) })).join(t('settingsPage.preview.separator'))}
          </p>
        ) : (
          moved && <p className="muted">{t('settingsPage.preview.noJourneys')}</p>
        )}
        <div className="settings-actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={onConfirm} data-testid="preview-confirm">
            {t('settingsPage.preview.confirm')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={onCancel} data-testid="preview-cancel">
            {t('settingsPage.preview.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
