import type { FastifyInstance, FastifyRequest } from 'fastify';
import { seesPii } from '../facts/pii';
import { maskPii } from '../facts/pii-mask';
import type { KnownContacts } from '../facts/pii-text';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Customers a route shows whose ids are neither in the request nor in a JSON answer (a CSV
     * export of many customers): a route adds them here so their names are masked too.
     */
    shownCustomers: Set<string>;
  }
}

/** The stored contacts of these customer ids. */
export type ContactLookup = (ids: Iterable<string>) => Promise<KnownContacts[]>;

/**
 * Masks personal data in every /api answer for roles that may not see contacts, in one place: a
 * `preSerialization` hook on the whole app, so a route shows customer data without doing anything
 * for it and a new route cannot forget it. It finds which customers an answer concerns (ids in the
 * request and in the answer), looks up their stored name, phone and email once, and hands the
 * answer to maskPii. Text answers (`text/csv`, `text/plain`) get the same masking in `onSend`.
 */
export function registerPiiMasking(app: FastifyInstance, contactsOf: ContactLookup): void {
  app.decorateRequest('shownCustomers', null as unknown as Set<string>);
  app.addHook('onRequest', async (request) => {
    request.shownCustomers = new Set();
  });
  const applies = (request: FastifyRequest) => request.url.startsWith('/api/') && request.role !== null && request.role !== undefined && !seesPii(request.role);

  app.addHook('preSerialization', async (request: FastifyRequest, reply, payload: unknown) => {
    if (!applies(request)) return payload;
    let customers: KnownContacts[];
    try {
      customers = await contactsOf(customerIdsOf(request, payload));
    } catch {
      // Without the contacts, names could pass unmasked: answer nothing rather than too much.
      reply.code(503);
      return { error: 'unavailable', message: 'the answer could not be checked for personal data; try again' };
    }
    return maskPii(payload, { customers: [...customers, ...contactsGiven(request.body)], role: request.role });
  });

  app.addHook('onSend', async (request, reply, payload: unknown) => {
    if (!applies(request) || typeof payload !== 'string') return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    // JSON went through preSerialization above; other text is masked here as a whole.
    if (type.startsWith('application/json')) return payload;
    // A lookup failure fails the request: better no answer than one with names in it.
    const customers = await contactsOf(customerIdsOf(request, undefined));
    return maskPii(payload, { customers: [...customers, ...contactsGiven(request.body)], role: request.role });
  });
}

const customerKeys = new Set(['customerId', 'customer_id']);

/**
 * The customer ids an answer concerns: the request's (path parameters, `customerId` in the query
 * or body, a stored customer named by `customer` or listed in `customerIds`) and the answer's
 * (every `customerId`, and the `id` of each customer-shaped object: under `customer`/`customers`,
 * or carrying a `phone` or `email`), and those the route added to `request.shownCustomers`.
 * Looking up an id that is not a customer costs nothing.
 */
export function customerIdsOf(request: FastifyRequest, payload: unknown): Set<string> {
  const ids = new Set<string>(request.shownCustomers);
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.length > 0 && v.length <= 200) ids.add(v);
  };
  for (const v of Object.values(asRecord(request.params))) add(v);
  const query = asRecord(request.query);
  add(query.customerId);
  const body = asRecord(request.body);
  add(body.customerId);
  add(typeof body.customer === 'string' ? body.customer : asRecord(body.customer).id);
  if (Array.isArray(body.customerIds)) body.customerIds.forEach(add);

  const walk = (v: unknown, customerShaped: boolean) => {
    if (Array.isArray(v)) return v.forEach((item) => walk(item, customerShaped));
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (customerShaped || 'phone' in o || 'email' in o) add(o.id);
    for (const [k, item] of Object.entries(o)) {
      if (customerKeys.has(k)) add(item);
      else if (typeof item === 'object') walk(item, k === 'customer' || k === 'customers');
    }
  };
  walk(payload, false);
  return ids;
}

/** The contacts a caller typed in (a made-up customer to simulate or preview): masked in what comes back too. */
function contactsGiven(body: unknown): KnownContacts[] {
  const customer = asRecord(asRecord(body).customer);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const given = { name: text(customer.name), phone: text(customer.phone), email: text(customer.email) };
  return given.name || given.phone || given.email ? [given] : [];
}

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
