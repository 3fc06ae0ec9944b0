import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, lineJourney, orderCreatedTrigger, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { startProviderProcess, type ProviderProcess } from './provider-process';

/**
 * A journey sending an approved template through Aliyun SMS, end to end: settings register the
 * signature and templates, publishing refuses what Aliyun could not send, the journey renders each
 * variable from the order, the dispatcher signs and sends, and the message shows Aliyun's answer.
 * Aliyun is the local server process that verifies the ACS3 signature.
 */
describe('an SMS journey on Aliyun through the API', () => {
  let aliyun: ProviderProcess;
  let stack: Stack;
  beforeAll(async () => {
    aliyun = await startProviderProcess('aliyun-sms-server.ts', {
      ALIYUN_KEY_ID: 'LTAI5tJourney',
      ALIYUN_KEY_SECRET: 'journey-secret',
      ALIYUN_SIGN_NAME: '回头小店',
      ALIYUN_TEMPLATES: JSON.stringify({ SMS_154950909: ['name', 'order'] }),
    });
    stack = await startStack({
      smsProvider: { kind: 'aliyun', endpoint: aliyun.url, accessKeyId: 'LTAI5tJourney', accessKeySecret: 'journey-secret' },
    });
    const put = await stack.api('/api/settings', {
      method: 'PUT',
      body: { sms: { signature: '【回头小店】', templates: [{ code: 'SMS_154950909', name: '催付', text: '${name}您好，您的订单${order}还未付款' }] } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await aliyun?.stop();
  });

  const publish = async (config: Record<string, unknown>, locale = 'en') => {
    const journey = lineJourney(uniqueId('sms'), orderCreatedTrigger, [
      { id: 'remind', type: 'message.send', config: { channel: 'sms', transactional: true, ...config } },
    ]);
    expect((await stack.api('/api/journeys', { body: journey })).status).toBe(201);
    return { journey, answer: await stack.api(`/api/journeys/${journey.id}/publish?locale=${locale}`, { method: 'POST' }) };
  };

  it('refuses at publish free text, and a template variable left unmapped, naming the field', async () => {
    const free = (await publish({ template: '您好' })).answer;
    expect(free.status).toBe(400);
    expect(free.body.problems).toEqual([expect.objectContaining({ code: 'sms_template_required', path: 'nodes[1].config.smsTemplate', nodeId: 'remind' })]);
    const unmapped = (await publish({ smsTemplate: { code: 'SMS_154950909', variables: { name: '{{customer.name}}' } } }, 'zh-CN')).answer;
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.problems[0]).toMatchObject({ code: 'unmapped_sms_variable', path: 'nodes[1].config.smsTemplate.variables.order' });
    expect(unmapped.body.problems[0].message).toBe('smsTemplate.variables.order：模板“催付”的变量 order 还没有填写内容');
  });

  it('sends the template with values from the order, signed, and shows Aliyun’s answer on the message', async () => {
    const { answer } = await publish({ smsTemplate: { code: 'SMS_154950909', variables: { name: '{{customer.name}}', order: '{{order.id}}' } } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    const sent = await stack.api('/api/events', {
      body: orderEvent('order.created', customer, order, { amount: 99, customer: { name: '王芳', phone: '13800007777' } }),
    });
    expect(sent.status).toBe(202);
    const message = await eventually(async () => {
      const m = (await stack.api(`/api/messages?customerId=${customer}`)).body.messages[0];
      return m?.status === 'sent' ? m : undefined;
    });
    expect(message).toMatchObject({
      channel: 'sms',
      provider: 'aliyun-sms',
      providerCode: 'OK',
      providerMessage: 'OK',
      smsTemplate: { code: 'SMS_154950909', params: { name: '王芳', order } },
      text: `SMS_154950909 name=王芳 order=${order}`,
    });
    const request = (await aliyun.received()).find((r) => r.params.OutId === message.id);
    expect(request?.params).toMatchObject({
      PhoneNumbers: '13800007777',
      SignName: '回头小店',
      TemplateCode: 'SMS_154950909',
      TemplateParam: { name: '王芳', order },
    });
  });
});
