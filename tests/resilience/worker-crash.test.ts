import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { progressQuery } from '../../workflows/shared';
import { eventually, orderEvent, paymentReminder, uniqueId } from '../support/journeys';
import { startHuitouProcess, type HuitouProcess } from '../support/process';

/**
 * A Huitou process (HTTP server, router and worker, embedded database) is killed with SIGKILL while
 * a customer waits for payment; a new process on the same data folder finishes the journey, and
 * the customer gets exactly one reminder.
 */
describe('a worker crash while a journey waits', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'huitou-crash-'));
  const token = `t-${uniqueId('crash')}`;
  const env = {
    HUITOU_DATA_DIR: dataDir,
    HUITOU_API_TOKEN: token,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    HUITOU_TASK_QUEUE: uniqueId('crash-queue'),
  };
  let connection: Connection;
  let client: Client;
  const running: HuitouProcess[] = [];

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    client = new Client({ connection });
  });
  afterAll(async () => {
    for (const p of running) await p.stop();
    await connection?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (p: HuitouProcess, path: string, body?: unknown) => {
    const res = await fetch(p.baseUrl + path, {
      method: body === undefined && !path.endsWith('/publish') ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('completes the journey on a new worker with exactly one message', async () => {
    const first = await startHuitouProcess(env);
    running.push(first);
    const journey = paymentReminder('PT8S');
    expect((await call(first, '/api/journeys', journey)).status).toBe(201);
    expect((await call(first, `/api/journeys/${journey.id}/publish`)).status).toBe(200);

    const customer = uniqueId('c');
    const order = uniqueId('o');
    const created = orderEvent('order.created', customer, order, { amount: 188, customer: { name: '张伟', phone: '13700001111' } });
    expect((await call(first, '/api/events', created)).status).toBe(202);

    const workflowId = `journey:${journey.id}:${customer}:${order}`;
    const handle = client.workflow.getHandle(workflowId);
    // The customer is waiting for payment on the first worker.
    await eventually(async () => {
      const progress = await handle.query(progressQuery).catch(() => undefined);
      return progress?.waitingFor === 'order.paid' ? progress : undefined;
    });
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startHuitouProcess(env);
    running.push(second);
    const result = await handle.result();
    expect(result).toEqual({ exitNodeId: 'done', reason: 'exit-node' });

    const messages = (await call(second, `/api/messages?customerId=${customer}`)).body.messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'sms', recipient: '13700001111', nodeId: 'reminder-sms', journeyVersion: 1 });
    expect(messages[0].text).toContain('张伟');
  });
});
