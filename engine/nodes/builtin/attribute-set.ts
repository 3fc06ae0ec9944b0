import { z } from 'zod';
import { templateView } from '../../facts/decision-facts';
import { renderTemplate } from '../../templates/render';
import { templateField } from '../../templates/field';
import { defineNode } from '../define';
import { field } from '../field';

/** Sets one of the customer's own attributes to a text rendered like a message template. */
export const attributeSet = defineNode({
  type: 'attribute.set',
  version: 1,
  category: 'action',
  labels: {
    'zh-CN': { title: '设置属性', description: '把客户的一个自定义属性设为一段文字（可用 {{order.id}} 等变量）。', ports: { next: '之后' } },
    en: {
      title: 'Set attribute',
      description: "Sets one of the customer's attributes to a text (variables such as {{order.id}} allowed).",
      ports: { next: 'then' },
    },
  },
  config: z.object({
    name: z
      .string()
      .min(1, 'name the attribute')
      .max(100, 'must be at most 100 characters')
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'may use only letters, digits and "_", not starting with a digit')
      .default('lastJourneyOrder')
      .meta(field({ en: { title: 'Attribute' }, 'zh-CN': { title: '名称', description: '客户属性的名字，如 lastJourneyOrder' } })),
    value: templateField(500, 'write the value')
      .default('{{order.id}}')
      .meta(
        field({ en: { title: 'Value', description: 'Text; variables as in messages' }, 'zh-CN': { title: '值', description: '一段文字；可用变量同消息' } }),
      ),
  }),
  ports: () => ['next'],
  // Changes the customer record; nothing reaches the customer.
  sends: () => undefined,
  run: async (c, ctx) => {
    const value = renderTemplate(c.value, templateView({ event: ctx.event, customer: ctx.customer, coupon: ctx.coupon }), { html: false });
    await ctx.services.customers.setAttribute(ctx.customer.id, c.name, value, ctx.idempotencyKey);
    return { summary: `attribute ${c.name} set` };
  },
});
