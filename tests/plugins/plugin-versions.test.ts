import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { freshPostgresUrl } from '../support/databases';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { progressQuery } from '../../workflows/shared';
import { pluginRuns } from './fixtures/runs';
import { pluginJourney } from './journeys';

const fixtures = join(projectRoot, 'tests', 'plugins', 'fixtures');
const manifest = (name: string) => ({ manifest: join(fixtures, name), required: true });

/**
 * Plugins on the whole product and a real Temporal worker: a journey published with a plugin's v1
 * keeps running v1 after v2 is installed (a restart with the upgraded manifest), new publishes
 * take v2, and a plugin's declared retries are the ones Temporal applies.
 */
describe('plugin node versions and retries on Temporal', () => {
  const stacks: Stack[] = [];
  afterAll(async () => {
    for (const s of stacks) await s.stop().catch(() => undefined);
  });

  it('keeps a journey published with v1 on v1 after v2 is installed; a new publish runs v2', async () => {
    const databaseUrl = await freshPostgresUrl();
    const taskQueue = uniqueId('plugins');
    const before = await startStack({ databaseUrl, taskQueue, plugins: manifest('manifest-v1.json') });
    stacks.push(before);

    const journey = pluginJourney('test.echo', { awaitPayment: true });
    expect((await before.api('/api/journeys', { body: journey })).status).toBe(201);
    const published = await before.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
    const stamped = published.body.journey.nodes.find((n: { id: string }) => n.id === 'plugin-step');
    expect(stamped).toMatchObject({ type: 'test.echo', typeVersion: 1, activity: { startToCloseTimeoutMs: 60_000, retry: { maximumAttempts: 20 } } });
    // The draft stays unstamped: it follows the latest versions when edited and published again.
    const draft = await before.api(`/api/journeys/${journey.id}`);
    expect(draft.body.journey.nodes.find((n: { id: string }) => n.id === 'plugin-step').typeVersion).toBeUndefined();

    // A customer enters and waits for payment while v1 is the only version.
    const early = uniqueId('c');
    const earlyOrder = uniqueId('o');
    await before.api('/api/events', { body: orderEvent('order.created', early, earlyOrder, { amount: 88 }) });
    const earlyWorkflow = `journey:${journey.id}:${early}:${earlyOrder}`;
    await eventually(async () => {
      const progress = await before.huitou.temporal.client.workflow
        .getHandle(earlyWorkflow)
        .query(progressQuery)
        .catch(() => undefined);
      return progress?.waitingFor === 'order.paid' ? true : undefined;
    });
    await before.stop();
    stacks.splice(stacks.indexOf(before), 1);

    // Restart with the upgraded plugin: v2 is the latest, v1 stays installed.
    const after = await startStack({ databaseUrl, taskQueue, plugins: manifest('manifest-v2.json') });
    stacks.push(after);
    const types = (await after.api('/api/node-types')).body.nodeTypes as { type: string; version: number; versions: number[]; icon?: string }[];
    expect(types.find((t) => t.type === 'test.echo')).toMatchObject({ version: 2, versions: [1, 2], icon: '📣' });

    await after.api('/api/events', { body: orderEvent('order.paid', early, earlyOrder, { amount: 88 }) });
    await after.huitou.temporal.client.workflow.getHandle(earlyWorkflow).result();
    expect(pluginRuns().filter((r) => r.customerId === early)).toEqual([{ type: 'test.echo', version: 1, customerId: early, nodeId: 'plugin-step' }]);
    // The per-node options path is deterministic: its history replays on the workflow code.
    const history = await after.huitou.temporal.client.workflow.getHandle(earlyWorkflow).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, earlyWorkflow);

    // Published again: the stamp is now v2, and customers entering now run v2.
    const republished = await after.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(republished.status).toBe(200);
    expect(republished.body.journey.nodes.find((n: { id: string }) => n.id === 'plugin-step').typeVersion).toBe(2);
    const late = uniqueId('c');
    const lateOrder = uniqueId('o');
    await after.api('/api/events', {
      body: [orderEvent('order.created', late, lateOrder, { amount: 88 }), orderEvent('order.paid', late, lateOrder, { amount: 88 })],
    });
    await eventually(async () => (pluginRuns().some((r) => r.customerId === late) ? true : undefined));
    expect(pluginRuns().filter((r) => r.customerId === late)).toEqual([{ type: 'test.echo', version: 2, customerId: late, nodeId: 'plugin-step' }]);
  });

  it('retries a plugin action exactly as many times as it declares, then the customer leaves with the failure recorded', async () => {
    const stack = await startStack({ databaseUrl: await freshPostgresUrl(), plugins: manifest('manifest-v2.json') });
    stacks.push(stack);
    const journey = pluginJourney('test.flaky');
    await stack.api('/api/journeys', { body: journey });
    const published = await stack.api(`/api/journeys/${journey.id}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);

    const customer = uniqueId('c');
    const order = uniqueId('o');
    await stack.api('/api/events', { body: orderEvent('order.created', customer, order, { amount: 1 }) });
    const workflowId = `journey:${journey.id}:${customer}:${order}`;
    await eventually(async () => ((await stack.huitou.context.enrolments.find(workflowId)) ? true : undefined));
    const handle = stack.huitou.temporal.client.workflow.getHandle(workflowId);
    // Retries spent: the customer leaves, recorded, instead of the enrolment staying open.
    expect(await handle.result()).toEqual({ exitNodeId: 'plugin-step', reason: 'action-failed Error' });
    expect(await stack.huitou.context.enrolments.find(workflowId)).toMatchObject({ status: 'completed', exitReason: 'action-failed Error:plugin-step' });
    expect(pluginRuns().filter((r) => r.customerId === customer)).toHaveLength(2);

    const history = await handle.fetchHistory();
    const failed = history.events!.find((e) => e.activityTaskFailedEventAttributes);
    expect(failed?.activityTaskFailedEventAttributes?.failure?.message).toContain('the flaky plugin fails on purpose');
    const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes);
    const runAction = scheduled.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runAction')!;
    const attributes = runAction.activityTaskScheduledEventAttributes!;
    expect(attributes.retryPolicy?.maximumAttempts).toBe(2);
    expect(attributes.retryPolicy?.initialInterval?.nanos).toBe(200_000_000);
    expect(attributes.retryPolicy?.backoffCoefficient).toBe(1);
    expect(String(attributes.startToCloseTimeout?.seconds)).toBe('10');
    const started = history.events!.find((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === runAction.eventId?.toString());
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);
  });
});
