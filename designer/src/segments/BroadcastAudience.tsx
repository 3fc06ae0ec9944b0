import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TopLevelCondition } from '../../../engine/rules/conditions';
import { fetchSegments, type Segment } from '../api/segments';
import { PreviewPanel } from './PreviewPanel';
import { usePreview } from './usePreview';

/**
 * A broadcast's audience before it is published: how many customers it would reach now and the
 * first of them — its own audience, and its segment's condition too when it names one (as the
 * broadcast will read it when it runs).
 */
export function BroadcastAudience({ config }: { config: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const segmentId = typeof config.segmentId === 'string' && config.segmentId !== '' ? config.segmentId : undefined;
  useEffect(() => {
    if (!segmentId) return;
    fetchSegments().then(
      (answer) => setSegments(answer.segments),
      () => setSegments([]),
    );
  }, [segmentId]);
  const audience = (config.audience as TopLevelCondition | undefined) ?? { all: [] };
  const segment = segmentId ? segments?.find((s) => s.id === segmentId) : undefined;
  const condition = useMemo<TopLevelCondition | undefined>(() => {
    if (!segmentId) return audience;
    // Until the segments are read (or when it was deleted) nothing is counted.
    return segment ? { all: [segment.condition as TopLevelCondition, audience] } : undefined;
  }, [segmentId, segment, audience]);
  const preview = usePreview(condition);
  return (
    <section className="broadcast-audience" data-testid="broadcast-audience">
      <h3>{t('segmentsPage.audienceTitle')}</h3>
      <PreviewPanel preview={preview} testId="broadcast-preview" />
    </section>
  );
}
