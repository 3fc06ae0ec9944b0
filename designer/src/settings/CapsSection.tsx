import { useTranslation } from 'react-i18next';
import { messageChannels } from '../../../engine/index';
import { useEditing } from './context';
import { Field, NumberInput, TextInput } from './Field';
import { Section } from './Section';

const path = ['messaging', 'frequencyCaps'] as const;

/** Frequency caps per channel: at most N marketing messages within a period. */
export function CapsSection() {
  const { t } = useTranslation();
  const { draft, readOnly, set } = useEditing();
  const caps = draft.messaging.frequencyCaps;
  return (
    <Section id="caps" title={t('settingsPage.caps.title')} help={t('settingsPage.caps.help')}>
      {caps.length === 0 && <p className="muted">{t('settingsPage.caps.none')}</p>}
      {caps.map((cap, i) => (
        <div className="settings-row" key={i} data-testid="settings-cap">
          <Field label={t('settingsPage.caps.channel')} path={[...path, i, 'channel']}>
            <select value={cap.channel} disabled={readOnly} onChange={(e) => set([...path, i, 'channel'], e.target.value)}>
              {messageChannels.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('settingsPage.caps.max')} path={[...path, i, 'max']}>
            <NumberInput path={[...path, i, 'max']} />
          </Field>
          <Field label={t('settingsPage.caps.within')} path={[...path, i, 'within']}>
            <TextInput path={[...path, i, 'within']} placeholder="P7D" />
          </Field>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-ghost btn-small settings-remove"
              onClick={() =>
                set(
                  path,
                  caps.filter((_, j) => j !== i),
                )
              }
            >
              {t('settingsPage.caps.remove')}
            </button>
          )}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="btn" onClick={() => set(path, [...caps, { channel: messageChannels[0], max: 1, within: 'P1D' }])}>
          {t('settingsPage.caps.add')}
        </button>
      )}
    </Section>
  );
}
