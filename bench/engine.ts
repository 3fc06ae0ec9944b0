import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRegistry, evaluateCondition, validateJourney, journeySchema, type Journey } from '../engine/index';
import { projectRoot } from '../server/config';
import { fmt, opsPerSecond } from './measure';
import type { BenchResult } from './run';

const example = JSON.parse(readFileSync(join(projectRoot, 'examples', 'journeys', 'payment-reminder.json'), 'utf8')) as Journey;
const registry = createRegistry();

export const engineBenches = {
  /** A decision through json-rules-engine, against the same test written as plain JavaScript. */
  async decision(): Promise<BenchResult> {
    const condition = { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 500 }] };
    const facts = { event: { type: 'order.created', data: { orderId: 'o1', amount: 620 } } };
    const rules = await opsPerSecond(() => evaluateCondition(condition, facts));
    const plain = await opsPerSecond(() => (facts.event.data.amount >= 500 ? 'yes' : 'no'));
    return {
      name: 'decision: json-rules-engine vs plain JavaScript (baseline)',
      figures: { 'json-rules-engine': fmt(rules), 'plain JavaScript (baseline)': fmt(plain), 'cost ratio': `${(plain / rules).toFixed(0)}×` },
    };
  },

  /** Full validation of the payment reminder, against parsing the document's shape alone. */
  async validation(): Promise<BenchResult> {
    const full = await opsPerSecond(() => validateJourney(example, registry));
    const shape = await opsPerSecond(() => journeySchema.safeParse(example));
    return {
      name: 'validation: every rule vs document shape only (baseline)',
      figures: { validateJourney: fmt(full), 'journeySchema.safeParse (baseline)': fmt(shape), 'cost ratio': `${(shape / full).toFixed(1)}×` },
    };
  },
};
