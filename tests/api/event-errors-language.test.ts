import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

type Problem = { path: string; code: string; message: string };

/** Rejected events are explained in the caller's language (?locale or Accept-Language), each problem naming its field. */
describe('event problems in zh-CN and en', () => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack()));
  afterAll(() => stack?.stop());

  const rejected = async (locale: string, event: unknown): Promise<Record<string, string>> => {
    const res = await stack.api(`/api/events?locale=${locale}`, { body: event });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    return Object.fromEntries((res.body.rejected[0].problems as Problem[]).map((p) => [p.path, p.message]));
  };

  const bad = () => ({
    id: uniqueId('e'),
    type: 'Order Created',
    customerId: '',
    occurredAt: '2026-11-11 20:00',
    data: { orderId: 7, amount: -1 },
  });

  it('each kind of envelope problem, in Chinese naming the field', async () => {
    expect(await rejected('zh-CN', bad())).toEqual({
      type: '类型：应写成 order.created 这样（小写，用“.”分隔）',
      customerId: '客户编号：必填',
      occurredAt: '发生时间：应为带时区的日期时间，例如 2026-11-11T20:00:00+08:00',
      'data.orderId': '订单号：订单号应为文字',
      'data.amount': '金额：金额应为不小于 0 的数字',
    });
  });

  it('the same in English', async () => {
    expect(await rejected('en', bad())).toEqual({
      type: 'type: must look like order.created (lower case, dot separated)',
      customerId: 'customerId: is required',
      occurredAt: 'occurredAt: must be an ISO 8601 date-time with a time zone, e.g. 2026-11-11T20:00:00+08:00',
      'data.orderId': 'orderId: orderId must be a string',
      'data.amount': 'amount: amount must be a number of at least 0',
    });
  });

  it('per-type data and reserved types, in both languages', async () => {
    const order = {
      id: uniqueId('e'),
      type: 'order.created',
      customerId: 'c1',
      occurredAt: '2026-11-11T20:00:00+08:00',
      data: { orderId: 'o1', couponCodes: 'A1' },
    };
    expect(await rejected('zh-CN', order)).toEqual({ 'data.amount': '金额：必填', 'data.couponCodes': '券码：应为券码的列表' });
    expect(await rejected('en', order)).toEqual({ 'data.amount': 'amount: is required', 'data.couponCodes': 'couponCodes: must be an array of coupon codes' });
    const reserved = { id: uniqueId('e'), type: 'journey.enrol', customerId: 'c1', occurredAt: '2026-11-11T20:00:00+08:00' };
    expect((await rejected('zh-CN', reserved)).type).toBe(
      '类型：是保留的事件类型：journey.enrol 事件由回头客自己记录（要让客户进入旅程，请用 POST /api/journeys/:id/enrol）',
    );
    expect((await rejected('en', reserved)).type).toMatch(/^type: is reserved: Huitou stores journey\.enrol events itself/);
  });

  it('too many events in one request, in both languages', async () => {
    const many = Array.from({ length: 1001 }, () => ({}));
    expect((await stack.api('/api/events?locale=zh-CN', { body: many })).body).toEqual({ error: 'too_many_events', message: '每次最多发送 1000 个事件' });
    expect((await stack.api('/api/events?locale=en', { body: many })).body).toEqual({
      error: 'too_many_events',
      message: 'send at most 1000 events per request',
    });
  });

  it('a journey document refused on save names its field in the language asked for', async () => {
    const res = await stack.api('/api/journeys?locale=zh-CN', { body: { id: 'has space', name: '', nodes: [], edges: [] } });
    expect(res.status).toBe(400);
    const messages = Object.fromEntries((res.body.problems as Problem[]).map((p) => [p.path, p.message]));
    expect(messages).toMatchObject({ id: '编号：只能使用字母、数字、“-”和“_”', name: '名称：必填' });
  });
});
