import { useTranslation } from 'react-i18next';
import { Field, NumberInput } from './Field';
import type { Path } from './draft';

const dimensions = ['recencyDays', 'frequency', 'monetary'] as const;

/** The four thresholds of each RFM dimension at `path` (rfm.ranges, or one category's). */
export function RangesRow({ path }: { path: Path }) {
  const { t } = useTranslation();
  return (
    <div className="settings-ranges">
      {dimensions.map((d) => (
        <Field key={d} label={t(`settingsPage.rfm.${d}`)} path={[...path, d]}>
          <span className="settings-thresholds">
            {[0, 1, 2, 3].map((i) => (
              <NumberInput key={i} path={[...path, d, i]} />
            ))}
          </span>
        </Field>
      ))}
    </div>
  );
}
