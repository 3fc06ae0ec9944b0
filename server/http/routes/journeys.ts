import type { FastifyInstance, FastifyReply } from 'fastify';
import { journeySchema, plainMessages, stampForPublish, validateJourney, zodProblems, type Journey } from '../../../engine/index';
import { campaignProblems } from '../../coupons/journey-check';
import type { AppContext } from '../context';
import { access } from '../route-access';
import { requestLocale } from '../locale';
import { publishWarnings } from '../publish-warnings';
import { JourneyExistsError } from '../../store/journeys';
import { pauseSignal, resumeSignal, stopSignal } from '../../../workflows/shared';
import { WorkflowNotFoundError } from '@temporalio/client';

type IdParams = { Params: { id: string } };

export function journeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ error: 'not_found', message: `no journey with id "${id}"` });

  /** Parses the document's shape; a draft may still have graph problems, reported alongside. */
  const parseDocument = (body: unknown, reply: FastifyReply): Journey | undefined => {
    const parsed = journeySchema.safeParse(body, plainMessages);
    if (parsed.success) return parsed.data;
    void reply.code(400).send({ error: 'invalid_journey', problems: zodProblems(parsed.error, [], requestLocale(reply.request)) });
    return undefined;
  };

  app.get('/api/journeys', access('analyst'), async () => ({ journeys: await ctx.journeys.list() }));

  app.post('/api/journeys', access('marketer'), async (request, reply) => {
    const doc = parseDocument(request.body, reply);
    if (!doc) return reply;
    try {
      const journey = await ctx.journeys.create(doc);
      return reply.code(201).send({ journey, problems: validateJourney(journey, ctx.registry, requestLocale(request)).problems });
    } catch (e) {
      if (e instanceof JourneyExistsError) return reply.code(409).send({ error: 'conflict', message: e.message });
      throw e;
    }
  });

  app.get<IdParams>('/api/journeys/:id', access('analyst'), async (request, reply) => {
    const journey = await ctx.journeys.get(request.params.id);
    if (!journey) return notFound(reply, request.params.id);
    return { journey, versions: await ctx.journeys.versions(journey.id) };
  });

  app.put<IdParams>('/api/journeys/:id', access('marketer'), async (request, reply) => {
    const doc = parseDocument(request.body, reply);
    if (!doc) return reply;
    if (doc.id !== request.params.id) {
      return reply.code(400).send({ error: 'invalid_journey', problems: [{ path: 'id', code: 'invalid', message: `id: must be "${request.params.id}", the journey being saved` }] });
    }
    const journey = await ctx.journeys.update(doc);
    if (!journey) return notFound(reply, doc.id);
    return { journey, problems: validateJourney(journey, ctx.registry, requestLocale(request)).problems };
  });

  app.post('/api/journeys/validate', access('marketer'), async (request) => {
    const result = validateJourney(request.body, ctx.registry, requestLocale(request));
    return { ok: result.ok, problems: result.problems };
  });

  app.post<IdParams>('/api/journeys/:id/publish', access('marketer'), async (request, reply) => {
    const draft = await ctx.journeys.get(request.params.id);
    if (!draft) return notFound(reply, request.params.id);
    // Validated as it will be published: each node at the version stamped (the latest installed).
    const stamp = (d: Journey) => stampForPublish(d, ctx.registry);
    const result = validateJourney(stamp(draft), ctx.registry, requestLocale(request));
    if (!result.ok) return reply.code(400).send({ error: 'invalid_journey', problems: result.problems });
    const campaigns = await campaignProblems(ctx.db, draft, requestLocale(request));
    if (campaigns.length > 0) return reply.code(400).send({ error: 'invalid_journey', problems: campaigns });
    const published = await ctx.journeys.publish(draft.id, stamp);
    if (!published) return notFound(reply, draft.id);
    ctx.log.info({ journeyId: draft.id, version: published.version }, 'journey published');
    // A broadcast trigger is scheduled for its time (replacing one of an earlier version).
    const broadcast = await ctx.triggers?.afterPublish(published.journey, published.version);
    // Published all the same, but said: variables nothing fills, webhooks the guard refuses.
    const warnings = await publishWarnings(ctx, published.journey, requestLocale(request));
    return { ...published, ...(broadcast ? { broadcast } : {}), warnings };
  });

  const setHeld = (held: boolean) => async (request: { params: { id: string } }, reply: FastifyReply) => {
    const current = await ctx.journeys.get(request.params.id);
    if (current?.status === 'stopped' || current?.status === 'draft') {
      return reply.code(409).send({ error: 'not_live', message: `journey "${current.id}" is ${current.status}; publish it to make it live again` });
    }
    const journey = await ctx.journeys.setStatus(request.params.id, held ? 'paused' : 'live');
    if (!journey) return notFound(reply, request.params.id);
    // Customers already inside hold where they are (or go on) rather than being dropped.
    for (const workflowId of await ctx.enrolments.activeForJourney(journey.id)) {
      await ctx.temporal.client.workflow
        .getHandle(workflowId)
        .signal(held ? pauseSignal : resumeSignal)
        .catch((e: Error) => ctx.log.warn({ workflowId, err: e.message }, 'could not signal a journey'));
    }
    return { journey };
  };
  app.post<IdParams>('/api/journeys/:id/pause', access('marketer'), (request, reply) => setHeld(true)(request, reply));
  app.post<IdParams>('/api/journeys/:id/resume', access('marketer'), (request, reply) => setHeld(false)(request, reply));

  /** The journey's conversions (its goal reached after a message it sent), by node and version. */
  app.get<IdParams>('/api/journeys/:id/conversions', access('analyst'), async (request, reply) => {
    const journey = await ctx.journeys.get(request.params.id);
    if (!journey) return notFound(reply, request.params.id);
    return { goal: journey.settings.goal ?? null, conversions: await ctx.conversions.summary(journey.id) };
  });

  /**
   * Stops a journey: nobody new enters, and every customer inside leaves at once, recorded with
   * the reason `stopped`. Publishing again makes it live with a new version.
   */
  app.post<IdParams>('/api/journeys/:id/stop', access('marketer'), async (request, reply) => {
    const journey = await ctx.journeys.setStatus(request.params.id, 'stopped');
    if (!journey) return notFound(reply, request.params.id);
    let signalled = 0;
    for (const workflowId of await ctx.enrolments.activeForJourney(journey.id)) {
      try {
        await ctx.temporal.client.workflow.getHandle(workflowId).signal(stopSignal);
        signalled++;
      } catch (e) {
        if (!(e instanceof WorkflowNotFoundError)) throw e;
        // Its workflow is gone (ended or never started): record the end here.
        await ctx.enrolments.recordExit(workflowId, 'stopped');
      }
    }
    ctx.log.info({ journeyId: journey.id, signalled }, 'journey stopped');
    return { journey, stopping: signalled };
  });
}
