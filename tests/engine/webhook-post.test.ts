import { describe, expect, it } from 'vitest';
import { webhookPost } from '../../engine/nodes/builtin/webhook-post';

describe('webhook.post config', () => {
  const parse = (config: unknown) => webhookPost.config.safeParse(config);
  const problems = (config: unknown) => {
    const r = parse(config);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a URL, headers and any JSON body', () => {
    const r = parse({
      url: 'https://oapi.dingtalk.com/robot/send?access_token=x',
      headers: { 'X-Token': 'abc' },
      body: { msgtype: 'text', text: { content: '{{order.id}}' }, list: [1, true, null] },
    });
    expect(r.success).toBe(true);
  });

  it('names the field and the reason for bad input', () => {
    expect(problems({ url: 'ftp://x.cn/a', body: {} })).toEqual(['url: must be an http or https URL']);
    expect(problems({ url: 'https://x.cn', headers: { 'Content-Type': 'text/plain' }, body: {} })).toEqual(['headers.Content-Type: is set by Huitou']);
    expect(problems({ url: 'https://x.cn', headers: { 'Idempotency-Key': 'mine' }, body: {} })).toEqual(['headers.Idempotency-Key: is set by Huitou']);
    expect(problems({ url: 'https://x.cn', headers: { 'X-A': 'one\r\nX-B: two' }, body: {} })).toEqual(['headers.X-A: must be on one line']);
    expect(problems({ url: 'https://x.cn', body: { text: { content: 'Hi {{#customer}}' } } })[0]).toMatch(/^body\.text\.content: the template does not parse/);
  });
});
