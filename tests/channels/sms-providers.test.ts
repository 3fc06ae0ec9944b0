import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageDispatcher } from '../../server/messaging/dispatcher';
import { createOutboundHttp } from '../../server/messaging/outbound-http';
import { aliyunSms } from '../../server/messaging/channels/aliyun-sms';
import { tencentSms } from '../../server/messaging/channels/tencent-sms';
import type { ChannelProvider } from '../../server/messaging/channels/provider';
import { createLogger } from '../../server/logger';
import { Outbox } from '../../server/messaging/outbox';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases';
import { uniqueId } from '../support/journeys';
import { startProviderProcess, type ProviderProcess } from './provider-process';

// Aliyun SMS and Tencent Cloud SMS, each against a local server process that verifies the real
// request signature with the shared secret and answers the provider's documented bodies.
const log = createLogger('silent');
const http = createOutboundHttp({ allow: ['127.0.0.1'] });
const aliyunKey = { id: 'LTAI5tTestKeyId', secret: 'aliyun-secret-不要外传' };
const tencentKey = { id: 'AKIDtestSecretId', secret: 'tencent-secret-不要外传' };

describe.each(databaseKinds)('SMS providers through the outbox on %s', (kind) => {
  let t: TestDatabase;
  let aliyun: ProviderProcess;
  let tencent: ProviderProcess;
  beforeAll(async () => {
    [t, aliyun, tencent] = await Promise.all([
      openTestDatabase(kind),
      startProviderProcess('aliyun-sms-server.ts', {
        ALIYUN_KEY_ID: aliyunKey.id,
        ALIYUN_KEY_SECRET: aliyunKey.secret,
        ALIYUN_SIGN_NAME: '回头小店',
        ALIYUN_TEMPLATES: JSON.stringify({ SMS_154950909: ['name', 'order'] }),
      }),
      startProviderProcess('tencent-sms-server.ts', {
        TENCENT_SECRET_ID: tencentKey.id,
        TENCENT_SECRET_KEY: tencentKey.secret,
        TENCENT_SDK_APP_ID: '1400006666',
        TENCENT_SIGN_NAME: '回头小店',
        TENCENT_TEMPLATES: JSON.stringify({ '449739': 2 }),
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([t?.close(), aliyun?.stop(), tencent?.stop()]);
  });

  // Each test has its own channel name so rows left by another test are not claimed by this one.
  const enqueue = async (channel: string, phone: string, smsTemplate?: { code: string; params: Record<string, string> }) => {
    const { messageId } = await new Outbox(t.db).enqueue({
      idempotencyKey: uniqueId('k'),
      channel,
      recipient: phone,
      text: smsTemplate ? `${smsTemplate.code} …` : '王芳，您的订单还未付款',
      smsTemplate,
      journeyId: 'j1',
      journeyVersion: 1,
      nodeId: 'n1',
      customerId: uniqueId('c'),
    });
    return messageId;
  };
  const row = (id: string) => t.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const drain = (channel: string, provider: ChannelProvider) =>
    new MessageDispatcher({ db: t.db, providers: { [channel]: provider }, log, backoffMs: 200, maxBackoffMs: 400, maxAttempts: 3 }).drain();
  const signature = (value: string | null) => async () => value;
  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

  describe('Aliyun SMS', () => {
    const provider = (o: { secret?: string; sign?: string | null } = {}) =>
      aliyunSms({
        endpoint: aliyun.url,
        accessKeyId: aliyunKey.id,
        accessKeySecret: o.secret ?? aliyunKey.secret,
        http,
        signature: signature(o.sign === undefined ? '【回头小店】' : o.sign),
      });
    const template = { code: 'SMS_154950909', params: { name: '王芳', order: '1001' } };

    it('sends the template with its named variables and the signature without 【】, and records the answer', async () => {
      const channel = `sms-ali-ok-${kind}`;
      const to = phone();
      const id = await enqueue(channel, to, template);
      await drain(channel, provider());
      const request = (await aliyun.received()).find((r) => r.params.OutId === id);
      expect(request?.params).toEqual({
        PhoneNumbers: to,
        SignName: '回头小店',
        TemplateCode: 'SMS_154950909',
        TemplateParam: { name: '王芳', order: '1001' },
        OutId: id,
      });
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'sent', attempts: 1, provider: 'aliyun-sms', provider_code: 'OK', provider_message: 'OK', last_error: null });
      expect(stored.provider_message_id).toMatch(/^\d+\^0$/);
    });

    it('retries when throttled (isv.BUSINESS_LIMIT_CONTROL), keeping the code, then records it sent', async () => {
      const channel = `sms-ali-throttle-${kind}`;
      const to = phone();
      await aliyun.queue(to, ['isv.BUSINESS_LIMIT_CONTROL']);
      const id = await enqueue(channel, to, template);
      await drain(channel, provider());
      let stored = await row(id);
      expect(stored).toMatchObject({ status: 'queued', attempts: 1, provider_code: 'isv.BUSINESS_LIMIT_CONTROL', reason_code: 'retry' });
      expect(stored.provider_message).toBe('触发号码天级流控Permits:10');
      for (let i = 0; i < 40 && (await row(id)).status === 'queued'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await drain(channel, provider());
      }
      stored = await row(id);
      expect(stored).toMatchObject({ status: 'sent', attempts: 2, provider_code: 'OK' });
    });

    it.each([
      ['a blacklisted number', 'isv.BLACK_KEY_CONTROL_LIMIT', '黑名单管控'],
      ['insufficient balance', 'isv.AMOUNT_NOT_ENOUGH', '账户余额不足'],
    ])('fails at once on %s, with the provider code and message', async (_what, code, message) => {
      const channel = `sms-ali-${code}-${kind}`;
      const to = phone();
      await aliyun.queue(to, [code]);
      const id = await enqueue(channel, to, template);
      await drain(channel, provider());
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'failed', attempts: 1, provider: 'aliyun-sms', provider_code: code, provider_message: message, sent_at: null });
      expect(stored.last_error).toContain(code);
    });

    it('fails at once on a template Aliyun does not know (isv.SMS_TEMPLATE_ILLEGAL)', async () => {
      const channel = `sms-ali-tpl-${kind}`;
      const id = await enqueue(channel, phone(), { code: 'SMS_000000000', params: { order: '1' } });
      await drain(channel, provider());
      expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, provider_code: 'isv.SMS_TEMPLATE_ILLEGAL' });
    });

    it('is refused by the server when signed with a wrong secret (SignatureDoesNotMatch), and fails without retrying', async () => {
      const channel = `sms-ali-badsig-${kind}`;
      const id = await enqueue(channel, phone(), template);
      await drain(channel, provider({ secret: 'not-the-secret' }));
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'failed', attempts: 1, provider_code: 'SignatureDoesNotMatch' });
      expect((await aliyun.received()).some((r) => r.params.OutId === id)).toBe(false);
    });

    it('refuses free text and a missing signature with a clear reason, without calling Aliyun', async () => {
      const channel = `sms-ali-refuse-${kind}`;
      const free = await enqueue(channel, phone());
      const unsigned = await enqueue(channel, phone(), template);
      await drain(channel, provider({ sign: null }));
      expect(await row(free)).toMatchObject({ status: 'failed', attempts: 1, provider_code: null });
      expect((await row(free)).last_error).toMatch(/only approved templates.*free text/);
      expect((await row(unsigned)).last_error).toMatch(/sms\.signature/);
      expect((await row(unsigned)).status).toBe('failed');
      const ids = (await aliyun.received()).map((r) => r.params.OutId);
      expect(ids).not.toContain(free);
      expect(ids).not.toContain(unsigned);
    });
  });

  describe('Tencent Cloud SMS', () => {
    const provider = (o: { secret?: string } = {}) =>
      tencentSms({
        endpoint: tencent.url,
        secretId: tencentKey.id,
        secretKey: o.secret ?? tencentKey.secret,
        region: 'ap-guangzhou',
        sdkAppId: '1400006666',
        http,
        signature: signature('【回头小店】'),
      });
    // Numbered variables: sent in the order of {1}, {2}, whatever the order of the mapping.
    const template = { code: '449739', params: { '2': '1001', '1': '王芳' } };

    it('sends the template with +86, the SdkAppId and the values in template order, and records the answer', async () => {
      const channel = `sms-tc-ok-${kind}`;
      const to = phone();
      const id = await enqueue(channel, to, template);
      await drain(channel, provider());
      const request = (await tencent.received()).find((r) => r.params.SessionContext === id);
      expect(request?.params).toEqual({
        PhoneNumberSet: [`+86${to}`],
        SmsSdkAppId: '1400006666',
        SignName: '回头小店',
        TemplateId: '449739',
        TemplateParamSet: ['王芳', '1001'],
        SessionContext: id,
      });
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'sent', provider: 'tencent-sms', provider_code: 'Ok', provider_message: 'send success' });
      expect(stored.provider_message_id).toMatch(/^2433:\d+$/);
    });

    it('retries a number over its daily limit (LimitExceeded.PhoneNumberDailyLimit) and records it failed after the last try', async () => {
      const channel = `sms-tc-limit-${kind}`;
      const to = phone();
      await tencent.queue(`+86${to}`, ['LimitExceeded.PhoneNumberDailyLimit', 'LimitExceeded.PhoneNumberDailyLimit', 'LimitExceeded.PhoneNumberDailyLimit']);
      const id = await enqueue(channel, to, template);
      await drain(channel, provider());
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1, provider_code: 'LimitExceeded.PhoneNumberDailyLimit' });
      for (let i = 0; i < 40 && (await row(id)).status === 'queued'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await drain(channel, provider());
      }
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'failed', attempts: 3, provider_code: 'LimitExceeded.PhoneNumberDailyLimit' });
      expect(stored.provider_message).toContain('单个手机号日下发短信条数超过设定的上限');
    });

    it.each([
      ['a blacklisted number', 'FailedOperation.PhoneNumberInBlacklist'],
      ['an empty SMS package', 'FailedOperation.InsufficientBalanceInSmsPackage'],
    ])('fails at once on %s', async (_what, code) => {
      const channel = `sms-tc-${code}-${kind}`;
      const to = phone();
      await tencent.queue(`+86${to}`, [code]);
      const id = await enqueue(channel, to, template);
      await drain(channel, provider());
      expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, provider: 'tencent-sms', provider_code: code });
    });

    it('fails at once on a template Tencent has not approved', async () => {
      const channel = `sms-tc-tpl-${kind}`;
      const id = await enqueue(channel, phone(), { code: '111111', params: { '1': 'x' } });
      await drain(channel, provider());
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'failed', provider_code: 'FailedOperation.TemplateIncorrectOrUnapproved' });
      expect(stored.provider_message).toContain('模板未审批');
    });

    it('is refused by the server when signed with a wrong secret (AuthFailure.SignatureFailure), and fails without retrying', async () => {
      const channel = `sms-tc-badsig-${kind}`;
      const id = await enqueue(channel, phone(), template);
      await drain(channel, provider({ secret: 'not-the-secret' }));
      expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, provider_code: 'AuthFailure.SignatureFailure' });
      expect((await tencent.received()).some((r) => r.params.SessionContext === id)).toBe(false);
    });
  });
});
