import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, type CustomerEvent } from '../../engine/index';
import { createActionServices } from '../../server/worker/action-services';
import { unavailableParts } from '../../server/worker/unavailable-services';
import { Campaigns } from '../../server/coupons/campaigns';
import { Coupons } from '../../server/coupons/coupon-service';
import { FactsService } from '../../server/facts/facts-service';
import { FactsFollower } from '../../server/events/facts-follower';
import { SettingsStore } from '../../server/facts/settings-store';
import { createLogger } from '../../server/logger';
import { Customers } from '../../server/customers/customers';
import { Enrolments } from '../../server/journeys/enrolments';
import { storeAndApply } from '../../server/events/event-effects';
import { Events } from '../../server/events/event-log';
import { Outbox } from '../../server/messaging/outbox';
import { createActivities } from '../../server/worker/journey-activities';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { orderEvent, uniqueId } from '../support/journeys';

/** The action nodes as the worker runs them: the runAction activity over a real database. */
describe.each(databaseKinds)('coupon, tag, tier, attribute and task nodes on %s', (kind) => {
  let t: TestDatabase;
  let activities: ReturnType<typeof createActivities>;
  let campaigns: Campaigns;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    const settings = new SettingsStore(t.db);
    const facts = new FactsService(t.db, settings);
    const events = new Events(t.db);
    const follower = new FactsFollower({ facts, events, timezone: async () => (await settings.shop()).timezone, log: createLogger('silent') });
    const coupons = new Coupons(t.db);
    campaigns = new Campaigns(t.db);
    activities = createActivities({
      registry: createRegistry(),
      customers: new Customers(t.db),
      outbox: new Outbox(t.db),
      enrolments: new Enrolments(t.db),
      facts,
      issuedCoupons: coupons,
      services: createActionServices(t.db, { ...unavailableParts, coupons }, { afterCustomerChange: (id) => follower.afterChange(id) }),
    });
  });
  afterAll(() => t?.close());

  /** A customer with a paid order, as the journeys in these tests start from. */
  const customerWithOrder = async () => {
    const customer = uniqueId('c');
    const order = uniqueId('o');
    const created = orderEvent('order.created', customer, order, { amount: 300, customer: { name: '李雷', phone: '13900001111' } });
    await storeAndApply(t.db, created);
    return { customer, entry: created };
  };
  const run = (nodeType: string, config: unknown, customerId: string, entry: CustomerEvent, key: string) =>
    activities.runAction({
      journeyId: 'j-coupon',
      journeyVersion: 1,
      nodeId: key.split('/').at(-2)!,
      nodeType,
      config,
      idempotencyKey: key,
      customerId,
      entry,
    });

  it('issues a coupon that later steps of the same enrolment show, and goes by exhausted when the pool is empty', async () => {
    const campaign = await campaigns.create({
      id: uniqueId('pool'),
      name: '满200减20',
      kind: 'amount',
      value: 20,
      minimumSpend: 200,
      validDays: 3,
      codeSource: 'pool',
      codePrefix: '',
    });
    await campaigns.addPoolCodes(campaign.id, ['ONLY-ONE']);
    const a = await customerWithOrder();
    const issued = await run('coupon.issue', { campaignId: campaign.id }, a.customer, a.entry, `wf-a/run-1/coupon/1`);
    expect(issued.port).toBeUndefined();
    const sms = await run(
      'message.send',
      { channel: 'sms', template: '{{customer.name}}，送您¥{{coupon.amount}}券 {{coupon.code}}' },
      a.customer,
      a.entry,
      `wf-a/run-1/sms/1`,
    );
    expect(sms.summary).toMatch(/^sms /);
    const sent = await t.db.selectFrom('messages').select(['text', 'recipient']).where('idempotency_key', '=', 'wf-a/run-1/sms/1').executeTakeFirstOrThrow();
    expect(sent).toEqual({ text: '李雷，送您¥20券 ONLY-ONE', recipient: '13900001111' });

    // Another enrolment of another customer: nothing left, and its messages see no coupon.
    const b = await customerWithOrder();
    const none = await run('coupon.issue', { campaignId: campaign.id }, b.customer, b.entry, `wf-b/run-1/coupon/1`);
    expect(none.port).toBe('exhausted');
    await run('message.send', { channel: 'sms', template: '券:{{coupon.code}}' }, b.customer, b.entry, `wf-b/run-1/sms/1`);
    const other = await t.db.selectFrom('messages').select('text').where('idempotency_key', '=', 'wf-b/run-1/sms/1').executeTakeFirstOrThrow();
    expect(other.text).toBe('券:');
  });

  it('tags, raises the tier and announces both as the facts follower does', async () => {
    const a = await customerWithOrder();
    await run('tag.add', { tags: ['高意向'] }, a.customer, a.entry, `wf-t/run-1/tag/1`);
    await run('tag.add', { tags: ['高意向'] }, a.customer, a.entry, `wf-t/run-1/tag/1`); // a retried activity
    await run('tier.raise', { tier: 'vip' }, a.customer, a.entry, `wf-t/run-1/tier/1`);
    await run('tier.raise', { tier: 'senior' }, a.customer, a.entry, `wf-t/run-1/tier2/1`);
    const events = await t.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('customer_id', '=', a.customer)
      .where('type', 'like', 'customer.%')
      .orderBy('received_at')
      .execute();
    expect(events.filter((e) => e.type === 'customer.tagged').map((e) => e.data)).toEqual([{ tag: '高意向' }]);
    expect(events.filter((e) => e.type === 'customer.tier_changed').map((e) => e.data)).toEqual([{ from: 'ordinary', to: 'vip' }]);
    const row = await t.db.selectFrom('customers').select('tier').where('id', '=', a.customer).executeTakeFirstOrThrow();
    expect(row.tier).toBe('vip');

    await run('tag.remove', { tags: ['高意向'] }, a.customer, a.entry, `wf-t/run-1/untag/1`);
    const tags = await t.db.selectFrom('customer_tags').select('tag').where('customer_id', '=', a.customer).where('source', '=', 'manual').execute();
    expect(tags).toEqual([]);
  });

  it('sets an attribute from a template and creates a staff task in the outbox', async () => {
    const a = await customerWithOrder();
    await run('attribute.set', { name: 'lastPromoOrder', value: '{{order.id}}' }, a.customer, a.entry, `wf-s/run-1/attr/1`);
    const customer = await t.db.selectFrom('customers').select('attributes').where('id', '=', a.customer).executeTakeFirstOrThrow();
    expect(customer.attributes.lastPromoOrder).toBe(a.entry.data.orderId);

    await run(
      'task.create',
      { title: '电话催付 {{order.id}}', note: '{{customer.name}} ¥{{order.amount}}', queue: 'phone-calls', priority: 'high' },
      a.customer,
      a.entry,
      `wf-s/run-1/task/1`,
    );
    const task = await t.db.selectFrom('messages').selectAll().where('idempotency_key', '=', 'wf-s/run-1/task/1').executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      channel: 'task',
      status: 'open',
      recipient: 'phone-calls',
      subject: `[high] 电话催付 ${a.entry.data.orderId}`,
      text: '李雷 ¥300',
    });
  });

  it('fails a step naming an unknown campaign at once instead of retrying it', async () => {
    const a = await customerWithOrder();
    const error = await run('coupon.issue', { campaignId: 'no-such-campaign' }, a.customer, a.entry, `wf-x/run-1/coupon/1`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('no coupon campaign "no-such-campaign"');
    // Temporal takes an activity error's name as its failure type, which the node marks as not to retry.
    expect(createRegistry().require('coupon.issue').activity?.retry.nonRetryableErrorTypes).toContain((error as Error).name);
  });

  it("validates the nodes' configs with field-named messages", () => {
    const registry = createRegistry();
    const problems = (type: string, config: unknown) => {
      const parsed = registry.require(type).config.safeParse(config);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems('coupon.issue', { campaignId: '' })).toEqual(['campaignId: choose a coupon campaign']);
    expect(problems('tag.add', { tags: [] })).toEqual(['tags: add at least one tag']);
    expect(problems('tier.raise', { tier: 'gold' })[0]).toMatch(/^tier: must be one of ordinary, senior, vip, supreme/);
    expect(problems('attribute.set', { name: '1x', value: '{{#a}}' })).toEqual([
      'name: may use only letters, digits and "_", not starting with a digit',
      expect.stringMatching(/^value: the template does not parse/),
    ]);
    expect(problems('task.create', { priority: 'now' })[0]).toMatch(/^priority: must be one of low, normal, high, urgent/);
  });
});
