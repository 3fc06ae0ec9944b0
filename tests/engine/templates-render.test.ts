import { describe, expect, it } from 'vitest';
import { renderTemplate, templateView } from '../../engine/index';
import { orderEvent } from './fixtures';

const customer = { id: 'c-1', name: '李雷', phone: '13800000000' };

describe('renderTemplate: message text', () => {
  it('fills {{customer.name}}, {{order.id}} and {{order.amount}} from the template view', () => {
    const view = templateView({ event: orderEvent('order.created', { orderId: 'A1001', amount: 128.5 }), customer });
    expect(renderTemplate('亲爱的{{customer.name}}，您的订单{{order.id}}（¥{{order.amount}}）还未付款。', view, { html: false })).toBe(
      '亲爱的李雷，您的订单A1001（¥128.5）还未付款。',
    );
    expect(renderTemplate('{{event.type}} at {{event.occurredAt}}', view, { html: false })).toBe('order.created at 2026-11-11T20:00:00+08:00');
  });

  it('renders missing variables as empty text', () => {
    const view = templateView({ event: orderEvent('order.created'), customer });
    expect(renderTemplate('[{{customer.nickname}}][{{coupon.code}}][{{nothing}}]', view, { html: false })).toBe('[][][]');
  });

  it('an event without an order gives an empty order', () => {
    const event = { ...orderEvent('customer.registered'), data: {} };
    expect(renderTemplate('订单:{{order.id}}', templateView({ event, customer }), { html: false })).toBe('订单:');
  });

  it('escapes HTML only when html is true', () => {
    const view = { customer: { name: '<b>Li & "Wang"</b>' } };
    expect(renderTemplate('Hi {{customer.name}}', view, { html: true })).toBe('Hi &lt;b&gt;Li &amp; &quot;Wang&quot;&lt;/b&gt;');
    expect(renderTemplate('Hi {{customer.name}}', view, { html: false })).toBe('Hi <b>Li & "Wang"</b>');
  });

  it('supports sections over lists and inverted sections', () => {
    const view = { order: { id: 'A1', items: [{ name: '茶' }, { name: '杯' }] }, coupons: [] };
    expect(renderTemplate('{{#order.items}}{{name}}({{order.id}}) {{/order.items}}{{^coupons}}无券{{/coupons}}', view, { html: false })).toBe(
      '茶(A1) 杯(A1) 无券',
    );
    expect(renderTemplate('{{order.items.length}} 件', view, { html: false })).toBe('2 件');
  });
});
