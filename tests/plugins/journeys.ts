import type { Journey } from '../../engine/index';
import { uniqueId } from '../support/journeys';

/** order.created → the plugin step → exit; with `awaitPayment`, a wait for order.paid comes first. */
export function pluginJourney(pluginType: string, options: { awaitPayment?: boolean } = {}): Journey {
  const id = uniqueId('plugin-journey');
  const wait = options.awaitPayment
    ? [
        { id: 'await-payment', type: 'wait.event', config: { eventType: 'order.paid', timeout: 'P1D', sameOrder: true } },
        { id: 'unpaid', type: 'exit', config: {} },
      ]
    : [];
  return {
    schemaVersion: 1,
    id,
    name: `Plugin ${pluginType}`,
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
      ...wait,
      { id: 'plugin-step', type: pluginType, config: {} },
      { id: 'done', type: 'exit', config: {} },
    ],
    edges: [
      ...(options.awaitPayment
        ? [
            { from: 'trigger', port: 'next', to: 'await-payment' },
            { from: 'await-payment', port: 'event', to: 'plugin-step' },
            { from: 'await-payment', port: 'timeout', to: 'unpaid' },
          ]
        : [{ from: 'trigger', port: 'next', to: 'plugin-step' }]),
      { from: 'plugin-step', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never' },
    layout: { positions: {} },
  } as Journey;
}
