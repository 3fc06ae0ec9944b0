import example from '../../examples/journeys/payment-reminder.json';
import { journeySchema, type CustomerEvent, type Journey, type Problem } from '../../engine/index';

/**
 * Shared fixtures of the engine tests: the shipped payment-reminder journey (as the raw JSON
 * document and parsed) and small builders for events and journeys.
 */

/** A node or edge as a test writes it; configs are whatever the node type accepts. */
export interface NodeInput {
  id: string;
  type: string;
  config?: Record<string, unknown>;
}
export interface EdgeInput {
  from: string;
  port: string;
  to: string;
}
export interface JourneyDocument {
  id: string;
  name: string;
  nodes: NodeInput[];
  edges: EdgeInput[];
  [key: string]: unknown;
}

/**
 * A fresh copy of examples/journeys/payment-reminder.json as stored, to mutate freely.
 * Nodes: 0 trigger, 1 await-payment, 2 paid, 3 high-value, 4 call-task, 5 reminder-sms, 6 done.
 * Edges: 0 trigger→await-payment, 1 await-payment.event→paid, 2 await-payment.timeout→high-value,
 * 3 high-value.yes→call-task, 4 high-value.no→reminder-sms, 5 call-task→done, 6 reminder-sms→done.
 */
export function paymentReminderDocument(): JourneyDocument {
  return structuredClone(example) as JourneyDocument;
}

/** The payment-reminder journey, parsed (defaults applied). */
export function paymentReminder(): Journey {
  return journeySchema.parse(paymentReminderDocument());
}

/** A minimal journey document: only what the schema requires. */
export function journeyDocument(nodes: NodeInput[], edges: [from: string, port: string, to: string][]): JourneyDocument {
  return { id: 'test-journey', name: 'Test journey', nodes, edges: edges.map(([from, port, to]) => ({ from, port, to })) };
}

let seq = 0;
/** An order event of customer `c-1` about order `o-1` unless `data` says otherwise. */
export function orderEvent(type: string, data: Record<string, unknown> = {}, customerId = 'c-1'): CustomerEvent {
  seq += 1;
  return {
    id: `evt-${seq}`,
    type,
    customerId,
    occurredAt: '2026-11-11T20:00:00+08:00',
    data: { orderId: 'o-1', amount: 128, ...data },
  };
}

/** Problems without their messages, for exact comparison. */
export function located(problems: Problem[]): { code: string; path: string; nodeId: string | undefined }[] {
  return problems.map((p) => ({ code: p.code, path: p.path, nodeId: p.nodeId }));
}
