import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../engine/index';
import { databaseKinds, freshPostgresUrl } from '../support/databases';
import { eventually, uniqueId } from '../support/journeys';
import { startStack, type Stack } from '../support/stack';
import { startSmtpCapture } from './smtp-capture';

/**
 * Consent and 退订 through the whole product, on both databases: SMS replies posted to the inbound
 * route, the customers CSV's consent columns, the customer's page and the list's filter, and
 * marketing emails delivered to a real SMTP server with RFC 8058 one-click unsubscribe, whose
 * signed link unsubscribes and whose altered link is refused.
 */
const publicUrl = 'https://crm.shop.example';

describe.each(databaseKinds)('consent and 退订, %s database', (kind) => {
  let stack: Stack;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  const ids = { wang: uniqueId('wang'), li: uniqueId('li'), zhang: uniqueId('zhang'), zhao: uniqueId('zhao') };
  // 王芳 and 李四 share a number, stored in two spellings: a reply from it speaks for both.
  const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    stack = await startStack({
      ...(kind === 'postgresql' ? { databaseUrl: await freshPostgresUrl() } : {}),
      mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Shop <shop@example.com>' },
      publicUrl,
      unsubscribeMailto: 'unsubscribe@shop.example',
    });
    const csv = [
      'customer_id,name,phone,email,sms_subscribed,email_subscribed',
      `${ids.wang},王芳,${phone},wang@example.com,,`,
      `${ids.li},李四,+86 ${phone},li@example.com,,`,
      `${ids.zhang},张三,13900005678,zhang@example.com,false,`,
      `${ids.zhao},赵六,13700001111,zhao@example.com,,否`,
    ].join('\n');
    expect((await importCustomers(csv)).status).toBe(200);
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
  });

  const importCustomers = async (csv: string) => {
    const res = await fetch(`${stack.baseUrl}/api/import/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const subscriptions = async (id: string) => {
    const res = await stack.api(`/api/customers/${encodeURIComponent(id)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.subscriptions as Record<'sms' | 'email', { state: string; at: string | null; via: string | null }>;
  };
  const reply = (text: string, from = phone) => stack.api('/api/channels/sms/inbound', { body: { phone: from, text, receivedAt: new Date().toISOString() } });

  it('imports consent columns: false unsubscribes, an empty cell leaves the default', async () => {
    expect(await subscriptions(ids.wang)).toEqual({ sms: { state: 'subscribed', at: null, via: null }, email: { state: 'subscribed', at: null, via: null } });
    expect((await subscriptions(ids.zhang)).sms).toMatchObject({ state: 'unsubscribed', via: 'import' });
    expect((await subscriptions(ids.zhao)).email).toMatchObject({ state: 'unsubscribed', via: 'import' });
    const bad = await importCustomers(`customer_id,sms_subscribed\n${ids.wang},maybe`);
    expect(bad.body).toMatchObject({ failed: 1, errors: [{ column: 'sms_subscribed' }] });
  });

  it('does nothing for replies that are no keyword, and stores them', async () => {
    for (const text of ['TDX', '谢谢', '退款什么时候到', '好的T', 'OK', '']) {
      const res = await reply(text);
      expect(res.status, text).toBe(200);
      expect(res.body, text).toMatchObject({ action: 'none', customers: 2, changed: 0 });
    }
    expect((await subscriptions(ids.wang)).sms.state).toBe('subscribed');
    const stored = await stack.huitou.context.db.selectFrom('sms_inbound').selectAll().where('text', '=', 'TDX').execute();
    expect(stored.map((r) => [r.action, r.customer_ids])).toContainEqual(['none', expect.arrayContaining([ids.wang, ids.li])]);
  });

  it('unsubscribes every customer with the number on each keyword, and resubscribes on 订阅', async () => {
    for (const text of ['T', 'td', ' TD ', 'R', 'r', '退订', '退', '退订。', 'ＴＤ', '请帮我退订', '取消订阅']) {
      expect((await reply('订阅')).body, text).toMatchObject({ action: 'resubscribe' });
      expect((await subscriptions(ids.li)).sms.state).toBe('subscribed');
      const res = await reply(text);
      expect(res.body, text).toMatchObject({ action: 'unsubscribe', customers: 2, changed: 2 });
      for (const id of [ids.wang, ids.li]) expect((await subscriptions(id)).sms, text).toMatchObject({ state: 'unsubscribed', via: 'reply' });
      // Email is another channel.
      expect((await subscriptions(ids.wang)).email.state).toBe('subscribed');
    }
    for (const text of ['恢复', '恢复订阅', '重新订阅']) {
      await reply('T');
      expect((await reply(text)).body, text).toMatchObject({ action: 'resubscribe', changed: 2 });
    }
    // Left unsubscribed for the tests below.
    await reply('退订');
  });

  it("counts the opt-out text in a marketing SMS preview, and takes the shop's own once it is valid", async () => {
    const template = '亲'.repeat(66);
    const preview = async (optOut: boolean) => (await stack.api('/api/templates/preview', { body: { template, channel: 'sms', optOut } })).body;
    expect(await preview(false)).toMatchObject({ text: template, length: 66, smsSegments: 1 });
    expect(await preview(true)).toMatchObject({ text: `${template} 拒收请回复R`, length: 73, smsSegments: 2 });

    const { settings } = (await stack.api('/api/settings')).body;
    for (const bad of ['请勿回复', 'T', '拒收请回复R'.repeat(4)]) {
      const res = await stack.api('/api/settings', { method: 'PUT', body: { ...settings, sms: { ...settings.sms, optOutText: bad } } });
      expect(res.status, bad).toBe(400);
      expect(res.body.problems, bad).toContainEqual(expect.objectContaining({ path: 'sms.optOutText' }));
    }
    const ok = await stack.api('/api/settings', { method: 'PUT', body: { ...settings, sms: { ...settings.sms, optOutText: '回T退订' } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await preview(true)).text).toBe(`${template} 回T退订`);
    expect((await stack.api('/api/settings', { method: 'PUT', body: settings })).status).toBe(200);
  });

  it('sets consent by the API, refusing an unknown channel or state by name', async () => {
    const put = (channel: string, body: unknown, id = ids.zhao) =>
      stack.api(`/api/customers/${encodeURIComponent(id)}/subscriptions/${channel}`, { method: 'PUT', body });
    const set = await put('sms', { state: 'unsubscribed' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ changed: true, subscriptions: { sms: { state: 'unsubscribed', via: 'api' } } });
    expect((await put('sms', { state: 'unsubscribed' })).body.changed).toBe(false);
    expect((await put('sms', { state: 'subscribed' })).body.subscriptions.sms).toMatchObject({ state: 'subscribed', via: 'api' });
    const badChannel = await put('fax', { state: 'subscribed' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.problems).toContainEqual(expect.objectContaining({ path: 'channel' }));
    expect((await put('sms', { state: 'maybe' })).body.problems).toContainEqual(expect.objectContaining({ path: 'state' }));
    expect((await put('sms', { state: 'subscribed' }, uniqueId('nobody'))).status).toBe(404);
  });

  it('refuses a reply without a phone number, naming the field', async () => {
    const res = await stack.api('/api/channels/sms/inbound', { body: { text: 'T' } });
    expect(res.status).toBe(400);
    expect(res.body.problems).toContainEqual(expect.objectContaining({ path: 'phone' }));
  });

  it('keeps an unsubscribe by reply through an import without the column, and resubscribes when the column says true', async () => {
    await importCustomers(`customer_id,name\n${ids.wang},王芳`);
    expect((await subscriptions(ids.wang)).sms).toMatchObject({ state: 'unsubscribed', via: 'reply' });
    await importCustomers(`customer_id,sms_subscribed\n${ids.wang},`);
    expect((await subscriptions(ids.wang)).sms).toMatchObject({ state: 'unsubscribed', via: 'reply' });
    await importCustomers(`customer_id,sms_subscribed\n${ids.wang},true`);
    expect((await subscriptions(ids.wang)).sms).toMatchObject({ state: 'subscribed', via: 'import' });
  });

  it('lists and counts the customers unsubscribed on a channel', async () => {
    expect((await stack.api('/api/facts/refresh', { method: 'POST' })).status).toBe(200);
    const listed = async (channel: string) => {
      const res = await stack.api(`/api/customers?unsubscribed=${channel}&limit=500`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const count = await stack.api(`/api/customers/count?unsubscribed=${channel}`);
      expect(count.body.count).toBe(res.body.customers.length);
      return (res.body.customers as { id: string }[]).map((c) => c.id).sort();
    };
    expect(await listed('sms')).toEqual([ids.li, ids.zhang].sort());
    expect(await listed('email')).toEqual([ids.zhao]);
    const bad = await stack.api('/api/customers?unsubscribed=fax');
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toContainEqual(expect.objectContaining({ path: 'unsubscribed' }));
  });

  const enqueue = (customerId: string, o: Partial<OutgoingMessage>) =>
    stack.huitou.context.outbox.enqueue({
      idempotencyKey: uniqueId('k'),
      channel: 'email',
      recipient: 'wang@example.com',
      subject: '双11 专享',
      text: '<p>王芳，您的专享券已到账。</p>',
      journeyId: 'consent-test',
      journeyVersion: 1,
      nodeId: 'n1',
      customerId,
      ...o,
    });

  it('sends marketing email with one-click unsubscribe; the signed link unsubscribes, an altered one is refused', async () => {
    const marker = uniqueId('m');
    await enqueue(ids.wang, { text: `<p>营销 ${marker}</p>`, guard: { category: 'marketing', priority: 5, quietHours: 'ignore' } });
    await enqueue(ids.wang, { text: `<p>发货通知 ${marker}</p>` });
    const delivered = async () => {
      const mails = await Promise.all(smtp.mails.map((m) => simpleParser(m.raw)));
      const find = (word: string) => mails.find((p) => typeof p.html === 'string' && p.html.includes(`${word} ${marker}`));
      const [promo, notice] = [find('营销'), find('发货通知')];
      return promo && notice ? { promo, notice } : undefined;
    };
    const { promo, notice } = await eventually(delivered);
    const header = (p: typeof promo, key: string) => p.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
    const list = header(promo, 'list-unsubscribe');
    expect(list).toMatch(
      /^List-Unsubscribe: <https:\/\/crm\.shop\.example\/api\/unsubscribe\/v1\.email\.[^>]+>, <mailto:unsubscribe@shop\.example\?subject=[^>]+>$/,
    );
    expect(header(promo, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const url = /<(https:[^>]+)>/.exec(list!)![1]!;
    // The same link in the body, for readers whose mail client shows no unsubscribe button.
    expect(promo.html).toContain(`href="${url}"`);
    expect(promo.html).toContain('退订');
    // A transactional email (a shipping notice) carries none.
    expect(header(notice, 'list-unsubscribe')).toBeUndefined();
    expect(notice.html).not.toContain('/api/unsubscribe/');

    const path = new URL(url).pathname;
    const page = await fetch(stack.baseUrl + path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('确认退订');
    const english = await fetch(stack.baseUrl + path, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await english.text()).toContain('<button type="submit">Unsubscribe</button>');
    // Looking at the page changes nothing.
    expect((await subscriptions(ids.wang)).email.state).toBe('subscribed');

    // Altered: another customer's id with this signature, or one character of the signature changed.
    const [v, channel, , signature] = path.split('/').pop()!.split('.');
    const otherCustomer = `/api/unsubscribe/${v}.${channel}.${Buffer.from(ids.li).toString('base64url')}.${signature}`;
    const flipped = path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A');
    const smsChannel = path.replace('v1.email.', 'v1.sms.');
    for (const forged of [otherCustomer, flipped, smsChannel, '/api/unsubscribe/v1.email.abc.def']) {
      const res = await fetch(stack.baseUrl + forged, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status, forged).toBe(400);
      expect(await res.text()).toContain('链接无效');
    }
    expect((await subscriptions(ids.li)).email.state).toBe('subscribed');
    expect((await subscriptions(ids.wang)).sms.state).toBe('subscribed');

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, no token, no cookie.
    const oneClick = await fetch(stack.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('已退订');
    expect((await subscriptions(ids.wang)).email).toMatchObject({ state: 'unsubscribed', via: 'one-click' });

    // From now on marketing email to her is skipped with its reason; a shipping notice still goes.
    const skipped = await enqueue(ids.wang, { guard: { category: 'marketing', priority: 5, quietHours: 'ignore' } });
    expect(skipped.status).toBe('skipped_unsubscribed');
    const kept = await enqueue(ids.wang, {});
    expect(kept.status).toBe('queued');
    const messages = await stack.api(`/api/messages?customerId=${encodeURIComponent(ids.wang)}`);
    const row = (messages.body.messages as { id: string; status: string; reason: unknown }[]).find((m) => m.id === skipped.messageId);
    expect(row).toMatchObject({ status: 'skipped_unsubscribed', reason: { code: 'unsubscribed' } });
  });

  it('unsubscribes by the confirmation page’s button too', async () => {
    const marker = uniqueId('m');
    await enqueue(ids.li, { recipient: 'li@example.com', text: `<p>营销 ${marker}</p>`, guard: { category: 'marketing', priority: 5, quietHours: 'ignore' } });
    const mail = await eventually(async () => {
      const parsed = await Promise.all(smtp.mails.map((m) => simpleParser(m.raw)));
      return parsed.find((p) => p.html && p.html.includes(marker));
    });
    const url = /href="([^"]+)"/.exec(mail.html as string)![1]!;
    const res = await fetch(stack.baseUrl + new URL(url).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'confirm=1',
    });
    expect(res.status).toBe(200);
    expect((await subscriptions(ids.li)).email).toMatchObject({ state: 'unsubscribed', via: 'link' });
  });
});
