import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';

describe('channel configuration from the environment', () => {
  it('defaults to local sinks and no allow-list', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({ httpAllow: [], sms: undefined, mail: undefined, deliveryAttempts: 5 });
  });

  it('reads the SMS gateway, SMTP server, allow-list and attempts', () => {
    const c = configFromEnv({
      HUITOU_SMS_URL: 'https://sms.internal.example/send',
      HUITOU_SMS_SECRET: 's3cret',
      HUITOU_SMTP_URL: 'smtps://u:p@smtp.example.com:465',
      HUITOU_MAIL_FROM: 'Shop <shop@example.com>',
      HUITOU_HTTP_ALLOW: ' 10.20.0.0/16, robot.lan ,fd00::/8',
      HUITOU_DELIVERY_ATTEMPTS: '3',
    });
    expect(c).toMatchObject({
      sms: { url: 'https://sms.internal.example/send', secret: 's3cret' },
      mail: { smtpUrl: 'smtps://u:p@smtp.example.com:465', from: 'Shop <shop@example.com>' },
      httpAllow: ['10.20.0.0/16', 'robot.lan', 'fd00::/8'],
      deliveryAttempts: 3,
    });
  });

  it('reads Aliyun and Tencent Cloud SMS with their keys, endpoints by default', () => {
    expect(configFromEnv({ HUITOU_SMS_PROVIDER: 'aliyun', HUITOU_SMS_ACCESS_KEY_ID: 'LTAI5t', HUITOU_SMS_ACCESS_KEY_SECRET: 'sec' }).smsProvider).toEqual({
      kind: 'aliyun',
      endpoint: 'https://dysmsapi.aliyuncs.com',
      accessKeyId: 'LTAI5t',
      accessKeySecret: 'sec',
    });
    const tencent = configFromEnv({
      HUITOU_SMS_PROVIDER: 'tencent',
      HUITOU_SMS_ACCESS_KEY_ID: 'AKID',
      HUITOU_SMS_ACCESS_KEY_SECRET: 'sec',
      HUITOU_SMS_SDK_APP_ID: '1400006666',
      HUITOU_SMS_ENDPOINT: 'http://127.0.0.1:9000',
    }).smsProvider;
    expect(tencent).toEqual({
      kind: 'tencent',
      endpoint: 'http://127.0.0.1:9000',
      secretId: 'AKID',
      secretKey: 'sec',
      region: 'ap-guangzhou',
      sdkAppId: '1400006666',
    });
  });

  it('refuses an SMS provider without what it needs, naming the variable', () => {
    expect(() => configFromEnv({ HUITOU_SMS_PROVIDER: 'twilio' })).toThrow(/HUITOU_SMS_PROVIDER must be aliyun or tencent/);
    expect(() => configFromEnv({ HUITOU_SMS_PROVIDER: 'aliyun', HUITOU_SMS_ACCESS_KEY_ID: 'x' })).toThrow(/HUITOU_SMS_ACCESS_KEY_SECRET must be set/);
    expect(() => configFromEnv({ HUITOU_SMS_PROVIDER: 'tencent', HUITOU_SMS_ACCESS_KEY_ID: 'x', HUITOU_SMS_ACCESS_KEY_SECRET: 'y' })).toThrow(
      /HUITOU_SMS_SDK_APP_ID must be set/,
    );
    expect(() =>
      configFromEnv({
        HUITOU_SMS_PROVIDER: 'aliyun',
        HUITOU_SMS_ACCESS_KEY_ID: 'x',
        HUITOU_SMS_ACCESS_KEY_SECRET: 'y',
        HUITOU_SMS_URL: 'https://g',
        HUITOU_SMS_SECRET: 's',
      }),
    ).toThrow(/either HUITOU_SMS_PROVIDER or HUITOU_SMS_URL/);
  });

  it('refuses incomplete or malformed settings, naming the variable', () => {
    expect(() => configFromEnv({ HUITOU_SMS_URL: 'https://sms.example/send' })).toThrow(/HUITOU_SMS_SECRET must be set/);
    expect(() => configFromEnv({ HUITOU_SMS_URL: 'sms.example', HUITOU_SMS_SECRET: 'x' })).toThrow(/HUITOU_SMS_URL must be an http or https URL/);
    expect(() => configFromEnv({ HUITOU_SMTP_URL: 'smtp://h:25' })).toThrow(/HUITOU_MAIL_FROM must be set/);
    expect(() => configFromEnv({ HUITOU_SMTP_URL: 'http://h', HUITOU_MAIL_FROM: 'a@b.c' })).toThrow(/HUITOU_SMTP_URL must be an smtp/);
    expect(() => configFromEnv({ HUITOU_HTTP_ALLOW: '10.0.0.0/40' })).toThrow(/HUITOU_HTTP_ALLOW: "10.0.0.0\/40"/);
    expect(() => configFromEnv({ HUITOU_DELIVERY_ATTEMPTS: '0' })).toThrow(/HUITOU_DELIVERY_ATTEMPTS must be a whole number/);
    expect(() => configFromEnv({ HUITOU_DELIVERY_CLAIM_TIMEOUT_S: '1' })).toThrow(
      /HUITOU_DELIVERY_CLAIM_TIMEOUT_S must be a whole number of seconds, at least 5/,
    );
    expect(configFromEnv({}).deliveryClaimTimeoutMs).toBe(300_000);
    expect(configFromEnv({ HUITOU_DELIVERY_CLAIM_TIMEOUT_S: '30' }).deliveryClaimTimeoutMs).toBe(30_000);
  });
});
