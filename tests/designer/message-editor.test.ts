import { describe, expect, it } from 'vitest';
import { capPeriod } from '../../designer/src/editor/message/guardrailTexts';
import { guardrailsOf } from '../../designer/src/model/guardrails';
import { describeTemplateProblem, insertVariable, smsLength, templateVariableList } from '../../designer/src/model/template-edit';
import { messagingSettingsSchema } from '../../engine/guardrails/settings';
import { renderTemplate, templateProblem } from '../../engine/templates/render';
import { smsSegments } from '../../engine/templates/inspect';
import { templateView } from '../../engine/facts/decision-facts';

describe('message editor: inserting a variable at the caret', () => {
  it('puts the variable where the caret is and the caret after it', () => {
    const text = '亲爱的，您好';
    const r = insertVariable(text, 3, 3, 'customer.name');
    expect(r.text).toBe('亲爱的{{customer.name}}，您好');
    expect(r.caret).toBe(3 + '{{customer.name}}'.length);
    expect(r.text.slice(0, r.caret)).toBe('亲爱的{{customer.name}}');
  });

  it('replaces a selection, whichever way it was made', () => {
    expect(insertVariable('订单 XXX 未付款', 3, 6, 'order.id').text).toBe('订单 {{order.id}} 未付款');
    expect(insertVariable('订单 XXX 未付款', 6, 3, 'order.id').text).toBe('订单 {{order.id}} 未付款');
  });

  it('appends when the caret is unknown or past the end, and inserts into empty text', () => {
    expect(insertVariable('您好', Number.NaN, Number.NaN, 'coupon.code')).toEqual({ text: '您好{{coupon.code}}', caret: 2 + '{{coupon.code}}'.length });
    expect(insertVariable('您好', 99, 99, 'coupon.code').text).toBe('您好{{coupon.code}}');
    expect(insertVariable('', 0, 0, 'customer.name')).toEqual({ text: '{{customer.name}}', caret: 17 });
  });

  it('offers only variables the template view has, each named in both languages', () => {
    const view = templateView({
      event: { id: 'e', customerId: 'c', type: 'order.created', occurredAt: '2026-11-11T02:00:00.000Z', data: { orderId: 'E1', amount: 299 } },
      customer: { id: 'c', name: '张小红', region: '杭州', birthday: '1995-06-18', timezone: 'Asia/Shanghai' },
      coupon: { code: 'HT8K2M', amount: 20, expiresAt: '2026-11-18T02:00:00.000Z', campaignId: 'x' },
    });
    for (const v of templateVariableList) {
      expect(renderTemplate(`{{${v.path}}}`, view, { html: false }), v.path).not.toBe('');
      expect(v.labels['zh-CN'].length).toBeGreaterThan(0);
      expect(v.labels.en.length).toBeGreaterThan(0);
    }
  });
});

describe('message editor: SMS length and the segment warning', () => {
  const figures = (text: string) => {
    const s = smsSegments(text);
    return smsLength({ length: [...text].length, smsSegments: s.segments, encoding: s.encoding })!;
  };

  it('a Chinese text of 70 characters is one SMS, 71 is two parts of 67 with a warning', () => {
    expect(figures('好'.repeat(70))).toMatchObject({ segments: 1, length: 70, warn: false, perSegment: 70, encoding: 'UCS-2' });
    expect(figures('好'.repeat(71))).toMatchObject({ segments: 2, length: 71, warn: true, perSegment: 67 });
    expect(figures('好'.repeat(135))).toMatchObject({ segments: 3, warn: true });
  });

  it('a plain Latin text holds 160 in one part and 153 per part when split', () => {
    expect(figures('a'.repeat(160))).toMatchObject({ segments: 1, warn: false, perSegment: 160, encoding: 'GSM-7' });
    expect(figures('a'.repeat(161))).toMatchObject({ segments: 2, warn: true, perSegment: 153 });
  });

  it('says nothing of SMS for other channels (the API reports no segments)', () => {
    expect(smsLength({ length: 500, smsSegments: null, encoding: null })).toBeNull();
  });
});

describe('guardrails shown on a message step', () => {
  const shop = messagingSettingsSchema.parse({
    quietHours: { from: '21:00', to: '09:00', mode: 'hold' },
    frequencyCaps: [
      { channel: 'sms', max: 2, within: 'P7D' },
      { channel: 'email', max: 1, within: 'P1D' },
    ],
  });

  it("a marketing SMS follows the shop's quiet hours and counts against the SMS caps only", () => {
    expect(guardrailsOf({ channel: 'sms', transactional: false, quietHours: 'shop' }, shop)).toEqual({
      channel: 'sms',
      quiet: { kind: 'hold', from: '21:00', to: '09:00' },
      caps: [{ channel: 'sms', max: 2, within: 'P7D' }],
    });
  });

  it('the step may skip or ignore quiet hours; with none set by the shop there is nothing to hold', () => {
    expect(guardrailsOf({ channel: 'sms', quietHours: 'skip' }, shop)?.quiet).toEqual({ kind: 'skip', from: '21:00', to: '09:00' });
    expect(guardrailsOf({ channel: 'email', quietHours: 'ignore' }, shop)?.quiet.kind).toBe('ignore');
    expect(guardrailsOf({ channel: 'sms', quietHours: 'hold' }, messagingSettingsSchema.parse({}))).toEqual({
      channel: 'sms',
      quiet: { kind: 'none' },
      caps: [],
    });
  });

  it('transactional messages and staff tasks are neither held nor capped', () => {
    expect(guardrailsOf({ channel: 'sms', transactional: true }, shop)).toEqual({
      channel: 'sms',
      quiet: { kind: 'exempt', reason: 'transactional' },
      caps: [],
    });
    expect(guardrailsOf({ channel: 'task' }, shop)?.quiet).toEqual({ kind: 'exempt', reason: 'task' });
    expect(guardrailsOf({ eventType: 'order.paid' }, shop)).toBeNull();
  });

  it('reads a cap period as a marketer says it', () => {
    expect(capPeriod('P7D', 'zh-CN')).toBe('7天');
    expect(capPeriod('P1D', 'zh-CN')).toBe('天');
    expect(capPeriod('P10D', 'zh-CN')).toBe('10天');
    expect(capPeriod('P7D', 'en')).toBe('7 days');
    expect(capPeriod('P1D', 'en')).toBe('day');
  });
});

describe('message editor: template errors in words', () => {
  it("names an unclosed tag and an unclosed section in the UI's language", () => {
    const tag = templateProblem('亲爱的{{customer.name，')!;
    expect(describeTemplateProblem(tag, 'zh-CN')).toBe('有 {{ 没有用 }} 闭合');
    expect(describeTemplateProblem(tag, 'en')).toBe('a {{ is not closed with }}');
    expect(describeTemplateProblem(templateProblem('{{#coupon}}券码')!, 'zh-CN')).toBe('区块“coupon”没有闭合');
    expect(describeTemplateProblem(templateProblem('券码{{/coupon}}')!, 'en')).toContain('section "coupon" is closed but never opened');
    expect(describeTemplateProblem('something else', 'zh-CN')).toBe('something else');
  });
});
