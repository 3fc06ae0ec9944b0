import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { configFromEnv } from '../../server/config';
import { createLogger } from '../../server/logger';
import { startHuitou, type Huitou } from '../../server/runtime';
import { connectTemporal, type TemporalHandle } from '../../server/temporal/connect';
import { freshPostgresUrl } from '../support/databases';
import { eventually, lineJourney, orderCreatedTrigger, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

/**
 * Huitou at scale: one process in the `server` role (HTTP API, router, schedules) and one in the
 * `worker` role (journey worker, outbox delivery) on one PostgreSQL database and task queue. Each
 * role starts only its own parts, and an event posted to the server becomes a message the worker
 * sends.
 */
describe('the server and worker roles in two processes', () => {
  let server: Stack;
  let worker: Huitou;
  let workerTemporal: TemporalHandle;
  let workerDataDir: string;

  beforeAll(async () => {
    const databaseUrl = await freshPostgresUrl();
    server = await startStack({ role: 'server', databaseUrl });
    const log = createLogger(process.env.HUITOU_TEST_LOG_LEVEL ?? 'warn');
    workerTemporal = await connectTemporal({ address: inject('temporalAddress'), namespace: 'default', dbFile: '', cacheDir: '', port: 0, uiPort: 0, log });
    workerDataDir = mkdtempSync(join(tmpdir(), 'huitou-worker-'));
    worker = await startHuitou(
      { ...configFromEnv({}), role: 'worker', databaseUrl, port: 0, dataDir: workerDataDir, taskQueue: server.taskQueue },
      { temporal: workerTemporal, log, workflowBundle: { codePath: inject('workflowBundlePath') } },
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await workerTemporal?.close();
    await server?.stop();
    if (workerDataDir) rmSync(workerDataDir, { recursive: true, force: true });
  });

  it('the server serves HTTP and runs no worker; the worker runs a worker and serves no HTTP', () => {
    expect(server.huitou.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.huitou.worker).toBeUndefined();
    expect(worker.url).toBeUndefined();
    expect(worker.worker?.lanes.urgent.current()).toBeDefined();
    expect(worker.worker?.lanes.bulk.current()).toBeDefined();
  });

  it('an event posted to the server is routed there, run and delivered by the worker', async () => {
    const journey = lineJourney(uniqueId('roles'), orderCreatedTrigger, [
      { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '订单 {{order.id}} 已收到' } },
    ]);
    expect((await server.api('/api/journeys', { body: journey })).status).toBe(201);
    expect((await server.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' })).status).toBe(200);
    const customer = uniqueId('c');
    const order = uniqueId('o');
    expect(
      (await server.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 99, customer: { phone: '13800001234' } }) })).status,
    ).toBe(202);

    // Only the worker process delivers the outbox: `sent` by its local sink proves it ran the step too.
    const message = await eventually(async () => {
      const m = (await server.api(`/api/messages?customerId=${customer}`)).body.messages[0];
      return m?.status === 'sent' ? m : undefined;
    }, 60_000);
    expect(message).toMatchObject({ channel: 'sms', provider: 'local-sink', attempts: 1 });
    const enrolment = await eventually(async () => {
      const e = await worker.context.enrolments.find(`journey:${journey.id}:${customer}:${order}`);
      return e?.status === 'completed' ? e : undefined;
    });
    expect(enrolment.journeyId).toBe(journey.id);
  });
});
