import type { CustomerEvent, JourneyInput } from '../../engine/index';
import { uniqueId } from '../support/journeys';

/** A customer whose contacts the suites look for in every answer and log line. */
export const person = { name: '林晓雯', phone: '13912345678', email: 'linxw@example.cn' };
/** The same, as roles that may not see contacts get them. */
export const masked = { name: '林**', phone: '139****5678', email: 'l***@example.cn' };

/**
 * On an order: copies the contacts into an attribute, then an SMS, an email and a staff task that
 * each carry them in their text (and the email and task in their subject and title).
 */
export function contactJourney(): JourneyInput & { id: string } {
  const step = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, config });
  return {
    schemaVersion: 1,
    id: uniqueId('pii'),
    name: 'contacts everywhere',
    status: 'draft',
    version: 0,
    nodes: [
      step('trigger', 'trigger.event', { eventType: 'order.created', perOrder: true }),
      step('attr', 'attribute.set', { name: 'contact', value: '{{customer.name}} {{customer.phone}} {{customer.email}}' }),
      step('sms', 'message.send', { channel: 'sms', transactional: true, template: '{{customer.name}}您好，手机{{customer.phone}}，邮箱{{customer.email}}' }),
      step('mail', 'message.send', {
        channel: 'email',
        transactional: true,
        subject: '{{customer.name}}的订单',
        template: 'Hi {{customer.name}} ({{customer.email}}, {{customer.phone}})',
      }),
      step('task', 'task.create', { title: '致电 {{customer.name}}', note: '电话 {{customer.phone}}，邮箱 {{customer.email}}', queue: 'calls' }),
      step('done', 'exit', {}),
    ],
    edges: [
      { from: 'trigger', port: 'next', to: 'attr' },
      { from: 'attr', port: 'next', to: 'sms' },
      { from: 'sms', port: 'next', to: 'mail' },
      { from: 'mail', port: 'next', to: 'task' },
      { from: 'task', port: 'next', to: 'done' },
    ],
  };
}

/** The customer's profile, then their order: what enrols them. */
export function contactEvents(customerId: string): CustomerEvent[] {
  const now = new Date().toISOString();
  return [
    { id: uniqueId('evt'), type: 'customer.updated', customerId, occurredAt: now, data: { ...person } },
    { id: uniqueId('evt'), type: 'order.created', customerId, occurredAt: now, data: { orderId: uniqueId('TB'), amount: 88 } },
  ];
}
