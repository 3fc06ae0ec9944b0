import { describe, expect, it } from 'vitest';
import { createRegistry, validateJourney, type Locale, type Problem } from '../../engine/index';
import { paymentReminderDocument, type JourneyDocument } from './fixtures';

const registry = createRegistry();
const chinese = /[\u4e00-\u9fff]/;

/** The problems of a document in both languages, paired by position. */
function both(doc: JourneyDocument): { zh: Problem[]; en: Problem[] } {
  const of = (locale: Locale) => validateJourney(structuredClone(doc), registry, locale).problems;
  return { zh: of('zh-CN'), en: of('en') };
}

function withNode(index: number, node: JourneyDocument['nodes'][number]): JourneyDocument {
  const doc = paymentReminderDocument();
  doc.nodes[index] = node;
  return doc;
}

/**
 * Step configs are checked by each node type's zod schema: the problem names the field (its
 * Chinese title for zh-CN, its key for en), says why in the marketer's words, and carries the
 * step's id. Nodes of the payment reminder: 1 await-payment, 2 paid, 4 call-task, 5 reminder-sms.
 */
describe('config problems in zh-CN and en, each naming its step and field', () => {
  const cases: { what: string; doc: () => JourneyDocument; path: string; nodeId: string; zh: string; en: string }[] = [
    {
      what: 'a wait duration that is not a duration',
      doc: () => withNode(2, { id: 'paid', type: 'wait', config: { duration: 'soon' } }),
      path: 'nodes[2].config.duration',
      nodeId: 'paid',
      zh: '时长：格式不对，请填写时长，例如 30 分钟（PT30M）或 3 天（P3D）',
      en: 'duration: must be a duration such as 30 minutes (PT30M) or 3 days (P3D)',
    },
    {
      what: 'a wait-for-event timeout in months',
      doc: () => {
        const d = paymentReminderDocument();
        d.nodes[1]!.config = { ...d.nodes[1]!.config, timeout: 'P1M' };
        return d;
      },
      path: 'nodes[1].config.timeout',
      nodeId: 'await-payment',
      zh: '超时：格式不对，请填写时长，例如 30 分钟（PT30M）或 3 天（P3D）',
      en: 'timeout: must be a duration such as 30 minutes (PT30M) or 3 days (P3D)',
    },
    {
      what: 'a message on an unknown channel',
      doc: () => {
        const d = paymentReminderDocument();
        d.nodes[5]!.config = { ...d.nodes[5]!.config, channel: 'fax' };
        return d;
      },
      path: 'nodes[5].config.channel',
      nodeId: 'reminder-sms',
      zh: '渠道：应为以下之一：sms、email、task',
      en: 'channel: must be one of sms, email, task',
    },
    {
      what: 'an empty message',
      doc: () => {
        const d = paymentReminderDocument();
        d.nodes[5]!.config = { ...d.nodes[5]!.config, template: '' };
        return d;
      },
      path: 'nodes[5].config.template',
      nodeId: 'reminder-sms',
      zh: '消息内容：请填写消息内容',
      en: 'template: write the message',
    },
    {
      what: 'a template Mustache cannot parse',
      doc: () => {
        const d = paymentReminderDocument();
        d.nodes[5]!.config = { ...d.nodes[5]!.config, template: '{{#order}}您的订单' };
        return d;
      },
      path: 'nodes[5].config.template',
      nodeId: 'reminder-sms',
      zh: '消息内容：模板无法解析：区块“order”没有闭合',
      en: 'template: the template does not parse: Unclosed section "order" at 14',
    },
    {
      what: 'a webhook URL that is not http(s)',
      doc: () => withNode(2, { id: 'paid', type: 'webhook.post', config: { url: 'ftp://shop.example/hook' } }),
      path: 'nodes[2].config.url',
      nodeId: 'paid',
      zh: '地址：应为 http 或 https 开头的网址',
      en: 'url: must be an http or https URL',
    },
    {
      what: 'a message text over its limit',
      doc: () => {
        const d = paymentReminderDocument();
        d.nodes[5]!.config = { ...d.nodes[5]!.config, template: '好'.repeat(2001) };
        return d;
      },
      path: 'nodes[5].config.template',
      nodeId: 'reminder-sms',
      zh: '消息内容：最多 2000 个字符',
      en: 'template: must be at most 2000 characters',
    },
    {
      what: 'a coupon step without a campaign',
      doc: () => withNode(2, { id: 'paid', type: 'coupon.issue', config: { campaignId: '' } }),
      path: 'nodes[2].config.campaignId',
      nodeId: 'paid',
      zh: '券活动：请选择券活动',
      en: 'campaignId: choose a coupon campaign',
    },
  ];

  for (const c of cases) {
    it(`${c.what}: at ${c.path}, in both languages`, () => {
      const { zh, en } = both(c.doc());
      const at = (ps: Problem[]) => ps.find((p) => p.path === c.path);
      expect(at(zh)).toEqual({ path: c.path, code: 'invalid_config', nodeId: c.nodeId, message: c.zh });
      expect(at(en)).toEqual({ path: c.path, code: 'invalid_config', nodeId: c.nodeId, message: c.en });
    });
  }

  it('never says "ISO 8601" to a marketer', () => {
    const { zh, en } = both(withNode(2, { id: 'paid', type: 'wait', config: { duration: 'P1M' } }));
    for (const p of [...zh, ...en]) expect(p.message).not.toMatch(/ISO 8601/);
  });

  it('words a reason it has no translation for (a plugin’s own) from its code, or keeps it as written', () => {
    const doc = withNode(2, { id: 'paid', type: 'split.random', config: { arms: [{ key: 'a', weight: 1.5 }] } });
    const { zh } = both(doc);
    const weight = zh.find((p) => p.path.endsWith('.weight'));
    expect(weight?.message).toBe('权重：权重应为整数');
  });
});

describe('document and graph problems in zh-CN and en', () => {
  it('the document’s own fields: named, in the language asked for', () => {
    const { zh, en } = both({ ...paymentReminderDocument(), id: '' });
    expect(zh.map((p) => [p.path, p.message])).toContainEqual(['id', '编号：必填']);
    expect(en.map((p) => [p.path, p.message])).toContainEqual(['id', 'id: is required']);
  });

  it('every problem of a broken graph comes in both languages with its step or path', () => {
    const doc = paymentReminderDocument();
    doc.edges = doc.edges.filter((e) => !(e.from === 'high-value' && e.port === 'no')); // reminder-sms unreachable, high-value.no unconnected
    doc.edges.push({ from: 'done', port: 'next', to: 'trigger' }); // an exit has no "next"; nothing may lead into the trigger
    const { zh, en } = both(doc);
    expect(zh.map((p) => p.code).sort()).toEqual(en.map((p) => p.code).sort());
    expect(zh.length).toBeGreaterThanOrEqual(4);
    for (const [z, e] of zh.map((p, i) => [p, en[i]!] as const)) {
      expect(z.message).toMatch(chinese);
      expect(e.message).not.toMatch(chinese);
      expect(z.path).toBe(e.path);
      expect(z.nodeId ?? z.path).toBeTruthy();
    }
    expect(zh.find((p) => p.code === 'unconnected_port')).toMatchObject({ nodeId: 'high-value', message: '“no”出口还没有连线：请指定客户接下来去哪里。' });
    expect(zh.find((p) => p.code === 'unreachable_node')).toMatchObject({ nodeId: 'reminder-sms' });
  });
});
