import { useTranslation } from 'react-i18next';
import { useEditing } from './context';
import { Field, NumberInput, Problems, TextInput } from './Field';
import { Section } from './Section';

/** Member tiers: each reached by lifetime spend or order count, with the shop's own name (or the default one). */
export function TiersSection() {
  const { t } = useTranslation();
  const { draft } = useEditing();
  return (
    <Section id="tiers" title={t('settingsPage.tiers.title')} help={t('settingsPage.tiers.help')}>
      <table className="settings-table">
        <thead>
          <tr>
            <th>{t('settingsPage.tiers.tier')}</th>
            <th>{t('settingsPage.tiers.name')}</th>
            <th>{t('settingsPage.tiers.minSpend')}</th>
            <th>{t('settingsPage.tiers.minOrders')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.tiers.map((tier, i) => (
            <tr key={tier.id} data-testid={`tier-${tier.id}`}>
              <td>{t(`kpi.tiers.${tier.id}`)}</td>
              <td>
                <Field label={t('settingsPage.tiers.name')} path={['tiers', i, 'name']}>
                  <TextInput path={['tiers', i, 'name']} placeholder={t(`kpi.tiers.${tier.id}`)} empty={undefined} />
                </Field>
              </td>
              <td>
                <Field label={t('settingsPage.tiers.minSpend')} path={['tiers', i, 'minSpend']}>
                  <NumberInput path={['tiers', i, 'minSpend']} />
                </Field>
              </td>
              <td>
                <Field label={t('settingsPage.tiers.minOrders')} path={['tiers', i, 'minOrders']}>
                  <NumberInput path={['tiers', i, 'minOrders']} />
                </Field>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Problems path={['tiers']} exact />
    </Section>
  );
}
