import type { CustomerEvent } from '../../events/schema';
import { isLeaf, type Condition, type LeafCondition, type TopLevelCondition } from '../conditions';
import { evaluateCondition } from '../evaluate';
import { leafPredicate } from './leaf';
import { allOf, always, anyOf, negate, type AudiencePredicate, type AudienceValue, type CompiledAudience } from './predicate';

/** What a decision knows besides the stored customer: for a broadcast, its synthetic event per customer. */
export interface AudienceContext {
  event(customerId: string): CustomerEvent;
}

/** JSONPath members this compiles: plain names; `length` (of strings and arrays) and `__proto__` are left to the engine. */
const member = /^[\p{L}_][\p{L}\p{N}_]*$/u;
function pathOf(path: string | undefined): string[] | null {
  if (path === undefined || path === '') return [];
  if (!path.startsWith('$.')) return null;
  const parts = path.slice(2).split('.');
  return parts.every((p) => member.test(p) && p !== 'length' && p !== '__proto__') ? parts : null;
}

/** The almanac's path step (almanac.js factValue + jsonpath-plus for plain members): objects only, own keys, truthy steps. */
export function atPath(value: unknown, path: string[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return value;
  let at: unknown = value;
  for (const step of path) {
    if (!at || !Object.hasOwn(at as object, step)) return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at;
}

class NotCompiled extends Error {
  constructor(
    readonly at: (string | number)[],
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Compiles a condition evaluated as `evaluateCondition(condition, decisionFacts({ event, customer }))`
 * over a stored customer. decisionFacts names `event`, `lastEvent` (null here), `customer` and
 * `orderAmount` (the event's amount); every other fact is the customer's facts document's. Rules on
 * what does not depend on the stored customer are decided here, by json-rules-engine itself; what
 * this cannot reproduce exactly is reported, never approximated.
 */
export async function compileAudience(condition: TopLevelCondition, context: AudienceContext): Promise<CompiledAudience> {
  // Two made-up customers: a value that differs between them depends on the customer.
  const events = [context.event('\u2460a'), context.event('\u2461b')] as const;
  const ids = ['\u2460a', '\u2461b'] as const;
  try {
    return { compiled: true, predicate: await node(condition, []) };
  } catch (error) {
    if (error instanceof NotCompiled) return { compiled: false, at: error.at, reason: error.message };
    throw error;
  }

  async function node(c: Condition, at: (string | number)[]): Promise<AudiencePredicate> {
    if (isLeaf(c)) return leaf(c, at);
    // json-rules-engine: an empty all or any holds (rule.js prioritizeAndRun), and a boolean passes only when === true.
    if ('all' in c) return c.all.length === 0 ? always(true) : allOf(await Promise.all(c.all.map((x, i) => node(x, [...at, 'all', i]))));
    if ('any' in c) return c.any.length === 0 ? always(true) : anyOf(await Promise.all(c.any.map((x, i) => node(x, [...at, 'any', i]))));
    if ('not' in c) return negate(await node(c.not, [...at, 'not']));
    throw new NotCompiled(at, 'not a condition');
  }

  async function leaf(c: LeafCondition, at: (string | number)[]): Promise<AudiencePredicate> {
    if (!Object.hasOwn(c, 'value')) throw new NotCompiled(at, 'the rule has no value');
    const b = c.value;
    if (b !== null && typeof b === 'object' && Object.hasOwn(b, 'fact')) throw new NotCompiled(at, 'the value names a fact');
    const path = pathOf(c.path);
    if (path === null) throw new NotCompiled(at, `path "${c.path}" is not compiled`);
    const value = await source(c, path, at);
    if ('known' in value) {
      // Decided once, by the engine, for everyone.
      try {
        return always(await evaluateCondition({ all: [{ fact: 'value', operator: c.operator, value: b }] }, { value: value.known }));
      } catch {
        throw new NotCompiled(at, 'json-rules-engine refuses this rule');
      }
    }
    const predicate = leafPredicate(value, c.operator, b);
    if (typeof predicate === 'string') throw new NotCompiled(at, predicate);
    return predicate;
  }

  async function source(c: LeafCondition, path: string[], at: (string | number)[]): Promise<AudienceValue | { known: unknown }> {
    switch (c.fact) {
      case 'customer':
        return { source: 'customer', path };
      case 'lastEvent':
        return { known: atPath(null, path) };
      case 'orderAmount': {
        const amounts = events.map((e) => (typeof e.data.amount === 'number' ? e.data.amount : undefined));
        if (amounts[0] !== amounts[1]) throw new NotCompiled(at, 'the order amount depends on the customer');
        return { known: atPath(amounts[0], path) };
      }
      case 'event': {
        const [a, b] = events.map((e) => atPath(e, path));
        if (JSON.stringify(a) === JSON.stringify(b) && (path.length > 0 || typeof a !== 'object')) return { known: a };
        // The event's own object differs per customer only in its id fields: whatever a rule asks of an object, the answer is the same.
        if (path.length === 0) return { known: a };
        if (typeof a === 'string' && typeof b === 'string') {
          const i = a.indexOf(ids[0]);
          const prefix = a.slice(0, Math.max(0, i));
          const suffix = a.slice(i + ids[0].length);
          if (i >= 0 && b === prefix + ids[1] + suffix) return { source: 'customerText', prefix, suffix };
        }
        throw new NotCompiled(at, 'this part of the event depends on the customer');
      }
      default:
        return { source: 'fact', name: c.fact, path };
    }
  }
}
