import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressQuery } from '../../workflows/shared';
import { startEmbeddedHuitou, type EmbeddedHuitou } from '../support/embedded';
import { eventually, orderEvent, paymentReminder, uniqueId } from '../support/journeys';

/**
 * Huitou on its embedded default — its own Temporal dev server, started through the real connect
 * path on a state file in a temporary folder — loses that server to SIGKILL while customers wait
 * for payment. Nobody restarts anything by hand: the server comes back on the same state file,
 * health recovers, every waiting journey finishes exactly once, and an event posted during the
 * outage is routed.
 */
describe('the embedded Temporal dev server is killed while journeys wait', () => {
  let embedded: EmbeddedHuitou;
  beforeAll(async () => void (embedded = await startEmbeddedHuitou()));
  afterAll(() => embedded?.stop());
  const api = (path: string, body?: unknown) => embedded.api(path, body);

  it('restarts the server by itself; the waiting journeys finish once each and the outage’s event is routed', async () => {
    const { huitou } = embedded;
    expect(huitou.temporal.started).toBe(true);
    expect((await api('/api/health')).body).toMatchObject({ ok: true, temporal: 'ok' });
    const journey = paymentReminder('PT25S');
    expect((await api('/api/journeys', journey)).status).toBe(201);
    expect((await api(`/api/journeys/${journey.id}/publish`)).status).toBe(200);

    // Three customers wait for payment; one of them will pay while Temporal is down.
    const waiting = [0, 1, 2].map((i) => ({ customer: uniqueId(`c${i}`), order: uniqueId('o'), phone: `1370000111${i}` }));
    for (const w of waiting) {
      const created = orderEvent('order.created', w.customer, w.order, { amount: 88, customer: { name: '王芳', phone: w.phone } });
      expect((await api('/api/events', created)).status).toBe(202);
    }
    const handles = waiting.map((w) => huitou.temporal.client.workflow.getHandle(`journey:${journey.id}:${w.customer}:${w.order}`));
    for (const handle of handles) {
      await eventually(async () => ((await handle.query(progressQuery).catch(() => undefined))?.waitingFor === 'order.paid' ? true : undefined));
    }

    const pid = huitou.temporal.embedded!.pid()!;
    process.kill(pid, 'SIGKILL');
    // Stored at once (202) even though Temporal is gone; routed when it is back.
    const [payer, ...unpaid] = waiting;
    const paid = await api('/api/events', orderEvent('order.paid', payer!.customer, payer!.order, {}));
    expect(paid.status).toBe(202);

    // Health recovers without a hand, on a new server process.
    await eventually(async () => {
      const health = await api('/api/health');
      return health.status === 200 && health.body.temporal === 'ok' ? true : undefined;
    }, 90_000);
    expect(huitou.temporal.embedded!.restarts()).toBe(1);
    expect(huitou.temporal.embedded!.pid()).not.toBe(pid);

    // The payer's journey heard the payment (routed after the outage) and left without a message;
    // the others were reminded when their wait ran out.
    expect(await handles[0]!.result()).toEqual({ exitNodeId: 'paid', reason: 'exit-node' });
    for (const handle of handles.slice(1)) expect(await handle.result()).toEqual({ exitNodeId: 'done', reason: 'exit-node' });
    const messagesOf = async (customerId: string) =>
      (await api(`/api/messages?customerId=${customerId}`)).body.messages as { recipient: string; nodeId: string }[];
    for (const w of unpaid) {
      const messages = await eventually(async () => {
        const m = await messagesOf(w.customer);
        return m.length > 0 ? m : undefined;
      });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ recipient: w.phone, nodeId: 'reminder-sms' });
    }
    expect(await messagesOf(payer!.customer)).toEqual([]);
  });
});
