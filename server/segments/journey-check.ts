import type { Journey, Locale } from '../../engine/index';
import type { Db } from '../db/database';

export interface SegmentProblem {
  path: string;
  code: 'unknown_segment';
  message: string;
  nodeId: string;
}

/**
 * The steps of a journey that name no segment the shop has: a segment trigger without one, or a
 * step whose `segmentId` names a segment that does not exist (never made, or deleted). The engine
 * cannot know the segments (it does no I/O), so publishing checks them here, as it does coupon
 * campaigns: a journey must not go live waiting on a segment nobody can enter.
 */
export async function segmentProblems(db: Db, journey: Journey, locale: Locale): Promise<SegmentProblem[]> {
  const steps = journey.nodes
    .map((node, index) => ({ node, index, id: (node.config as { segmentId?: unknown }).segmentId }))
    .filter(({ node, id }) => node.type === 'trigger.segment' || (typeof id === 'string' && id !== ''));
  if (steps.length === 0) return [];
  const named = [...new Set(steps.map(({ id }) => (typeof id === 'string' ? id : '')).filter((id) => id !== ''))];
  const known = new Set(named.length === 0 ? [] : (await db.selectFrom('segments').select('id').where('id', 'in', named).execute()).map((r) => r.id));
  return steps
    .filter(({ id }) => typeof id !== 'string' || !known.has(id))
    .map(({ node, index, id }) => {
      const given = typeof id === 'string' ? id : '';
      const message =
        given === ''
          ? locale === 'zh-CN'
            ? 'segmentId：请选择一个人群'
            : 'segmentId: choose a segment'
          : locale === 'zh-CN'
            ? `segmentId：没有 id 为“${given}”的人群`
            : `segmentId: no segment "${given}"; make it under Segments first`;
      return { path: `nodes[${index}].config.segmentId`, code: 'unknown_segment' as const, message, nodeId: node.id };
    });
}
