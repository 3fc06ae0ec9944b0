import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from './conditions';
import { domainOperators } from './operators';

/**
 * Evaluates a condition with json-rules-engine against the given facts. Deterministic (no clock, no
 * I/O), so it runs inside Temporal workflows as well as in the browser and on the server.
 * Undefined facts count as "not matched" rather than failing the journey: a customer without a
 * birthday simply does not pass a birthday condition.
 */
export async function evaluateCondition(conditions: TopLevelCondition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const op of domainOperators) engine.addOperator(op.name, op.test);
  engine.addRule({ conditions: conditions as never, event: { type: 'matched' } });
  const { events } = await engine.run(withoutUnnamed(facts));
  return events.length > 0;
}

/**
 * json-rules-engine throws on a fact named '' ("factId required"); a customer's own facts can have
 * such a key (an attribute from a file or a simulation). No condition can name it (a rule's fact
 * is required), so it is left out.
 */
function withoutUnnamed(facts: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(facts, '')) return facts;
  const { '': _unnamed, ...named } = facts;
  return named;
}
