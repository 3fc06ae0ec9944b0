import type { Journey } from '../../engine/journey/schema';
import { uniqueId } from './journeys';

/**
 * The journey the per-node figures are checked on: trigger (order.created) → wait → amount ≥ 100?
 * → yes: SMS → done; no: small. `layout` places it top-down for the canvas.
 */
export function statsJourney(wait: string, options: { name?: string; layout?: Journey['layout'] } = {}): Journey {
  return {
    schemaVersion: 1,
    id: uniqueId('stats'),
    name: options.name ?? 'stats',
    status: 'draft',
    version: 0,
    nodes: [
      { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
      { id: 'wait', type: 'wait', config: { duration: wait } },
      {
        id: 'big',
        type: 'condition',
        config: { conditions: { all: [{ fact: 'event', path: '$.data.amount', operator: 'greaterThanInclusive', value: 100 }] } },
      },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '感谢惠顾' } },
      { id: 'done', type: 'exit', config: {} },
      { id: 'small', type: 'exit', config: {} },
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'big' },
      { from: 'big', port: 'yes', to: 'sms' },
      { from: 'big', port: 'no', to: 'small' },
      { from: 'sms', port: 'next', to: 'done' },
    ],
    settings: { timezone: 'Asia/Shanghai', reEntry: 'never', priority: 5, exitWhen: [] },
    layout: options.layout ?? { positions: {} },
  };
}
