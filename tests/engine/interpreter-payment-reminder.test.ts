import { describe, expect, it } from 'vitest';
import { createRegistry, decisionFacts, Interpreter, type RunState } from '../../engine/index';
import { orderEvent, paymentReminder } from './fixtures';

const interpreter = new Interpreter(paymentReminder(), createRegistry());

/** A customer standing at `cursor`, as if they had just arrived there after a wait. */
const at = (cursor: string): RunState => ({ cursor, visits: { [cursor]: 1 }, stepsSinceWait: 0 });

describe('Interpreter on the payment reminder', () => {
  it('enter() lands on the wait-for-event node, past the trigger, with visits counted', () => {
    expect(interpreter.triggerId).toBe('trigger');
    expect(interpreter.enter()).toEqual({ cursor: 'await-payment', visits: { trigger: 1, 'await-payment': 1 }, stepsSinceWait: 1 });
  });

  it('instruction() at the wait-for-event node: wait 1_500_000 ms for order.paid about the same order', () => {
    expect(interpreter.instruction(interpreter.enter())).toEqual({
      kind: 'waitForEvent',
      nodeId: 'await-payment',
      wait: { eventType: 'order.paid', timeoutMs: 1_500_000, sameOrder: true, condition: undefined },
    });
  });

  it('instruction() at a condition: decide', () => {
    expect(interpreter.instruction(at('high-value'))).toEqual({ kind: 'decide', nodeId: 'high-value' });
  });

  it('instruction() at a send: action with the node type, the parsed config and the visit', () => {
    expect(interpreter.instruction({ cursor: 'call-task', visits: { 'call-task': 3 }, stepsSinceWait: 2 })).toEqual({
      kind: 'action',
      nodeId: 'call-task',
      nodeType: 'message.send',
      config: {
        channel: 'task',
        subject: '电话催付 {{order.id}}',
        template: '请致电客户 {{customer.name}}，订单 {{order.id}}（¥{{order.amount}}）下单 25 分钟仍未付款。',
        transactional: false,
        quietHours: 'shop',
      },
      visit: 3,
    });
  });

  it('instruction() at an exit: exit with reason exit-node', () => {
    expect(interpreter.instruction(at('done'))).toEqual({ kind: 'exit', nodeId: 'done', reason: 'exit-node' });
  });

  it('instruction() at a wait: sleep for its duration', () => {
    const journey = paymentReminder();
    journey.nodes[2] = { id: 'paid', type: 'wait', config: { duration: 'PT2H' } };
    const withWait = new Interpreter(journey, createRegistry());
    expect(withWait.instruction(at('paid'))).toEqual({ kind: 'sleep', nodeId: 'paid', needsCustomer: false });
    const entry = orderEvent('order.created', { amount: 1 });
    expect(withWait.wakeAt(at('paid'), { now: 1_000, timezone: 'Asia/Shanghai', entry })).toBe(1_000 + 7_200_000);
  });

  it('instruction() throws at the trigger, which no edge may lead to', () => {
    expect(() => interpreter.instruction(at('trigger'))).toThrow(/is a trigger/);
  });

  it('advance on event: paid exit; leaving a wait resets stepsSinceWait', () => {
    const state = interpreter.advance(interpreter.enter(), 'event');
    expect(state).toEqual({ cursor: 'paid', visits: { trigger: 1, 'await-payment': 1, paid: 1 }, stepsSinceWait: 0 });
    expect(interpreter.instruction(state)).toEqual({ kind: 'exit', nodeId: 'paid', reason: 'exit-node' });
  });

  it('advance on timeout → decide → yes for an order of 500', async () => {
    const atDecision = interpreter.advance(interpreter.enter(), 'timeout');
    expect(atDecision.cursor).toBe('high-value');
    const port = await interpreter.decide(atDecision, decisionFacts({ event: orderEvent('order.created', { amount: 500 }), customer: { id: 'c-1' } }));
    expect(port).toBe('yes');
    const atCall = interpreter.advance(atDecision, port);
    expect(atCall).toEqual({ cursor: 'call-task', visits: { trigger: 1, 'await-payment': 1, 'high-value': 1, 'call-task': 1 }, stepsSinceWait: 1 });
    expect(interpreter.instruction(atCall)).toMatchObject({ kind: 'action', nodeId: 'call-task', visit: 1 });
    const atDone = interpreter.advance(atCall, 'next');
    expect(atDone.cursor).toBe('done');
    expect(atDone.stepsSinceWait).toBe(2);
  });

  it('advance on timeout → decide → no for an order of 499.99', async () => {
    const atDecision = interpreter.advance(interpreter.enter(), 'timeout');
    const port = await interpreter.decide(atDecision, decisionFacts({ event: orderEvent('order.created', { amount: 499.99 }), customer: { id: 'c-1' } }));
    expect(port).toBe('no');
    expect(interpreter.advance(atDecision, port).cursor).toBe('reminder-sms');
  });

  it('decide() refuses a node that is not a decision', async () => {
    await expect(interpreter.decide(at('call-task'), {})).rejects.toThrow(/not a decision/);
  });

  it('advance on a port without an edge throws', () => {
    expect(() => interpreter.advance(at('done'), 'next')).toThrow('node done has no edge on port "next"');
    expect(() => interpreter.advance(at('await-payment'), 'yes')).toThrow('node await-payment has no edge on port "yes"');
  });

  it('keeps the states it is given unchanged', () => {
    const entered = interpreter.enter();
    const copy = structuredClone(entered);
    interpreter.advance(entered, 'timeout');
    expect(entered).toEqual(copy);
  });
});
