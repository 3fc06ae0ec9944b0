import { describe, expect, it } from 'vitest';
import { formSchema, formUiSchema } from '../../designer/src/editor/schemaForm';
import { smsTemplatePreview } from '../../designer/src/model/sms-template-preview';
import { en } from '../../designer/src/i18n/en';
import { zhCN } from '../../designer/src/i18n/zh-CN';
import { createRegistry } from '../../engine/index';

describe('the message step inspector: provider templates', () => {
  it('gives smsTemplate its own field (the template picker), the message keeps its editor', () => {
    const description = createRegistry()
      .describe()
      .find((d) => d.type === 'message.send')!;
    const schema = formSchema(description.configSchema);
    const ui = formUiSchema(schema, 'zh-CN');
    expect(ui.smsTemplate).toMatchObject({ 'ui:field': 'smsTemplate', 'ui:title': '短信模板（服务商）' });
    expect(ui.template).toMatchObject({ 'ui:widget': 'template' });
  });

  it('previews the template on the sample customer, signature first, an unmapped variable left showing', () => {
    const now = new Date('2026-11-11T02:00:00Z');
    const text = '${name}您好，您的订单${order}还未付款，优惠券${coupon}';
    const preview = smsTemplatePreview({
      text,
      variables: { name: '{{customer.name}}', order: '{{order.id}}' },
      signature: '【回头小店】',
      locale: 'zh-CN',
      now,
    });
    expect(preview).toEqual({ signature: '【回头小店】', text: '张小红您好，您的订单E20261111001还未付款，优惠券${coupon}' });
    const numbered = smsTemplatePreview({
      text: '{1}您好，订单{2}已发货',
      variables: { '1': '{{customer.name}}', '2': '{{#order' },
      signature: null,
      locale: 'en',
      now,
    });
    expect(numbered.text).toBe('Alex Chen您好，订单{2}已发货');
  });

  it('has its words in both languages', () => {
    expect(Object.keys(zhCN.smsTemplates).sort()).toEqual(Object.keys(en.smsTemplates).sort());
  });
});
