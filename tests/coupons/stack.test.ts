import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey } from '../../engine/index';
import { openApiDocument } from '../../server/http/openapi';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { eventually, orderEvent, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';

const journey = (id: string, nodes: Journey['nodes'], edges: Journey['edges']): Journey => ({
  schemaVersion: 1,
  id,
  name: id,
  status: 'draft',
  version: 0,
  nodes,
  edges,
  // The API fills the other settings with their defaults.
  settings: { timezone: 'Asia/Shanghai', reEntry: 'never' } as Journey['settings'],
  layout: { positions: {} },
});

/** Coupons, tags and the template preview through the whole product: HTTP, router, Temporal worker, database. */
describe.each(databaseKinds)('coupons and customer actions through the stack, %s database', (kind) => {
  let stack: Stack;
  beforeAll(async () => void (stack = await startStack(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {})));
  afterAll(() => stack?.stop());

  const publish = async (j: Journey) => {
    const saved = await stack.api('/api/journeys', { body: j });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const published = await stack.api(`/api/journeys/${j.id}/publish`, { method: 'POST' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  };
  const messagesOf = async (customerId: string, journeyId: string) =>
    (await stack.api(`/api/messages?customerId=${customerId}&journeyId=${journeyId}`)).body.messages as {
      text: string;
      channel: string;
      subject: string | null;
    }[];

  it('a journey issues a coupon, sends its code by SMS, and its tag starts another journey', async () => {
    const tag = uniqueId('got-coupon');
    const created = await stack.api('/api/coupons/campaigns', {
      body: { name: '新客满100减15', kind: 'amount', value: 15, minimumSpend: 100, validDays: 7, codeSource: 'generated', codePrefix: 'NEW-' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const campaignId = created.body.campaign.id as string;

    const welcome = journey(
      uniqueId('welcome-coupon'),
      [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: false } },
        { id: 'coupon', type: 'coupon.issue', config: { campaignId } },
        { id: 'sms', type: 'message.send', config: { channel: 'sms', template: '送您¥{{coupon.amount}}券：{{coupon.code}}，满100可用' } },
        { id: 'tag', type: 'tag.add', config: { tags: [tag] } },
        { id: 'done', type: 'exit', config: {} },
        { id: 'none', type: 'exit', config: {} },
      ],
      [
        { from: 'trigger', port: 'next', to: 'coupon' },
        { from: 'coupon', port: 'next', to: 'sms' },
        { from: 'coupon', port: 'exhausted', to: 'none' },
        { from: 'sms', port: 'next', to: 'tag' },
        { from: 'tag', port: 'next', to: 'done' },
      ],
    );
    const follower = journey(
      uniqueId('tagged-follow-up'),
      [
        {
          id: 'trigger',
          type: 'trigger.event',
          config: { eventType: 'customer.tagged', perOrder: false, condition: { all: [{ fact: 'event', path: '$.data.tag', operator: 'equal', value: tag }] } },
        },
        {
          id: 'call',
          type: 'task.create',
          config: { title: '回访 {{customer.name}}', note: '已发券，标签 {{event.tag}}', queue: 'follow-up', priority: 'normal' },
        },
        { id: 'done', type: 'exit', config: {} },
      ],
      [
        { from: 'trigger', port: 'next', to: 'call' },
        { from: 'call', port: 'next', to: 'done' },
      ],
    );
    await publish(welcome);
    await publish(follower);

    const customer = uniqueId('c');
    const order = uniqueId('o');
    expect(
      (
        await stack.api('/api/events', {
          body: orderEvent('order.created', customer, order, { amount: 88, customer: { name: '韩梅梅', phone: '13700002222' } }),
        })
      ).status,
    ).toBe(202);

    const sms = await eventually(async () => {
      const m = await messagesOf(customer, welcome.id);
      return m.length > 0 ? m : undefined;
    });
    const code = (await stack.huitou.context.db.selectFrom('coupon_codes').select('code').where('customer_id', '=', customer).executeTakeFirstOrThrow()).code;
    expect(code).toMatch(/^NEW-[2-9A-Z]{12}$/);
    // A marketing SMS: it ends with the shop's opt-out text.
    expect(sms.map((m) => m.text)).toEqual([`送您¥15券：${code}，满100可用 拒收请回复R`]);

    const task = await eventually(async () => {
      const m = await messagesOf(customer, follower.id);
      return m.length > 0 ? m : undefined;
    });
    expect(task).toEqual([expect.objectContaining({ channel: 'task', subject: '回访 韩梅梅', text: `已发券，标签 ${tag}` })]);

    const stats = await stack.api(`/api/coupons/campaigns/${campaignId}`);
    expect(stats.body.stats).toMatchObject({ issued: 1, redeemed: 0, budgetUsed: 15 });

    // Paying an order with the code redeems it.
    const next = uniqueId('o');
    await stack.api('/api/events', {
      body: [orderEvent('order.created', customer, next, { amount: 120, couponCodes: [code] }), orderEvent('order.paid', customer, next, {})],
    });
    const after = await stack.api(`/api/coupons/campaigns/${campaignId}`);
    expect(after.body.stats).toMatchObject({ issued: 1, redeemed: 1 });
  });

  it('manages campaigns: field-named errors, pools from text or JSON with duplicates reported, roles', async () => {
    const bad = await stack.api('/api/coupons/campaigns', {
      body: { name: '', kind: 'gift', value: -1, codeSource: 'pool', validDays: 3, expiresAt: '2030-01-01T00:00:00Z' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_campaign');
    const paths = (bad.body.problems as { path: string; message: string }[]).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'kind', 'value']));
    expect(bad.body.message).toMatch(/kind: must be "amount" \(yuan off\) or "percent"/);

    const both = await stack.api('/api/coupons/campaigns', { body: { name: 'x', kind: 'percent', value: 10, codeSource: 'pool', budgetCap: 100 } });
    expect(both.status).toBe(400);
    expect(both.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'validDays', message: expect.stringMatching(/^validDays: give exactly one of validDays/) }),
        expect.objectContaining({ path: 'budgetCap' }),
      ]),
    );

    const id = uniqueId('pool');
    expect(
      (
        await stack.api('/api/coupons/campaigns', {
          body: { id, name: '九折券', kind: 'percent', value: 10, expiresAt: '2099-12-31T23:59:59+08:00', codeSource: 'pool', quantityCap: 10 },
        })
      ).status,
    ).toBe(201);
    expect(
      (await stack.api('/api/coupons/campaigns', { body: { id, name: 'again', kind: 'percent', value: 10, validDays: 1, codeSource: 'pool' } })).status,
    ).toBe(409);

    const text = await fetch(`${stack.baseUrl}/api/coupons/campaigns/${id}/codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'text/plain' },
      body: 'P10-AAA\nP10-BBB\r\n\nP10-AAA\n',
    });
    expect(text.status).toBe(200);
    expect(await text.json()).toMatchObject({ added: 2, duplicates: ['P10-AAA'], stats: { poolAvailable: 2, remaining: 2 } });
    const json = await stack.api(`/api/coupons/campaigns/${id}/codes`, { body: ['P10-BBB', 'P10-CCC'] });
    expect(json.body).toMatchObject({ added: 1, duplicates: ['P10-BBB'] });
    const badCode = await stack.api(`/api/coupons/campaigns/${id}/codes`, { body: { codes: ['ok-1', 'has space'] } });
    expect(badCode.status).toBe(400);
    expect(badCode.body.problems[0].path).toBe('codes[1]');

    const one = await stack.api(`/api/coupons/campaigns/${id}`);
    expect(one.body).toMatchObject({
      campaign: { id, kind: 'percent', value: 10, quantityCap: 10, codeSource: 'pool' },
      stats: { issued: 0, poolAvailable: 3, remaining: 3 },
    });
    expect((await stack.api('/api/coupons/campaigns')).body.campaigns.map((c: { id: string }) => c.id)).toContain(id);
    expect((await stack.api('/api/coupons/campaigns/nope')).status).toBe(404);

    expect((await stack.api('/api/coupons/campaigns', { token: null })).status).toBe(401);
    const analyst = await stack.api('/api/tokens', { body: { name: 'reader', role: 'analyst' } });
    expect(analyst.status, JSON.stringify(analyst.body)).toBe(201);
    const analystToken = analyst.body.token as string;
    expect((await stack.api(`/api/coupons/campaigns/${id}`, { token: analystToken })).status).toBe(200);
    expect((await stack.api('/api/coupons/campaigns', { token: analystToken, body: { name: 'x' } })).status).toBe(403);
  });

  it('previews templates as journeys render them', async () => {
    const customer = uniqueId('c');
    await stack.api('/api/events', {
      body: orderEvent('order.created', customer, uniqueId('o'), { amount: 66, customer: { name: '<王>', phone: '13700003333' } }),
    });
    await eventually(async () => ((await stack.huitou.context.customers.profile(customer)).name ? true : undefined));

    const sms = await stack.api('/api/templates/preview', {
      body: {
        template: '{{customer.name}}，订单{{order.id}}，券{{coupon.code}}{{customer.nickname}}',
        channel: 'sms',
        customerId: customer,
        event: { type: 'order.created', data: { orderId: 'A1' } },
        coupon: { code: 'C-1' },
      },
    });
    expect(sms.status, JSON.stringify(sms.body)).toBe(200);
    expect(sms.body).toEqual({
      text: '<王>，订单A1，券C-1',
      variables: ['customer.name', 'order.id', 'coupon.code', 'customer.nickname'],
      unknownVariables: ['customer.nickname'],
      length: 13,
      smsSegments: 1,
      encoding: 'UCS-2',
    });

    // Analysts may preview; a stored customer's contact is masked for any role but admin, as in the customers API.
    const analyst = (await stack.api('/api/tokens', { body: { name: 'preview-reader', role: 'analyst' } })).body.token as string;
    const masked = await stack.api('/api/templates/preview', {
      token: analyst,
      body: { template: '{{customer.name}} {{customer.phone}}', channel: 'sms', customerId: customer },
    });
    expect(masked.status, JSON.stringify(masked.body)).toBe(200);
    expect(masked.body.text).toBe('<** 137****3333');

    const email = await stack.api('/api/templates/preview', {
      body: { template: '<p>{{customer.name}}</p>', channel: 'email', customer: { name: '<b>李</b>' } },
    });
    expect(email.body).toMatchObject({ text: '<p>&lt;b&gt;李&lt;/b&gt;</p>', smsSegments: null });

    const long = await stack.api('/api/templates/preview', { body: { template: '好'.repeat(71), channel: 'sms' } });
    expect(long.body).toMatchObject({ length: 71, smsSegments: 2, encoding: 'UCS-2' });
    const latin = await stack.api('/api/templates/preview', { body: { template: 'a'.repeat(161), channel: 'sms' } });
    expect(latin.body).toMatchObject({ smsSegments: 2, encoding: 'GSM-7' });

    const broken = await stack.api('/api/templates/preview', { body: { template: 'Hi {{#order}}', channel: 'sms' } });
    expect(broken.status).toBe(400);
    expect(broken.body.problems).toEqual([expect.objectContaining({ path: 'template' })]);
    expect(broken.body.message).toMatch(/^template: does not parse: Unclosed section "order"/);
    const noTemplate = await stack.api('/api/templates/preview', { body: { channel: 'fax' } });
    expect(noTemplate.status).toBe(400);
    expect(noTemplate.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['channel', 'template']);
  });

  it('refuses to publish a coupon step naming a campaign that does not exist', async () => {
    const j = journey(
      uniqueId('no-campaign'),
      [
        { id: 'trigger', type: 'trigger.event', config: { eventType: 'order.created', perOrder: true } },
        { id: 'coupon', type: 'coupon.issue', config: { campaignId: 'never-made' } },
        { id: 'done', type: 'exit', config: {} },
      ],
      [
        { from: 'trigger', port: 'next', to: 'coupon' },
        { from: 'coupon', port: 'next', to: 'done' },
        { from: 'coupon', port: 'exhausted', to: 'done' },
      ],
    );
    expect((await stack.api('/api/journeys', { body: j })).status).toBe(201);
    const refused = await stack.api(`/api/journeys/${j.id}/publish?locale=zh-CN`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([
      { path: 'nodes[1].config.campaignId', code: 'unknown_campaign', nodeId: 'coupon', message: 'campaignId：没有 id 为“never-made”的券活动' },
    ]);
    expect((await stack.api(`/api/journeys/${j.id}`)).body.journey.status).toBe('draft');

    await stack.api('/api/coupons/campaigns', { body: { id: 'never-made', name: '补建', kind: 'amount', value: 5, validDays: 3, codeSource: 'generated' } });
    expect((await stack.api(`/api/journeys/${j.id}/publish`, { method: 'POST' })).status).toBe(200);
  });

  it('describes the endpoints in the OpenAPI document', () => {
    const paths = Object.keys(openApiDocument().paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining(['/api/coupons/campaigns', '/api/coupons/campaigns/{id}', '/api/coupons/campaigns/{id}/codes', '/api/templates/preview']),
    );
  });
});
