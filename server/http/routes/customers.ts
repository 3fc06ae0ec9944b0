import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  addCustomerTag,
  countCustomersEndpoint,
  getCustomer,
  getCustomerActivity,
  listCustomersEndpoint,
  refreshFacts,
  removeCustomerTag,
} from '../../../contract/index';
import { factChangeEvents, type FactChange } from '../../../engine/index';
import { subscriptionsOf } from '../../customers/consent';
import { customerActivity } from '../../customers/customer-activity';
import { countCustomers } from '../../facts/customer-count';
import { listCustomers } from '../../facts/customer-list';
import { addManualTag, removeManualTag } from '../../facts/manual-tags';
import { resolveAsOf } from '../../kpis/moments';
import type { AppContext } from '../context';
import { route } from '../endpoint';

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

  route(app, listCustomersEndpoint, async ({ query }) => {
    const page = await listCustomers(ctx.db, query);
    // Names, phones, emails and attributes are masked by role in the app's masking hook (http/pii-masking.ts).
    return page;
  });

  route(app, countCustomersEndpoint, ({ query }) => countCustomers(ctx.db, query));

  route(app, getCustomer, async ({ params, query, reply }) => {
    const found = await ctx.facts.explainedForCustomer(params.id, await asOfOf(query.asOf));
    if (!found) return notFound(reply, params.id);
    return { ...found, subscriptions: await subscriptionsOf(ctx.db, params.id) };
  });

  // Message texts and recipients are masked with the customer's contacts by the masking hook (the id is in the path).
  route(app, getCustomerActivity, async ({ params, query, reply }) => {
    const known = await ctx.db.selectFrom('customers').select('id').where('id', '=', params.id).executeTakeFirst();
    if (!known && !(await ctx.facts.forCustomer(params.id))) return notFound(reply, params.id);
    return customerActivity(ctx.db, params.id, query.limit);
  });

  const changeTag = async (add: boolean, { id, tag }: { id: string; tag: string }, reply: FastifyReply) => {
    if (!(await ctx.facts.forCustomer(id))) return notFound(reply, id);
    const changed = add ? await addManualTag(ctx.db, id, tag) : await removeManualTag(ctx.db, id, tag);
    const asOf = new Date();
    const changes = await ctx.facts.refreshCustomer(id, asOf);
    await record(changes, asOf);
    const now = await ctx.facts.forCustomer(id, asOf);
    return { changed, tags: now?.facts.tags ?? [] };
  };
  route(app, addCustomerTag, ({ params, reply }) => changeTag(true, params, reply));
  route(app, removeCustomerTag, ({ params, reply }) => changeTag(false, params, reply));

  route(app, refreshFacts, async ({ query }) => {
    const asOf = await asOfOf(query.asOf);
    const started = performance.now();
    // The refresh stores its changes as events itself, in its own transaction.
    const summary = await ctx.facts.refreshAllSummary(asOf, { full: query.full === 'true' });
    const count = (kind: FactChange['kind']) => summary.changes.filter((c) => c.kind === kind).length;
    const ms = Math.round(performance.now() - started);
    ctx.log.info(
      { customers: summary.customers, mode: summary.mode, recomputed: summary.recomputed, changes: summary.changes.length, ms },
      'customer facts refreshed',
    );
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
