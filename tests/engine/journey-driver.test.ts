import { describe, expect, it } from 'vitest';
import {
  actionContext,
  admission,
  createRegistry,
  customerZone,
  Interpreter,
  journeySchema,
  JourneyDriver,
  messagingSettingsSchema,
  simulateJourney,
  type ActionInput,
  type DriverPort,
  type Journey,
} from '../../engine/index';
import { journeyDocument, orderEvent } from './fixtures';

/** trigger → wait one hour → SMS → exit; the customer leaves early when their order closes. */
function hourJourney(): Journey {
  const doc = journeyDocument(
    [
      { id: 'start', type: 'trigger.event', config: { eventType: 'order.created' } },
      { id: 'hour', type: 'wait', config: { duration: 'PT1H' } },
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: 'hi' } },
      { id: 'end', type: 'exit' },
    ],
    [
      ['start', 'next', 'hour'],
      ['hour', 'next', 'sms'],
      ['sms', 'next', 'end'],
    ],
  );
  return journeySchema.parse({ ...doc, settings: { timezone: 'Asia/Shanghai', exitWhen: [{ eventType: 'order.closed', sameOrder: true }] } });
}

/** A runtime whose waits the test ends by hand: `release(true)` when what was awaited holds, `release(false)` at the timeout. */
function scriptedPort() {
  const waits: { ready: () => boolean; timeoutMs: number | undefined; resolve: (v: boolean) => void }[] = [];
  const exits: [string, string][] = [];
  const actions: ActionInput[] = [];
  let now = Date.parse('2026-11-11T12:00:00Z');
  const port: DriverPort = {
    now: () => now,
    wait: (ready, timeoutMs) => (ready() ? Promise.resolve(true) : new Promise((resolve) => waits.push({ ready, timeoutMs, resolve }))),
    sleep: () => Promise.resolve(),
    patched: () => true,
    loadCustomer: () => Promise.resolve({ id: 'c-1' }),
    actionKey: (nodeId, visit) => `w/r/${nodeId}/${visit}`,
    runAction: (input) => (actions.push(input), Promise.resolve({})),
    report: () => Promise.resolve(),
    recordExit: (nodeId, reason) => (exits.push([nodeId, reason]), Promise.resolve()),
    checkpoint: () => Promise.resolve(),
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    port,
    exits,
    actions,
    waits,
    advance: (ms: number) => void (now += ms),
    /** Ends the latest wait and lets the driver run until it waits again or ends. */
    async release(value: boolean) {
      waits.pop()!.resolve(value);
      await settle();
    },
    settle,
  };
}

describe('the journey driver', () => {
  const entry = orderEvent('order.created', { orderId: 'o-1' });
  const start = (journey: Journey, rig: ReturnType<typeof scriptedPort>) =>
    new JourneyDriver(new Interpreter(journey, createRegistry(), { opaqueActions: true }), 3, entry, rig.port);

  it('leaves on an exit event of its own order, not on another order’s', async () => {
    const rig = scriptedPort();
    const driver = start(hourJourney(), rig);
    const done = driver.run();
    await rig.settle();
    expect(rig.waits.at(-1)!.timeoutMs).toBe(3_600_000);
    driver.receive(orderEvent('order.closed', { orderId: 'o-2' }));
    expect(rig.waits.at(-1)!.ready()).toBe(true);
    await rig.release(true);
    // Another order's close: checked, and the customer keeps waiting for the rest of the hour.
    expect(rig.exits).toEqual([]);
    expect(driver.progress()).toEqual({ nodeId: 'hour', paused: false, waitingFor: undefined });
    driver.receive(orderEvent('order.closed', { orderId: 'o-1' }));
    await rig.release(true);
    expect(await done).toEqual({ exitNodeId: 'hour', reason: 'exit-when order.closed' });
    expect(rig.exits).toEqual([['hour', 'exit-when order.closed']]);
    expect(rig.actions).toEqual([]);
  });

  it('a stopped journey takes the customer out as `stopped`', async () => {
    const rig = scriptedPort();
    const driver = start(hourJourney(), rig);
    const done = driver.run();
    await rig.settle();
    driver.stop();
    await rig.release(true);
    expect(await done).toEqual({ exitNodeId: 'hour', reason: 'stopped' });
  });

  it('after the wait it runs the action with the input production schedules, keyed by the port', async () => {
    const rig = scriptedPort();
    const driver = start(hourJourney(), rig);
    const done = driver.run();
    await rig.settle();
    rig.advance(3_600_000);
    await rig.release(false);
    expect(await done).toEqual({ exitNodeId: 'end', reason: 'exit-node' });
    expect(rig.actions).toEqual([
      {
        journeyId: 'test-journey',
        journeyVersion: 3,
        nodeId: 'sms',
        nodeType: 'message.send',
        config: expect.objectContaining({ channel: 'sms', template: 'hi' }),
        idempotencyKey: 'w/r/sms/1',
        customerId: 'c-1',
        entry,
        priority: 5,
      },
    ]);
  });

  it('an action context ranks journeys without a priority in the middle', () => {
    const input: ActionInput = {
      journeyId: 'j',
      journeyVersion: 1,
      nodeId: 'n',
      nodeType: 'message.send',
      config: {},
      idempotencyKey: 'k',
      customerId: 'c-1',
      entry,
    };
    const services = {} as Parameters<typeof actionContext>[1]['services'];
    expect(actionContext(input, { now: 1, customer: { id: 'c-1' }, services, coupon: undefined })).toMatchObject({
      priority: 5,
      event: entry,
      now: 1,
      idempotencyKey: 'k',
    });
  });
});

describe("the customer's time zone", () => {
  it('is their own when Intl knows it, else the journey’s', () => {
    expect(customerZone({ id: 'c', timezone: 'America/New_York' }, 'Asia/Shanghai')).toBe('America/New_York');
    expect(customerZone({ id: 'c', timezone: 'Mars/Olympus' }, 'Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(customerZone({ id: 'c', timezone: 42 }, 'Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(customerZone({ id: 'c' }, 'Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(customerZone(undefined, 'Asia/Shanghai')).toBe('Asia/Shanghai');
  });

  it("a wait until a shop time ignores the customer's zone in the simulator as in production", async () => {
    const until = (zone: 'shop' | 'customer') =>
      journeySchema.parse(
        journeyDocument(
          [
            { id: 'start', type: 'trigger.event', config: { eventType: 'order.created' } },
            { id: 'at-ten', type: 'wait.until', config: { dateTime: '2026-11-12T10:00', zone } },
            { id: 'end', type: 'exit' },
          ],
          [
            ['start', 'next', 'at-ten'],
            ['at-ten', 'next', 'end'],
          ],
        ),
      );
    const simulate = (journey: Journey) =>
      simulateJourney({
        journey,
        registry: createRegistry(),
        customer: { id: 'c-1', timezone: 'America/New_York', facts: {} },
        events: [{ at: '2026-11-11T00:00:00Z', type: 'order.created' }],
        from: '2026-11-11T00:00:00Z',
        until: '2026-11-20T00:00:00Z',
        messaging: messagingSettingsSchema.parse({}),
        shopTimezone: 'Asia/Shanghai',
      });
    // 10:00 in Shanghai is 02:00 UTC; 10:00 in New York (EST) is 15:00 UTC.
    expect((await simulate(until('shop'))).exitedAt).toBe('2026-11-12T02:00:00.000Z');
    expect((await simulate(until('customer'))).exitedAt).toBe('2026-11-12T15:00:00.000Z');
  });
});

describe('entry admission', () => {
  const never = { reEntry: 'never' as const };
  const afterExit = { reEntry: 'after-exit' as const };
  const cooldown = { reEntry: 'cooldown' as const, reEntryCooldown: 'P1D' };
  const ended = { status: 'completed', endedAt: '2026-11-10T00:00:00.000Z' };

  it('starts a first enrolment and signals one still running, whatever the rule', () => {
    for (const rule of [never, afterExit, cooldown]) {
      expect(admission(undefined, rule, '2026-11-10T00:00:00Z')).toBe('start');
      expect(admission({ status: 'active' }, rule, '2026-11-10T00:00:00Z')).toBe('signal');
    }
  });

  it('after an exit: never refuses, after-exit reactivates, cooldown waits out its duration', () => {
    expect(admission(ended, never, '2026-12-10T00:00:00Z')).toBe('refuse');
    expect(admission(ended, afterExit, '2026-11-10T00:00:01Z')).toBe('reactivate');
    expect(admission(ended, cooldown, '2026-11-10T23:59:59Z')).toBe('refuse');
    expect(admission(ended, cooldown, '2026-11-11T00:00:00Z')).toBe('reactivate');
  });
});
