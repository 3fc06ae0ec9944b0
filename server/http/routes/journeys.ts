import type { FastifyInstance, FastifyReply } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  createJourney,
  getJourney,
  journeyConversions,
  listJourneys,
  pauseJourney,
  publishJourney,
  resumeJourney,
  stopJourney,
  updateJourney,
  validateJourneyEndpoint,
} from '../../../contract/index';
import { stampForPublish, validateJourney, type Journey } from '../../../engine/index';
import { campaignProblems } from '../../coupons/journey-check';
import { segmentProblems } from '../../segments/journey-check';
import { smsTemplateProblems } from '../../messaging/sms-template-check';
import type { AppContext } from '../context';
import { route } from '../endpoint';
import { requestLocale } from '../locale';
import { publishWarnings } from '../publish-warnings';
import { JourneyExistsError } from '../../journeys/journey-store';
import { pauseSignal, resumeSignal, stopSignal } from '../../../workflows/shared';

const providerNames = { aliyun: 'Aliyun SMS', tencent: 'Tencent Cloud SMS' } as const;

export function journeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ error: 'not_found', message: `no journey with id "${id}"` });

  route(app, listJourneys, async () => ({ journeys: await ctx.journeys.list() }));

  // The document's shape is checked by the contract; a draft may still have graph problems, reported alongside.
  route(app, createJourney, async ({ body, request, reply }) => {
    try {
      const journey = await ctx.journeys.create(body);
      return { journey, problems: validateJourney(journey, ctx.registry, requestLocale(request)).problems };
    } catch (e) {
      if (e instanceof JourneyExistsError) return reply.code(409).send({ error: 'conflict', message: e.message });
      throw e;
    }
  });

  route(app, getJourney, async ({ params, reply }) => {
    const journey = await ctx.journeys.get(params.id);
    if (!journey) return notFound(reply, params.id);
    return { journey, versions: await ctx.journeys.versions(journey.id) };
  });

  route(app, updateJourney, async ({ params, body: doc, request, reply }) => {
    if (doc.id !== params.id) {
      return reply
        .code(400)
        .send({ error: 'invalid_journey', problems: [{ path: 'id', code: 'invalid', message: `id: must be "${params.id}", the journey being saved` }] });
    }
    const journey = await ctx.journeys.update(doc);
    if (!journey) return notFound(reply, doc.id);
    return { journey, problems: validateJourney(journey, ctx.registry, requestLocale(request)).problems };
  });

  route(app, validateJourneyEndpoint, async ({ body, request }) => {
    const result = validateJourney(body, ctx.registry, requestLocale(request));
    return { ok: result.ok, problems: result.problems };
  });

  route(app, publishJourney, async ({ params, request, reply }) => {
    const draft = await ctx.journeys.get(params.id);
    if (!draft) return notFound(reply, params.id);
    // Validated as it will be published: each node at the version stamped (the latest installed).
    const stamp = (d: Journey) => stampForPublish(d, ctx.registry);
    const result = validateJourney(stamp(draft), ctx.registry, requestLocale(request));
    if (!result.ok) return reply.code(400).send({ error: 'invalid_journey', problems: result.problems });
    const locale = requestLocale(request);
    const references = [
      ...(await campaignProblems(ctx.db, draft, locale)),
      ...(await segmentProblems(ctx.db, draft, locale)),
      ...smsTemplateProblems(draft, (await ctx.settings.shop()).sms.templates, ctx.smsProvider && providerNames[ctx.smsProvider], locale),
    ];
    if (references.length > 0) return reply.code(400).send({ error: 'invalid_journey', problems: references });
    const published = await ctx.journeys.publish(draft.id, stamp);
    if (!published) return notFound(reply, draft.id);
    ctx.log.info({ journeyId: draft.id, version: published.version }, 'journey published');
    // A broadcast trigger is scheduled for its time (replacing one of an earlier version).
    const broadcast = await ctx.triggers?.afterPublish(published.journey, published.version);
    // Published all the same, but said: variables nothing fills, webhooks the guard refuses.
    const warnings = await publishWarnings(ctx, published.journey, requestLocale(request));
    return { ...published, ...(broadcast ? { broadcast } : {}), warnings };
  });

  const setHeld = async (held: boolean, id: string, reply: FastifyReply) => {
    const current = await ctx.journeys.get(id);
    if (current?.status === 'stopped' || current?.status === 'draft') {
      return reply.code(409).send({ error: 'not_live', message: `journey "${current.id}" is ${current.status}; publish it to make it live again` });
    }
    const journey = await ctx.journeys.setStatus(id, held ? 'paused' : 'live');
    if (!journey) return notFound(reply, id);
    // Customers already inside hold where they are (or go on) rather than being dropped.
    for (const workflowId of await ctx.enrolments.activeForJourney(journey.id)) {
      await ctx.temporal.client.workflow
        .getHandle(workflowId)
        .signal(held ? pauseSignal : resumeSignal)
        .catch((e: Error) => ctx.log.warn({ workflowId, err: e.message }, 'could not signal a journey'));
    }
    return { journey };
  };
  route(app, pauseJourney, ({ params, reply }) => setHeld(true, params.id, reply));
  route(app, resumeJourney, ({ params, reply }) => setHeld(false, params.id, reply));

  /** The journey's conversions (its goal reached after a message it sent), by node and version. */
  route(app, journeyConversions, async ({ params, reply }) => {
    const journey = await ctx.journeys.get(params.id);
    if (!journey) return notFound(reply, params.id);
    return { goal: journey.settings.goal ?? null, conversions: await ctx.conversions.summary(journey.id) };
  });

  /**
   * Stops a journey: nobody new enters, and every customer inside leaves at once, recorded with
   * the reason `stopped`. Publishing again makes it live with a new version.
   */
  route(app, stopJourney, async ({ params, reply }) => {
    const journey = await ctx.journeys.setStatus(params.id, 'stopped');
    if (!journey) return notFound(reply, params.id);
    let signalled = 0;
    for (const workflowId of await ctx.enrolments.activeForJourney(journey.id)) {
      try {
        await ctx.temporal.client.workflow.getHandle(workflowId).signal(stopSignal);
        signalled++;
      } catch (e) {
        if (!(e instanceof WorkflowNotFoundError)) throw e;
        // Its workflow is gone (ended or never started): record the end here (every member, for a cohort).
        await ctx.enrolments.recordHostExit(workflowId, 'stopped');
      }
    }
    ctx.log.info({ journeyId: journey.id, signalled }, 'journey stopped');
    return { journey, stopping: signalled };
  });
}
