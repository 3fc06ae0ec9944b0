import { describe, expect, it } from 'vitest';
import { journeySchema, shopSettingsSchema, type Journey } from '../../engine/index';
import { smsTemplateProblems } from '../../server/messaging/sms-template-check';
import { paymentReminderDocument } from '../engine/fixtures';

const templates = shopSettingsSchema.parse({
  sms: {
    templates: [
      { code: 'SMS_154950909', name: '催付', text: '${name}您好，您的订单${order}还未付款' },
      { code: '449739', name: '发货通知', text: '{1}您好，订单{2}已发货' },
    ],
  },
}).sms.templates;

/** The payment reminder with its first message step set to `config`. */
function journeyWith(config: Record<string, unknown>): { journey: Journey; index: number } {
  const journey = journeySchema.parse(paymentReminderDocument());
  const index = journey.nodes.findIndex((n) => n.type === 'message.send');
  journey.nodes[index]!.config = { ...journey.nodes[index]!.config, ...config };
  // Only this one SMS step counts here: other message steps become tasks.
  journey.nodes.forEach((n, i) => {
    if (n.type === 'message.send' && i !== index) n.config = { ...n.config, channel: 'task' };
  });
  return { journey, index };
}

describe('publishing SMS steps against the registered templates', () => {
  it('passes a registered template with every variable mapped, on a provider', () => {
    const { journey } = journeyWith({ channel: 'sms', smsTemplate: { code: '449739', variables: { '1': '{{customer.name}}', '2': '{{order.id}}' } } });
    expect(smsTemplateProblems(journey, templates, 'Tencent Cloud SMS', 'en')).toEqual([]);
  });

  it('keeps free text for the local sink and the gateway, and refuses it on a provider, in both languages', () => {
    const { journey, index } = journeyWith({ channel: 'sms', smsTemplate: undefined });
    expect(smsTemplateProblems(journey, templates, undefined, 'en')).toEqual([]);
    const [en] = smsTemplateProblems(journey, templates, 'Aliyun SMS', 'en');
    expect(en).toMatchObject({ path: `nodes[${index}].config.smsTemplate`, code: 'sms_template_required' });
    expect(en!.message).toMatch(/^smsTemplate: Aliyun SMS sends only approved templates/);
    expect(smsTemplateProblems(journey, templates, 'Aliyun SMS', 'zh-CN')[0]!.message).toMatch(/^smsTemplate：Aliyun SMS 只发送已审核的短信模板/);
  });

  it('refuses a template the shop has not registered, naming the field', () => {
    const { journey, index } = journeyWith({ channel: 'sms', smsTemplate: { code: 'SMS_404', variables: {} } });
    const [p] = smsTemplateProblems(journey, templates, 'Aliyun SMS', 'zh-CN');
    expect(p).toMatchObject({ path: `nodes[${index}].config.smsTemplate.code`, code: 'unknown_sms_template' });
    expect(p!.message).toContain('没有登记编号为“SMS_404”的短信模板');
  });

  it('refuses an unmapped variable and a value for a variable the template lacks', () => {
    const { journey, index } = journeyWith({
      channel: 'sms',
      smsTemplate: { code: 'SMS_154950909', variables: { name: '{{customer.name}}', amount: '{{order.amount}}' } },
    });
    const problems = smsTemplateProblems(journey, templates, undefined, 'en');
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      [`nodes[${index}].config.smsTemplate.variables.order`, 'unmapped_sms_variable'],
      [`nodes[${index}].config.smsTemplate.variables.amount`, 'unknown_sms_variable'],
    ]);
    expect(problems[0]!.message).toBe('smsTemplate.variables.order: the variable order of template "催付" has no value');
  });
});
