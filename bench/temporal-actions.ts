// `npm run bench -- actions`: what one customer costs Temporal in a per-customer journey, counted
// on the server, for docs/operations.md's capacity model. A 3-step journey (order.created → wait
// PT2S → SMS → exit) runs for BENCH_ACTIONS_CUSTOMERS (5) customers enrolled through the API and the
// router; each workflow's history is fetched and its events counted by type. Billable actions follow
// Temporal Cloud's definition (docs.temporal.io/cloud/actions): a workflow start (signalWithStart:
// start + signal), each signal, timer, activity start (and each retry) and each marker.
import proto from '@temporalio/proto';
import { threeStepJourney, publish, until } from './journeys/setup';
import { startBenchStack } from './journeys/stack';
import type { BenchResult } from './run';

const EventType = proto.temporal.api.enums.v1.EventType;
const BILLABLE: Partial<Record<number, string>> = {
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED]: 'workflow started',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED]: 'signal',
  [EventType.EVENT_TYPE_TIMER_STARTED]: 'timer',
  [EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED]: 'activity attempt',
  [EventType.EVENT_TYPE_MARKER_RECORDED]: 'marker (local activity, side effect, patch)',
  [EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES]: 'search attributes',
  [EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED]: 'child workflow',
  [EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW]: 'continue-as-new',
};

export const actionsBenches = {
  async actions(): Promise<BenchResult> {
    const customers = Number(process.env.BENCH_ACTIONS_CUSTOMERS ?? 5);
    const stack = await startBenchStack();
    const figures: Record<string, string> = {};
    try {
      const journey = threeStepJourney('bench-actions', { type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } }, 'PT2S');
      await publish(stack, journey);
      const ids = Array.from({ length: customers }, (_, i) => ({ customer: `A-${i}`, order: `ao-${i}` }));
      for (const { customer, order } of ids) {
        const event = {
          id: `actions-${customer}`,
          type: 'order.created',
          customerId: customer,
          occurredAt: new Date().toISOString(),
          data: { orderId: order, amount: 99, customer: { name: '王芳', phone: '13700000000' } },
        };
        if ((await stack.api('/api/events', event)).status !== 202) throw new Error('posting an order failed');
      }
      const client = stack.huitou.temporal.client;
      const handles = ids.map(({ customer, order }) => client.workflow.getHandle(`journey:${journey.id}:${customer}:${order}`));
      await until(
        'every journey finished',
        async () => (await Promise.all(handles.map((h) => h.describe().catch(() => undefined)))).every((d) => d?.status.name === 'COMPLETED'),
        120_000,
        500,
      );
      let events = 0;
      let workflowTasks = 0;
      const billable = new Map<string, number>();
      for (const handle of handles) {
        const history = await handle.fetchHistory();
        for (const e of history.events ?? []) {
          events++;
          if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) workflowTasks++;
          const kind = e.eventType === null || e.eventType === undefined ? undefined : BILLABLE[e.eventType];
          if (kind) billable.set(kind, (billable.get(kind) ?? 0) + 1);
        }
      }
      const per = (x: number) => (x / customers).toFixed(1);
      const actions = [...billable.values()].reduce((a, b) => a + b, 0);
      figures['journey'] = 'order.created → wait PT2S → SMS → exit (3 steps), per-customer workflow';
      figures['history events per customer'] = per(events);
      figures['workflow tasks per customer'] = per(workflowTasks);
      for (const [kind, count] of billable) figures[`  ${kind}`] = per(count);
      figures['billable actions per customer'] = per(actions);
      figures['per step'] = `${(actions / customers / 3).toFixed(1)} actions`;
    } finally {
      await stack.stop();
    }
    return { name: 'actions: Temporal history events and billable actions per customer of a 3-step journey', figures };
  },
};
