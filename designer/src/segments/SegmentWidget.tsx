import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSegments, type Segment } from '../api/segments';

/**
 * The segment picker for a config field of format `segment-id` (the segment trigger's and a
 * broadcast's segmentId): the shop's segments with their counts. An optional field may be left
 * without one; a segment deleted since stays shown as such rather than silently changing.
 */
export function SegmentWidget({ id, name, value, required, onChange, disabled, readonly }: WidgetProps<string>) {
  const { t, i18n } = useTranslation();
  const [segments, setSegments] = useState<Segment[] | null>(null);
  useEffect(() => {
    fetchSegments().then(
      (answer) => setSegments(answer.segments),
      () => setSegments([]),
    );
  }, []);
  const current = typeof value === 'string' ? value : '';
  const known = segments?.some((s) => s.id === current) ?? true;
  return (
    <select
      id={id}
      name={name}
      value={current}
      disabled={Boolean(disabled || readonly)}
      // An optional field without a segment is absent, not an empty id.
      onChange={(e) => onChange(e.target.value === '' && !required ? undefined : e.target.value)}
      data-testid={`segment-picker-${name}`}
    >
      <option value="">{required ? t('segmentsPage.picker') : t('segmentsPage.pickerNone')}</option>
      {!known && current !== '' && <option value={current}>{t('segmentsPage.pickerMissing', { id: current })}</option>}
      {(segments ?? []).map((s) => (
        <option key={s.id} value={s.id}>
          {s.name} ({s.count.toLocaleString(i18n.language)})
        </option>
      ))}
    </select>
  );
}
