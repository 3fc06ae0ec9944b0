import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nanoid } from 'nanoid';
import type { CustomerEvent, Journey } from '../../engine/index';
import { projectRoot } from '../../server/config';

/** A shipped example journey, under a fresh id (suites share one Temporal server). */
export function exampleJourney(name: string, changes: (j: Journey) => void = () => undefined): Journey {
  const journey = JSON.parse(readFileSync(join(projectRoot, 'examples', 'journeys', `${name}.json`), 'utf8')) as Journey;
  journey.id = `${journey.id}-${nanoid(6).replace(/[^A-Za-z0-9]/g, 'x')}`;
  changes(journey);
  return journey;
}

/** The payment reminder with a short wait for payment, so a test sees the timeout in seconds. */
export function paymentReminder(timeout = 'PT3S'): Journey {
  return exampleJourney('payment-reminder', (j) => {
    const wait = j.nodes.find((n) => n.type === 'wait.event')!;
    wait.config = { ...wait.config, timeout };
  });
}

type Step = Journey['nodes'][number];

/** An order (per order) starts it: the trigger most suites draw. */
export const orderCreatedTrigger: Step = { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } };

/** A journey whose steps run in a line — trigger, the steps, an exit — each `next` port to the following one. */
export function lineJourney(id: string, trigger: Step, steps: Step[], settings: Partial<Journey['settings']> = {}): Journey {
  const nodes: Step[] = [trigger, ...steps, { id: 'done', type: 'exit', config: {} }];
  return {
    schemaVersion: 1,
    id,
    name: id,
    status: 'draft',
    version: 0,
    nodes,
    edges: nodes.slice(1).map((to, i) => ({ from: nodes[i]!.id, port: 'next', to: to.id })),
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [], ...settings },
    layout: { positions: {} },
  };
}

let seq = 0;
export function orderEvent(type: string, customerId: string, orderId: string, data: Record<string, unknown> = {}): CustomerEvent {
  seq += 1;
  return {
    id: `evt-${nanoid(10)}-${seq}`,
    type,
    customerId,
    occurredAt: new Date().toISOString(),
    data: { orderId, ...data },
  };
}

export const uniqueId = (prefix: string) => `${prefix}-${nanoid(8).replace(/[^A-Za-z0-9]/g, 'x')}`;

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
