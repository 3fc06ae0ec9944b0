import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditing } from './context';
import { Field, NumberInput } from './Field';
import { RangesRow } from './RangesRow';
import { Section } from './Section';

/** RFM: the window, quintiles or fixed ranges, and ranges per main category. */
export function RfmSection() {
  const { t } = useTranslation();
  const { draft, readOnly, set } = useEditing();
  const [category, setCategory] = useState('');
  const { scoring, byCategory } = draft.rfm;
  const add = () => {
    const name = category.trim();
    if (!name || byCategory[name]) return;
    set(['rfm', 'byCategory', name], structuredClone(draft.rfm.ranges));
    setCategory('');
  };
  return (
    <Section id="rfm" title={t('settingsPage.rfm.title')}>
      <Field label={t('settingsPage.rfm.windowDays')} path={['rfm', 'windowDays']}>
        <NumberInput path={['rfm', 'windowDays']} />
      </Field>
      <fieldset className="settings-choice" disabled={readOnly}>
        <legend>{t('settingsPage.rfm.scoring')}</legend>
        {(['quintiles', 'ranges'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="rfm-scoring" value={s} checked={scoring === s} onChange={() => set(['rfm', 'scoring'], s)} />
            {t(`settingsPage.rfm.${s}`)}
          </label>
        ))}
      </fieldset>
      {scoring === 'ranges' && (
        <>
          <p className="muted small">{t('settingsPage.rfm.rangesHelp')}</p>
          <RangesRow path={['rfm', 'ranges']} />
          <h3>{t('settingsPage.rfm.byCategory')}</h3>
          {Object.keys(byCategory).map((name) => (
            <div key={name} className="settings-category" data-testid={`rfm-category-${name}`}>
              <strong>{name}</strong>
              <RangesRow path={['rfm', 'byCategory', name]} />
              {!readOnly && (
                <button type="button" className="btn btn-ghost btn-small settings-remove" onClick={() => set(['rfm', 'byCategory', name], undefined)}>
                  {t('settingsPage.rfm.removeCategory')}
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <div className="settings-row">
              <input
                type="text"
                aria-label={t('settingsPage.rfm.category')}
                placeholder={t('settingsPage.rfm.category')}
                value={category}
                onChange={(e) => setCategory(e.target.value)}
              />
              <button type="button" className="btn" onClick={add}>
                {t('settingsPage.rfm.addCategory')}
              </button>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
