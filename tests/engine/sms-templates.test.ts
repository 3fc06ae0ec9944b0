import { describe, expect, it } from 'vitest';
import { createRegistry, fillSmsTemplate, shopSettingsSchema, smsTemplateVariables, validateJourney, type OutgoingMessage } from '../../engine/index';
import { orderEvent, paymentReminderDocument } from './fixtures';

const settingsWith = (templates: unknown[]) => shopSettingsSchema.safeParse({ sms: { signature: '【回头小店】', templates } });

describe('SMS templates registered in settings', () => {
  it('are stored with their variables, named (Aliyun) or numbered (Tencent)', () => {
    const parsed = settingsWith([
      { code: 'SMS_154950909', name: '催付', text: '${name}您好，您的订单${order}还未付款' },
      { code: '449739', name: '发货通知', text: '{1}您好，订单{2}已发货', marketing: false },
      { code: 'SMS_1', name: '大促', text: '双11全场5折', marketing: true },
    ]);
    expect(parsed.success).toBe(true);
    expect(parsed.data!.sms.templates.map((t) => t.marketing)).toEqual([false, false, true]);
    expect(smsTemplateVariables('${name}您好，您的订单${order}还未付款，${name}')).toEqual(['name', 'order']);
    expect(smsTemplateVariables('{1}您好，订单{2}已发货')).toEqual(['1', '2']);
    expect(fillSmsTemplate('{1}您好，订单{2}已发货', { '1': '王芳', '2': '1001' })).toBe('王芳您好，订单1001已发货');
    expect(fillSmsTemplate('${name}您好，订单${order}', { name: '王芳' })).toBe('王芳您好，订单${order}');
  });

  it('refuse mixed or gapped variables and a code used twice, naming the field', () => {
    const mixed = settingsWith([{ code: 'A', name: 'a', text: '${name} {1}' }]);
    expect(mixed.error?.issues[0]).toMatchObject({ path: ['sms', 'templates', 0, 'text'] });
    expect(mixed.error?.issues[0]!.message).toMatch(/either named variables/);
    const gap = settingsWith([{ code: 'A', name: 'a', text: '{1} {3}' }]);
    expect(gap.error?.issues[0]!.message).toMatch(/without a gap/);
    const twice = settingsWith([
      { code: 'A', name: 'a', text: 'x' },
      { code: 'A', name: 'b', text: 'y' },
    ]);
    expect(twice.error?.issues[0]).toMatchObject({ path: ['sms', 'templates', 1, 'code'], message: 'another template has the code "A"' });
  });
});

describe('a message step on a provider template', () => {
  const registry = createRegistry();

  it('keeps journeys made before templates valid: no smsTemplate, free text as before', () => {
    const doc = paymentReminderDocument();
    expect(validateJourney(doc, registry).problems).toEqual([]);
    const def = registry.get('message.send', 1)!;
    expect((def.config.parse({ channel: 'sms', template: '您好' }) as { smsTemplate?: unknown }).smsTemplate).toBeUndefined();
  });

  it('refuses a mapping that does not parse, at its path', () => {
    const doc = paymentReminderDocument();
    const index = doc.nodes.findIndex((n) => n.type === 'message.send');
    doc.nodes[index]!.config = { ...doc.nodes[index]!.config, channel: 'sms', smsTemplate: { code: 'SMS_1', variables: { order: '{{#order}}' } } };
    const problems = validateJourney(doc, registry).problems;
    expect(problems).toEqual([expect.objectContaining({ path: `nodes[${index}].config.smsTemplate.variables.order`, code: 'invalid_config' })]);
  });

  it('renders each variable from the customer and order, and sends the template code with the values', async () => {
    const def = registry.get('message.send', 1)!;
    if (def.behaviour.kind !== 'action') throw new Error('message.send is an action');
    const sent: OutgoingMessage[] = [];
    const config = def.config.parse({
      channel: 'sms',
      smsTemplate: { code: 'SMS_154950909', variables: { name: '{{customer.name}}', order: '{{order.id}}' } },
    });
    await def.behaviour.run(config, {
      journeyId: 'j',
      journeyVersion: 1,
      nodeId: 'n',
      idempotencyKey: 'k',
      priority: 5,
      sendRate: undefined,
      customer: { id: 'c-1', name: '王芳', phone: '13800001234' },
      event: orderEvent('order.created', { orderId: '1001', amount: 99 }),
      now: Date.now(),
      coupon: undefined,
      services: {
        async dispatchMessage(m: OutgoingMessage) {
          sent.push(m);
          return { messageId: 'm1', duplicate: false, status: 'queued' };
        },
      } as never,
    });
    expect(sent[0]).toMatchObject({
      channel: 'sms',
      recipient: '13800001234',
      smsTemplate: { code: 'SMS_154950909', params: { name: '王芳', order: '1001' } },
      text: 'SMS_154950909 name=王芳 order=1001',
    });
  });
});
