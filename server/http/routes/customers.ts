import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { factChangeEvents, plainMessages, zodProblems, type FactChange } from '../../../engine/index';
import { customerListQuerySchema, listCustomers } from '../../facts/customer-list';
import { addManualTag, removeManualTag } from '../../facts/manual-tags';
import { resolveAsOf } from '../../kpis/moments';
import { kpiQuerySchema } from '../../kpis/types';
import type { AppContext } from '../context';
import { access } from '../route-access';

// asOf as the KPI board takes it: a date (the end of that day in the shop's zone) or an instant with an offset.
const asOfSchema = kpiQuerySchema.pick({ asOf: true });
// A refresh recomputes the changed customers when it can; full=true recomputes every customer.
const refreshQuerySchema = asOfSchema.extend({ full: z.enum(['true', 'false']).optional() });
const tagSchema = z.string().trim().min(1, 'give a tag').max(100, 'at most 100 characters');

type IdParams = { Params: { id: string } };
type TagParams = { Params: { id: string; tag: string } };

const invalid = (reply: FastifyReply, error: z.ZodError, prefix: string[] = []) => {
  const problems = zodProblems(error, prefix);
  return reply.code(400).send({ error: 'invalid_query', message: problems.map((p) => p.message).join('; '), problems });
};

/** Customers with their facts, manual tags, and the bulk facts refresh. */
export function customerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const asOfOf = async (asOf: string | undefined) => new Date(resolveAsOf(asOf, (await ctx.settings.shop()).timezone));
  const notFound = (reply: FastifyReply, id: string) => reply.code(404).send({ error: 'not_found', message: `no customer with id "${id}"` });

  /** Stores each change as an event (ids per customer, change and day, so a repeat stores nothing new). */
  const record = async (changes: FactChange[], asOf: Date) => {
    if (changes.length === 0) return;
    const timezone = (await ctx.settings.shop()).timezone;
    await ctx.events.appendMany(factChangeEvents(changes, asOf, timezone));
  };

  app.get('/api/customers', access('analyst'), async (request, reply) => {
    const query = customerListQuerySchema.safeParse(request.query, plainMessages);
    if (!query.success) return invalid(reply, query.error);
    const page = await listCustomers(ctx.db, query.data);
    // Names, phones, emails and attributes are masked by role in the app's masking hook (http/pii-masking.ts).
    return page;
  });

  app.get<IdParams>('/api/customers/:id', access('analyst'), async (request, reply) => {
    const query = asOfSchema.safeParse(request.query, plainMessages);
    if (!query.success) return invalid(reply, query.error);
    const found = await ctx.facts.forCustomer(request.params.id, await asOfOf(query.data.asOf));
    if (!found) return notFound(reply, request.params.id);
    return { customer: found.customer, facts: found.facts };
  });

  const changeTag = (add: boolean) => async (request: { params: { id: string; tag: string } }, reply: FastifyReply) => {
    const tag = tagSchema.safeParse(request.params.tag, plainMessages);
    if (!tag.success) return invalid(reply, tag.error, ['tag']);
    const id = request.params.id;
    if (!(await ctx.facts.forCustomer(id))) return notFound(reply, id);
    const changed = add ? await addManualTag(ctx.db, id, tag.data) : await removeManualTag(ctx.db, id, tag.data);
    const asOf = new Date();
    const changes = await ctx.facts.refreshCustomer(id, asOf);
    await record(changes, asOf);
    const now = await ctx.facts.forCustomer(id, asOf);
    return { changed, tags: now?.facts.tags ?? [] };
  };
  app.put<TagParams>('/api/customers/:id/tags/:tag', access('marketer'), (request, reply) => changeTag(true)(request, reply));
  app.delete<TagParams>('/api/customers/:id/tags/:tag', access('marketer'), (request, reply) => changeTag(false)(request, reply));

  app.post('/api/facts/refresh', access('admin'), async (request, reply) => {
    const query = refreshQuerySchema.safeParse(request.query, plainMessages);
    if (!query.success) return invalid(reply, query.error);
    const asOf = await asOfOf(query.data.asOf);
    const started = performance.now();
    // The refresh stores its changes as events itself, in its own transaction.
    const summary = await ctx.facts.refreshAllSummary(asOf, { full: query.data.full === 'true' });
    const count = (kind: FactChange['kind']) => summary.changes.filter((c) => c.kind === kind).length;
    const ms = Math.round(performance.now() - started);
    ctx.log.info({ customers: summary.customers, mode: summary.mode, recomputed: summary.recomputed, changes: summary.changes.length, ms }, 'customer facts refreshed');
    return {
      asOf: asOf.toISOString(),
      mode: summary.mode,
      ...(summary.reason ? { reason: summary.reason } : {}),
      ...(summary.recomputed !== undefined ? { recomputed: summary.recomputed } : {}),
      customers: summary.customers,
      changes: { stage_changed: count('stage_changed'), tier_changed: count('tier_changed'), tagged: count('tagged') },
      eventsStored: summary.eventsStored,
      ms,
      steps: summary.timings,
    };
  });
}
