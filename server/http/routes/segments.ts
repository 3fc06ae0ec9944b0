import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createSegment,
  deleteSegment,
  exportSegment,
  getSegment,
  listSegments,
  previewSegment,
  segmentInputSchema,
  updateSegment,
} from '../../../contract/index';
import { plainMessages, validateCondition, zodProblems, type Problem } from '../../../engine/index';
import { countMatching, sampleMatching } from '../../segments/segment-count';
import { segmentCsv } from '../../segments/export-csv';
import { Segments, type SegmentInput } from '../../segments/segment-store';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';

/**
 * Segments (人群). Any role reads them and previews a condition (an analyst sizes audiences too);
 * writing needs a marketer, because a segment is a journey's entry and a broadcast's audience — a
 * change moves who gets messages, the marketer's call, as publishing a journey is. The export holds
 * every member's contacts unmasked, so only admins get it.
 */
export function segmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const segments = new Segments(ctx.db, async () => (await ctx.settings.shop()).timezone);
  const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ error: 'not_found', message: `no segment with id "${id}"` });
  const refuse = (reply: FastifyReply, problems: Problem[]) =>
    reply.code(400).send({ error: 'invalid_segment', message: problems.map((p) => p.message).join('; '), problems });
  /** Who is calling: the token's name, kept as the segment's author. */
  const actor = (request: FastifyRequest): string | null => request.actor?.name ?? null;

  /** The name and description by the contract's schema, the condition by the journeys' check: every problem at once. */
  const checked = (request: FastifyRequest): { ok: true; input: SegmentInput } | { ok: false; problems: Problem[] } => {
    const locale = requestLocale(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields = segmentInputSchema.omit({ condition: true }).safeParse(body, plainMessages);
    const condition = validateCondition(body.condition, ['condition'], locale);
    const problems = [...(fields.success ? [] : zodProblems(fields.error, [], locale)), ...(condition.ok ? [] : condition.problems)];
    if (!fields.success || !condition.ok) return { ok: false, problems };
    return { ok: true, input: { ...fields.data, condition: condition.condition } };
  };

  route(app, listSegments, async () => ({ segments: await segments.list() }));

  route(app, getSegment, async ({ params, reply }) => {
    const segment = await segments.get(params.id);
    return segment ? { segment } : notFound(reply, params.id);
  });

  route(app, createSegment, async ({ request, reply }) => {
    const input = checked(request);
    if (!input.ok) return refuse(reply, input.problems);
    return { segment: await segments.create(input.input, actor(request)) };
  });

  route(app, updateSegment, async ({ params, request, reply }) => {
    const input = checked(request);
    if (!input.ok) return refuse(reply, input.problems);
    const segment = await segments.update(params.id, input.input, actor(request));
    return segment ? { segment } : notFound(reply, params.id);
  });

  route(app, deleteSegment, async ({ params, reply }) => ((await segments.delete(params.id)) ? { deleted: true } : notFound(reply, params.id)));

  route(app, previewSegment, async ({ request, reply }) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const condition = validateCondition(body.condition, ['condition'], requestLocale(request));
    if (!condition.ok) return refuse(reply, condition.problems);
    const asOf = new Date();
    const [count, sample] = await Promise.all([countMatching(ctx.db, condition.condition, asOf), sampleMatching(ctx.db, condition.condition, asOf)]);
    // Contacts in the sample are masked by role in the app's masking hook (http/pii-masking.ts).
    return { count, sample };
  });

  route(app, exportSegment, async ({ params, reply }) => {
    const segment = await segments.get(params.id);
    if (!segment) return notFound(reply, params.id);
    const file = `segment-${segment.id}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(segmentCsv(ctx.db, segment.id));
  });
}
